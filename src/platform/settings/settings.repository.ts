import type { DbOrTrx } from '../db/schema.ts';

export async function getSetting(db: DbOrTrx, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('site_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Stores the value unless the key already has one, and returns whichever value won. */
export async function setSettingIfMissing(db: DbOrTrx, key: string, value: string): Promise<string> {
  await db.insertInto('site_settings').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await getSetting(db, key)) ?? value;
}
