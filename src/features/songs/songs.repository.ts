import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { SongCredit } from './songs.model.ts';

/** Song credits of the outer `works` row, as one JSON array, so a listing of blurbs needs no second query. */
export const songCreditsJson = sql<SongCredit[]>`(
  select coalesce(json_agg(json_build_object('title', s.title, 'artist', s.artist, 'link', s.link) order by s.position), '[]')
  from song_credits s
  where s.work_id = works.id
)`;

export async function replaceSongCredits(db: DbOrTrx, workId: number, credits: SongCredit[]): Promise<void> {
  await db.deleteFrom('song_credits').where('work_id', '=', workId).execute();
  if (credits.length === 0) return;
  await db
    .insertInto('song_credits')
    .values(credits.map((credit, index) => ({ work_id: workId, position: index + 1, title: credit.title, artist: credit.artist, link: credit.link })))
    .execute();
}
