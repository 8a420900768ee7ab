/**
 * The in-process store of rendered guest pages: least recently used first out, bounded by
 * bytes, each entry indexed by the keys it depends on so a change drops exactly its pages.
 * It knows nothing of HTTP or the database (see cached-page.ts and page-cache-feed.ts).
 */

import type { Encoding } from './content-encoding.ts';

export interface StoredPage {
  /** The page's bytes as rendered (the identity representation). */
  body: Buffer;
  /**
   * The same bytes compressed, made the first time a reader accepting that coding asks
   * (cached-page.ts) and kept with the page, so they leave with it. Attach them with
   * PageStore.attachVariant, which counts their bytes.
   */
  variants: Partial<Record<Encoding, Buffer>>;
  etag: string;
  /** When it was rendered, in whole seconds (HTTP dates have no milliseconds). */
  lastModified: Date;
  /** lastModified as the Last-Modified header says it. */
  lastModifiedHeader: string;
  deps: readonly string[];
  expiresAt: number;
}

/** Rough cost of an entry beyond its body: key, headers, index entries. */
const OVERHEAD_BYTES = 512;

/** What an entry costs the budget: every representation it holds, its key and the overhead. */
function costOf(key: string, page: StoredPage): number {
  let bytes = page.body.length + key.length + OVERHEAD_BYTES;
  for (const variant of Object.values(page.variants)) bytes += variant.length;
  return bytes;
}

export class PageStore {
  private readonly entries = new Map<string, StoredPage>();
  private readonly byDep = new Map<string, Set<string>>();
  private bytes = 0;
  /**
   * Bumped by every invalidation. A page rendered while it moved may show data older than the
   * change that moved it, so it is not stored (see canStore).
   */
  epoch = 0;

  constructor(private readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  get(key: string, now = Date.now()): StoredPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.remove(key);
      return undefined;
    }
    // Refresh its place in the LRU order (Map keeps insertion order).
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Stores a page rendered since `renderEpoch`, unless an invalidation happened meanwhile. */
  set(key: string, page: StoredPage, renderEpoch: number): boolean {
    const cost = costOf(key, page);
    if (!this.enabled || renderEpoch !== this.epoch || cost > this.maxBytes / 4) return false;
    this.remove(key);
    this.entries.set(key, page);
    this.bytes += cost;
    for (const dep of page.deps) {
      let keys = this.byDep.get(dep);
      if (!keys) this.byDep.set(dep, (keys = new Set()));
      keys.add(key);
    }
    this.evictOverBudget();
    return true;
  }

  /**
   * Keeps a compressed copy with the page, counting its bytes. The page gets the copy even
   * when it is no longer (or never was) the one stored under `key`: the caller is answering
   * with it; only a stored page adds to the budget.
   */
  attachVariant(key: string, page: StoredPage, encoding: Encoding, body: Buffer): void {
    const stored = this.entries.get(key) === page;
    if (stored) this.bytes -= costOf(key, page);
    page.variants[encoding] = body;
    if (!stored) return;
    this.bytes += costOf(key, page);
    this.evictOverBudget();
  }

  /** Drops every page depending on any of these keys ('all' drops everything). */
  invalidate(deps: Iterable<string>): void {
    this.epoch++;
    for (const dep of deps) {
      if (dep === 'all') {
        this.clear();
        return;
      }
      const keys = this.byDep.get(dep);
      if (keys) for (const key of [...keys]) this.remove(key);
    }
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
    this.byDep.clear();
    this.bytes = 0;
  }

  private evictOverBudget(): void {
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= costOf(key, entry);
    for (const dep of entry.deps) {
      const keys = this.byDep.get(dep);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.byDep.delete(dep);
    }
  }
}
