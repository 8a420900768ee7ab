export const SYSTEM_TAG_TYPES = ['rating', 'warning', 'category'] as const;
export const FREE_TAG_TYPES = ['fandom', 'relationship', 'character', 'freeform'] as const;
/** The types of tag a work carries. */
export const WORK_TAG_TYPES = [...SYSTEM_TAG_TYPES, ...FREE_TAG_TYPES] as const;
/**
 * Media (TV Shows, Books & Literature, …) are AO3's fixed parents of fandoms, seeded by
 * migration 0008: canonical, never on a work, never typed by a writer or wrangled.
 */
export const MEDIA = 'media' as const;
export const TAG_TYPES = [...WORK_TAG_TYPES, MEDIA] as const;

export type SystemTagType = (typeof SYSTEM_TAG_TYPES)[number];
export type FreeTagType = (typeof FREE_TAG_TYPES)[number];
export type WorkTagType = (typeof WORK_TAG_TYPES)[number];
export type TagType = (typeof TAG_TYPES)[number];
/** Types whose tags are fixed by the archive: the system tags and the media. */
export const isFixedTagType = (type: TagType): type is SystemTagType | typeof MEDIA =>
  type === MEDIA || (SYSTEM_TAG_TYPES as readonly string[]).includes(type);

export interface Tag {
  id: number;
  type: TagType;
  name: string;
}

/** How each tag type is labelled on forms and work pages, in AO3's order. */
export const TAG_TYPE_LABELS: Record<TagType, { one: string; many: string }> = {
  rating: { one: 'Rating', many: 'Rating' },
  warning: { one: 'Archive Warning', many: 'Archive Warnings' },
  category: { one: 'Category', many: 'Categories' },
  fandom: { one: 'Fandom', many: 'Fandoms' },
  relationship: { one: 'Relationship', many: 'Relationships' },
  character: { one: 'Character', many: 'Characters' },
  freeform: { one: 'Additional Tag', many: 'Additional Tags' },
  media: { one: 'Media', many: 'Media' },
};

export const MAX_TAG_LENGTH = 150;
/** AO3's limit on the tags a writer adds (fandoms, relationships, characters, additional tags). */
export const MAX_FREE_TAGS_PER_WORK = 75;

/** Names of the fixed system tags, as seeded by migration 0002. */
export const RATINGS = ['Not Rated', 'General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit'] as const;
export const WARNINGS = [
  'Creator Chose Not To Use Archive Warnings',
  'No Archive Warnings Apply',
  'Graphic Depictions Of Violence',
  'Major Character Death',
  'Rape/Non-Con',
  'Underage Sex',
] as const;
export const CATEGORIES = ['Gen', 'F/M', 'M/M', 'F/F', 'Multi', 'Other'] as const;
/** AO3's media, as seeded by migration 0008. Fandoms with no media are listed under the last. */
export const MEDIA_NAMES = [
  'Anime & Manga',
  'Books & Literature',
  'Cartoons & Comics & Graphic Novels',
  'Celebrities & Real People',
  'Movies',
  'Music & Bands',
  'Other Media',
  'Theater',
  'TV Shows',
  'Video Games',
  'Uncategorized Fandoms',
] as const;
export const UNCATEGORIZED_MEDIA = 'Uncategorized Fandoms';

/** Tags of one work, grouped by type, each group in the writer's (or the system's) order. */
export type WorkTags = Record<WorkTagType, string[]>;

export function emptyWorkTags(): WorkTags {
  return { rating: [], warning: [], category: [], fandom: [], relationship: [], character: [], freeform: [] };
}

/** The types a canonical parent tag may have. */
export type ParentTagType = FreeTagType | typeof MEDIA;

/** Which types of canonical tag may be parents of each free tag type, in the order a name is looked up. */
export const PARENT_TYPES: Record<FreeTagType, readonly ParentTagType[]> = {
  fandom: [MEDIA],
  character: ['fandom'],
  relationship: ['fandom', 'character'],
  freeform: ['fandom'],
};

export const isTagType = (value: string): value is TagType => (TAG_TYPES as readonly string[]).includes(value);

/** A tag's page: `/tags/fandom/Star%20Trek`. Names may hold `/`, so the name is encoded whole. */
export const tagPath = (type: TagType, name: string) => `/tags/${type}/${encodeURIComponent(name)}`;

/** A tag as its page shows it: canonical, a synonym of another, or not wrangled yet. */
export interface TagDetails extends Tag {
  canonical: boolean;
  synonymOf: Tag | null;
  unwrangleable: boolean;
}

export type TagRelation = 'synonym' | 'parent' | 'child' | 'meta' | 'sub';

/** The tags linked to one tag, by how they are linked, each list by name. */
export type RelatedTags = Record<TagRelation, Tag[]>;

export interface FandomCount extends Tag {
  workCount: number;
}

/** One media on the fandoms index: its fandoms (all, or the top few) and how many it has in all. */
export interface MediaFandoms {
  media: Tag;
  fandoms: FandomCount[];
  fandomCount: number;
}
