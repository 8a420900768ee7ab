import type { ComponentChildren } from 'preact';
import type { FormValues } from '../../../platform/http/forms.ts';
import { DateTime, formatCount } from '../../../platform/views/format.tsx';
import { CsrfField, ErrorSummary, Field, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { AuditEntry } from '../../audit/audit.model.ts';
import { MAX_TAG_LENGTH, PARENT_TYPES, TAG_TYPE_LABELS, tagPath, type FreeTagType, type RelatedTags, type Tag, type TagDetails } from '../../tags/tags.model.ts';
import type { TagWorkCounts } from '../tag-wrangle.repository.ts';
import type { WrangleAction } from '../tag-wrangle.schemas.ts';
import { wranglePath } from '../tag-wrangle.model.ts';

export interface TagWranglePageProps {
  ctx: PageContext;
  tag: TagDetails;
  related: RelatedTags;
  counts: TagWorkCounts;
  history: AuditEntry[];
  values?: FormValues;
  errors?: FieldErrors;
  /** The action that just succeeded, for the status message. */
  done?: WrangleAction | undefined;
}

const DONE: Record<WrangleAction, string> = {
  canonical: 'The tag is now canonical.',
  synonym: 'The tag is now a synonym. Its works are found under its canonical tag.',
  'add-parent': 'Parent tag added.',
  'remove-parent': 'Parent tag removed.',
  'add-meta': 'Meta-tag added. Works under this tag are found under it too.',
  'add-sub': 'Sub-tag added. Its works are found under this tag too.',
  'remove-meta': 'Meta-tag removed.',
  'remove-sub': 'Sub-tag removed.',
  rename: 'The tag is renamed. Works show the new name.',
  merge: 'Merged. The merged tag is now a synonym of this one, and its links are here.',
  unwrangleable: 'Saved.',
};

const plural = (n: number, one: string) => `${formatCount(n)} ${one}${n === 1 ? '' : 's'}`;

/** A message for a form that has no input of its own (a button), where the error summary can link to it. */
function ErrorSlot({ name, errors }: { name: string; errors: FieldErrors }) {
  const error = errors[name];
  return error ? <p class="field-error" id={`field-${name}`} tabIndex={-1}>{error}</p> : null;
}

function ActionForm({ ctx, tag, action, children, class: className = 'stack-form' }: { ctx: PageContext; tag: Tag; action: WrangleAction; children: ComponentChildren; class?: string }) {
  return (
    <form method="post" action={`${wranglePath(tag)}/${action}`} class={className} noValidate>
      <CsrfField ctx={ctx} />
      {children}
    </form>
  );
}

/** One-line form naming a tag: a labelled text input (with the autocomplete hook) and a button. */
function NameForm(props: { ctx: PageContext; tag: Tag; action: WrangleAction; name: string; label: string; hint: string; button: string; types: string; values: FormValues; errors: FieldErrors; initial?: string }) {
  const { ctx, tag, action, name, label, hint, button, types, values, errors, initial = '' } = props;
  return (
    <ActionForm ctx={ctx} tag={tag} action={action}>
      <Field name={name} label={label} hint={hint} errors={errors}>
        {(p) => <input {...p} type="text" autoComplete="off" maxLength={MAX_TAG_LENGTH * 2} data-tag-autocomplete={types || undefined} value={values[name] ?? initial} />}
      </Field>
      <div class="form-actions">
        <button type="submit">{button}</button>
      </div>
    </ActionForm>
  );
}

/** Linked tags, each going to its own wrangle page, with a remove button when the link can be removed here. */
function LinkedTags(props: { ctx: PageContext; tag: Tag; tags: Tag[]; remove?: { action: WrangleAction; label: string } }) {
  const { ctx, tag, tags, remove } = props;
  if (tags.length === 0) return <p class="empty">None.</p>;
  return (
    <ul class="plain-list wrangle-links">
      {tags.map((t) => (
        <li key={t.id}>
          <a href={wranglePath(t)}>{t.name}</a> <span class="tag-type">({TAG_TYPE_LABELS[t.type].one})</span>
          {remove ? (
            <>
              {' '}
              <ActionForm ctx={ctx} tag={tag} action={remove.action} class="inline-form">
                <input type="hidden" name="tag_id" value={String(t.id)} />
                <button type="submit" class="link-button">
                  Remove<span class="visually-hidden"> {remove.label} {t.name}</span>
                </button>
              </ActionForm>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function State({ tag, counts }: { tag: TagDetails; counts: TagWorkCounts }) {
  const state = tag.canonical ? (
    <>Canonical: readers filtering on it also find the works of its synonyms and sub-tags.</>
  ) : tag.synonymOf ? (
    <>
      A synonym of <a href={wranglePath(tag.synonymOf)}>{tag.synonymOf.name}</a>: its works are found under that tag.
    </>
  ) : tag.unwrangleable ? (
    <>Unwrangleable: not canonical, and not to be made a synonym.</>
  ) : (
    <>Not wrangled yet: neither canonical nor a synonym.</>
  );
  return (
    <>
      <p class="wrangle-state">{state}</p>
      <p>
        {plural(counts.tagged, 'work')} tagged with it; {plural(counts.found, 'work')} found under it.
      </p>
    </>
  );
}

function StatusSection({ ctx, tag, values, errors }: { ctx: PageContext; tag: TagDetails; values: FormValues; errors: FieldErrors }) {
  const wrangled = tag.canonical || tag.synonymOf !== null;
  return (
    <>
      {!tag.canonical ? (
        <ActionForm ctx={ctx} tag={tag} action="canonical">
          <ErrorSlot name="canonical" errors={errors} />
          <div class="form-actions">
            <button type="submit">Make canonical</button>
          </div>
        </ActionForm>
      ) : null}
      <NameForm ctx={ctx} tag={tag} action="synonym" name="synonym_of" label="Make it a synonym of" hint={`The name of a canonical ${tag.type} tag. A tag with synonyms or meta/sub-tags of its own is merged instead.`} button="Make synonym" types={tag.type} values={values} errors={errors} />
      {!wrangled || tag.unwrangleable ? (
        <ActionForm ctx={ctx} tag={tag} action="unwrangleable">
          <ErrorSlot name="unwrangleable" errors={errors} />
          <input type="hidden" name="value" value={tag.unwrangleable ? 'no' : 'yes'} />
          <div class="form-actions">
            <button type="submit">{tag.unwrangleable ? 'Unmark unwrangleable' : 'Mark unwrangleable'}</button>
          </div>
        </ActionForm>
      ) : null}
    </>
  );
}

function Section({ id, heading, children }: { id: string; heading: string; children: ComponentChildren }) {
  return (
    <section class="form-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {children}
    </section>
  );
}

function History({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p class="empty">No changes recorded yet.</p>;
  return (
    <ol class="plain-list wrangle-history">
      {entries.map((entry) => (
        <li key={entry.id}>
          <DateTime date={entry.createdAt} /> · {entry.actorName}: {entry.summary}
        </li>
      ))}
    </ol>
  );
}

/** The wrangle screen for a fixed system tag: nothing to change (a form posted here anyway says why). */
export function SystemTagWranglePage({ ctx, tag, errors = {} }: { ctx: PageContext; tag: TagDetails; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title={titleWithErrors(`Wrangle ${tag.name}`, errors)}>
      <h1>Wrangle {tag.name}</h1>
      <ErrorSummary errors={errors} />
      {Object.keys(errors).map((name) => (
        <ErrorSlot key={name} name={name} errors={errors} />
      ))}
      <p>
        “{tag.name}” is a fixed {TAG_TYPE_LABELS[tag.type].one.toLowerCase()} tag: it is always canonical and can't be renamed, merged or linked.
      </p>
      <p><a href={tagPath(tag.type, tag.name)}>Back to the tag page</a></p>
    </Layout>
  );
}

/** Everything a wrangler can do to one tag, each change its own small form. */
export function TagWranglePage({ ctx, tag, related, counts, history, values = {}, errors = {}, done }: TagWranglePageProps) {
  const parentTypes = PARENT_TYPES[tag.type as FreeTagType] ?? [];
  const common = { ctx, tag, values, errors };
  return (
    <Layout ctx={ctx} title={titleWithErrors(`Wrangle ${tag.name}`, errors)} islands>
      <h1>Wrangle {tag.name}</h1>
      <p class="tag-type">
        {TAG_TYPE_LABELS[tag.type].one} · <a href={tagPath(tag.type, tag.name)}>View the tag page</a>
      </p>
      {done ? <p class="notice" role="status">{DONE[done]}</p> : null}
      <ErrorSummary errors={errors} />
      <Section id="status" heading="Status">
        <State tag={tag} counts={counts} />
        <StatusSection {...common} />
      </Section>
      <Section id="synonyms" heading="Synonyms">
        <LinkedTags ctx={ctx} tag={tag} tags={related.synonym} />
      </Section>
      {parentTypes.length > 0 || related.parent.length > 0 ? (
        <Section id="parents" heading="Parent tags">
          <ErrorSlot name="remove_parent" errors={errors} />
          <LinkedTags ctx={ctx} tag={tag} tags={related.parent} remove={{ action: 'remove-parent', label: 'parent' }} />
          {parentTypes.length > 0 ? (
            <NameForm {...common} action="add-parent" name="parent" label="Add a parent tag" hint={`The name of a canonical ${parentTypes.join(' or ')} tag.`} button="Add parent" types={parentTypes.join(',')} />
          ) : null}
        </Section>
      ) : null}
      <Section id="children" heading="Child tags">
        <LinkedTags ctx={ctx} tag={tag} tags={related.child} />
      </Section>
      <Section id="meta" heading="Meta-tags">
        <ErrorSlot name="remove_meta" errors={errors} />
        <LinkedTags ctx={ctx} tag={tag} tags={related.meta} remove={{ action: 'remove-meta', label: 'meta-tag' }} />
        {tag.canonical ? <NameForm {...common} action="add-meta" name="meta" label="Add a meta-tag" hint={`A canonical ${tag.type} tag above this one: its readers find this tag's works too.`} button="Add meta-tag" types={tag.type} /> : null}
      </Section>
      <Section id="subs" heading="Sub-tags">
        <ErrorSlot name="remove_sub" errors={errors} />
        <LinkedTags ctx={ctx} tag={tag} tags={related.sub} remove={{ action: 'remove-sub', label: 'sub-tag' }} />
        {tag.canonical ? <NameForm {...common} action="add-sub" name="sub" label="Add a sub-tag" hint={`A canonical ${tag.type} tag below this one: its works are found under this tag too.`} button="Add sub-tag" types={tag.type} /> : null}
      </Section>
      <Section id="rename" heading="Rename">
        <NameForm {...common} action="rename" name="new_name" label="New name" hint={`Up to ${MAX_TAG_LENGTH} characters, no commas. A change of capitals only is fine. Works keep the tag and show the new name; the old name's address stops working.`} button="Rename" types="" initial={tag.name} />
      </Section>
      {tag.synonymOf === null ? (
        <Section id="merge" heading="Merge">
          <NameForm {...common} action="merge" name="merge_into" label="Merge into" hint={`A canonical ${tag.type} tag. This tag's synonyms, parents, children, meta- and sub-tags move to it, and this tag becomes its synonym. Works keep their tags.`} button="Merge" types={tag.type} />
        </Section>
      ) : null}
      <Section id="history" heading="Recent changes">
        <History entries={history} />
      </Section>
    </Layout>
  );
}
