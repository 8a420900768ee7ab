import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectStructure, type DetectInput, type DetectOptions } from './detect.ts';
import { buildDocx, buildZip } from './docx-builder.ts';
import type { ImportErrorCode } from './errors.ts';

async function errorOf(input: DetectInput, options?: DetectOptions): Promise<ImportErrorCode> {
  const result = await detectStructure(input, options);
  assert.ok(!result.ok, 'expected an error');
  assert.ok(result.error.message.length > 10, 'a human message');
  return result.error.code;
}

describe('import detector: bad input', () => {
  it('refuses empty input, as bytes, as text, or only whitespace', async () => {
    assert.equal(await errorOf({ data: Buffer.alloc(0) }), 'empty');
    assert.equal(await errorOf({ data: '' }), 'empty');
    assert.equal(await errorOf({ data: '\uFEFF \r\n\u00A0\n', format: 'text' }), 'empty');
    assert.equal(await errorOf({ data: '<html><body><nav>Menu</nav></body></html>', format: 'html' }), 'empty');
  });

  it('refuses invalid UTF-8 in text, Markdown and HTML given as bytes', async () => {
    const bad = Buffer.from([0x48, 0x69, 0x20, 0xc3, 0x28, 0x21]);
    for (const format of ['text', 'md', 'html', undefined]) assert.equal(await errorOf({ data: bad, format }), 'invalid_utf8');
  });

  it('refuses a binary that is not DOCX, and a zip that is not a Word document', async () => {
    assert.equal(await errorOf({ data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) }), 'binary');
    assert.equal(await errorOf({ data: buildZip([{ name: 'photo.txt', data: Buffer.from('hi') }]) }), 'not_docx');
    assert.equal(await errorOf({ data: Buffer.from('plain text, not a zip'), format: 'docx' }), 'not_docx');
    assert.equal(await errorOf({ data: 'a string', format: 'docx' }), 'not_docx');
    assert.equal(await errorOf({ data: Buffer.from('PK\u0003\u0004 broken') }), 'unreadable_docx');
  });

  it('refuses a DOCX over the size limit', async () => {
    const docx = buildDocx([[{ text: 'A story.' }]]);
    assert.equal(await errorOf({ data: docx }, { maxDocxBytes: 100 }), 'too_large');
  });

  it('refuses zip bombs: too much in total, too high a ratio, or sizes that lie', async () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024);
    const bomb = buildZip([{ name: 'word/document.xml', data: zeros }]);
    assert.ok(bomb.length < 100 * 1024);
    assert.equal(await errorOf({ data: bomb }), 'zip_bomb');
    const big = buildZip([{ name: 'word/document.xml', data: Buffer.alloc(2 * 1024 * 1024, 'a') }]);
    assert.equal(await errorOf({ data: big }, { zipLimits: { maxUncompressedBytes: 1024 * 1024, maxRatio: 1e9 } }), 'zip_bomb');
    const liar = buildZip([{ name: 'word/document.xml', data: Buffer.alloc(1024 * 1024), declaredSize: 1000 }]);
    assert.equal(await errorOf({ data: liar }), 'zip_bomb');
  });

  it('refuses an unknown format', async () => {
    assert.equal(await errorOf({ data: 'Hello.', format: 'pdf' }), 'unknown_format');
  });
});
