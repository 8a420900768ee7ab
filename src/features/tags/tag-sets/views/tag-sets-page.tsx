import { Layout } from '../../../../platform/views/layout.tsx';
import { CsrfField } from '../../../../platform/views/forms.tsx';
import type { PageContext } from '../../../../platform/views/page-context.ts';
import type { ImportCounts } from '../tag-set.service.ts';

interface Props {
  ctx: PageContext;
  maxMegabytes: number;
  /** The counts of the import just made (shown after the redirect). */
  imported?: ImportCounts;
  /** Why the upload was refused: one line each, the file's problems with their JSON paths. */
  problems?: string[];
}

function Problems({ problems }: { problems: string[] }) {
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">
        {problems.length === 1 ? 'The file was not imported: fix this problem' : `The file was not imported: fix these ${problems.length} problems`}, then upload it again. Nothing was changed.
      </h2>
      <ul class="tag-set-problems">
        {problems.map((problem, i) => (
          <li key={i}><code>{problem}</code></li>
        ))}
      </ul>
    </div>
  );
}

/** The admin's tag set page: upload a JSON tag set, or download the archive's. */
export function TagSetsPage({ ctx, maxMegabytes, imported, problems = [] }: Props) {
  return (
    <Layout ctx={ctx} title={problems.length > 0 ? 'Error: Tag sets' : 'Tag sets'}>
      <h1>Tag sets</h1>
      {imported ? (
        <p class="notice" role="status">
          Imported {imported.tags} canonical tag{imported.tags === 1 ? '' : 's'}: {imported.created} created, {imported.changed} changed.
        </p>
      ) : null}
      {problems.length > 0 ? <Problems problems={problems} /> : null}
      <p class="lede">
        A tag set lists canonical tags with their synonyms, parents and meta-tags. Importing one adds what is missing and changes
        nothing else; importing the same file again changes nothing. A file with any problem is refused whole.
      </p>
      <h2>Import a tag set</h2>
      {/* multipart: the CSRF field comes first so it is read before the file. */}
      <form method="post" action="/admin/tag-sets" enctype="multipart/form-data" class="stack-form">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="field-file">Tag set file (JSON)</label>
          <p class="hint" id="field-file-hint">
            Format: <code>{'{ "tags": [ { "type": "fandom", "name": "…", "synonyms": [], "parents": [], "meta": [] } ] }'}</code>. Up to {maxMegabytes} MB.
          </p>
          <input type="file" id="field-file" name="file" accept=".json,application/json" required aria-describedby="field-file-hint" />
        </div>
        <button type="submit">Import</button>
      </form>
      <h2>Export</h2>
      <p>
        <a href="/admin/tag-sets/export.json" download>Download this archive's tag set</a> (JSON, in the same format).
      </p>
    </Layout>
  );
}
