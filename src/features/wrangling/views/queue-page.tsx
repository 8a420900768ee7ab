import { DateTime, formatCount } from '../../../platform/views/format.tsx';
import { CsrfField, ErrorSummary, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { TagLink } from '../../tags/views/tag-link.tsx';
import type { Tag } from '../../tags/tags.model.ts';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { wranglePath } from '../tag-wrangle.model.ts';
import { QUEUE_PAGE_SIZE, QUEUE_TYPE_LABELS, QUEUE_TYPES, queuePath, type BulkFailure, type QueuePage as Queue, type QueueTag, type QueueType } from '../queue.model.ts';

interface Props {
  ctx: PageContext;
  fandom: Tag;
  type: QueueType;
  page: number;
  queue: Queue;
  /** How many tags the last bulk action wrangled, after its redirect. */
  done?: number;
  errors?: FieldErrors;
  failures?: BulkFailure[];
  /** Tags ticked when the form came back with an error. */
  selected?: ReadonlySet<number>;
}

function TypeTabs({ fandom, type }: { fandom: Tag; type: QueueType }) {
  return (
    <nav aria-label="Tag types">
      <ul class="actions queue-types">
        {QUEUE_TYPES.map((t) => (
          <li key={t}>
            <a href={queuePath(fandom.name, t)} {...(t === type ? { 'aria-current': 'page' as const } : {})}>{QUEUE_TYPE_LABELS[t]}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Failures({ failures }: { failures: BulkFailure[] }) {
  return (
    <div class="error-summary" role="alert" aria-labelledby="failures-title">
      <h2 id="failures-title">Nothing was changed: {failures.length === 1 ? 'one tag was' : `${failures.length} tags were`} refused</h2>
      <ul>
        {failures.map((f) => (
          <li key={f.tagId}>{f.reason}</li>
        ))}
      </ul>
    </div>
  );
}

function Row({ tag, checked }: { tag: QueueTag; checked: boolean }) {
  const id = `tag-${tag.id}`;
  return (
    <tr>
      <td>
        <input type="checkbox" id={id} name="tag_ids" value={String(tag.id)} checked={checked} />
        <label for={id} class="visually-hidden">Select {tag.name}</label>
      </td>
      <th scope="row">
        <a href={wranglePath(tag)}>{tag.name}</a>
        {tag.canonical ? <span class="hint"> (canonical)</span> : null}
      </th>
      <td class="number">{formatCount(tag.workCount)}</td>
      <td><DateTime date={tag.createdAt} /></td>
    </tr>
  );
}

function Pager({ fandom, type, page, total }: { fandom: Tag; type: QueueType; page: number; total: number }) {
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  return <Pagination page={page} pageCount={pageCount} href={(n) => queuePath(fandom.name, type, n)} />;
}

/** A fandom's unwrangled tags of one type, with bulk actions that work without JavaScript. */
export function QueuePage({ ctx, fandom, type, page, queue, done, errors = {}, failures = [], selected = new Set() }: Props) {
  const label = QUEUE_TYPE_LABELS[type];
  const title = `Unwrangled ${label.toLowerCase()} in ${fandom.name}`;
  return (
    <Layout ctx={ctx} title={titleWithErrors(title, failures.length > 0 ? { form: 'refused' } : errors)}>
      <p><a href="/wrangling">Wrangling</a></p>
      <h1>{title}</h1>
      <p>Fandom: <TagLink tag={fandom} /></p>
      <TypeTabs fandom={fandom} type={type} />
      {done !== undefined ? <p class="notice" role="status">Wrangled {done === 1 ? 'one tag' : `${formatCount(done)} tags`}.</p> : null}
      {failures.length > 0 ? <Failures failures={failures} /> : null}
      <ErrorSummary errors={errors} />
      {queue.tags.length === 0 ? (
        <p class="empty">No unwrangled {label.toLowerCase()} in this fandom. Well done!</p>
      ) : (
        <form method="post" action={queuePath(fandom.name)} class="queue-form">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="type" value={type} />
          <input type="hidden" name="page" value={String(page)} />
          <p class="hint">{formatCount(queue.total)} {queue.total === 1 ? 'tag' : 'tags'}, the most used first. Tick tags, then choose what to do with them.</p>
          <div class="table-scroll" id="field-tag_ids">
            <table class="queue-table">
              <caption class="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col"><span class="visually-hidden">Select</span></th>
                  <th scope="col">Tag</th>
                  <th scope="col">Works</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {queue.tags.map((tag) => (
                  <Row key={tag.id} tag={tag} checked={selected.has(tag.id)} />
                ))}
              </tbody>
            </table>
          </div>
          <div class="form-actions" id="field-action">
            <button type="submit" name="action" value="canonical_parent">Make canonical and add to {fandom.name}</button>
            <button type="submit" name="action" value="parent" class="button-secondary">Add {fandom.name} as parent</button>
            <button type="submit" name="action" value="unwrangleable" class="button-secondary">Mark unwrangleable</button>
          </div>
        </form>
      )}
      <Pager fandom={fandom} type={type} page={page} total={queue.total} />
    </Layout>
  );
}
