import type { Db, DbOrTrx } from '../../platform/db/schema.ts';
import { AppError, badRequest, notFound } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { AuditActor, AuditEntryInput } from '../audit/audit.model.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { lockGraphExclusive, setUnwrangleable } from '../tags/tag-graph.repository.ts';
import { addMetaTag, addParent, makeCanonical, makeSynonym, markUnwrangleable, mergeTag, removeMetaTag, removeParent, renameTag } from '../tags/tag-graph.service.ts';
import { PARENT_TYPES, type FreeTagType, type Tag, type TagDetails, type TagRelation, type TagType } from '../tags/tags.model.ts';
import { findTagDetails, listRelatedTags } from '../tags/tags.repository.ts';
import { isWrangleable } from './tag-wrangle.model.ts';
import { findTagDetailsById } from './tag-wrangle.repository.ts';
import { ERROR_KEY, type WrangleAction, type WrangleForm } from './tag-wrangle.schemas.ts';
import { wranglingPolicy } from './wrangling.policy.ts';

/*
 * The wrangle screen's actions. Each runs in one transaction: it checks its rules (through the
 * graph service, which recomputes works' filter tags), and records who did what in the audit
 * log in that same transaction. A refused action rolls back whole and comes back as a message
 * for the form that was used.
 */

export type WrangleResult = { ok: true; tag: Tag } | { ok: false; errors: FieldErrors };

interface Step {
  trx: DbOrTrx;
  actor: AuditActor;
  tag: TagDetails;
}

/** Does the action and returns the tag whose wrangle page to go back to. */
type Handler<A extends WrangleAction> = (step: Step, form: WrangleForm<A>) => Promise<Tag>;

const refuse = badRequest;
const q = (name: string) => `“${name}”`;

async function audit(step: Step, entry: Omit<AuditEntryInput, 'tag'>, tag: Tag = step.tag): Promise<void> {
  await recordAudit(step.trx, step.actor, { ...entry, tag: { id: tag.id, name: tag.name } });
}

/** The tag called `name` among `types` (tried in order, a canonical one first), or a message saying there is none. */
async function findByName(trx: DbOrTrx, types: readonly TagType[], name: string): Promise<TagDetails> {
  const found: TagDetails[] = [];
  for (const type of types) {
    const tag = await findTagDetails(trx, type, name);
    if (tag) found.push(tag);
  }
  const tag = found.find((t) => t.canonical) ?? found[0];
  if (!tag) throw refuse(`There is no ${types.join(' or ')} tag called ${q(name)}. Check the spelling; tags are not created from this page.`);
  return tag;
}

/** The linked tag a remove button names, refused unless it really is linked that way. */
async function linked(step: Step, relation: TagRelation, id: number, what: string): Promise<Tag> {
  const tag = (await listRelatedTags(step.trx, step.tag.id))[relation].find((t) => t.id === id);
  if (!tag) throw refuse(`That tag isn't a ${what} of ${q(step.tag.name)} (any more).`);
  return tag;
}

async function isLinked(step: Step, relation: TagRelation, id: number): Promise<boolean> {
  return (await listRelatedTags(step.trx, step.tag.id))[relation].some((t) => t.id === id);
}

/** A tag that is wrangled (canonical or a synonym) is no longer unwrangleable. */
async function clearUnwrangleable(step: Step): Promise<void> {
  if (step.tag.unwrangleable) await setUnwrangleable(step.trx, step.tag.id, false);
}

const HANDLERS: { [A in WrangleAction]: Handler<A> } = {
  async canonical(step) {
    const { tag } = step;
    if (tag.canonical) throw refuse(`${q(tag.name)} is already canonical.`);
    await makeCanonical(step.trx, tag.id);
    await clearUnwrangleable(step);
    const was = tag.synonymOf ? ` (it was a synonym of ${q(tag.synonymOf.name)})` : '';
    await audit(step, { action: 'tag.canonical', summary: `Made ${q(tag.name)} canonical${was}.` });
    return tag;
  },

  async synonym(step, form) {
    const { tag } = step;
    const canonical = await findByName(step.trx, [tag.type], form.synonym_of);
    if (tag.synonymOf?.id === canonical.id) throw refuse(`${q(tag.name)} is already a synonym of ${q(canonical.name)}.`);
    await makeSynonym(step.trx, tag.id, canonical.id);
    await clearUnwrangleable(step);
    await audit(step, { action: 'tag.synonym', summary: `Made ${q(tag.name)} a synonym of ${q(canonical.name)}.`, details: { canonicalId: canonical.id } });
    return tag;
  },

  async 'add-parent'(step, form) {
    const { tag } = step;
    const types = PARENT_TYPES[tag.type as FreeTagType] ?? [];
    if (types.length === 0) throw refuse(`A ${tag.type} tag has no parent tags.`);
    const parent = await findByName(step.trx, types, form.parent);
    if (await isLinked(step, 'parent', parent.id)) throw refuse(`${q(parent.name)} is already a parent of ${q(tag.name)}.`);
    await addParent(step.trx, parent.id, tag.id);
    await audit(step, { action: 'tag.parent_added', summary: `Added the ${parent.type} ${q(parent.name)} as a parent of ${q(tag.name)}.`, details: { parentId: parent.id } });
    return tag;
  },

  async 'remove-parent'(step, form) {
    const parent = await linked(step, 'parent', form.tag_id, 'parent');
    await removeParent(step.trx, parent.id, step.tag.id);
    await audit(step, { action: 'tag.parent_removed', summary: `Removed the parent ${q(parent.name)} from ${q(step.tag.name)}.`, details: { parentId: parent.id } });
    return step.tag;
  },

  async 'add-meta'(step, form) {
    const { tag } = step;
    const meta = await findByName(step.trx, [tag.type], form.meta);
    if (await isLinked(step, 'meta', meta.id)) throw refuse(`${q(meta.name)} is already a meta-tag of ${q(tag.name)}.`);
    await addMetaTag(step.trx, meta.id, tag.id);
    await audit(step, { action: 'tag.meta_added', summary: `Made ${q(meta.name)} a meta-tag of ${q(tag.name)}.`, details: { metaId: meta.id, subId: tag.id } });
    return tag;
  },

  async 'add-sub'(step, form) {
    const { tag } = step;
    const sub = await findByName(step.trx, [tag.type], form.sub);
    if (await isLinked(step, 'sub', sub.id)) throw refuse(`${q(sub.name)} is already a sub-tag of ${q(tag.name)}.`);
    await addMetaTag(step.trx, tag.id, sub.id);
    await audit(step, { action: 'tag.meta_added', summary: `Made ${q(sub.name)} a sub-tag of ${q(tag.name)}.`, details: { metaId: tag.id, subId: sub.id } });
    return tag;
  },

  async 'remove-meta'(step, form) {
    const meta = await linked(step, 'meta', form.tag_id, 'meta-tag');
    await removeMetaTag(step.trx, meta.id, step.tag.id);
    await audit(step, { action: 'tag.meta_removed', summary: `Removed the meta-tag ${q(meta.name)} from ${q(step.tag.name)}.`, details: { metaId: meta.id, subId: step.tag.id } });
    return step.tag;
  },

  async 'remove-sub'(step, form) {
    const sub = await linked(step, 'sub', form.tag_id, 'sub-tag');
    await removeMetaTag(step.trx, step.tag.id, sub.id);
    await audit(step, { action: 'tag.meta_removed', summary: `Removed the sub-tag ${q(sub.name)} from ${q(step.tag.name)}.`, details: { metaId: step.tag.id, subId: sub.id } });
    return step.tag;
  },

  async rename(step, form) {
    const { from, to } = await renameTag(step.trx, step.tag.id, form.new_name);
    const renamed = { ...step.tag, name: to };
    await audit(step, { action: 'tag.renamed', summary: `Renamed ${q(from)} to ${q(to)}.`, details: { from, to } }, renamed);
    return renamed;
  },

  async merge(step, form) {
    const { tag } = step;
    const target = await findByName(step.trx, [tag.type], form.merge_into);
    const outcome = await mergeTag(step.trx, tag.id, target.id);
    await clearUnwrangleable(step);
    const moved = `${outcome.synonymsMoved} synonym${outcome.synonymsMoved === 1 ? '' : 's'} and ${outcome.linksMoved} link${outcome.linksMoved === 1 ? '' : 's'} moved`;
    const details = { sourceId: tag.id, targetId: target.id, synonymsMoved: outcome.synonymsMoved, linksMoved: outcome.linksMoved };
    // One entry on each tag, so both tags' histories tell the story.
    await audit(step, { action: 'tag.merged', summary: `Merged ${q(tag.name)} into ${q(target.name)} (${moved}).`, details }, target);
    await audit(step, { action: 'tag.synonym', summary: `Made ${q(tag.name)} a synonym of ${q(target.name)} by merging it.`, details });
    return target;
  },

  async unwrangleable(step, form) {
    const { tag } = step;
    const value = form.value === 'yes';
    if (value && (tag.canonical || tag.synonymOf)) throw refuse(`${q(tag.name)} is already wrangled: only a tag that is neither canonical nor a synonym can be unwrangleable.`);
    if (value === tag.unwrangleable) throw refuse(`${q(tag.name)} is already ${value ? '' : 'not '}marked unwrangleable.`);
    await markUnwrangleable(step.trx, tag.id, value);
    await audit(step, { action: 'tag.unwrangleable', summary: value ? `Marked ${q(tag.name)} unwrangleable.` : `Marked ${q(tag.name)} as no longer unwrangleable.` });
    return tag;
  },
};

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';

/** Runs one wrangle action on the tag with this id, for a wrangler or admin. */
export async function wrangleTag<A extends WrangleAction>(db: Db, viewer: Viewer, tagId: number, action: A, form: WrangleForm<A>): Promise<WrangleResult> {
  wranglingPolicy.authorize(viewer, 'wrangle', null);
  const handler = HANDLERS[action] as Handler<A>;
  try {
    const tag = await db.transaction().execute(async (trx) => {
      // Taken before the tag is read, so the tag can't change between the read and the action.
      await lockGraphExclusive(trx);
      const tag = await findTagDetailsById(trx, tagId);
      if (!tag) throw notFound('tag');
      // Fixed tags (system tags, media) are refused here whatever the graph service allows.
      if (!isWrangleable(tag)) throw refuse(`${q(tag.name)} is a fixed ${tag.type} tag and can't be wrangled.`);
      return handler({ trx, actor: { id: viewer.id, name: viewer.username }, tag }, form);
    });
    return { ok: true, tag };
  } catch (error) {
    const key = ERROR_KEY[action];
    if (error instanceof AppError && error.code === 'bad_request') return { ok: false, errors: { [key]: error.message } };
    // A writer created a tag with the new name between the check and the update.
    if (action === 'rename' && isUniqueViolation(error)) return { ok: false, errors: { [key]: 'Another tag of this type now has that name: merge into it instead of renaming.' } };
    throw error;
  }
}
