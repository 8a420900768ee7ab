import { ChapterPool, type PooledChapter } from './chapter-pool.ts';
import { lyricBlock, paragraphPool, summary, title } from './prose.ts';
import { Random, Zipf } from './random.ts';
import type { TagPlan } from './tag-plan.ts';
import { LANGUAGE_MIX, SONG_ARTISTS } from './vocabulary.ts';
import type { WorkNames } from './work-names.ts';

/**
 * Works, chapters and everything hanging off them, generated batch by batch as column arrays
 * (one array per column), ready for `insert … select from unnest(…)`. Ids are given here, from
 * the counters the load reserved, so children never wait for a RETURNING.
 */
export interface WorkBatch {
  works: {
    id: number[]; title: string[]; summary: string[]; notes: string[]; word_count: number[]; chapter_count: number[];
    expected_chapters: (number | null)[]; published_at: string[]; revised_at: string[]; language: string[];
    posted: boolean[]; restricted: boolean[]; filter_tag_ids: string[];
    hits_count: number[]; kudos_count: number[]; comments_count: number[]; bookmarks_count: number[];
    /** Derived columns' inputs (WorkNames): the search document's creators and tags fields, the creator sort key, and the fandoms to ask the crossover rule about. */
    creators_text: string[]; tags_text: string[]; creator_sort: string[]; crossover_fandoms: (string | null)[];
  };
  /** `text`: the pool id of the chapter's text (ChapterPool); `newTexts`: pool entries first drawn in this batch, to store before the chapters. */
  chapters: { id: number[]; work_id: number[]; position: number[]; title: string[]; text: number[]; word_count: number[]; published_at: string[] };
  newTexts: PooledChapter[];
  creatorships: { work_id: number[]; pseud_id: number[]; position: number[]; accepted_at: string[] };
  workTags: { work_id: number[]; tag_id: number[]; position: number[] };
  songCredits: { id: number[]; work_id: number[]; position: number[]; title: string[]; artist: string[] };
  series: { id: number[]; title: string[]; summary: string[]; complete: boolean[]; created_at: string[] };
  seriesCreatorships: { series_id: number[]; pseud_id: number[] };
  serialWorks: { series_id: number[]; work_id: number[]; position: number[]; created_at: string[] };
}

export interface SystemTagIds {
  ratings: number[];
  warnings: number[];
  categories: number[];
}

export interface IdStart {
  work: number;
  chapter: number;
  series: number;
  songCredit: number;
}

const START = Date.UTC(2012, 0, 1);
const SPAN = Date.UTC(2025, 5, 1) - START;
const DAY = 86_400_000;
/** Works with this many words are what the benchmark's "guest work page" reads. */
export const BENCH_WORK_WORDS = 5_000;

const RATING_SHARES = [0.1, 0.3, 0.3, 0.15, 0.15];

function weighted(random: Random, shares: readonly number[]): number {
  let target = random.next();
  for (let i = 0; i < shares.length; i++) {
    target -= shares[i]!;
    if (target < 0) return i;
  }
  return shares.length - 1;
}

function emptyBatch(): WorkBatch {
  return {
    works: { id: [], title: [], summary: [], notes: [], word_count: [], chapter_count: [], expected_chapters: [], published_at: [], revised_at: [], language: [], posted: [], restricted: [], filter_tag_ids: [], hits_count: [], kudos_count: [], comments_count: [], bookmarks_count: [], creators_text: [], tags_text: [], creator_sort: [], crossover_fandoms: [] },
    chapters: { id: [], work_id: [], position: [], title: [], text: [], word_count: [], published_at: [] },
    newTexts: [],
    creatorships: { work_id: [], pseud_id: [], position: [], accepted_at: [] },
    workTags: { work_id: [], tag_id: [], position: [] },
    songCredits: { id: [], work_id: [], position: [], title: [], artist: [] },
    series: { id: [], title: [], summary: [], complete: [], created_at: [] },
    seriesCreatorships: { series_id: [], pseud_id: [] },
    serialWorks: { series_id: [], work_id: [], position: [], created_at: [] },
  };
}

interface SeriesRun {
  seriesId: number;
  pseudId: number;
  fandom: number;
  position: number;
  remaining: number;
}

export class WorkGenerator {
  private readonly random: Random;
  /** The chapter texts chapters are given (written on first use, stored once by the load). */
  private readonly texts: ChapterPool;
  private readonly writers: Zipf;
  private readonly next: IdStart;
  private run: SeriesRun | null = null;
  /** How many generated works carry each tag (by id): the tags' use counts, without counting work_tags again. */
  readonly tagUses = new Map<number, number>();
  private generated = 0;

  constructor(
    seed: number,
    private readonly total: number,
    private readonly plan: TagPlan,
    /** Database ids of the planned tags' filter tags, by tag index. */
    private readonly filterIds: number[][],
    private readonly tagIds: number[],
    private readonly system: SystemTagIds,
    /** Pseud ids per seeded user, the default pseud first. */
    private readonly pseudsOfUser: number[][],
    private readonly names: WorkNames,
    start: IdStart,
  ) {
    this.random = new Random(seed ^ 0x5eed);
    const poolRandom = new Random(seed ^ 0x9a9a);
    const prose = paragraphPool(poolRandom, 3_000);
    const lyrics = Array.from({ length: 300 }, () => lyricBlock(poolRandom));
    this.texts = new ChapterPool(seed, prose, lyrics);
    this.writers = new Zipf(pseudsOfUser.length, 0.8);
    this.next = { ...start };
  }

  /** The next `count` works (fewer at the end), or null when all are generated. */
  batch(count: number): WorkBatch | null {
    if (this.generated >= this.total) return null;
    const batch = emptyBatch();
    for (let i = 0; i < count && this.generated < this.total; i++, this.generated++) this.work(batch, this.generated);
    batch.newTexts = this.texts.takeFresh();
    return batch;
  }

  /**
   * Like `batch`, but yields to the event loop every few works, so the previous batch's rows
   * keep streaming to PostgreSQL while this one is generated (the two cores work in parallel).
   */
  async batchAsync(count: number): Promise<WorkBatch | null> {
    if (this.generated >= this.total) return null;
    const batch = emptyBatch();
    for (let i = 0; i < count && this.generated < this.total; i++, this.generated++) {
      this.work(batch, this.generated);
      if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    }
    batch.newTexts = this.texts.takeFresh();
    return batch;
  }

  private pickPseud(): number {
    const pseuds = this.pseudsOfUser[this.writers.draw(this.random)]!;
    return pseuds.length > 1 && this.random.chance(0.3) ? this.random.pick(pseuds.slice(1)) : pseuds[0]!;
  }

  private work(batch: WorkBatch, index: number): void {
    const r = this.random;
    const id = this.next.work++;
    // The first work is the benchmark's guest work page: posted, public, one chapter of about 5,000 words.
    const bench = index === 0;
    const publishedMs = START + Math.floor(((index + r.next()) / this.total) * SPAN);
    const run = this.continueSeries(batch, id, bench, publishedMs);
    const pseudId = run?.pseudId ?? this.pickPseud();
    const fandomRank = run?.fandom ?? (bench ? 0 : this.plan.fandomPopularity.draw(r));
    const posted = bench || run !== null || r.chance(0.97);
    const restricted = !bench && r.chance(0.08);
    const chapters = bench ? 1 : r.chance(0.72) ? 1 : Math.min(80, 2 + Math.floor(r.logNormal(3, 0.9)));
    const targetWords = bench ? BENCH_WORK_WORDS : Math.min(200_000, Math.max(60, Math.round(r.logNormal(600, 0.9) * Math.pow(chapters, 0.7))));
    const songfic = !bench && r.chance(0.04);
    const revisedMs = chapters > 1 ? Math.min(START + SPAN, publishedMs + r.int(1, 400) * DAY) : publishedMs;
    const words = this.chapters(batch, id, chapters, targetWords, songfic, bench, publishedMs, revisedMs);
    const complete = chapters === 1 || r.chance(0.7);
    const { filters, own } = this.tags(batch, id, fandomRank, bench);
    const w = batch.works;
    w.id.push(id);
    w.title.push(title(r));
    w.summary.push(summary(r));
    w.notes.push(r.chance(0.3) ? summary(r) : '');
    w.word_count.push(words);
    w.chapter_count.push(chapters);
    w.expected_chapters.push(complete ? chapters : r.chance(0.5) ? null : chapters + r.int(1, 10));
    w.published_at.push(new Date(publishedMs).toISOString());
    w.revised_at.push(new Date(revisedMs).toISOString());
    w.language.push(bench ? 'en' : LANGUAGE_MIX[weighted(r, LANGUAGE_MIX.map((l) => l.share))]!.code);
    w.posted.push(posted);
    w.restricted.push(restricted);
    w.filter_tag_ids.push(`{${filters.join(',')}}`);
    w.tags_text.push(this.names.tagsText([...own, ...filters]));
    w.crossover_fandoms.push(this.names.crossoverFandoms(filters));
    this.responses(batch, posted, chapters, index);
    batch.creatorships.work_id.push(id);
    batch.creatorships.pseud_id.push(pseudId);
    batch.creatorships.position.push(1);
    batch.creatorships.accepted_at.push(new Date(publishedMs).toISOString());
    const coCreator = !bench && run === null && r.chance(0.03) ? this.coCreator(batch, id, pseudId, publishedMs) : null;
    const creators = coCreator === null ? [pseudId] : [pseudId, coCreator];
    w.creators_text.push(this.names.creatorsText(creators));
    w.creator_sort.push(this.names.creatorSort(creators));
    if (songfic) this.songs(batch, id);
    if (run === null && posted && !bench && r.chance(0.03)) this.startSeries(batch, id, pseudId, publishedMs, fandomRank);
  }

  /** Chapter texts from the pool (songfics get lyric blocks; the bench work its exact length); returns the work's word count. */
  private chapters(batch: WorkBatch, workId: number, count: number, targetWords: number, songfic: boolean, bench: boolean, publishedMs: number, revisedMs: number): number {
    const r = this.random;
    let total = 0;
    for (let position = 1; position <= count; position++) {
      const target = count === 1 ? targetWords : Math.max(30, Math.round((targetWords / count) * (0.6 + 0.8 * r.next())));
      const text = bench ? this.texts.exact(target) : this.texts.draw(r, target, songfic);
      const c = batch.chapters;
      c.id.push(this.next.chapter++);
      c.work_id.push(workId);
      c.position.push(position);
      c.title.push(count > 1 && r.chance(0.5) ? title(r) : '');
      c.text.push(text.id);
      c.word_count.push(text.words);
      c.published_at.push(new Date(publishedMs + Math.floor(((revisedMs - publishedMs) * (position - 1)) / Math.max(1, count - 1))).toISOString());
      total += text.words;
    }
    return total;
  }

  /** Puts the work's tags in work_tags and returns their ids and its filter tag ids, sorted. */
  private tags(batch: WorkBatch, workId: number, fandomRank: number, bench: boolean): { own: number[]; filters: number[] } {
    const r = this.random;
    const p = this.plan;
    const chosen: number[] = [];
    const fandoms = [fandomRank];
    if (!bench && r.chance(0.15)) fandoms.push(p.fandomPopularity.draw(r));
    for (const rank of fandoms) chosen.push(p.fandoms[rank]!);
    const fromFandom = (list: number[], max: number) => {
      const popularity = this.popularity(list.length);
      for (let n = r.int(0, max); n > 0 && list.length > 0; n--) chosen.push(list[popularity.draw(r)]!);
    };
    fromFandom(p.relationshipsOf[fandomRank]!, 3);
    fromFandom(p.charactersOf[fandomRank]!, 6);
    for (let n = r.int(0, 8); n > 0; n--) chosen.push(p.freeforms[p.freeformPopularity.draw(r)]!);
    for (let n = r.chance(0.25) ? r.int(1, 2) : 0; n > 0; n--) chosen.push(p.unwrangled[p.unwrangledPopularity.draw(r)]!);
    // Writers often type a synonym instead of the canonical name.
    const written = chosen.map((tag) => {
      const synonyms = p.synonymsOf.get(tag);
      return synonyms && r.chance(0.2) ? r.pick(synonyms) : tag;
    });
    const ids = new Set<number>();
    const filters = new Set<number>();
    const put = (tagId: number) => {
      if (ids.has(tagId)) return;
      ids.add(tagId);
      this.tagUses.set(tagId, (this.tagUses.get(tagId) ?? 0) + 1);
      batch.workTags.work_id.push(workId);
      batch.workTags.tag_id.push(tagId);
      batch.workTags.position.push(ids.size - 1);
    };
    const s = this.system;
    const systemTags = [
      s.ratings[bench ? 2 : weighted(r, RATING_SHARES)]!,
      s.warnings[bench ? 1 : r.chance(0.55) ? 1 : r.chance(0.6) ? 0 : r.int(2, 5)]!,
      ...(r.chance(0.1) ? [s.warnings[r.int(2, 3)]!] : []),
      ...(r.chance(0.85) ? [s.categories[r.int(0, 5)]!] : []),
    ];
    for (const tagId of systemTags) {
      put(tagId);
      filters.add(tagId);
    }
    for (const tag of written) {
      put(this.tagIds[tag]!);
      for (const f of this.filterIds[tag]!) filters.add(f);
    }
    return { own: [...ids], filters: [...filters].sort((a, b) => a - b) };
  }

  private readonly zipfBySize = new Map<number, Zipf>();

  private popularity(size: number): Zipf {
    let zipf = this.zipfBySize.get(size);
    if (!zipf) this.zipfBySize.set(size, (zipf = new Zipf(Math.max(1, size), 1)));
    return zipf;
  }

  /** Hits, kudos, comments and bookmarks: log-normal hits, older works more; the rest a share of those. */
  private responses(batch: WorkBatch, posted: boolean, chapters: number, index: number): void {
    const r = this.random;
    const w = batch.works;
    if (!posted) {
      for (const column of [w.hits_count, w.kudos_count, w.comments_count, w.bookmarks_count]) column.push(0);
      return;
    }
    const age = 1 + (1 - index / this.total);
    const hits = Math.min(2_000_000, Math.round(r.logNormal(250, 1.5) * age * Math.sqrt(chapters)));
    const kudos = Math.round(hits * (0.02 + 0.1 * r.next()));
    w.hits_count.push(hits);
    w.kudos_count.push(kudos);
    w.comments_count.push(Math.round(kudos * (0.03 + 0.3 * r.next()) * Math.sqrt(chapters)));
    w.bookmarks_count.push(Math.round(kudos * (0.05 + 0.25 * r.next())));
  }

  /** A second creator, credited after the first; returns its pseud id (null when the draw gave the same one). */
  private coCreator(batch: WorkBatch, workId: number, pseudId: number, publishedMs: number): number | null {
    const other = this.pickPseud();
    if (other === pseudId) return null;
    const c = batch.creatorships;
    c.work_id.push(workId);
    c.pseud_id.push(other);
    c.position.push(2);
    c.accepted_at.push(new Date(publishedMs).toISOString());
    return other;
  }

  private songs(batch: WorkBatch, workId: number): void {
    const s = batch.songCredits;
    for (let position = 1; position <= this.random.int(1, 2); position++) {
      s.id.push(this.next.songCredit++);
      s.work_id.push(workId);
      s.position.push(position);
      s.title.push(title(this.random));
      s.artist.push(this.random.pick(SONG_ARTISTS));
    }
  }

  private startSeries(batch: WorkBatch, workId: number, pseudId: number, publishedMs: number, fandom: number): void {
    const seriesId = this.next.series++;
    const s = batch.series;
    s.id.push(seriesId);
    s.title.push(`${title(this.random)} Series`);
    s.summary.push(summary(this.random));
    s.complete.push(this.random.chance(0.5));
    s.created_at.push(new Date(publishedMs).toISOString());
    batch.seriesCreatorships.series_id.push(seriesId);
    batch.seriesCreatorships.pseud_id.push(pseudId);
    this.run = { seriesId, pseudId, fandom, position: 1, remaining: this.random.int(1, 5) };
    this.addToSeries(batch, workId, publishedMs);
  }

  private addToSeries(batch: WorkBatch, workId: number, publishedMs: number): void {
    const run = this.run!;
    const sw = batch.serialWorks;
    sw.series_id.push(run.seriesId);
    sw.work_id.push(workId);
    sw.position.push(run.position++);
    sw.created_at.push(new Date(publishedMs).toISOString());
  }

  /** The series run this work continues (same creator and fandom), if one is open. */
  private continueSeries(batch: WorkBatch, workId: number, bench: boolean, publishedMs: number): SeriesRun | null {
    const run = this.run;
    if (!run || bench) return null;
    if (run.remaining-- <= 0) {
      this.run = null;
      return null;
    }
    this.addToSeries(batch, workId, publishedMs);
    return run;
  }
}
