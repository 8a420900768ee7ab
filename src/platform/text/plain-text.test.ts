import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainTextToHtml } from './plain-text.ts';

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
});
