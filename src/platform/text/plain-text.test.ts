import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeUserHtml } from '../security/sanitize.ts';
import { escapeHtml, plainTextToHtml } from './plain-text.ts';

describe('plainTextToHtml', () => {
  it('turns blank-line-separated text into paragraphs and single newlines into line breaks', () => {
    assert.equal(plainTextToHtml('One\ntwo\n\nThree'), '<p>One<br />\ntwo</p>\n<p>Three</p>');
  });

  it('handles Windows and old Mac line endings, a byte-order mark, and wide gaps', () => {
    assert.equal(plainTextToHtml('\uFEFFA\r\n\r\n\r\n\r\nB\rC'), '<p>A</p>\n<p>B<br />\nC</p>');
  });

  it('escapes markup so pasted text is shown, not run', () => {
    assert.equal(plainTextToHtml('<script>alert("x")</script> & more'), '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</p>');
  });

  it('keeps every character of the text', () => {
    const text = 'Smart “quotes” — dashes… and\u00A0non-breaking spaces';
    assert.equal(plainTextToHtml(text), `<p>${text}</p>`);
  });

  it('turns lines fenced by ~~~lyrics and ~~~ into a lyric block, one <p> per stanza', () => {
    const text = 'Before.\n~~~lyrics\nI walk the line\n  Because you’re mine\n\nSecond <stanza> & more\n~~~\nAfter.';
    assert.equal(
      plainTextToHtml(text),
      '<p>Before.</p>\n<blockquote class="lyrics">\n<p>I walk the line<br />\nBecause you’re mine</p>\n<p>Second &lt;stanza&gt; &amp; more</p>\n</blockquote>\n<p>After.</p>',
    );
  });

  it('keeps every character of the lyrics, accepts a fence left open and ignores an empty one', () => {
    const lyrics = 'Smart “quotes” — dashes…\nnon\u00A0breaking, tabs\tand <tags> & “amps”';
    const html = plainTextToHtml(`~~~ Lyrics \r\n${lyrics}`);
    assert.equal(html, `<blockquote class="lyrics">\n<p>${lyrics.split('\n').map(escapeHtml).join('<br />\n')}</p>\n</blockquote>`);
    assert.equal(plainTextToHtml('~~~lyrics\n\n~~~\nText'), '<p>Text</p>');
    assert.equal(plainTextToHtml('A line of ~~~lyrics in prose'), '<p>A line of ~~~lyrics in prose</p>');
  });

  it('gives the sanitizer lyric blocks it keeps exactly', () => {
    const html = plainTextToHtml('~~~lyrics\nOne\ntwo\n\nthree\n~~~');
    assert.equal(sanitizeUserHtml(html), html);
  });
});
