/**
 * Words the corpus generator builds names and prose from. Plain ASCII letters only, so every
 * generated word is exactly one word to the archive's word counter (works/word-count.ts).
 */
export const ADJECTIVES = (
  'silver quiet broken golden hollow bright distant crimson gentle restless wild patient bitter tender ' +
  'frozen burning hidden lonely ancient careful sudden endless velvet iron salt paper glass winter summer ' +
  'autumn spring midnight morning crooked honest narrow heavy hungry lucky rusted secret shallow stubborn ' +
  'sweet tired wary warm weathered wicked wistful faded stolen borrowed'
).split(' ');

export const NOUNS = (
  'harbour lighthouse garden river window letter kitchen station library orchard bridge lantern ' +
  'compass storm island forest market tower ocean meadow mirror promise secret crown sword shadow ' +
  'engine violin postcard balcony notebook teacup ribbon thunder candle doorway staircase coat ' +
  'heart road city village castle summer winter morning evening night star moon tide field shore ' +
  'chapel academy theatre museum train carriage courtyard rooftop cellar archive signal feather'
).split(' ');

export const VERBS = (
  'watched waited remembered carried followed whispered laughed wandered noticed promised answered ' +
  'touched counted opened closed crossed found lost kept broke mended painted folded burned held ' +
  'trusted forgave missed called dreamed listened turned reached stayed left'
).split(' ');

export const ADVERBS = 'slowly quietly suddenly carefully almost never always softly finally again still already'.split(' ');

export const PREPOSITIONS = 'across beside under over behind through toward against beneath beyond past near'.split(' ');

export const FIRST_NAMES = (
  'Nell Tomas Ada Rowan Mira Jonah Elise Kit Marcus Ines Theo Priya Wren Felix Hana Oskar Juno Sable ' +
  'Idris Lena Cass Noor Emeric Talia Bram Vesna Ruth Caleb Yara Silas Maeve Otto Zara Linus Petra ' +
  'Ansel Dana Farah Gideon Iris'
).split(' ');

export const LAST_NAMES = (
  'Okafor Vey Marlowe Quill Ashby Reyes Lindqvist Castellan Thorne Baptiste Winslow Amari Kovac ' +
  'Sato Delacroix Fenwick Halloran Ibarra Jansen Kettering Larkspur Moreau Novak Oyelaran Pryce'
).split(' ');

export const MEDIUMS = [
  { label: 'TV', media: 'TV Shows' },
  { label: 'Novel', media: 'Books & Literature' },
  { label: 'Anime', media: 'Anime & Manga' },
  { label: 'Comics', media: 'Cartoons & Comics & Graphic Novels' },
  { label: 'Film', media: 'Movies' },
  { label: 'Video Game', media: 'Video Games' },
  { label: 'Band', media: 'Music & Bands' },
  { label: 'Musical', media: 'Theater' },
  { label: 'Podcast', media: 'Other Media' },
] as const;

/** Additional tags every archive has, most used first. */
export const COMMON_FREEFORMS = [
  'Fluff', 'Angst', 'Hurt/Comfort', 'Romance', 'Friendship', 'Alternate Universe', 'Angst with a Happy Ending',
  'Humor', 'Slow Burn', 'Found Family', 'Established Relationship', 'Canon Compliant', 'Fix-It',
  'Alternate Universe - Modern Setting', 'Alternate Universe - Coffee Shops & Cafés', 'Enemies to Lovers',
  'Friends to Lovers', 'Pining', 'Mutual Pining', 'Domestic Fluff', 'Character Study', 'Post-Canon',
  'Pre-Canon', 'Missing Scene', 'Whump', 'Emotional Hurt/Comfort', 'Families of Choice', 'Grief/Mourning',
  'Songfic', 'Drabble', 'Oneshot', 'Introspection', 'Time Travel', 'Soulmates', 'Magic', 'Road Trips',
  'Nightmares', 'Love Confessions', 'First Kiss', 'Happy Ending',
];

export const LANGUAGE_MIX: readonly { code: string; share: number }[] = [
  { code: 'en', share: 0.86 },
  { code: 'es', share: 0.03 },
  { code: 'zh', share: 0.025 },
  { code: 'fr', share: 0.02 },
  { code: 'de', share: 0.015 },
  { code: 'ru', share: 0.015 },
  { code: 'it', share: 0.01 },
  { code: 'pt-BR', share: 0.01 },
  { code: 'ja', share: 0.008 },
  { code: 'pl', share: 0.007 },
];

export const SONG_ARTISTS = ['The Lantern Choir', 'Harbour Static', 'Mirela Vance', 'Paper Satellites', 'Old Tide', 'Juniper Hale', 'The Quiet Engines'];
