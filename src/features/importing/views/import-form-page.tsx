import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';

export interface ImportFormValues {
  text?: string;
  format?: string;
}

interface Props {
  ctx: PageContext;
  maxBytes: number;
  values?: ImportFormValues;
  /** Why the text or file could not be imported (one message). */
  problem?: string;
}

export const IMPORT_ACCEPT = '.txt,.html,.htm,.docx,.md,text/plain,text/html,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const FORMAT_CHOICES: readonly { value: string; label: string }[] = [
  { value: '', label: 'Detect automatically' },
  { value: 'text', label: 'Plain text' },
  { value: 'html', label: 'HTML' },
  { value: 'docx', label: 'Word (.docx)' },
  { value: 'md', label: 'Markdown' },
];

export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** "Import a work": paste a story or upload a file; the next page previews what was found. */
export function ImportFormPage({ ctx, maxBytes, values = {}, problem }: Props) {
  return (
    <Layout ctx={ctx} title={problem ? 'Error: Import a work' : 'Import a work'}>
      <h1>Import a work</h1>
      {problem ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
          <h2 id="error-summary-title">The story was not imported. Nothing was saved.</h2>
          <p class="import-problem">{problem}</p>
        </div>
      ) : null}
      <p class="lede">
        Paste a story or upload a file (plain text, HTML, Word or Markdown, up to {megabytes(maxBytes)}). Quire finds the title, notes,
        chapters, scene breaks and song lyrics, and suggests tags. You check everything on the next page before a draft is made.
      </p>
      {/* multipart: the CSRF field comes first so it is read before the file. */}
      <form method="post" action="/works/import" enctype="multipart/form-data" class="stack-form">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="field-text">Paste the story</label>
          <p class="hint" id="field-text-hint">Leave this empty to upload a file instead.</p>
          <textarea id="field-text" name="text" rows={12} aria-describedby="field-text-hint">{values.text ?? ''}</textarea>
        </div>
        <div class="field">
          <label for="field-file">Or upload a file</label>
          <p class="hint" id="field-file-hint">.txt, .html, .htm, .docx or .md</p>
          <input type="file" id="field-file" name="file" accept={IMPORT_ACCEPT} aria-describedby="field-file-hint" />
        </div>
        <div class="field">
          <label for="field-format">Format</label>
          <select id="field-format" name="format">
            {FORMAT_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value} selected={(values.format ?? '') === choice.value}>{choice.label}</option>
            ))}
          </select>
        </div>
        <button type="submit">Preview</button>
      </form>
    </Layout>
  );
}
