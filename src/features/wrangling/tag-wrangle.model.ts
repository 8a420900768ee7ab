import { FREE_TAG_TYPES, tagPath, type Tag } from '../tags/tags.model.ts';

/** A tag's wrangle screen: `/tags/fandom/Star%20Trek/wrangle`. */
export const wranglePath = (tag: Pick<Tag, 'type' | 'name'>) => `${tagPath(tag.type, tag.name)}/wrangle`;

/** Only the free tag types are wrangled: system tags (and any other fixed type, such as media) never are. */
export const isWrangleable = (tag: Pick<Tag, 'type'>) => (FREE_TAG_TYPES as readonly string[]).includes(tag.type);
