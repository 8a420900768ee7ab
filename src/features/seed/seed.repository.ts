import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { CATEGORIES, RATINGS, WARNINGS } from '../tags/tags.model.ts';
import type { PooledChapter } from './chapter-pool.ts';
import type { PlannedTag } from './tag-plan.ts';
import type { SystemTagIds, WorkBatch } from './work-plan.ts';

/**
 * All of `quire dev seed`'s SQL: bulk inserts of whole column arrays through `unnest`, with
 * explicit ids (`overriding system value`), what the helper connection computes, and the load's
 * housekeeping — secondary indexes dropped and rebuilt, counting triggers switched off and
 * their counts added in one statement.
 */

/** Tables the seed writes rows to in bulk; their secondary indexes are rebuilt after the load. */
export const LOADED_TABLES = ['users', 'pseuds', 'works', 'chapters', 'creatorships', 'work_tags', 'song_credits', 'series', 'series_creatorships', 'serial_works'] as const;

/**
 * Triggers on the loaded tables that the load switches off, and why that is safe. Any other
 * trigger stays on (correct, if slower): to defer one, add it here with the post-load step that
 * does its work set-based.
 */
export const DEFERRED_TRIGGERS: Record<string, string> = {
  work_tags_counted_insert: 'the generator counts the uses and tags.taggings_count gets them after the load',
  work_tags_counted_delete: 'the load deletes nothing',
  work_tags_counted_update: 'the load updates nothing',
  work_tags_refuse_media: 'a check: the seed never puts media on works',
  works_set_crossover: 'works.crossover is computed in the works insert',
  creatorships_refresh_creator_sort: 'works.creator_sort is computed in the works insert',
  chapters_search_text: 'chapters copy their text vector with their body from the pool of chapter texts',
  // The page cache's statement triggers keep every inserted row in a transition table, and for a
  // statement of up to 1,000 rows name each work's pages (scanning serial_works, unindexed
  // during the load, for each): the load notes 'all' once instead (noteWholeArchiveChanged).
  page_cache_inserted: 'the load marks every cached page stale once, after the load',
  page_cache_updated: 'the load marks every cached page stale once, after the load',
  page_cache_deleted: 'the load marks every cached page stale once, after the load',
  page_cache_works_inserted: 'the load marks every cached page stale once, after the load',
  page_cache_works_updated: 'the load marks every cached page stale once, after the load',
  page_cache_works_deleted: 'the load marks every cached page stale once, after the load',
};

const IDENTITY_TABLES = ['users', 'pseuds', 'works', 'chapters', 'series', 'song_credits'] as const;
type IdentityTable = (typeof IDENTITY_TABLES)[number];

// Arrays of numbers, booleans and ISO times are sent as array literals written here: pg's
// generic array serializer (a call and an escape per element) was a third of Node's time.
const literal = (values: readonly (string | number | boolean | null)[]) => `{${values.map((v) => (v === null ? 'NULL' : v)).join(',')}}`;
const bigints = (values: number[]) => sql`cast(${literal(values)} as bigint[])`;
const ints = (values: (number | null)[]) => sql`cast(${literal(values)} as integer[])`;
const texts = (values: string[]) => sql`cast(${values} as text[])`;
const bools = (values: boolean[]) => sql`cast(${literal(values)} as boolean[])`;
const times = (values: string[]) => sql`cast(${literal(values)} as timestamptz[])`;

export async function countWorks(db: DbOrTrx): Promise<number> {
  const row = await sql<{ n: number }>`select count(*) as n from works`.execute(db);
  return Number(row.rows[0]!.n);
}

export async function isSuperuser(db: DbOrTrx): Promise<boolean> {
  const row = await sql<{ s: boolean }>`select rolsuper as s from pg_roles where rolname = current_user`.execute(db);
  return row.rows[0]?.s ?? false;
}

/**
 * Session settings for the load, all `set local` (they end with the transaction): no JIT (it
 * compiles every big INSERT again, for nothing), more memory for index builds (fewer passes
 * for the text GIN indexes), room for the chapter texts' pool table in temporary buffers (it
 * is read for every chapter; set before the session's first temporary table, as PostgreSQL
 * requires), and LZ4 to compress chapter bodies where the server has it (PostgreSQL 15 from
 * Debian does; pglz, the default, takes twice as long). PGlite keeps modest memory settings.
 */
export async function tuneLoadSession(db: DbOrTrx, engine: 'postgres' | 'pglite'): Promise<void> {
  await sql`set local jit = off`.execute(db);
  await sql`set local maintenance_work_mem = ${sql.lit(engine === 'postgres' ? '1GB' : '64MB')}`.execute(db);
  if (engine === 'postgres') await sql`set local temp_buffers = '256MB'`.execute(db);
  const lz4 = await sql<{ ok: boolean }>`select 'lz4' = any(enumvals) as ok from pg_settings where name = 'default_toast_compression'`.execute(db);
  if (lz4.rows[0]?.ok) await sql`set local default_toast_compression = lz4`.execute(db);
}

/** JIT off for the helper connection's session during the load (it compiles every big statement again, for nothing), and back to the server's default. */
export async function setJit(db: DbOrTrx, on: boolean): Promise<void> {
  await sql`${sql.raw(on ? 'reset jit' : 'set jit = off')}`.execute(db);
}

/** Keeps every other writer out of the loaded tables until the seed commits. */
export async function lockLoadedTables(db: DbOrTrx): Promise<void> {
  await sql`lock table ${sql.join(LOADED_TABLES.map((t) => sql.table(t)))} in exclusive mode`.execute(db);
}

/** The first free id of each identity table: above both its rows and its sequence. */
export async function firstFreeIds(db: DbOrTrx): Promise<Record<IdentityTable, number>> {
  const result = {} as Record<IdentityTable, number>;
  for (const table of IDENTITY_TABLES) {
    const row = await sql<{ n: number }>`
      select greatest(coalesce((select max(id) from ${sql.table(table)}), 0),
                      coalesce(pg_sequence_last_value(pg_get_serial_sequence(${table}, 'id')), 0)) + 1 as n
    `.execute(db);
    result[table] = Number(row.rows[0]!.n);
  }
  return result;
}

/** Moves each identity sequence past the ids the load gave explicitly. */
export async function advanceSequences(db: DbOrTrx): Promise<void> {
  for (const table of IDENTITY_TABLES) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), max(id)) from ${sql.table(table)} having max(id) is not null`.execute(db);
  }
}

export async function findSystemTagIds(db: DbOrTrx): Promise<SystemTagIds> {
  const rows = await db.selectFrom('tags').select(['id', 'type', 'name']).where('type', 'in', ['rating', 'warning', 'category']).execute();
  const id = (type: string, name: string) => rows.find((r) => r.type === type && r.name === name)!.id;
  return { ratings: RATINGS.map((n) => id('rating', n)), warnings: WARNINGS.map((n) => id('warning', n)), categories: CATEGORIES.map((n) => id('category', n)) };
}

/**
 * Inserts the planned tags (names already in the archive are kept as they are) and returns
 * each planned tag's id and stored name. Canonical and unwrangled tags go first, then ANALYZE, so the synonym
 * trigger's per-row lookup of the canonical tag uses the primary key, then the synonyms.
 */
export async function insertTags(db: DbOrTrx, tags: PlannedTag[]): Promise<{ ids: number[]; names: string[] }> {
  const plain = tags.filter((t) => t.synonymOf === null);
  await sql`
    insert into tags (type, name, canonical)
    select * from unnest(${texts(plain.map((t) => t.type))}, ${texts(plain.map((t) => t.name))}, ${bools(plain.map((t) => t.canonical))})
    on conflict (type, lower(name)) do nothing
  `.execute(db);
  await sql`analyze tags`.execute(db);
  const synonyms = tags.filter((t) => t.synonymOf !== null);
  await sql`
    insert into tags (type, name, synonym_of)
    select s.type, s.name, c.id
    from unnest(${texts(synonyms.map((t) => t.type))}, ${texts(synonyms.map((t) => t.name))}, ${texts(synonyms.map((t) => tags[t.synonymOf!]!.name))}) as s(type, name, of_name)
    join tags c on c.type = s.type and lower(c.name) = lower(s.of_name) and c.canonical
    on conflict (type, lower(name)) do nothing
  `.execute(db);
  const rows = await sql<{ id: number; name: string; ord: number }>`
    select t.id, t.name, x.ord from unnest(${texts(tags.map((t) => t.type))}, ${texts(tags.map((t) => t.name))}) with ordinality as x(type, name, ord)
    join tags t on t.type = x.type and lower(t.name) = lower(x.name)
  `.execute(db);
  const ids: number[] = new Array<number>(tags.length);
  const names: string[] = new Array<string>(tags.length);
  for (const row of rows.rows) {
    ids[Number(row.ord) - 1] = Number(row.id);
    names[Number(row.ord) - 1] = row.name;
  }
  return { ids, names };
}

/** Parent links (media → fandom included) and meta links, by the ids `insertTags` returned. */
export async function insertTagLinks(db: DbOrTrx, tags: PlannedTag[], ids: number[]): Promise<void> {
  const parents: [number[], number[]] = [[], []];
  const metas: [number[], number[]] = [[], []];
  tags.forEach((tag, i) => {
    for (const p of tag.parents) {
      parents[0].push(ids[p]!);
      parents[1].push(ids[i]!);
    }
    for (const m of tag.metas) {
      metas[0].push(ids[m]!);
      metas[1].push(ids[i]!);
    }
  });
  await sql`insert into tag_parents (parent_id, child_id) select * from unnest(${bigints(parents[0])}, ${bigints(parents[1])}) on conflict do nothing`.execute(db);
  await sql`insert into meta_tags (meta_id, sub_id) select * from unnest(${bigints(metas[0])}, ${bigints(metas[1])}) on conflict do nothing`.execute(db);
  const withMedia = tags.map((t, i) => ({ media: t.media, id: ids[i]! })).filter((t) => t.media !== null);
  await sql`
    insert into tag_parents (parent_id, child_id)
    select m.id, x.child from unnest(${texts(withMedia.map((t) => t.media!))}, ${bigints(withMedia.map((t) => t.id))}) as x(media, child)
    join tags m on m.type = 'media' and m.name = x.media
    on conflict do nothing
  `.execute(db);
}

export interface UserRows {
  id: number[];
  username: string[];
  email: string[];
  createdAt: string[];
}

export interface PseudRows {
  id: number[];
  userId: number[];
  name: string[];
  isDefault: boolean[];
  createdAt: string[];
}

export async function insertUsers(db: DbOrTrx, users: UserRows, pseuds: PseudRows, passwordHash: string): Promise<void> {
  await sql`
    insert into users (id, username, email, password_hash, created_at, updated_at) overriding system value
    select u.id, u.username, u.email, ${passwordHash}, u.at, u.at
    from unnest(${bigints(users.id)}, ${texts(users.username)}, ${texts(users.email)}, ${times(users.createdAt)}) as u(id, username, email, at)
  `.execute(db);
  await sql`
    insert into pseuds (id, user_id, name, is_default, created_at, updated_at) overriding system value
    select p.id, p.user_id, p.name, p.is_default, p.at, p.at
    from unnest(${bigints(pseuds.id)}, ${bigints(pseuds.userId)}, ${texts(pseuds.name)}, ${bools(pseuds.isDefault)}, ${times(pseuds.createdAt)}) as p(id, user_id, name, is_default, at)
  `.execute(db);
}

/**
 * The load's pool of chapter texts (ChapterPool), a temporary table dropped at commit: each
 * text once, with its word count and its text vector, computed by the function the chapters
 * trigger uses. Chapters copy both from it.
 */
export async function createChapterPool(db: DbOrTrx): Promise<void> {
  await sql`create temporary table seed_chapter_texts (id integer primary key, body text not null, search_text tsvector not null) on commit drop`.execute(db);
  // Compressed in the row rather than in a TOAST table where they fit: copying them into chapters then needs no TOAST index lookups.
  await sql`alter table seed_chapter_texts alter column body set storage main, alter column search_text set storage main`.execute(db);
}

async function addChapterTexts(db: DbOrTrx, entries: PooledChapter[], vectors: string[] | null): Promise<void> {
  if (entries.length === 0) return;
  await sql`
    insert into seed_chapter_texts (id, body, search_text)
    -- coalesce evaluates its second argument only when the first is null.
    select id, body, coalesce(search_text, quire_chapter_search_text(body))
    from unnest(${ints(entries.map((t) => t.id))}, ${texts(entries.map((t) => t.html))}, cast(${vectors} as tsvector[])) as x(id, body, search_text)
  `.execute(db);
}

/** What the helper connection computes for a batch (computeOnHelper), as text: PostgreSQL reads a tsvector's text 4 times faster than it computes it. */
export interface HelperResults {
  /** The works' search documents, in batch order. */
  documents: string[];
  /** The text vectors of the batch's new chapter texts, in order. */
  textVectors: string[];
}

/** A batch's derived values computed before its insert: crossover flags always, the rest when a helper connection computed them. */
export interface Derived {
  crossover: boolean[];
  helper: HelperResults | null;
}

/** `works_crossover` of each of these fandom sets (int8[] literals), in order. */
export async function askCrossover(db: DbOrTrx, fandomSets: string[]): Promise<boolean[]> {
  const rows = await sql<{ c: boolean }>`select works_crossover(cast(f as bigint[])) as c from unnest(${texts(fandomSets)}) with ordinality as x(f, o) order by o`.execute(db);
  return rows.rows.map((r) => r.c);
}

/**
 * The batch's costliest functions — the works' search documents and the new chapter texts'
 * vectors, the same functions the search repository and the chapters trigger call, with the
 * same inputs — computed on a second connection outside the load's transaction while the load
 * writes the previous batch, so PostgreSQL's work runs on both cores.
 */
export async function computeOnHelper(db: DbOrTrx, b: WorkBatch): Promise<HelperResults> {
  const w = b.works;
  const documents = await sql<{ d: string }>`
    select cast(quire_search_document(language, title, creators_text, tags_text, summary, notes || ' ') as text) as d
    from unnest(${texts(w.language)}, ${texts(w.title)}, ${texts(w.creators_text)}, ${texts(w.tags_text)}, ${texts(w.summary)}, ${texts(w.notes)})
      with ordinality as x(language, title, creators_text, tags_text, summary, notes, o)
    order by o
  `.execute(db);
  const vectors =
    b.newTexts.length === 0 ? [] : (
      await sql<{ v: string }>`
        select cast(quire_chapter_search_text(body) as text) as v from unnest(${texts(b.newTexts.map((t) => t.html))}) with ordinality as x(body, o) order by o
      `.execute(db)
    ).rows.map((r) => r.v);
  return { documents: documents.rows.map((r) => r.d), textVectors: vectors };
}

/**
 * One batch of works and everything that belongs to them: one statement per table. Without a
 * helper's results (PGlite: one connection) the inserts compute them themselves.
 */
export async function insertWorkBatch(db: DbOrTrx, b: WorkBatch, derived: Derived): Promise<void> {
  const w = b.works;
  // The columns the deferred triggers keep are computed here, from the batch (WorkNames), as the
  // triggers and the search repository would: the seed test compares them.
  await sql`
    insert into works (id, title, summary, notes, word_count, chapter_count, expected_chapters, published_at, revised_at, created_at, updated_at,
                       language, posted, restricted, filter_tag_ids, hits_count, kudos_count, comments_count, bookmarks_count,
                       crossover, creator_sort, search_document) overriding system value
    select id, title, summary, notes, word_count, chapter_count, expected_chapters, published_at, revised_at, published_at, revised_at,
           language, posted, restricted, cast(filters as bigint[]), hits, kudos, comments, bookmarks,
           crossover, creator_sort,
           -- coalesce evaluates its second argument only when the first is null.
           coalesce(document, quire_search_document(language, title, creators_text, tags_text, summary, notes || ' '))
    from unnest(${bigints(w.id)}, ${texts(w.title)}, ${texts(w.summary)}, ${texts(w.notes)}, ${ints(w.word_count)}, ${ints(w.chapter_count)},
                ${ints(w.expected_chapters)}, ${times(w.published_at)}, ${times(w.revised_at)}, ${texts(w.language)}, ${bools(w.posted)},
                ${bools(w.restricted)}, ${texts(w.filter_tag_ids)}, ${ints(w.hits_count)}, ${ints(w.kudos_count)}, ${ints(w.comments_count)},
                ${ints(w.bookmarks_count)}, ${bools(derived.crossover)}, ${texts(w.creator_sort)}, ${texts(w.creators_text)}, ${texts(w.tags_text)},
                cast(${derived.helper?.documents ?? null} as tsvector[]))
      as x(id, title, summary, notes, word_count, chapter_count, expected_chapters, published_at, revised_at, language, posted, restricted,
           filters, hits, kudos, comments, bookmarks, crossover, creator_sort, creators_text, tags_text, document)
  `.execute(db);
  const c = b.chapters;
  await addChapterTexts(db, b.newTexts, derived.helper?.textVectors ?? null);
  // Each chapter copies a pool text's body and vector: one id per chapter crosses the wire
  // (PGlite takes in about 8 MB/s of parameters), and nothing is parsed or joined per chapter.
  await sql`
    insert into chapters (id, work_id, position, title, body, search_text, word_count, published_at, created_at, updated_at) overriding system value
    select x.id, x.work_id, x.position, x.title, p.body, p.search_text, x.word_count, x.at, x.at, x.at
    from unnest(${bigints(c.id)}, ${bigints(c.work_id)}, ${ints(c.position)}, ${texts(c.title)}, ${ints(c.text)}, ${ints(c.word_count)}, ${times(c.published_at)})
      as x(id, work_id, position, title, text_id, word_count, at)
    join seed_chapter_texts p on p.id = x.text_id
    order by x.id
  `.execute(db);
  const cr = b.creatorships;
  await sql`
    insert into creatorships (work_id, pseud_id, position, accepted_at, created_at)
    select w, p, pos, at, at from unnest(${bigints(cr.work_id)}, ${bigints(cr.pseud_id)}, ${ints(cr.position)}, ${times(cr.accepted_at)}) as x(w, p, pos, at)
  `.execute(db);
  const t = b.workTags;
  await sql`insert into work_tags (work_id, tag_id, position) select * from unnest(${bigints(t.work_id)}, ${bigints(t.tag_id)}, ${ints(t.position)})`.execute(db);
  await insertSongsAndSeries(db, b);
}

async function insertSongsAndSeries(db: DbOrTrx, b: WorkBatch): Promise<void> {
  const s = b.songCredits;
  if (s.id.length > 0) {
    await sql`
      insert into song_credits (id, work_id, position, title, artist) overriding system value
      select * from unnest(${bigints(s.id)}, ${bigints(s.work_id)}, ${ints(s.position)}, ${texts(s.title)}, ${texts(s.artist)})
    `.execute(db);
  }
  const se = b.series;
  if (se.id.length > 0) {
    await sql`
      insert into series (id, title, summary, complete, created_at, updated_at) overriding system value
      select id, title, summary, complete, at, at from unnest(${bigints(se.id)}, ${texts(se.title)}, ${texts(se.summary)}, ${bools(se.complete)}, ${times(se.created_at)}) as x(id, title, summary, complete, at)
    `.execute(db);
    const sc = b.seriesCreatorships;
    await sql`insert into series_creatorships (series_id, pseud_id) select * from unnest(${bigints(sc.series_id)}, ${bigints(sc.pseud_id)})`.execute(db);
  }
  const sw = b.serialWorks;
  if (sw.work_id.length > 0) {
    await sql`
      insert into serial_works (series_id, work_id, position, created_at)
      select * from unnest(${bigints(sw.series_id)}, ${bigints(sw.work_id)}, ${ints(sw.position)}, ${times(sw.created_at)})
    `.execute(db);
  }
}

export interface IndexDefinition {
  name: string;
  definition: string;
}

/**
 * Drops the secondary indexes of the loaded tables — every index that backs no constraint
 * (primary keys, unique constraints and indexes a foreign key relies on stay) — and returns
 * their definitions to rebuild after the load. Read from the catalog, so indexes added by
 * later migrations are deferred too.
 */
export async function dropSecondaryIndexes(db: DbOrTrx): Promise<IndexDefinition[]> {
  const rows = await sql<IndexDefinition>`
    select quote_ident(ic.relname) as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    join pg_class ic on ic.oid = i.indexrelid
    join pg_class tc on tc.oid = i.indrelid
    where tc.relnamespace = current_schema()::regnamespace and tc.relname = any(${texts([...LOADED_TABLES])})
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by tc.relname, ic.relname
  `.execute(db);
  for (const index of rows.rows) await sql`drop index ${sql.raw(index.name)}`.execute(db);
  return rows.rows;
}

export async function createIndex(db: DbOrTrx, index: IndexDefinition): Promise<void> {
  await sql.raw(index.definition).execute(db);
}

export interface TriggerRef {
  table: string;
  name: string;
  /** pg_trigger.tgenabled: O fires normally, A always (even in replica mode), R only in replica mode, D never. */
  enabled: string;
}

/** The user triggers on the loaded tables, split into those DEFERRED_TRIGGERS names and the rest. */
export async function findTriggers(db: DbOrTrx): Promise<{ deferred: TriggerRef[]; kept: TriggerRef[] }> {
  const rows = await sql<TriggerRef>`
    select c.relname as table, t.tgname as name, t.tgenabled as enabled from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace and c.relname = any(${texts([...LOADED_TABLES])})
    order by c.relname, t.tgname
  `.execute(db);
  return { deferred: rows.rows.filter((r) => r.name in DEFERRED_TRIGGERS), kept: rows.rows.filter((r) => !(r.name in DEFERRED_TRIGGERS)) };
}

/** ALTER TABLE … ENABLE | DISABLE | ENABLE ALWAYS TRIGGER; inside the seed's transaction, so a failed load rolls it back too. */
export async function setTriggerMode(db: DbOrTrx, trigger: TriggerRef, mode: 'enable' | 'disable' | 'enable always'): Promise<void> {
  await sql`alter table ${sql.table(trigger.table)} ${sql.raw(mode)} trigger ${sql.ref(trigger.name)}`.execute(db);
}

/**
 * Replica mode skips foreign-key checks and ordinary triggers for the rest of the transaction
 * (superusers only). The seed's rows are consistent by construction, and a check per row is
 * most of what a bulk insert costs (six times the insert itself on PGlite).
 */
export async function setReplicaMode(db: DbOrTrx, on: boolean): Promise<void> {
  await sql`set local session_replication_role = ${sql.raw(on ? 'replica' : 'origin')}`.execute(db);
}

/** Every cached page is stale: what the page cache's triggers note for a statement too big to name its pages. */
export async function noteWholeArchiveChanged(db: DbOrTrx): Promise<void> {
  await sql`select page_cache_note(array['all'])`.execute(db);
}

/**
 * Adds each tag's uses by the loaded works to tags.taggings_count, as migration 0009's
 * triggers on work_tags would have (free tags only), from the counts the generator kept: no
 * pass over work_tags.
 */
export async function addTaggings(db: DbOrTrx, uses: ReadonlyMap<number, number>): Promise<void> {
  await sql`
    update tags t set taggings_count = t.taggings_count + c.n
    from unnest(${bigints([...uses.keys()])}, ${ints([...uses.values()])}) as c(id, n)
    where t.id = c.id and t.type in ('fandom', 'character', 'relationship', 'freeform')
  `.execute(db);
}

export async function analyzeTables(db: DbOrTrx, tables: string[]): Promise<void> {
  await sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
}

export async function analyzeLoadedTables(db: DbOrTrx): Promise<void> {
  await sql`analyze ${sql.join([...LOADED_TABLES, 'tags', 'tag_parents', 'meta_tags', 'tag_words'].map((t) => sql.table(t)))}`.execute(db);
}

/**
 * Sets hint bits and the visibility map once, so the first readers after the load don't
 * (outside any transaction). Chapters, most of the bytes, on one connection and the rest on
 * another: on PostgreSQL the pool's two connections vacuum at once.
 */
export async function vacuumLoadedTables(db: DbOrTrx): Promise<void> {
  const rest = LOADED_TABLES.filter((t) => t !== 'chapters');
  await Promise.all([sql`vacuum chapters`.execute(db), sql`vacuum ${sql.join(rest.map((t) => sql.table(t)))}`.execute(db)]);
}

export interface SeedRecord {
  seed: number;
  works: number;
  firstWorkId: number;
  lastWorkId: number;
  /** A posted, public, single-chapter work of about 5,000 words: the benchmark's guest work page. */
  benchWorkId: number;
  /** A seeded member: log in with this name and the seed password. */
  sampleUsername: string;
  seededAt: string;
}

/** What the last seed made, in site_settings under `dev_seed`, for the benchmark to find. */
export async function recordSeed(db: DbOrTrx, record: SeedRecord): Promise<void> {
  await db
    .insertInto('site_settings')
    .values({ key: 'dev_seed', value: JSON.stringify(record) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(record) }))
    .execute();
}

export async function findSeedRecord(db: DbOrTrx): Promise<SeedRecord | undefined> {
  const row = await db.selectFrom('site_settings').select('value').where('key', '=', 'dev_seed').executeTakeFirst();
  return row ? (JSON.parse(row.value) as SeedRecord) : undefined;
}
