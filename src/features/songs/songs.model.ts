/** A song a work credits: songfics name the songs whose lyrics they quote. */
export interface SongCredit {
  title: string;
  artist: string;
  /** http(s) only; null when the writer gave none. */
  link: string | null;
}
