import type { TagType } from './tags.model.ts';

/**
 * Tag types by id, kept in memory for the listings' facets, which would otherwise look up the
 * type of every one of thousands of tags on each uncached page. Safe to keep forever and on
 * every app server: a tag's type never changes (migration 0021 makes PostgreSQL refuse it) and
 * ids are never reused. One map per database handle, so two archives in one process (the test
 * suite's two engines) never share it. Capped: past MAX_ENTRIES it starts again, which costs
 * lookups, never a wrong answer.
 */
const MAX_ENTRIES = 500_000;
const caches = new WeakMap<object, Map<number, TagType>>();

/** The types known so far for this database (`db` is the handle the app queries through). */
export function knownTagTypes(db: object): ReadonlyMap<number, TagType> {
  return caches.get(db) ?? new Map();
}

export function rememberTagTypes(db: object, types: Iterable<readonly [number, TagType]>): void {
  let cache = caches.get(db);
  if (!cache || cache.size > MAX_ENTRIES) caches.set(db, (cache = new Map()));
  for (const [id, type] of types) cache.set(id, type);
}
