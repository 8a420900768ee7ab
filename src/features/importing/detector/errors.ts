/**
 * Bad input is an expected outcome of an import, not an exception: the detector returns one of
 * these, and the CLI (exit 2) and the web page (a 4xx) show its message.
 */
export type ImportErrorCode =
  | 'empty'
  | 'invalid_utf8'
  | 'binary'
  | 'not_docx'
  | 'too_large'
  | 'zip_bomb'
  | 'unreadable_docx'
  | 'unknown_format';

export interface ImportError {
  code: ImportErrorCode;
  message: string;
}

export type ImportResult<T> = { ok: true; value: T } | { ok: false; error: ImportError };

export const ok = <T>(value: T): ImportResult<T> => ({ ok: true, value });

export function fail<T>(code: ImportErrorCode, message: string): ImportResult<T> {
  return { ok: false, error: { code, message } };
}
