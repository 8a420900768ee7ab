import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countWordsInHtml, countWordsInText } from './word-count.ts';

describe('word count', () => {
  it('counts words separated by spaces and punctuation the way readers expect', () => {
    assert.equal(countWordsInText('The quick brown fox.'), 4);
    assert.equal(countWordsInText("Don't stop — keep going, well-known friend!"), 6);
    assert.equal(countWordsInText('  \n\t  '), 0);
    assert.equal(countWordsInText('Chapter 12: part 3'), 4);
    assert.equal(countWordsInText('... --- !!!'), 0);
  });

  it('ignores HTML tags and attributes but keeps words apart across block boundaries', () => {
    assert.equal(countWordsInHtml('<p>one <em>two</em></p><p>three</p>'), 3);
    assert.equal(countWordsInHtml('<p>end</p><p>start</p>'), 2);
    assert.equal(countWordsInHtml('<p>line<br />break</p>'), 2);
    assert.equal(countWordsInHtml('<a href="/long/url/with/words" title="many words here">link</a>'), 1);
    assert.equal(countWordsInHtml('<p>caf&eacute; &amp; tea</p>'), 2);
  });

  it('counts characters for Chinese, Japanese and Thai, as AO3 does', () => {
    assert.equal(countWordsInText('我爱你'), 3);
    assert.equal(countWordsInText('こんにちは世界'), 7);
    assert.equal(countWordsInText('カタカナ'), 4);
    assert.equal(countWordsInText('สวัสดี'), 6);
    assert.equal(countWordsInText('Hello 世界 friend'), 4);
  });

  it('counts Korean and other spaced scripts by words', () => {
    assert.equal(countWordsInText('안녕하세요 세계'), 2);
    assert.equal(countWordsInText('Привет, мир'), 2);
  });
});
