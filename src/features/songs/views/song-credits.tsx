import type { SongCredit } from '../songs.model.ts';

function SongTitle({ song }: { song: SongCredit }) {
  // Writers' links point anywhere: no ranking credit, no window.opener.
  return <>“{song.link ? <a href={song.link} rel="nofollow ugc noopener">{song.title}</a> : song.title}”</>;
}

/** "Songs: “Title” by Artist; “Other” by Someone", on the work page and in blurbs. */
export function SongCredits({ songs }: { songs: SongCredit[] }) {
  if (songs.length === 0) return null;
  return (
    <p class="song-credits">
      Songs:{' '}
      {songs.map((song, index) => (
        <span key={index}>
          {index > 0 ? '; ' : ''}
          <SongTitle song={song} /> by {song.artist}
        </span>
      ))}
    </p>
  );
}
