import { sql } from 'kysely';
import type { DbOrTrx } from '../../../platform/db/schema.ts';
import type { SuggestedType } from './autocomplete.schemas.ts';

export interface TagSuggestion {
  name: string;
  type: SuggestedType;
  canonical: boolean;
  /** The canonical tag this one is a synonym of; null for a canonical tag. */
  synonymOf: string | null;
  /** Works tagged with it; for a canonical tag, with any of its synonyms too. */
  uses: number;
}

export const MAX_SUGGESTIONS = 10;

/** `abc` → `abc%` for LIKE, with LIKE's own wildcards in the typed text taken literally. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * Canonical tags and synonyms of the given types whose name, or any word of whose name, starts with
 * `prefix` (ignoring case). Most used first, then name matches before word matches, then by
 * name. Both matches are btree range scans (migration 0009); use counts are stored on the tag,
 * so no work_tags are counted here.
 */
export async function suggestTags(db: DbOrTrx, types: SuggestedType[], prefix: string): Promise<TagSuggestion[]> {
  const pattern = likePrefix(prefix);
  const result = await sql<{ name: string; type: SuggestedType; canonical: boolean; synonym_of: string | null; uses: number; name_match: boolean }>`
    with hits as (
      select id, true as name_match from tags
      where type = any(cast(${types} as text[])) and lower(name) like lower(${pattern})
      union all
      select tag_id, false from tag_words
      where type = any(cast(${types} as text[])) and word like lower(${pattern})
    ), matched as (
      select id, bool_or(name_match) as name_match from hits group by id
    )
    select t.name, t.type, t.canonical, c.name as synonym_of, m.name_match,
      t.taggings_count + case when t.canonical
        then coalesce((select sum(s.taggings_count) from tags s where s.synonym_of = t.id), 0) else 0 end as uses
    from matched m
    join tags t on t.id = m.id
    left join tags c on c.id = t.synonym_of
    where t.canonical or t.synonym_of is not null
    order by uses desc, m.name_match desc, lower(t.name), t.id
    limit ${MAX_SUGGESTIONS}
  `.execute(db);
  return result.rows.map((row) => ({ name: row.name, type: row.type, canonical: row.canonical, synonymOf: row.synonym_of, uses: Number(row.uses) }));
}
