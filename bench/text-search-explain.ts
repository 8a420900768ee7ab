/**
 * Query plans of the text search at scale: `npm run bench:search -- [--works 100000]`.
 *
 * Generates works on a throwaway PostgreSQL cluster (or DATABASE_URL's server: it creates and
 * drops a database `quire_search_bench` there) with SQL alone: titles, summaries, notes and a
 * one-chapter body of words drawn from a 20,000-word vocabulary with a steep skew (word 1 is in
 * most works, word 2,000 in about one in a thousand). Then it fills the search documents with
 * refreshSearchDocuments(db, 'all'), runs ANALYZE, and prints EXPLAIN ANALYZE of the queries the
 * listings build with text-search.ts. No timing is asserted: read the plans (ARCHITECTURE.md,
 * "Text search", has the findings).
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql, type RawBuilder } from 'kysely';
import { refreshSearchDocuments } from '../src/features/search/search.repository.ts';
import { BEST_MATCH_CANDIDATES, parseTextQuery, textMatchSql, textRankSql } from '../src/features/search/text-search.ts';
import { connectPostgres } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import type { Db } from '../src/platform/db/schema.ts';
import { withDatabase } from '../test/support/databases.ts';
import { startPostgresCluster } from '../test/support/postgres-cluster.ts';

const { values } = parseArgs({ options: { works: { type: 'string', default: '100000' } } });
const works = Number(values.works);
const DB_NAME = 'quire_search_bench';

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await run();
  console.log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function generate(db: Db): Promise<void> {
  await sql`
    create function pg_temp.words(n int) returns text language sql volatile as $$
      select string_agg(translate(substr(md5(k::text), 1, 4 + k % 5), '0123456789', 'ghijklmnop'), ' ')
      from (select 1 + floor(20000 * power(random(), 3))::int as k from generate_series(1, n)) s
    $$
  `.execute(db);
  await sql`select setseed(0.42)`.execute(db);
  await sql`
    insert into works (title, summary, notes, language, posted, restricted, word_count, published_at, revised_at)
    select pg_temp.words(4), '<p>' || pg_temp.words(30) || '</p>', '<p>' || pg_temp.words(10) || '</p>', 'en', true, i % 20 = 0, 150,
      now() - make_interval(mins => i), now() - make_interval(mins => i)
    from generate_series(1, ${works}) i
  `.execute(db);
  await sql`alter table chapters disable trigger chapters_search_text`.execute(db);
  await sql`insert into chapters (work_id, position, body, word_count) select id, 1, '<p>' || pg_temp.words(150) || '</p>', 150 from works`.execute(db);
  await sql`alter table chapters enable trigger chapters_search_text`.execute(db);
}

/** The vocabulary's k-th word, as generate() spells it. */
async function vocabulary(db: Db, k: number): Promise<string> {
  const row = await sql<{ w: string }>`select translate(substr(md5(${k}::text), 1, 4 + ${k} % 5), '0123456789', 'ghijklmnop') as w`.execute(db);
  return row.rows[0]!.w;
}

const visible = sql`works.posted and not works.restricted`;

async function explain(db: Db, label: string, query: RawBuilder<unknown>): Promise<void> {
  const compiled = query.compile(db);
  const client = new pg.Client({ connectionString: process.env.BENCH_URL });
  await client.connect();
  try {
    await client.query(compiled.sql, [...compiled.parameters]); // warm the cache once
    const result = await client.query(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]);
    console.log(`\n=== ${label}\n${result.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const cluster = process.env.DATABASE_URL ? null : await startPostgresCluster();
  const adminUrl = process.env.DATABASE_URL ?? cluster!.adminUrl;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME}`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  process.env.BENCH_URL = withDatabase(adminUrl, DB_NAME);
  const handle = connectPostgres(process.env.BENCH_URL, 2);
  try {
    const db = handle.db;
    await migrateToLatest(db);
    await timed(`generate ${works} works with one chapter each`, () => generate(db));
    await timed('refreshSearchDocuments(db, "all") (documents and chapter text)', () => refreshSearchDocuments(db, 'all'));
    await sql`vacuum analyze works`.execute(db);
    await sql`vacuum analyze chapters`.execute(db);
    const [common, middle, rare] = [await vocabulary(db, 1), await vocabulary(db, 200), await vocabulary(db, 2000)];
    const counts = await sql<{ w: string; n: number }>`
      select w, (select count(*) from works where search_document @@ plainto_tsquery('simple', w))::int as n from unnest(${[common, middle, rare]}::text[]) w
    `.execute(db);
    console.log('matching works per word:', counts.rows.map((r) => `${r.w}=${r.n}`).join(', '));

    const page = (raw: string, order: 'best' | 'updated', fullText = false) => {
      const q = parseTextQuery(raw)!;
      const orderBy = order === 'best' ? sql`${textRankSql(q)} desc, works.id desc` : sql`works.revised_at desc, works.id desc`;
      return sql`select works.id, works.title from works where ${visible} and ${textMatchSql(q, { fullText })} order by ${orderBy} limit 20`;
    };
    /** The rule for sort=best: rank only the newest BEST_MATCH_CANDIDATES matches. */
    const bounded = (raw: string) => {
      const q = parseTextQuery(raw)!;
      return sql`select c.id, c.title from (
        select works.id, works.title, ${textRankSql(q)} as rank from works where ${visible} and ${textMatchSql(q, { fullText: false })}
        order by works.revised_at desc, works.id desc limit ${BEST_MATCH_CANDIDATES}
      ) c order by c.rank desc, c.id desc limit 20`;
    };

    await explain(db, `rare word, best match`, page(rare, 'best'));
    await explain(db, `middle word, best match (all matches ranked)`, page(middle, 'best'));
    await explain(db, `common word, best match (all matches ranked)`, page(common, 'best'));
    await explain(db, `common word, best match bounded to the newest ${BEST_MATCH_CANDIDATES}`, bounded(common));
    await explain(db, `common word, sort=updated`, page(common, 'updated'));
    await explain(db, `two words and an exclusion, best match`, page(`${middle} ${common} -${rare}`, 'best'));
    await explain(db, `phrase, best match`, page(`"${common} ${middle}"`, 'best'));
    await explain(db, `exclusion only, sort=updated`, page(`-${common}`, 'updated'));
    await explain(db, `rare word with full text, best match`, page(rare, 'best', true));
    await explain(db, `common word, count of matches`, sql`select count(*) from works where ${visible} and ${textMatchSql(parseTextQuery(common)!, { fullText: false })}`);
  } finally {
    await handle.close();
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME}`);
    await admin.end();
    await cluster?.stop();
  }
}

await main();
