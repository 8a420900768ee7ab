import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeUserHtml } from './sanitize.ts';

describe('sanitizeUserHtml', () => {
  const cases: [string, string, string][] = [
    ['drops script elements and their content', '<p>Hi<script>alert(1)</script></p>', '<p>Hi</p>'],
    ['drops images without an https source, with their handlers', '<img src=x onerror=alert(1)>', ''],
    ['keeps https images without handlers', '<img src="https://example.org/a.png" alt="A" onload="x()">', '<img alt="A" src="https://example.org/a.png" />'],
    ['drops http and relative images', '<img src="http://example.org/a.png"><img src="/a.png">', ''],
    ['drops javascript: links but keeps their text', '<a href="javascript:alert(1)">x</a>', '<a rel="nofollow ugc">x</a>'],
    ['drops entity-encoded javascript: links', '<a href="&#106;avascript:alert(1)">q</a>', '<a rel="nofollow ugc">q</a>'],
    ['drops protocol-relative links', '<a href="//evil.example">p</a>', '<a rel="nofollow ugc">p</a>'],
    ['keeps relative, https and mailto links with rel="nofollow ugc"', '<a href="/works/1" rel="opener">y</a> <a href="mailto:a@example.org">m</a>', '<a href="/works/1" rel="nofollow ugc">y</a> <a href="mailto:a@example.org" rel="nofollow ugc">m</a>'],
    ['drops style and class but keeps dir, lang, align and title', '<p style="color:red" class="x" dir="rtl" lang="ar" align="center" title="t">t</p>', '<p dir="rtl" lang="ar" align="center" title="t">t</p>'],
    ['drops svg and math with their content', '<svg><script>alert(1)</script></svg>ok<math><mi>x</mi></math>', 'ok'],
    ['drops iframes, objects and forms', '<iframe src="https://evil.example"></iframe><object data="x"></object><form action="/x"><input name="a"></form>ok', 'ok'],
    ['keeps the AO3 text elements', '<h2>T</h2><blockquote><p><em>a</em> <strong>b</strong> <s>c</s> <u>d</u> <sup>e</sup> <sub>f</sub> <small>g</small> <code>h</code></p></blockquote><hr /><ol><li>i</li></ol><details><summary>j</summary>k</details>', '<h2>T</h2><blockquote><p><em>a</em> <strong>b</strong> <s>c</s> <u>d</u> <sup>e</sup> <sub>f</sub> <small>g</small> <code>h</code></p></blockquote><hr /><ol><li>i</li></ol><details><summary>j</summary>k</details>'],
    ['keeps tables and ruby', '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>', '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>'],
    ['escapes stray angle brackets in text', '5 < 6 & 7 > 3', '5 &lt; 6 &amp; 7 &gt; 3'],
    ['keeps a lyric stanza and only the class "lyrics" on blockquote', '<blockquote class="lyrics"><p>Line one<br />\nLine two</p></blockquote>', '<blockquote class="lyrics">\n<p>Line one<br />\nLine two</p>\n</blockquote>'],
    ['strips other classes from blockquote, and "lyrics" from anything else', '<blockquote class="quote">q</blockquote><p class="lyrics">p</p><div class="lyrics">d</div>', '<blockquote>q</blockquote><p>p</p><div>d</div>'],
    ['keeps only "lyrics" when a lyric block carries other classes too', '<blockquote class="fancy lyrics evil">la</blockquote>', '<blockquote class="lyrics">\n<p>la</p>\n</blockquote>'],
    ['puts one line per line: bare lines and line breaks make one stanza', '<blockquote class="lyrics">\n  First line\n  Second line<br>Third <em>line</em>\n</blockquote>', '<blockquote class="lyrics">\n<p>First line<br />\nSecond line<br />\nThird <em>line</em></p>\n</blockquote>'],
    ['starts a new stanza at a blank line or a double line break, and keeps stanza paragraphs', '<blockquote class="lyrics">a<br><br>b\n\nc<p dir="rtl">d</p></blockquote>', '<blockquote class="lyrics">\n<p>a</p>\n<p>b</p>\n<p>c</p>\n<p dir="rtl">d</p>\n</blockquote>'],
    ['turns a lyric block holding a list or table into an ordinary blockquote', '<blockquote class="lyrics"><ul><li>x</li></ul></blockquote>', '<blockquote><ul><li>x</li></ul></blockquote>'],
    ['still sanitizes inside lyric blocks', '<blockquote class="lyrics">la <script>x()</script><a href="javascript:y()" onclick="z()">la</a> &amp; &lt;la&gt;</blockquote>', '<blockquote class="lyrics">\n<p>la <a rel="nofollow ugc">la</a> &amp; &lt;la&gt;</p>\n</blockquote>'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(sanitizeUserHtml(input), expected));
  }

  it('is idempotent', () => {
    for (const [, input] of cases) {
      const once = sanitizeUserHtml(input);
      assert.equal(sanitizeUserHtml(once), once);
    }
  });
});
