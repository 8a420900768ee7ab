import type { PseudRows, UserRows } from './seed.repository.ts';

/**
 * What a work's derived columns say about its tags and creators — the text its search document
 * is built from (search.repository.ts, searchDocumentSql), its creator sort key (migration
 * 0011's works_creator_sort) and whether it can be a crossover — from names the load already
 * holds, so the inserts need no lookups per work. The seed test compares every work's columns
 * with what the database functions compute.
 */
export class WorkNames {
  private readonly creators = new Map<number, { name: string; username: string }>();

  constructor(
    /** Every tag a seeded work can carry or be filtered by, by database id, with its stored name. */
    private readonly tagNames: ReadonlyMap<number, string>,
    private readonly fandomIds: ReadonlySet<number>,
    users: UserRows,
    pseuds: PseudRows,
  ) {
    const usernames = new Map(users.id.map((id, i) => [id, users.username[i]!]));
    pseuds.id.forEach((id, i) => this.creators.set(id, { name: pseuds.name[i]!, username: usernames.get(pseuds.userId[i]!)! }));
  }

  /** The names of these tags, in id order: the document's tags field. */
  tagsText(tagIds: Iterable<number>): string {
    return [...new Set(tagIds)]
      .sort((a, b) => a - b)
      .map((id) => this.tagNames.get(id)!)
      .join(' ');
  }

  /** Each creator's pen name, and the username when it differs: the document's creators field. */
  creatorsText(pseudIds: number[]): string {
    return pseudIds
      .map((id) => {
        const { name, username } = this.creators.get(id)!;
        return name.toLowerCase() === username.toLowerCase() ? name : `${name} ${username}`;
      })
      .join(' ');
  }

  creatorSort(pseudIds: number[]): string {
    return pseudIds.map((id) => this.creators.get(id)!.name).join(', ').toLowerCase();
  }

  /**
   * The fandoms among these filter tags as an int8[] literal when there are two or more (only
   * then can the work be a crossover), else null. `works_crossover` looks at nothing else, so
   * the load asks it once per distinct set (CrossoverAnswers).
   */
  crossoverFandoms(filterIds: number[]): string | null {
    const fandoms = filterIds.filter((id) => this.fandomIds.has(id));
    return fandoms.length >= 2 ? `{${fandoms.join(',')}}` : null;
  }
}
