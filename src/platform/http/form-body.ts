import type { FastifyInstance } from 'fastify';
import { badRequest } from './errors.ts';

export type FormBody = Record<string, string | string[]>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses application/x-www-form-urlencoded bodies strictly. Invalid UTF-8, a bad
 * percent-escape or a NUL character is refused with a 400 instead of being
 * silently replaced with U+FFFD, so what is stored is exactly what was sent.
 */
export function parseFormBody(raw: Buffer): FormBody {
  let text: string;
  try {
    text = utf8.decode(raw);
    decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw badRequest('The form data is not valid UTF-8 text.');
  }
  const body: FormBody = Object.create(null) as FormBody;
  for (const [key, value] of new URLSearchParams(text)) {
    if (key.includes('\0') || value.includes('\0')) throw badRequest('The form data contains a NUL character, which text cannot hold.');
    const existing = body[key];
    if (existing === undefined) body[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else body[key] = [existing, value];
  }
  return body;
}

/**
 * PostgreSQL text can't hold NUL, so a %00 anywhere in the address (path or query) would
 * reach a query and fail there. It is refused once, here, for every route.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    done(/%00/i.test(request.url) ? badRequest('The address contains a NUL character, which no page name can hold.') : undefined);
  });
}

export function registerFormBodyParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_request, raw, done) => {
    try {
      done(null, parseFormBody(raw as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
