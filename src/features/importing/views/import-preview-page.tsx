import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { blockKey, titleCandidates, withKind, type PreviewChoices } from '../import-page.schemas.ts';
import type { Block, ImportedWork } from '../importing.model.ts';
import { LIMITS } from '../../works/works.schemas.ts';

interface Props {
  ctx: PageContext;
  work: ImportedWork;
  choices: PreviewChoices;
  /** Why the draft was not created. */
  problems?: string[];
}

const TAG_TYPE_LABELS = { fandom: 'Fandom', character: 'Character', relationship: 'Relationship', freeform: 'Additional tag' } as const;

/** One block as it will read, with its "Lyrics" switch; a break has none. */
function PreviewBlock({ block: detected, chapter, index, lyrics }: { block: Block; chapter: number; index: number; lyrics: boolean }) {
  // Shown as the writer last chose it (after an error), so the page matches the ticks.
  const block = withKind(detected, lyrics);
  if (block.kind === 'break') return <li class="import-block import-break"><hr /><span class="visually-hidden">Scene break</span></li>;
  const key = blockKey(chapter, index);
  const id = `lyrics-${chapter}-${index}`;
  const content = block.kind === 'lyrics' ? block.lines.join('\n') : block.text;
  return (
    <li class="import-block">
      {block.kind === 'lyrics' ? (
        <blockquote class="lyrics"><p class="import-lines">{content}</p></blockquote>
      ) : (
        <p class="import-lines">{content}</p>
      )}
      <label class="choice import-kind" for={id}>
        <input type="checkbox" id={id} name="lyrics" value={key} checked={lyrics} /> Lyrics
        <span class="visually-hidden"> (chapter {chapter + 1}, paragraph {index + 1})</span>
      </label>
    </li>
  );
}

function MatterRow({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd class="import-lines">{text}</dd>
    </>
  );
}

function Suggestions({ work, choices }: Pick<Props, 'work' | 'choices'>) {
  return (
    <>
      <fieldset class="field">
        <legend>Suggested tags</legend>
        {work.suggestedTags.length === 0 ? <p class="hint">No tags of the archive were found in the text.</p> : null}
        {work.suggestedTags.map((tag, i) => (
          <div class="import-suggestion" key={i}>
            <label class="choice" for={`tag-${i}`}>
              <input type="checkbox" id={`tag-${i}`} name="tag" value={String(i)} checked={choices.tags.has(i)} /> {TAG_TYPE_LABELS[tag.type]}: {tag.name}
            </label>
            <p class="hint">Found in: <q>{tag.evidence}</q></p>
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for="field-fandoms">Other fandoms</label>
        <p class="hint" id="field-fandoms-hint">A work needs at least one fandom. Separate fandoms with commas.</p>
        <input type="text" id="field-fandoms" name="fandoms" value={choices.fandoms} aria-describedby="field-fandoms-hint" />
      </div>
      <fieldset class="field">
        <legend>Suggested warnings</legend>
        <p class="hint">Only suggestions, from the passages quoted: you decide. The draft also says "Creator Chose Not To Use Archive Warnings" until you edit it.</p>
        {work.suggestedWarnings.length === 0 ? <p class="hint">Nothing was found that readers commonly want warned about.</p> : null}
        {work.suggestedWarnings.map((warning, i) => (
          <div class="import-suggestion" key={i}>
            <label class="choice" for={`warning-${i}`}>
              <input type="checkbox" id={`warning-${i}`} name="warning" value={String(i)} checked={choices.warnings.has(i)} /> {warning.name}
            </label>
            <ul class="import-evidence">
              {warning.evidence.map((passage, j) => (
                <li key={j}><q>{passage}</q></li>
              ))}
            </ul>
          </div>
        ))}
      </fieldset>
    </>
  );
}

/** Ways to move the title: back into the story, or a paragraph of the story out to be the title. */
function MoveTitle({ work, choices }: Pick<Props, 'work' | 'choices'>) {
  const candidates = titleCandidates(work);
  return (
    <>
      {work.title ? (
        <div class="field">
          <label class="choice" for="field-title-to-story">
            <input type="checkbox" id="field-title-to-story" name="title_to_story" value="yes" checked={choices.titleToStory} /> Put “{work.title}” back at the start of
            the story (it isn't the title)
          </label>
        </div>
      ) : null}
      {candidates.length > 0 ? (
        <div class="field">
          <label for="field-title-from">Or use a paragraph of the story as the title</label>
          <p class="hint" id="field-title-from-hint">It is taken out of the story, and replaces the title above.</p>
          <select id="field-title-from" name="title_from" aria-describedby="field-title-from-hint">
            <option value="" selected={choices.titleFrom === null}>No, keep the title above</option>
            {candidates.map((c) => (
              <option key={c.key} value={c.key} selected={choices.titleFrom === c.key}>
                Paragraph {Number(c.key.split('.')[1]) + 1}: {c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </>
  );
}

/** The import preview: what the detector found, ready to be corrected and made into a draft. */
export function ImportPreviewPage({ ctx, work, choices, problems = [] }: Props) {
  const matter = work.summary || work.notes.beginning || work.notes.end || work.disclaimer || work.songs.length > 0;
  return (
    <Layout ctx={ctx} title={problems.length > 0 ? 'Error: Check the import' : 'Check the import'}>
      <h1>Check the import</h1>
      {problems.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
          <h2 id="error-summary-title">The draft was not created. Nothing was saved.</h2>
          <ul>
            {problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p class="lede">
        This is what Quire found: {work.chapters.length} chapter{work.chapters.length === 1 ? '' : 's'}, {work.wordCount.toLocaleString('en')} words. Fix the title, tick
        "Lyrics" for every song stanza (untick it for prose), choose the tags, then create a draft. Nothing is saved until you do, and the
        draft stays private until you post it.
      </p>
      <form method="post" action="/works/import/draft" enctype="multipart/form-data" class="stack-form import-preview">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="work" value={JSON.stringify(work)} />
        <div class="field">
          <label for="field-title">Title</label>
          <p class="hint" id="field-title-hint">Left blank, the draft is called "Untitled import".</p>
          <input type="text" id="field-title" name="title" maxLength={LIMITS.title} value={choices.title} aria-describedby="field-title-hint" />
        </div>
        <MoveTitle work={work} choices={choices} />
        {matter ? (
          <section aria-labelledby="import-matter-heading">
            <h2 id="import-matter-heading">Summary, notes and credits</h2>
            <dl class="import-matter">
              <MatterRow label="Summary" text={work.summary} />
              <MatterRow label="Notes" text={work.notes.beginning} />
              <MatterRow label="Disclaimer (added to the notes)" text={work.disclaimer} />
              <MatterRow label="End notes" text={work.notes.end} />
              {work.songs.map((song, i) => (
                <MatterRow key={i} label="Song" text={`${song.title ?? '(title not found)'} by ${song.artist ?? '(artist not found)'}`} />
              ))}
            </dl>
          </section>
        ) : null}
        <section aria-labelledby="import-tags-heading">
          <h2 id="import-tags-heading">Tags and warnings</h2>
          <Suggestions work={work} choices={choices} />
        </section>
        {work.chapters.map((chapter, c) => (
          <section key={c} class="import-chapter" aria-labelledby={`import-chapter-${c}`}>
            <h2 id={`import-chapter-${c}`}>Chapter {c + 1}{chapter.title ? `: ${chapter.title}` : ''}</h2>
            <ol class="import-blocks userstuff">
              {chapter.blocks.map((block, b) => (
                <PreviewBlock key={b} block={block} chapter={c} index={b} lyrics={choices.lyrics.has(blockKey(c, b))} />
              ))}
            </ol>
          </section>
        ))}
        <button type="submit">Create draft</button>
      </form>
    </Layout>
  );
}
