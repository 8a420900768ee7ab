import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { AuditAction, AuditActor, AuditEntry, AuditEntryInput } from './audit.model.ts';

/** Records one change; call it in the same transaction as the change, so neither lands alone. */
export async function recordAudit(db: DbOrTrx, actor: AuditActor, entry: AuditEntryInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: actor.id,
      actor_name: actor.name,
      action: entry.action,
      tag_id: entry.tag?.id ?? null,
      tag_name: entry.tag?.name ?? null,
      subject_user_id: entry.subjectUserId ?? null,
      summary: entry.summary,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export interface AuditQuery {
  tagId?: number;
  /** Entries older than this id (the id of the last entry on the previous page). */
  beforeId?: number;
  limit: number;
}

/** Newest first, optionally for one tag, a page at a time. */
export async function listAudit(db: DbOrTrx, query: AuditQuery): Promise<AuditEntry[]> {
  let select = db
    .selectFrom('audit_log')
    .select(['id', 'actor_name', 'action', 'tag_id', 'tag_name', 'summary', 'created_at'])
    .orderBy('id', 'desc')
    .limit(query.limit);
  if (query.tagId !== undefined) select = select.where('tag_id', '=', query.tagId);
  if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
  const rows = await select.execute();
  return rows.map((r) => ({
    id: r.id,
    actorName: r.actor_name,
    action: r.action as AuditAction,
    tagId: r.tag_id,
    tagName: r.tag_name,
    summary: r.summary,
    createdAt: r.created_at,
  }));
}
