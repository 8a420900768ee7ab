import mammoth from 'mammoth';
import { fail, ok, type ImportResult } from '../errors.ts';
import { checkDocxZip, type ZipLimits } from '../zip-guard.ts';

/**
 * DOCX through mammoth, which maps Word styles to HTML (italics stay <em>, which the lyric
 * scoring reads; Heading styles become <h1>…). Empty paragraphs are kept: they are the gaps
 * that set stanzas apart. The zip is checked first (zip-guard.ts).
 */
export async function docxToHtml(bytes: Buffer, limits: ZipLimits): Promise<ImportResult<string>> {
  const guard = checkDocxZip(bytes, limits);
  if (!guard.ok) return guard;
  try {
    const result = await mammoth.convertToHtml({ buffer: bytes }, { ignoreEmptyParagraphs: false });
    return ok(result.value);
  } catch {
    return fail('unreadable_docx', 'This Word document could not be read. Try saving it again from your word processor, or export it as HTML or plain text.');
  }
}
