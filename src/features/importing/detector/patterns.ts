/** The recognisers for front and end matter, in one place so they can be read and tested together. */

const NOTE_LABEL = /^[([]?\s*(?:a\/n|a\.n\.|an|author'?s'? ?notes?|authors? notes?|notes?|n\/a|ps|p\.s\.)\s*[:\-–—.)\]]/iu;
const DISCLAIMER_LABEL = /^[([]?\s*disclaimer\b/iu;
const DISCLAIMER_PHRASE = /\b(?:i|we)\s+(?:do\s+not|don['’]?t|dont|will\s+never|never|sadly\s+don['’]?t|unfortunately\s+don['’]?t)\s+own\b|\bno\s+(?:copyright\s+)?infringement\b|\bbelongs?\s+to\b[^.]*\b(?:not\s+me|and\s+not\s+(?:to\s+)?me)\b|\ball\s+rights\s+(?:go|belong)\s+to\b/iu;
const SUMMARY_LABEL = /^summary\s*[:\-–—]/iu;
const TITLE_LABEL = /^title\s*[:\-–—]/iu;
const END_NOTE_PHRASE =
  /\bplease\s+(?:review|comment|leave)|\b(?:read\s+and\s+review|r\s*&\s*r)\b|\breviews?\s+(?:are|is|would\s+be)\b|\blet\s+me\s+know\s+what\s+you\s+think|\bthanks?\s+(?:you\s+)?(?:so\s+much\s+)?for\s+reading|\bhope\s+you\s+(?:all\s+)?(?:enjoyed|liked)|\bgood\s+or\s+bad\b|\bflames\b|\bleave\s+(?:a\s+)?(?:review|comment|kudos)|\bthe\s+end\b\W*$|^fin\W*$|\bto\s+be\s+continued\b/iu;
const CHAPTER_HEADING =
  /^(?:chapter|ch\.?|part|book)\s*(?:\d+|[ivxlcdm]+\b|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty[\w-]*|thirty[\w-]*|forty[\w-]*|fifty[\w-]*)(?:\s*[:.\-–—]\s*.*|\s*)$|^(?:prologue|epilogue|interlude)(?:\s*[:.\-–—]\s*.*|\s*)$/iu;

const words = (text: string) => text.split(/\s+/u).filter(Boolean).length;

export const isNote = (text: string) => NOTE_LABEL.test(text);
export const isDisclaimer = (text: string) => words(text) <= 120 && (DISCLAIMER_LABEL.test(text) || DISCLAIMER_PHRASE.test(text));
export const isSummaryLabelled = (text: string) => SUMMARY_LABEL.test(text);
export const isTitleLabelled = (text: string) => TITLE_LABEL.test(text) && !text.includes('\n');
export const isEndNote = (text: string) => words(text) <= 150 && (NOTE_LABEL.test(text) || END_NOTE_PHRASE.test(text));
export const isChapterHeading = (text: string) => !text.includes('\n') && text.length <= 100 && CHAPTER_HEADING.test(text.trim());

/** A line that could be a title: short, one line, not a sentence, not speech. */
export function couldBeTitle(text: string): boolean {
  return !text.includes('\n') && text.length <= 120 && words(text) <= 15 && !/[.,;:]$/u.test(text) && !/^["“”'‘]/u.test(text);
}
