import { htmlToText } from '../../platform/text/html-text.ts';

// Scripts written without spaces between words: AO3 counts each character as a word.
const unspacedScriptChar = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;
const wordLike = /[\p{L}\p{N}]/u;

export function countWordsInText(text: string): number {
  const unspaced = text.match(unspacedScriptChar)?.length ?? 0;
  const rest = text.replace(unspacedScriptChar, ' ');
  const spaced = rest.split(/[\s\u2014\u2013]+/u).filter((token) => wordLike.test(token)).length;
  return unspaced + spaced;
}

export function countWordsInHtml(html: string): number {
  return countWordsInText(htmlToText(html));
}
