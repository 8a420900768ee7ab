import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../platform/db/database.ts';
import type { ImportedWork } from '../features/importing/importing.model.ts';

/**
 * `quire import FILE [--format text|html|docx|md] [--dry-run] [--json] [--as USERNAME] [--fandom NAME]`.
 * Bad input (unreadable, empty, too large, binary, invalid UTF-8, a zip bomb, an unknown format or
 * member) is exit 2 with one line on stderr, and is refused before anything is written: the file
 * is read and detected before the database is even opened.
 */
export class ImportInputError extends Error {
  override name = 'ImportInputError';
}

export interface ImportArgs {
  file: string;
  format: string | undefined;
  dryRun: boolean;
  json: boolean;
  as: string | undefined;
  fandoms: string[];
}

export function parseImportArgs(args: string[], usage: (message: string) => Error): ImportArgs {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, as: { type: 'string' }, fandom: { type: 'string', multiple: true } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw usage('quire import needs exactly one FILE (or - for standard input).');
  const dryRun = values['dry-run'] ?? false;
  if (!dryRun && !values.as) throw usage('quire import needs --as USERNAME to create a draft, or --dry-run to only show what it finds.');
  return { file: positionals[0]!, format: values.format, dryRun, json: values.json ?? false, as: values.as, fandoms: values.fandom ?? [] };
}

const round = (n: number) => Math.round(n * 10) / 10;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${round(bytes / 1024 / 1024)} MB` : bytes >= 1024 ? `${round(bytes / 1024)} KB` : `${bytes} bytes`);
const tooLarge = (what: string, limit: number) => new ImportInputError(`${what} is larger than ${size(limit)}, the import limit (QUIRE_IMPORT_MAX_BYTES).`);

/** Reads standard input as bytes, refusing more than `limit` without reading it all. */
async function readStdin(limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge('Standard input', limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readInput(file: string, limit: number): Promise<Buffer> {
  if (file === '-') return readStdin(limit);
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ImportInputError(`${file} is not a file.`);
    if (info.size > limit) throw tooLarge(file, limit);
    return await readFile(file);
  } catch (error) {
    if (error instanceof ImportInputError) throw error;
    throw new ImportInputError(`Can't read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
}

function summary(work: ImportedWork): string {
  const blocks = work.chapters.flatMap((c) => c.blocks);
  const count = (kind: string) => blocks.filter((b) => b.kind === kind).length;
  const lines = [
    `Title: ${work.title ?? '(none found)'}`,
    `Chapters: ${work.chapters.length}; ${count('prose')} prose paragraph(s), ${count('lyrics')} lyric stanza(s), ${count('break')} scene break(s); ${work.wordCount} words`,
    ...work.songs.map((s) => `Song: ${s.title ?? '?'} by ${s.artist ?? '?'}`),
    ...work.suggestedTags.map((t) => `Suggested ${t.type}: ${t.name} — “${t.evidence}”`),
    ...work.suggestedWarnings.map((w) => `Suggested warning: ${w.name} — “${w.evidence[0] ?? ''}”`),
  ];
  return `${lines.join('\n')}\n`;
}

export async function importCommand(config: Config, args: ImportArgs, withDatabase: <T>(run: (database: DatabaseHandle) => Promise<T>) => Promise<T>): Promise<number> {
  const data = await readInput(args.file, config.importMaxBytes);
  const { detectStructure } = await import('../features/importing/detector/detect.ts');
  const detected = await detectStructure({ format: args.format, data }, { maxDocxBytes: config.importMaxBytes });
  if (!detected.ok) throw new ImportInputError(detected.error.message);
  const { migrateToLatest } = await import('../platform/db/migrate.ts');
  const { withSuggestedTags, createImportedDraft } = await import('../features/importing/importing.service.ts');
  const { findUserIdByUsername } = await import('../features/accounts/accounts.repository.ts');
  return withDatabase(async ({ db }) => {
    await migrateToLatest(db);
    const work = await withSuggestedTags(db, detected.value);
    if (args.dryRun) {
      process.stdout.write(args.json ? `${JSON.stringify(work, null, 2)}\n` : summary(work));
      return 0;
    }
    const user = await findUserIdByUsername(db, args.as!);
    if (!user) throw new ImportInputError(`There is no member named ${args.as}.`);
    const result = await createImportedDraft(db, user.id, work, { fandoms: args.fandoms });
    if (!result.ok) throw new ImportInputError(`The draft was not created: ${result.errors.join(' ')}`);
    for (const notice of result.notices) console.error(`Note: ${notice}`);
    const path = `/works/${result.workId}`;
    process.stdout.write(args.json ? `${JSON.stringify({ workId: result.workId, url: path })}\n` : `${path}\n`);
    console.error(`Created a draft for ${user.username}: “${work.title ?? 'Untitled import'}”. Review and post it at ${path}.`);
    return 0;
  });
}
