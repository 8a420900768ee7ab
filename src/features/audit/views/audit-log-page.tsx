import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { TagLink } from '../../tags/views/tag-link.tsx';
import type { Tag } from '../../tags/tags.model.ts';
import type { AuditEntry } from '../audit.model.ts';

interface Props {
  ctx: PageContext;
  entries: AuditEntry[];
  /** Tags the entries name, as they are now; a deleted tag is missing. */
  tags: Map<number, Tag>;
  /** The tag the log is filtered on, if any. */
  filter?: Tag;
  /** The `before` id of the next (older) page, when there is one. */
  olderBefore?: number;
}

const logPath = (params: { tag?: number; before?: number }) => {
  const search = new URLSearchParams();
  if (params.tag !== undefined) search.set('tag', String(params.tag));
  if (params.before !== undefined) search.set('before', String(params.before));
  const query = search.toString();
  return `/wrangling/log${query ? `?${query}` : ''}`;
};

/** When, to the minute, in UTC so every server renders the same page. */
function When({ date }: { date: Date }) {
  const iso = date.toISOString();
  return <time dateTime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`}</time>;
}

function Entry({ entry, tag, filtered }: { entry: AuditEntry; tag: Tag | undefined; filtered: boolean }) {
  return (
    <li class="audit-entry">
      <p class="audit-meta">
        <When date={entry.createdAt} /> · <span class="audit-actor">{entry.actorName}</span>
      </p>
      <p class="audit-summary">{entry.summary}</p>
      {tag ? (
        <p class="audit-tag">
          Tag: <TagLink tag={tag} />
          {filtered ? null : <> · <a href={logPath({ tag: tag.id })}>History of this tag</a></>}
        </p>
      ) : entry.tagName ? (
        <p class="audit-tag">Tag: {entry.tagName} (no longer exists)</p>
      ) : null}
    </li>
  );
}

/** Every change made by wranglers and admins, newest first, a page at a time. */
export function AuditLogPage({ ctx, entries, tags, filter, olderBefore }: Props) {
  const title = filter ? `Audit log: ${filter.name}` : 'Audit log';
  return (
    <Layout ctx={ctx} title={title}>
      <p><a href="/wrangling">Wrangling</a></p>
      <h1>{title}</h1>
      {filter ? (
        <p>
          Changes to <TagLink tag={filter} />. <a href="/wrangling/log">Show every change</a>
        </p>
      ) : null}
      {entries.length === 0 ? (
        <p class="empty">Nothing has been changed yet.</p>
      ) : (
        <ol class="audit-log">
          {entries.map((entry) => (
            <Entry key={entry.id} entry={entry} tag={entry.tagId === null ? undefined : tags.get(entry.tagId)} filtered={filter !== undefined} />
          ))}
        </ol>
      )}
      {olderBefore !== undefined ? (
        <nav aria-label="Pages" class="pager">
          <a href={logPath({ ...(filter ? { tag: filter.id } : {}), before: olderBefore })} rel="next">Older changes</a>
        </nav>
      ) : null}
    </Layout>
  );
}
