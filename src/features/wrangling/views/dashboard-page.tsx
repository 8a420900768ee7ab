import { formatCount } from '../../../platform/views/format.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Tag } from '../../tags/tags.model.ts';
import { QUEUE_TYPE_LABELS, QUEUE_TYPES, queuePath, type AssignedFandom } from '../queue.model.ts';

interface Props {
  ctx: PageContext;
  assigned: AssignedFandom[];
  query: string;
  fandoms: Tag[];
  limit: number;
}

function AssignedTable({ assigned }: { assigned: AssignedFandom[] }) {
  if (assigned.length === 0) return <p class="empty">No fandoms are assigned to you. Open any fandom's queue below, or ask an admin to assign you some.</p>;
  return (
    <div class="table-scroll">
      <table class="dashboard-table">
        <caption class="visually-hidden">Unwrangled tags in your fandoms</caption>
        <thead>
          <tr>
            <th scope="col">Fandom</th>
            {QUEUE_TYPES.map((type) => (
              <th key={type} scope="col">{QUEUE_TYPE_LABELS[type]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {assigned.map((fandom) => (
            <tr key={fandom.id}>
              <th scope="row"><a href={queuePath(fandom.name)}>{fandom.name}</a></th>
              {QUEUE_TYPES.map((type) => (
                <td key={type} class="number">
                  <a href={queuePath(fandom.name, type)} aria-label={`${formatCount(fandom.unwrangled[type])} unwrangled ${QUEUE_TYPE_LABELS[type].toLowerCase()} in ${fandom.name}`}>
                    {formatCount(fandom.unwrangled[type])}
                  </a>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The wrangler's start page: their fandoms' queues, and a way to open any fandom's queue. */
export function DashboardPage({ ctx, assigned, query, fandoms, limit }: Props) {
  return (
    <Layout ctx={ctx} title="Wrangling">
      <h1>Wrangling</h1>
      <ul class="actions">
        <li><a href="/wrangling/log">Audit log</a></li>
      </ul>
      <h2>Your fandoms</h2>
      <AssignedTable assigned={assigned} />
      <h2>All fandoms</h2>
      <form method="get" action="/wrangling" class="search-form" role="search">
        <label for="fandom-search">Fandom name</label>
        <input type="text" id="fandom-search" name="q" value={query} maxLength={150} />
        <button type="submit">Find</button>
      </form>
      {fandoms.length === 0 ? (
        <p class="empty">{query === '' ? 'No fandoms are canonical yet.' : 'No canonical fandom has a name like that.'}</p>
      ) : (
        <ul class="fandom-index">
          {fandoms.map((fandom) => (
            <li key={fandom.id}><a href={queuePath(fandom.name)}>{fandom.name}</a></li>
          ))}
        </ul>
      )}
      {fandoms.length === limit ? <p class="hint">Showing the first {limit}: search to find the others.</p> : null}
    </Layout>
  );
}
