import { PARENT_TYPES, type TagType } from '../tags.model.ts';
import { tagKey, type TagRef } from '../tags.repository.ts';
import type { ArchiveMetaLink, ArchiveTag } from './tag-set.repository.ts';
import type { TagSetEntry } from './tag-set.schema.ts';

/*
 * The checks that need the whole file and the archive. They run under the graph lock before
 * anything is written, so the set-based apply step never meets a rule it would break.
 */

/** What the checks know about the archive: the tags the file names, and the links around them. */
export interface ArchiveView {
  tags: Map<string, ArchiveTag>;
  /** Archive tags that collect synonyms or have meta/sub links (of those the file lists as synonyms). */
  linked: Set<number>;
  /** Archive meta links above the file's tags, transitively. */
  metaAbove: ArchiveMetaLink[];
}

/** The file's canonical tags by key (first listing wins) and who claims each synonym. */
export interface FileIndex {
  entryAt: Map<string, number>;
  synonymOwner: Map<string, number>;
}

export function indexFile(entries: TagSetEntry[]): FileIndex {
  const entryAt = new Map<string, number>();
  entries.forEach((e, i) => {
    if (!entryAt.has(tagKey(e))) entryAt.set(tagKey(e), i);
  });
  const synonymOwner = new Map<string, number>();
  entries.forEach((e, i) =>
    e.synonyms.forEach((s) => {
      const key = tagKey({ type: e.type, name: s });
      if (!entryAt.has(key) && !synonymOwner.has(key)) synonymOwner.set(key, i);
    }),
  );
  return { entryAt, synonymOwner };
}

/** Names the archive tags that the file lists as synonyms but that are canonical there (their links must be checked). */
export function canonicalSynonymIds(entries: TagSetEntry[], archive: Map<string, ArchiveTag>): number[] {
  return entries.flatMap((e) => e.synonyms.map((s) => archive.get(tagKey({ type: e.type, name: s })))).filter((t) => t?.canonical === true).map((t) => t!.id);
}

function checkNames(entries: TagSetEntry[], file: FileIndex, archive: ArchiveView, problems: string[]): void {
  entries.forEach((e, i) => {
    const key = tagKey(e);
    if (file.entryAt.get(key) !== i) problems.push(`tags[${i}].name: "${e.name}" is already listed as a ${e.type} at tags[${file.entryAt.get(key)}]`);
    const current = archive.tags.get(key);
    if (current?.synonymOf) {
      problems.push(`tags[${i}].name: "${e.name}" is a synonym of "${current.synonymOf.name}" in the archive: list it among that tag's synonyms, or make it canonical on the wrangling screen first`);
    }
  });
}

function checkSynonyms(entries: TagSetEntry[], file: FileIndex, archive: ArchiveView, problems: string[]): void {
  entries.forEach((e, i) =>
    e.synonyms.forEach((s, j) => {
      const at = `tags[${i}].synonyms[${j}]`;
      const key = tagKey({ type: e.type, name: s });
      const owner = file.synonymOwner.get(key);
      const current = archive.tags.get(key);
      if (file.entryAt.has(key)) problems.push(`${at}: "${s}" is itself a canonical tag in this file`);
      else if (owner !== i) problems.push(`${at}: "${s}" is already a synonym of tags[${owner}]`);
      else if (current?.synonymOf && current.synonymOf.name.toLowerCase() !== e.name.toLowerCase()) {
        problems.push(`${at}: "${s}" is already a synonym of "${current.synonymOf.name}" in the archive`);
      } else if (current && archive.linked.has(current.id)) {
        problems.push(`${at}: "${s}" has synonyms or meta/sub-tags of its own in the archive: move or remove them first`);
      }
    }),
  );
}

function checkLinks(entries: TagSetEntry[], file: FileIndex, archive: ArchiveView, problems: string[]): void {
  // A parent or meta-tag must be canonical once the file is applied: listed here, or canonical
  // in the archive and not about to become a synonym.
  const exists = (type: TagType, name: string) => {
    const key = tagKey({ type, name });
    return file.entryAt.has(key) || (archive.tags.get(key)?.canonical === true && !file.synonymOwner.has(key));
  };
  entries.forEach((e, i) => {
    e.parents.forEach((p, j) => {
      const types = PARENT_TYPES[e.type];
      if (types.length === 0) problems.push(`tags[${i}].parents[${j}]: a ${e.type} can't have parent tags`);
      else if (!types.some((type) => exists(type, p))) problems.push(`tags[${i}].parents[${j}]: "${p}" isn't a canonical ${types.join(' or ')} in this file or the archive`);
    });
    e.meta.forEach((m, j) => {
      if (!exists(e.type, m)) problems.push(`tags[${i}].meta[${j}]: "${m}" isn't a canonical ${e.type} in this file or the archive`);
    });
  });
}

/**
 * Cycles in the meta graph the archive and the file make together. The archive alone has
 * none, so each cycle runs through a link of the file; it is reported at that tag.
 * The walk keeps its own stack: a long meta chain must not overflow the call stack.
 */
export function findMetaCycles(entries: TagSetEntry[], file: FileIndex, metaAbove: ArchiveMetaLink[]): string[] {
  const up = new Map<string, string[]>();
  const names = new Map<string, string>();
  const link = (sub: TagRef, meta: TagRef) => {
    names.set(tagKey(sub), sub.name);
    names.set(tagKey(meta), meta.name);
    const list = up.get(tagKey(sub)) ?? [];
    list.push(tagKey(meta));
    up.set(tagKey(sub), list);
  };
  const fileLinks = new Set<string>();
  entries.forEach((e) =>
    e.meta.forEach((m) => {
      link(e, { type: e.type, name: m });
      fileLinks.add(`${tagKey(e)}>${tagKey({ type: e.type, name: m })}`);
    }),
  );
  for (const { sub, meta } of metaAbove) link(sub, meta);

  const problems: string[] = [];
  const done = new Set<string>();
  const onStack = new Map<string, number>();
  for (const start of file.entryAt.keys()) {
    if (done.has(start)) continue;
    const stack: { key: string; next: number }[] = [{ key: start, next: 0 }];
    onStack.set(start, 0);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const edges = up.get(top.key) ?? [];
      if (top.next >= edges.length) {
        stack.pop();
        onStack.delete(top.key);
        done.add(top.key);
        continue;
      }
      const next = edges[top.next++]!;
      if (done.has(next)) continue;
      const at = onStack.get(next);
      if (at === undefined) {
        onStack.set(next, stack.length);
        stack.push({ key: next, next: 0 });
        continue;
      }
      const cycle = [...stack.slice(at).map((s) => s.key), next];
      problems.push(describeCycle(cycle, entries, file, fileLinks, names));
    }
  }
  return problems;
}

function describeCycle(cycle: string[], entries: TagSetEntry[], file: FileIndex, fileLinks: Set<string>, names: Map<string, string>): string {
  // Start the cycle at a tag of the file whose own meta link closes it.
  const loop = cycle.slice(0, -1);
  const from = loop.findIndex((key, k) => file.entryAt.has(key) && fileLinks.has(`${key}>${loop[(k + 1) % loop.length]}`));
  const rotated = [...loop.slice(Math.max(from, 0)), ...loop.slice(0, Math.max(from, 0))];
  const i = file.entryAt.get(rotated[0]!) ?? 0;
  const trail = [...rotated, rotated[0]!].map((key) => names.get(key) ?? key).join(' → ');
  return `tags[${i}].meta: "${entries[i]!.name}" would be its own meta-tag (cycle: ${trail})`;
}

/** Every problem the whole file has together with the archive, in file order by kind. */
export function crossCheck(entries: TagSetEntry[], archive: ArchiveView): string[] {
  const file = indexFile(entries);
  const problems: string[] = [];
  checkNames(entries, file, archive, problems);
  checkSynonyms(entries, file, archive, problems);
  checkLinks(entries, file, archive, problems);
  problems.push(...findMetaCycles(entries, file, archive.metaAbove));
  return problems;
}
