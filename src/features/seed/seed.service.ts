import type { Db, DbOrTrx } from '../../platform/db/schema.ts';
import { hashPassword } from '../../platform/security/passwords.ts';
import { recomputeFilterTagsOfWorkRange } from '../tags/tag-graph.repository.ts';
import { Random } from './random.ts';
import * as repo from './seed.repository.ts';
import { filterClosures, planTags, type TagPlan } from './tag-plan.ts';
import { planUsers } from './user-plan.ts';
import { WorkNames } from './work-names.ts';
import { WorkGenerator, type SystemTagIds, type WorkBatch } from './work-plan.ts';
import { CATEGORIES, RATINGS, WARNINGS } from '../tags/tags.model.ts';

/**
 * `quire dev seed`: a deterministic, realistic archive for development and the benchmark
 * (ARCHITECTURE.md, "Development seed"). Everything is written in ONE transaction: a failed or
 * interrupted seed leaves the archive as it was, indexes and triggers included.
 */
export const SEED_PASSWORD = 'quire-seed-password';
/** Works per batch: one INSERT per table per batch. */
const BATCH_WORKS = 1_000;

export interface SeedOptions {
  works: number;
  seed: number;
  /** Add to an archive that already has works (otherwise such an archive is refused). */
  append: boolean;
  engine: 'postgres' | 'pglite';
  /** One line of progress (the CLI prints it on stderr). */
  progress: (line: string) => void;
}

export interface SeedResult extends repo.SeedRecord {
  seconds: number;
}

/** Derived data rebuilt after the load, in one set-based statement each, inside the seed's transaction. */
export interface PostLoadStep {
  name: string;
  run(db: DbOrTrx, loaded: { tagUses: ReadonlyMap<number, number> }): Promise<void>;
}

/**
 * The other columns the deferred triggers keep (search documents, chapter text vectors,
 * crossover flags, creator sort keys) are computed before or in the batch inserts: a second
 * pass over a million works and their chapters would cost more than the load.
 */
export const POST_LOAD_STEPS: PostLoadStep[] = [
  { name: 'tag use counts (tags.taggings_count)', run: (db, loaded) => repo.addTaggings(db, loaded.tagUses) },
  { name: 'every cached page marked stale', run: repo.noteWholeArchiveChanged },
];

export class SeedRefusedError extends Error {
  override name = 'SeedRefusedError';
}

const format = (n: number) => n.toLocaleString('en-US');

/**
 * On PostgreSQL `db`'s pool must hold at least two connections (the CLI opens two): the load's
 * transaction holds one while a helper computes on the other (see loadWorks).
 */
export async function seedArchive(db: Db, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const say = (line: string) => options.progress(`[${elapsed()}] ${line}`);
  const existing = await repo.countWorks(db);
  if (existing > 0 && !options.append) {
    throw new SeedRefusedError(`The archive already has ${format(existing)} works; quire dev seed fills an empty archive. Add --append to add to it anyway.`);
  }
  const random = new Random(options.seed);
  const plan = planTags(random.fork(1), options.works);
  say(`Planned ${format(plan.tags.length)} tags (${format(plan.fandoms.length)} fandoms) for ${format(options.works)} works, seed ${options.seed}.`);
  const passwordHash = await hashPassword(SEED_PASSWORD);
  const record = await db.transaction().execute(async (trx) => {
    await repo.tuneLoadSession(trx, options.engine);
    await repo.lockLoadedTables(trx);
    const ids = await repo.firstFreeIds(trx);
    // Tags first, with their triggers on (tag_words, the synonym check): the tags table is not deferred.
    const { ids: tagIds, names: tagNames } = await repo.insertTags(trx, plan.tags);
    await repo.insertTagLinks(trx, plan.tags, tagIds);
    const restore = await deferTriggersAndIndexes(trx, say);
    const closures = filterClosures(plan.tags).map((list) => list.map((i) => tagIds[i]!));
    const people = planUsers(random.fork(2), Math.max(5, Math.round(options.works / 4)), ids.users, ids.pseuds);
    await repo.insertUsers(trx, people.users, people.pseuds, passwordHash);
    await repo.analyzeTables(trx, ['users', 'pseuds']);
    say(`Tags and ${format(people.users.id.length)} members written.`);
    const system = await repo.findSystemTagIds(trx);
    const names = new WorkNames(workTagNames(plan, tagIds, tagNames, system), new Set(tagIds.filter((_, i) => plan.tags[i]!.type === 'fandom')), people.users, people.pseuds);
    const generator = new WorkGenerator(options.seed, options.works, plan, closures, tagIds, system, people.pseudsOfUser, names, {
      work: ids.works,
      chapter: ids.chapters,
      series: ids.series,
      songCredit: ids.song_credits,
    });
    await repo.createChapterPool(trx);
    await loadWorks(trx, options.engine === 'postgres' ? db : null, generator, options.works, say);
    const lastWorkId = ids.works + options.works - 1;
    await repo.advanceSequences(trx);
    await restore();
    // Appended works may use tags the archive had already wrangled differently: their filter tags
    // (and with them, through the triggers now back on, everything computed from them) from the graph as it is.
    if (existing > 0) await recomputeFilterTagsOfWorkRange(trx, ids.works, lastWorkId);
    for (const step of POST_LOAD_STEPS) {
      await step.run(trx, generator);
      say(`Post-load: ${step.name}.`);
    }
    const record: repo.SeedRecord = {
      seed: options.seed,
      works: options.works,
      firstWorkId: ids.works,
      lastWorkId,
      benchWorkId: ids.works,
      sampleUsername: people.users.username[0]!,
      seededAt: new Date().toISOString(),
    };
    await repo.recordSeed(trx, record);
    await repo.analyzeLoadedTables(trx);
    say('Analyzed; committing.');
    return record;
  });
  await repo.vacuumLoadedTables(db);
  say('Vacuumed.');
  return { ...record, seconds: (performance.now() - started) / 1000 };
}

/** The stored name of every tag a seeded work can carry or be filtered by, by id. */
function workTagNames(plan: TagPlan, tagIds: number[], tagNames: string[], system: SystemTagIds): Map<number, string> {
  const names = new Map<number, string>();
  plan.tags.forEach((_, i) => names.set(tagIds[i]!, tagNames[i]!));
  system.ratings.forEach((id, i) => names.set(id, RATINGS[i]!));
  system.warnings.forEach((id, i) => names.set(id, WARNINGS[i]!));
  system.categories.forEach((id, i) => names.set(id, CATEGORIES[i]!));
  return names;
}

/**
 * Switches off, until the load is done, the triggers it makes up for afterwards (DEFERRED_TRIGGERS)
 * and the secondary indexes; returns the function that puts both back (before the post-load
 * steps, which may need them). As a superuser it uses replica mode, which also skips the
 * foreign-key checks; any trigger it does not know is then set to fire ALWAYS meanwhile, so it
 * still runs. Everything is in the seed's transaction: a failure rolls all of it back.
 */
async function deferTriggersAndIndexes(trx: DbOrTrx, say: (line: string) => void): Promise<() => Promise<void>> {
  const triggers = await repo.findTriggers(trx);
  const replica = await repo.isSuperuser(trx);
  const forced = replica ? triggers.kept.filter((t) => t.enabled === 'O') : [];
  for (const trigger of forced) await repo.setTriggerMode(trx, trigger, 'enable always');
  if (replica) await repo.setReplicaMode(trx, true);
  else for (const trigger of triggers.deferred) await repo.setTriggerMode(trx, trigger, 'disable');
  if (triggers.kept.length > 0) say(`These triggers stay on during the load (not in DEFERRED_TRIGGERS): ${triggers.kept.map((t) => `${t.table}.${t.name}`).join(', ')}.`);
  const indexes = await repo.dropSecondaryIndexes(trx);
  say(`Deferred ${triggers.deferred.length} triggers${replica ? ' and the foreign-key checks' : ''} and ${indexes.length} indexes until after the load.`);
  return async () => {
    for (const index of indexes) {
      const at = performance.now();
      await repo.createIndex(trx, index);
      say(`Rebuilt ${index.name} in ${((performance.now() - at) / 1000).toFixed(1)} s.`);
    }
    if (replica) await repo.setReplicaMode(trx, false);
    else for (const trigger of triggers.deferred) await repo.setTriggerMode(trx, trigger, 'enable');
    for (const trigger of forced) await repo.setTriggerMode(trx, trigger, 'enable');
  };
}

type ComputeOnHelper = (batch: WorkBatch) => Promise<repo.HelperResults>;

/**
 * Writes the works batch by batch, generating the next batch while the current one is written.
 * On PostgreSQL a second connection of the pool (`helper`, outside the load's transaction)
 * computes the next batch's search documents and chapter text vectors meanwhile, so both cores
 * work (repo.computeOnHelper); PGlite has one connection, and there the inserts compute them.
 */
async function loadWorks(trx: DbOrTrx, helper: Db | null, generator: WorkGenerator, total: number, say: (line: string) => void): Promise<void> {
  if (!helper) return loadBatches(trx, null, generator, total, say);
  await helper.connection().execute(async (connection) => {
    await repo.setJit(connection, false);
    await loadBatches(trx, (batch) => repo.computeOnHelper(connection, batch), generator, total, say);
    await repo.setJit(connection, true);
  });
}

interface PreparedBatch {
  batch: WorkBatch;
  helper: repo.HelperResults | null;
}

/** Batches generated and computed this far ahead of the one being written: Node, the helper and the load each work on their own. */
const BATCHES_AHEAD = 2;

async function loadBatches(trx: DbOrTrx, compute: ComputeOnHelper | null, generator: WorkGenerator, total: number, say: (line: string) => void): Promise<void> {
  const started = performance.now();
  let lastReport = started;
  let done = 0;
  const crossovers = new CrossoverAnswers();
  // A pipeline: while the load writes batch N, the helper computes N+1 and Node generates N+2.
  let more = Promise.resolve(true);
  const ahead: Promise<PreparedBatch | null>[] = [];
  const prepareNext = () => {
    const generated = more.then((yes) => (yes ? generator.batchAsync(BATCH_WORKS) : null));
    more = generated.then((batch) => batch !== null);
    const prepared = generated.then(async (batch) => batch && { batch, helper: compute ? await compute(batch) : null });
    // Awaited in turn below; this only keeps a failure from being reported as unhandled meanwhile.
    prepared.catch(() => {});
    ahead.push(prepared);
  };
  try {
    for (let i = 0; i < BATCHES_AHEAD; i++) prepareNext();
    for (let current = await ahead.shift()!; current; current = await ahead.shift()!) {
      prepareNext();
      const { batch, helper } = current;
      await repo.insertWorkBatch(trx, batch, { crossover: await crossovers.ask(trx, batch.works.crossover_fandoms), helper });
      // The foreign-key checks' plans were made when works was empty; statistics after the first
      // batch let them use the primary key instead of scanning works once per row.
      if (done === 0) await repo.analyzeTables(trx, ['works', 'chapters', 'series']);
      done += batch.works.id.length;
      const now = performance.now();
      if (now - lastReport > 5_000 || done === total) {
        lastReport = now;
        const rate = done / ((now - started) / 1000);
        say(`Works ${format(done)} / ${format(total)} (${Math.floor((done / total) * 100)}%), ${format(Math.round(rate))} works/s.`);
      }
    }
  } finally {
    // Nothing may still be using the helper connection when it goes back to the pool.
    await Promise.allSettled(ahead);
  }
}

/**
 * `works_crossover` answers by fandom set: the rule looks only at a work's fandoms, and most
 * works share their pair of fandoms with many others, so each set is asked once (per seed) in
 * the load's transaction, where the tag graph is — not once per work (a recursive query each,
 * an eighth of the load's database time).
 */
class CrossoverAnswers {
  private readonly known = new Map<string, boolean>();

  async ask(trx: DbOrTrx, fandomSets: (string | null)[]): Promise<boolean[]> {
    const unknown = [...new Set(fandomSets.filter((set): set is string => set !== null && !this.known.has(set)))];
    if (unknown.length > 0) (await repo.askCrossover(trx, unknown)).forEach((answer, i) => this.known.set(unknown[i]!, answer));
    return fandomSets.map((set) => set !== null && this.known.get(set)!);
  }
}
