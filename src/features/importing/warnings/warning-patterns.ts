/**
 * The phrase patterns behind the warning suggestions, with their weights. A sentence scores the
 * sum of the weights of the patterns it matches (each pattern once per sentence); a category is
 * suggested when its sentences add up to its threshold. Weights of 3 or more mean "this phrase
 * alone is enough"; lower weights need company. Tested in warnings.test.ts, benign texts included.
 */
export type WarningCategory = 'suicide' | 'selfHarm' | 'violence' | 'death' | 'sexual' | 'abuse';

export interface WarningPattern {
  re: RegExp;
  weight: number;
}

export interface CategoryRules {
  /** The name suggested: AO3's archive warning where there is one, else the usual freeform tag. */
  name: string;
  /** Whether `name` is one of the archive's fixed warning tags (migration 0002) or a freeform. */
  tagType: 'warning' | 'freeform';
  threshold: number;
  patterns: WarningPattern[];
}

const P = (source: string, weight: number): WarningPattern => ({ re: new RegExp(source, 'i'), weight });
const SELF = '(?:him|her|my|your|them|our)sel(?:f|ves)';
const POSS = '(?:his|her|my|their|your)';
const OBJ = '(?:him|her|them|me|you)';

export const CATEGORIES: Record<WarningCategory, CategoryRules> = {
  suicide: {
    name: 'Suicide Attempt',
    tagType: 'freeform',
    threshold: 3,
    patterns: [
      P('\\bsuicid(?:e|al)\\b', 3),
      P(`\\bkill(?:s|ed|ing)?\\s+${SELF}`, 3),
      P(`\\btook\\s+${POSS}\\s+own\\s+life\\b`, 3),
      P(`\\bend(?:s|ed|ing)?\\s+(?:it\\s+all|${POSS}\\s+(?:own\\s+)?life)\\b`, 2.5),
      P(`\\b(?:gun|barrel|muzzle|pistol)\\b[^.]{0,40}\\b(?:to|against|into|in)\\s+${POSS}\\s+(?:own\\s+)?(?:head|temple|mouth|chin)\\b`, 3),
      P(`\\b(?:slit|slash(?:ed)?|cut)\\s+${POSS}\\s+wrists?\\b`, 3),
      P(`\\bhang(?:ed|s)?\\s+${SELF}\\b`, 3),
      P('\\bjump(?:ed|s)?\\s+(?:off|from)\\s+(?:the\\s+)?(?:bridge|roof|ledge|building|cliff)\\b', 2),
      P('\\boverdos(?:e|ed|ing)\\b', 2),
      P(`\\bswallow(?:ed)?\\s+(?:a\\s+handful\\s+of|all\\s+(?:of\\s+)?${POSS})\\s+(?:pills|tablets)\\b`, 3),
      P('\\bwant(?:ed|s)?\\s+to\\s+die\\b', 1.5),
      P('\\bpulled\\s+the\\s+trigger\\b', 1),
      P('\\bsuicide\\s+note\\b|\\bgoodbye\\s+(?:note|letter)\\b', 2),
    ],
  },
  selfHarm: {
    name: 'Self-Harm',
    tagType: 'freeform',
    threshold: 3,
    patterns: [
      P('\\bself[- ]?harm(?:ing)?\\b|\\bself[- ]?injur(?:y|ies|ing)\\b|\\bself[- ]?mutilat', 3),
      P(`\\b(?:cut|cuts|cutting|burn(?:ed|t|ing)?|hurt(?:ing)?)\\s+${SELF}\\b`, 3),
      P(`\\b(?:razor|blade)\\b[^.]{0,40}\\b(?:wrists?|forearms?|thighs?|skin)\\b`, 2),
      P(`\\bscars?\\s+(?:on|along|across)\\s+${POSS}\\s+(?:wrists?|forearms?|thighs?)\\b`, 2),
      P('\\brelapsed?\\b', 1),
    ],
  },
  violence: {
    name: 'Graphic Depictions Of Violence',
    tagType: 'warning',
    threshold: 5,
    patterns: [
      P('\\bblood\\s+(?:poured|pooled|gushed|sprayed|spurted|splattered|soaked|everywhere)\\b|\\bpool\\s+of\\s+blood\\b', 2),
      P(`\\bstabb(?:ed|ing)\\s+${OBJ}\\b|\\bstabbed\\b`, 2),
      P(`\\b(?:slit|cut|slashed)\\s+${POSS}\\s+throat\\b`, 3),
      P('\\bbones?\\s+(?:snapped|cracked|crunched|shattered|broke)\\b', 2),
      P('\\b(?:entrails|intestines|disembowel\\w*|gore|decapitat\\w*|dismember\\w*)\\b', 3),
      P('\\btortur(?:e|ed|ing)\\b', 2),
      P(`\\bbeat(?:en)?\\s+(?:${OBJ}\\s+)?(?:to\\s+death|bloody|senseless|to\\s+a\\s+pulp)\\b`, 3),
      P(`\\bshot\\s+${OBJ}\\s+(?:in\\s+the|dead|twice|again)\\b`, 2),
      P('\\b(?:punched|kicked|slammed|smashed)\\b[^.]{0,30}\\b(?:face|ribs|skull|jaw|head)\\b', 1.5),
      P('\\b(?:screamed|screaming)\\s+in\\s+(?:pain|agony)\\b', 1.5),
      P('\\bmassacre\\w*|\\bslaughter\\w*', 2),
    ],
  },
  death: {
    name: 'Major Character Death',
    tagType: 'warning',
    threshold: 4,
    patterns: [
      P('\\b(?:major\\s+)?character\\s+death\\b|\\bMCD\\b', 4),
      P('\\b(?:he|she|they)\\s+(?:was|were|is|are)\\s+(?:already\\s+)?dead\\b', 2),
      P('\\b(?:he|she|they)\\s+(?:had\\s+)?died\\b|\\bdied\\s+(?:in\\s+(?:my|his|her|their)\\s+arms|instantly|on\\s+impact)\\b', 2),
      P('\\bpassed\\s+away\\b', 2),
      P(`\\b(?:at|to)\\s+${POSS}\\s+funeral\\b|\\bfuneral\\b`, 1.5),
      P(`\\b${POSS}\\s+(?:grave(?!\\s+(?:expression|voice|tone|face|look|mistake|error|danger|concern))|gravestone|headstone|coffin|casket)\\b`, 1.5),
      P('\\bstopped\\s+breathing\\b|\\bno\\s+pulse\\b|\\bheart\\s+stopped\\b|\\bflatlin(?:ed|ing)\\b', 2),
      P(`\\b(?:body|corpse)\\s+(?:went|was|lay)\\s+(?:limp|cold|still)\\b|\\blifeless\\b`, 2),
      P('\\btime\\s+of\\s+death\\b', 2.5),
    ],
  },
  sexual: {
    name: 'Sexual Content',
    tagType: 'freeform',
    threshold: 4,
    patterns: [
      P('\\b(?:had|have|having|has)\\s+sex\\b|\\bmade\\s+love\\b|\\bmaking\\s+love\\b', 2.5),
      P('\\borgasm\\w*|\\bclimax(?:ed|ing)\\b', 3),
      P(`\\b${POSS}\\s+(?:cock|dick|clit|cunt|erection)\\b|\\berection\\b`, 3),
      P('\\b(?:smut|lemon(?:y)?\\s+(?:warning|ahead|scene))\\b', 3),
      P(`\\bthrust(?:s|ed|ing)?\\s+(?:into|inside)\\s+${OBJ}\\b`, 2.5),
      P(`\\b${POSS}\\s+(?:naked|bare)\\s+(?:breasts?|body|chest)\\b|\\bnaked\\b`, 1),
      P('\\bmoan(?:s|ed|ing)?\\b', 1),
      P('\\baroused\\b|\\barousal\\b', 2),
    ],
  },
  abuse: {
    name: 'Abuse',
    tagType: 'freeform',
    threshold: 3,
    patterns: [
      P('\\babus(?:e|ed|ing|ive|er)\\b', 2.5),
      P('\\bdomestic\\s+violence\\b', 3),
      P('\\brap(?:e|ed|ing|ist)\\b|\\bnon-?con(?:sensual)?\\b|\\bmolest\\w*', 3),
      P(`\\b(?:hit|beat|slapped|hurt|punched)\\s+${OBJ}\\s+again\\b`, 2),
      P('\\b(?:his|her|my|their)\\s+(?:father|mother|dad|mom|mum|husband|wife|boyfriend|girlfriend|stepfather|uncle)\\s+(?:hit|beat|slapped|hurt|punched|locked)\\b', 2),
      P(`\\b(?:bruises?|marks)\\b[^.]{0,40}\\b(?:hid|hide|hidden|covered|concealed)\\b`, 1.5),
    ],
  },
};

/**
 * Idioms that use the vocabulary harmlessly. They are blanked out of a sentence before the
 * patterns run, so "a killer smile" or "I'm dying to see it" never counts.
 */
export const IDIOMS: RegExp[] = [
  /\bkiller\s+\w+/gi,
  /\bdying\s+(?:to|for)\b/gi,
  /\bkill(?:ing|ed)?\s+it\b/gi,
  /\b(?:could|would|'d)\s+kill\s+for\b/gi,
  /\bkill(?:ing)?\s+(?:time|the\s+(?:lights|engine|music|mood|conversation))\b/gi,
  /\b(?:gonna|going\s+to|will|'ll|would|'d)\s+kill\s+(?:me|you|him|her|us|them)\b/gi,
  /\bdrop[- ]dead\b/gi,
  /\bdead\s+(?:tired|serious|end|set|on|of\s+(?:night|winter)|wrong|silent|last|beat|weight|center|centre|giveaway|heat|ringer)\b/gi,
  /\bdeadlines?\b/gi,
  /\bto\s+die\s+for\b/gi,
  /\b(?:bored|scared|worried|frightened|tickled|loved|laughed|embarrassed|freezing|starving)\s+(?:\w+\s+)?to\s+death\b/gi,
  /\bdied\s+(?:laughing|of\s+(?:embarrassment|laughter|shame))\b/gi,
  /\bthe\s+death\s+of\s+me\b/gi,
  /\bover\s+my\s+dead\s+body\b/gi,
  /\bshot\s+(?:\w+\s+)?(?:a\s+|an\s+)?(?:glance|look|smile|grin|glare)\b/gi,
  /\bstabb(?:ed|ing)\s+at\s+(?:\w+\s+)?(?:food|salad|plate|pasta|eggs|peas|keyboard|buttons?)\b/gi,
  /\bblood\s+(?:orange|moon|type|test|pressure|relatives?|sugar|drive|donation)\b/gi,
  /\babuse\s+of\s+(?:power|privilege|process|discretion)\b/gi,
  /\bdrug\s+abuse\b/gi,
  /\bcut\s+(?:him|her|them|me|you)\s+off\b/gi,
  /\bbeat\s+(?:him|her|them|me|you)\s+(?:at|in)\s+\w+/gi,
  /\bhit\s+(?:on|it\s+off)\b/gi,
  /\bmoan(?:ed|ing)?\s+about\b/gi,
  /\b(?:climax|orgasm)\s+of\s+the\s+(?:film|movie|book|story|play|season|game)\b/gi,
  /\bnaked\s+eye\b/gi,
];

/** A negation within the few words before a phrase cancels it: "didn't kill", "was not dead". */
export const NEGATION = /\b(?:not|no|never|nobody|nothing|didn['’]?t|don['’]?t|doesn['’]?t|wasn['’]?t|weren['’]?t|isn['’]?t|aren['’]?t|won['’]?t|wouldn['’]?t|couldn['’]?t|hadn['’]?t|without|nor)\b|n['’]t\b/i;
export const NEGATION_WINDOW_WORDS = 4;

/**
 * A cheap first pass: a sentence without any of these stems can't match any pattern, so the
 * patterns (and the idiom blanking) only run on the few sentences that have one.
 */
export const TRIGGER_STEMS =
  /\b(?:kill|dead|die|dying|death|suicid|wrist|hang|jump|overdos|pill|trigger|tablet|self|harm|injur|mutilat|cut|burn|hurt|razor|blade|scar|relaps|blood|stab|throat|bone|entrail|intestin|disembowel|gore|decapit|dismember|tortur|beat|shot|punch|kick|slam|smash|scream|massacre|slaughter|character|mcd|funeral|grave|coffin|casket|passed\s+away|stopped\s+breath|pulse|heart\s+stopped|flatlin|corpse|body|lifeless|sex|made\s+love|making\s+love|orgasm|climax|cock|dick|clit|cunt|erection|smut|lemon|thrust|naked|bare|moan|arous|abus|domestic|rap|non-?con|molest|hit|slap|bruis|marks|goodbye|own\s+life|end|gun|pistol|muzzle|barrel|swallow|time\s+of\s+death)/i;
