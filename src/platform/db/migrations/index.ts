import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_foundation.ts';
import * as m0004 from './0004_series_pseuds.ts';

/**
 * Every migration, in order. Landed migrations are never edited: add a new file
 * and a new line here instead.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0004_series_pseuds': m0004,
};
