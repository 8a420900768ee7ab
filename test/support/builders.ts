import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { listPseudsOfUser } from '../../src/features/accounts/accounts.repository.ts';
import { createAccount } from '../../src/features/accounts/accounts.service.ts';
import type { Role } from '../../src/features/accounts/accounts.table.ts';
import { addChapter } from '../../src/features/chapters/chapters.service.ts';
import { createBookmark } from '../../src/features/bookmarks/bookmarks.service.ts';
import { postWork } from '../../src/features/works/works.service.ts';
import type { WorkForm } from '../../src/features/works/works.schemas.ts';
import type { SongCredit } from '../../src/features/songs/songs.model.ts';
import { songCreditFormValues } from '../../src/features/songs/songs.service.ts';
import type { Db } from '../../src/platform/db/schema.ts';
import type { Viewer } from '../../src/platform/views/page-context.ts';
import type { FastifyInstance } from 'fastify';
import { TestClient } from './test-app.ts';
import { findWork } from '../../src/features/works/works.repository.ts';
import { postComment } from '../../src/features/comments/comments.service.ts';

export const PASSWORD = 'correct horse battery staple';

export function uniqueName(prefix = 'user'): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export interface BuiltUser extends Viewer {
  email: string;
  password: string;
  defaultPseudId: number;
}

/** Creates an account directly, for tests whose subject is something else. */
export async function buildUser(db: Db, overrides: { username?: string; email?: string; password?: string; roles?: Role[] } = {}): Promise<BuiltUser> {
  const username = overrides.username ?? uniqueName();
  const email = overrides.email ?? `${username}@example.org`;
  const password = overrides.password ?? PASSWORD;
  const result = await createAccount(db, { username, email, password, roles: overrides.roles ?? [] });
  if (!result.ok) throw new Error(`buildUser failed: ${JSON.stringify(result.errors)}`);
  const pseuds = await listPseudsOfUser(db, result.userId);
  return { id: result.userId, username, email, password, roles: overrides.roles ?? [], defaultPseudId: pseuds[0]!.id };
}

export interface WorkOverrides {
  title?: string;
  rating?: WorkForm['rating'];
  warnings?: WorkForm['warnings'];
  categories?: WorkForm['categories'];
  fandoms?: string[];
  relationships?: string[];
  characters?: string[];
  freeforms?: string[];
  language?: WorkForm['language'];
  restricted?: boolean;
  action?: WorkForm['action'];
  publishedOn?: Date | null;
  summary?: string;
  notes?: string;
  end_notes?: string;
  body?: string;
  format?: 'html' | 'plain';
  /** Up to three song credits. */
  songs?: SongCredit[];
  /** One of the user's pen names; their default one when left out. */
  pseudId?: number;
}

/** The posting form a browser would send for these overrides (also usable with editWork). */
export function workFormFor(user: BuiltUser, overrides: WorkOverrides = {}): WorkForm {
  return {
    title: overrides.title ?? `A work ${randomBytes(3).toString('hex')}`,
    pseud_id: overrides.pseudId ?? user.defaultPseudId,
    summary: overrides.summary ?? '',
    notes: overrides.notes ?? '',
    end_notes: overrides.end_notes ?? '',
    body: overrides.body ?? '<p>Once upon a time there was a story.</p>',
    format: overrides.format ?? 'html',
    rating: overrides.rating ?? 'General Audiences',
    warnings: overrides.warnings ?? ['No Archive Warnings Apply'],
    categories: overrides.categories ?? ['Gen'],
    fandoms: overrides.fandoms ?? ['Original Work'],
    relationships: overrides.relationships ?? [],
    characters: overrides.characters ?? [],
    freeforms: overrides.freeforms ?? [],
    language: overrides.language ?? 'en',
    restricted: overrides.restricted ?? false,
    published_on: overrides.publishedOn ?? null,
    action: overrides.action ?? 'post',
    ...songCreditFormValues(overrides.songs ?? []),
  };
}

export async function buildWork(db: Db, user: BuiltUser, overrides: WorkOverrides = {}): Promise<number> {
  const result = await postWork(db, user, workFormFor(user, overrides));
  if (!result.ok) throw new Error(`buildWork failed: ${JSON.stringify(result.errors)}`);
  return result.workId;
}

/** The classification fields every work form needs, as a browser would send them. */
export const WORK_FORM_DEFAULTS: Record<string, string | string[]> = {
  rating: 'General Audiences',
  warnings: ['No Archive Warnings Apply'],
  categories: ['Gen'],
  fandoms: 'Original Work',
  language: 'en',
};
export interface ChapterOverrides {
  title?: string;
  summary?: string;
  notes?: string;
  end_notes?: string;
  body?: string;
  /** Blank for unknown; left out, the work's expected count is kept (raised if needed). */
  expected_chapters?: number | null;
}

/** Adds a chapter at the end of the user's work; returns its id. */
export async function buildChapter(db: Db, user: BuiltUser, workId: number, overrides: ChapterOverrides = {}): Promise<number> {
  const result = await addChapter(db, user, workId, {
    title: overrides.title ?? '',
    summary: overrides.summary ?? '',
    notes: overrides.notes ?? '',
    end_notes: overrides.end_notes ?? '',
    body: overrides.body ?? '<p>And then the story went on a little further.</p>',
    format: 'html',
    ...(overrides.expected_chapters === undefined ? {} : { expected_chapters: overrides.expected_chapters }),
  });
  if (!result.ok) throw new Error(`buildChapter failed: ${JSON.stringify(result.errors)}`);
  return result.chapterId;
}

/** Signs up through the real form, leaving the client logged in. */
export async function signUpThroughForm(client: TestClient, overrides: { username?: string; password?: string } = {}) {
  const username = overrides.username ?? uniqueName();
  const password = overrides.password ?? PASSWORD;
  await client.get('/signup');
  const response = await client.post('/signup', { username, email: `${username}@example.org`, password, password_confirmation: password });
  if (response.statusCode !== 303) throw new Error(`sign-up failed with ${response.statusCode}: ${response.body.slice(0, 500)}`);
  return { username, password };
}

export async function logInThroughForm(client: TestClient, login: string, password = PASSWORD) {
  await client.get('/login');
  return client.post('/login', { login, password });
}

/** A new member with a client already logged in as them. */
export async function loggedInMember(t: { app: FastifyInstance; db: Db }): Promise<{ user: BuiltUser; client: TestClient }> {
  const user = await buildUser(t.db);
  const client = new TestClient(t.app);
  await logInThroughForm(client, user.username);
  return { user, client };
}

/** Posts a comment (or a reply) as a member through the comments service, bypassing rate limits. */
export async function buildComment(db: Db, user: BuiltUser, workId: number, overrides: { parentId?: number; body?: string; chapterId?: number } = {}): Promise<number> {
  const work = await findWork(db, workId);
  if (!work) throw new Error(`buildComment: no work ${workId}`);
  const form = { body: overrides.body ?? 'What a lovely story.', pseud_id: user.defaultPseudId, homepage: undefined, chapter_id: overrides.chapterId, return_to: undefined };
  const result = await postComment(db, user, { work, parentId: overrides.parentId ?? null, form, limits: { limits: [], minutes: 10 } });
  if (!result.ok) throw new Error(`buildComment failed: ${JSON.stringify(result.errors)}`);
  return result.commentId;
}

/** Subscribes a member to a work, author (user id) or series directly; returns the subscription id. */
export async function buildSubscription(db: Db, user: BuiltUser, target: { type: 'work' | 'user' | 'series'; id: number }): Promise<number> {
  const column = { work: 'work_id', user: 'author_id', series: 'series_id' } as const;
  const row = await db.insertInto('subscriptions').values({ user_id: user.id, [column[target.type]]: target.id }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A bookmark made through the service, as the form would (notes, comma-separated tags, private, rec). */
export async function buildBookmark(
  db: Db,
  user: BuiltUser,
  item: { kind: 'work' | 'series'; id: number },
  overrides: { notes?: string; tags?: string[]; private?: boolean; rec?: boolean } = {},
): Promise<number> {
  const result = await createBookmark(db, user, item, { notes: overrides.notes ?? '', tags: overrides.tags ?? [], private: overrides.private ?? false, rec: overrides.rec ?? false });
  if (!result.ok) throw new Error(`buildBookmark failed: ${JSON.stringify(result.errors)}`);
  return result.bookmarkId;
}

/**
 * Copies of a work made straight in the database, `copies` of them, with every column but the id
 * the same (filter tags included; no creators or tag rows): a listing with thousands of matches
 * in a second, where posting them would take minutes.
 */
export async function cloneWork(db: Db, workId: number, copies: number): Promise<void> {
  await sql`
    insert into works overriding system value
    select (jsonb_populate_record(null::works, to_jsonb(w) || jsonb_build_object('id', nextval(pg_get_serial_sequence('works', 'id'))))).*
    from works w cross join generate_series(1, ${copies}::int) where w.id = ${workId}
  `.execute(db);
}
