import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_classification.ts';
import * as m0003 from './0003_chapters.ts';
import * as m0004 from './0004_series_pseuds.ts';
import * as m0005 from './0005_songs_preferences.ts';
import * as m0006 from './0006_tag_graph.ts';
import * as m0007 from './0007_wrangling.ts';
import * as m0008 from './0008_media.ts';
import * as m0009 from './0009_tag_autocomplete.ts';
import * as m0010 from './0010_reader_responses.ts';
import * as m0011 from './0011_listings.ts';
import * as m0012 from './0012_text_search.ts';
import * as m0013 from './0013_page_cache.ts';
import * as m0014 from './0014_comments.ts';
import * as m0015 from './0015_reactions.ts';
import * as m0016 from './0016_subscriptions_hits.ts';
import * as m0017 from './0017_page_cache_responses.ts';
import * as m0020 from './0020_page_cache_transition_joins.ts';
import * as m0021 from './0021_tag_type_fixed.ts';

/**
 * Every migration, in order. Landed migrations are never edited: add a new file
 * and a new line here instead.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_classification': m0002,
  '0003_chapters': m0003,
  '0004_series_pseuds': m0004,
  '0005_songs_preferences': m0005,
  '0006_tag_graph': m0006,
  '0007_wrangling': m0007,
  '0008_media': m0008,
  '0009_tag_autocomplete': m0009,
  '0010_reader_responses': m0010,
  '0011_listings': m0011,
  '0012_text_search': m0012,
  '0013_page_cache': m0013,
  '0014_comments': m0014,
  '0015_reactions': m0015,
  '0016_subscriptions_hits': m0016,
  '0017_page_cache_responses': m0017,
  '0020_page_cache_transition_joins': m0020,
  '0021_tag_type_fixed': m0021,
};
