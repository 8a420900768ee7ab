import { TAG_TYPES, type TagType } from './tags.model.ts';

/**
 * Every tag's type, in memory, for the listings' facets: they rank thousands of distinct tags
 * by type on each uncached page, and looking the types up cost more than counting them. Safe to
 * keep forever and on every app server: a tag's type never changes (migration 0021 makes
 * PostgreSQL refuse it) and ids are never reused. One byte per tag id, so a million tags take a
 * megabyte. One index per database handle, so two archives in one process (the test suite's two
 * engines) never share one.
 */
export class TagTypeIndex {
  private codes = new Uint8Array(0);
  /** Every tag with an id up to this was read (tags made later get higher ids). */
  loadedUpTo = 0;
  /** The first read of every tag, shared by the requests that arrive while it runs. */
  private whole: Promise<void> | undefined;

  /** Reads every tag once per process (`readAll`: the query); later calls wait for that read. */
  loadOnce(readAll: () => Promise<Iterable<{ id: number; type: TagType }>>): Promise<void> {
    if (!this.whole) {
      const whole = readAll().then((rows) => void this.remember(rows));
      // A failed read is tried again by the next listing.
      whole.catch(() => (this.whole = undefined));
      this.whole = whole;
    }
    return this.whole;
  }

  typeOf(id: number): TagType | undefined {
    const code = this.codes[id];
    return code ? TAG_TYPES[code - 1] : undefined;
  }

  /** Records these tags' types; true when any of them was new to the index. */
  remember(rows: Iterable<{ id: number; type: TagType }>): boolean {
    let learned = false;
    for (const { id, type } of rows) {
      if (id >= this.codes.length) this.grow(id);
      if (this.codes[id] === 0) learned = true;
      this.codes[id] = TAG_TYPES.indexOf(type) + 1;
      if (id > this.loadedUpTo) this.loadedUpTo = id;
    }
    return learned;
  }

  private grow(id: number): void {
    const codes = new Uint8Array(Math.max(id + 1, this.codes.length * 2, 1024));
    codes.set(this.codes);
    this.codes = codes;
  }
}

const indexes = new WeakMap<object, TagTypeIndex>();

/** The index for this database (`db` is the handle the app queries through). */
export function tagTypeIndex(db: object): TagTypeIndex {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = new TagTypeIndex()));
  return index;
}
