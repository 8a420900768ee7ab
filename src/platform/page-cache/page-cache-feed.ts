import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/schema.ts';
import { changesSince, currentSnapshot, pruneChanges, type Snapshot } from './page-cache.repository.ts';
import type { PageStore } from './page-store.ts';

/** Change rows are kept this long; a server that could not read the feed for half of it starts afresh. */
const RETENTION_SECONDS = 3600;
/** One poll in this many also deletes old change rows (any server may; deleting twice is harmless). */
const PRUNE_EVERY = 200;

/**
 * Follows the database's change feed (migration 0013) and drops the stored pages it names. Every
 * app server runs one, so a save through any server — or the CLI — reaches all of them.
 *
 * pollMs > 0: read the feed in the background every pollMs, and right away after this server
 * answered a POST (so a writer sees their change on the next page). pollMs = 0: read it before
 * every answer from the cache, so a change committed anywhere is never served stale.
 */
export class PageCacheFeed {
  private snapshot: Snapshot | null = null;
  private lastSyncAt = 0;
  private dirty = false;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polls = 0;

  constructor(
    private readonly db: Db,
    private readonly store: PageStore,
    private readonly pollMs: number,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(): Promise<void> {
    if (!this.store.enabled) return;
    this.snapshot = await currentSnapshot(this.db);
    this.lastSyncAt = Date.now();
    if (this.pollMs > 0) {
      this.timer = setInterval(() => void this.sync().catch((err: unknown) => this.log.warn({ err }, 'page cache: could not read the change feed')), this.pollMs);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** This server just changed something: read the feed before the next cached answer. */
  markDirty(): void {
    this.dirty = true;
  }

  /**
   * Called before answering from the store. False when the store can't be trusted right now
   * (the feed was unreadable for too long): answer without it.
   */
  async prepare(): Promise<boolean> {
    if (!this.snapshot) return false;
    if (this.pollMs === 0 || this.dirty) {
      try {
        await this.sync();
      } catch (err) {
        this.log.warn({ err }, 'page cache: could not read the change feed');
        return false;
      }
    }
    return Date.now() - this.lastSyncAt < Math.max(10 * this.pollMs, 5000);
  }

  /** Reads the feed once; callers arriving during a read wait for the next one, which starts after them. */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.syncOnce().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.sync();
      });
    return this.queued;
  }

  private async syncOnce(): Promise<void> {
    if (!this.snapshot) return;
    const startedAt = Date.now();
    this.dirty = false;
    const { snapshot, keys } = await changesSince(this.db, this.snapshot);
    // Rows this server never read may have been pruned meanwhile: nothing stored can be trusted.
    if (startedAt - this.lastSyncAt > (RETENTION_SECONDS * 1000) / 2) this.store.clear();
    else if (keys.length > 0) this.store.invalidate(keys);
    this.snapshot = snapshot;
    this.lastSyncAt = startedAt;
    if (++this.polls % PRUNE_EVERY === 0) await pruneChanges(this.db, RETENTION_SECONDS);
  }
}
