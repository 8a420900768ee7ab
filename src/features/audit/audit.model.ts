/** What kind of change an audit entry records. */
export const AUDIT_ACTIONS = [
  'tag.canonical',
  'tag.synonym',
  'tag.parent_added',
  'tag.parent_removed',
  'tag.meta_added',
  'tag.meta_removed',
  'tag.renamed',
  'tag.merged',
  'tag.unwrangleable',
  'tag_set.imported',
  'role.granted',
  'role.revoked',
  'wrangler.fandom_assigned',
  'wrangler.fandom_unassigned',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did it: the signed-in viewer, or the command line for `quire tags import`. */
export interface AuditActor {
  id: number | null;
  name: string;
}

export interface AuditEntryInput {
  action: AuditAction;
  /** One sentence a person can read: “Made “BBC Sherlock” a synonym of “Sherlock (TV)”.” */
  summary: string;
  tag?: { id: number; name: string };
  subjectUserId?: number;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  id: number;
  actorName: string;
  action: AuditAction;
  tagId: number | null;
  tagName: string | null;
  summary: string;
  createdAt: Date;
}

/** The command line acts as this actor in the log. */
export const COMMAND_LINE_ACTOR: AuditActor = { id: null, name: 'command line' };
