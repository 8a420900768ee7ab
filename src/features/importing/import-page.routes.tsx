import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import { requireViewer } from '../../platform/http/route-helpers.ts';
import { AppError } from '../../platform/http/errors.ts';
import { detectStructure } from './detector/detect.ts';
import { applyChoices, carriedMaxChars, defaultChoices, listOf, parseCarriedWork, parseChoices } from './import-page.schemas.ts';
import type { ImportedWork } from './importing.model.ts';
import { createImportedDraft, withSuggestedTags } from './importing.service.ts';
import { ImportFormPage, megabytes, type ImportFormValues } from './views/import-form-page.tsx';
import { ImportPreviewPage } from './views/import-preview-page.tsx';

/*
 * "Import a work" (issue 5): paste or upload → preview → draft. Multipart parsing is registered in
 * this plugin's own scope, as for the admin's tag set upload: the hidden _csrf field comes first in
 * every form, so the global CSRF check sees it with JavaScript or without. The preview carries the
 * detected structure in a hidden field, validated strictly when it comes back (import-page.schemas.ts).
 * Nothing is written before "Create draft", and then only through createImportedDraft.
 */

type Body = { Body: Record<string, unknown> | undefined };

const MULTIPART_PROBLEMS: Record<string, { status: number; problem: (maxBytes: number) => string }> = {
  FST_REQ_FILE_TOO_LARGE: { status: 413, problem: (max) => `The file is larger than ${megabytes(max)}, the import limit.` },
  FST_FILES_LIMIT: { status: 400, problem: () => 'Upload one file at a time.' },
  FST_PARTS_LIMIT: { status: 400, problem: () => 'The form has too many parts.' },
  FST_FIELDS_LIMIT: { status: 400, problem: () => 'The form has too many fields.' },
  FST_INVALID_JSON_FIELD_ERROR: { status: 400, problem: () => 'A form field could not be read.' },
  FST_PROTO_VIOLATION: { status: 400, problem: () => 'A form field could not be read.' },
  FST_MP_PREMATURE_CLOSE: { status: 400, problem: () => 'The upload was cut off before it finished.' },
};

const first = (body: Record<string, unknown> | undefined, name: string) => listOf(body?.[name])[0] ?? '';

/** The pasted text or the uploaded file, whichever was given (the file wins if both were). */
function importData(body: Record<string, unknown> | undefined, maxBytes: number): { ok: true; data: Buffer | string } | { ok: false; status: number; problem: string } {
  const file = body?.file;
  if (Buffer.isBuffer(file) && file.length > 0) return { ok: true, data: file };
  const text = first(body, 'text');
  // A pasted field is cut at one byte over the limit by the parser, so anything longer was too long.
  if (Buffer.byteLength(text) > maxBytes) return { ok: false, status: 413, problem: `The pasted text is larger than ${megabytes(maxBytes)}, the import limit.` };
  if (text.trim() === '') return { ok: false, status: 400, problem: 'Paste a story or choose a file to import.' };
  return { ok: true, data: text };
}

export function registerImportPageRoutes(app: FastifyInstance): void {
  const maxBytes = app.config.importMaxBytes;

  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      // fieldSize: one byte over the limit, so a paste that is too long is seen to be too long; the
      // preview's carried structure (escaped JSON) is larger than its text, hence its own allowance.
      limits: { fileSize: maxBytes, files: 1, fieldSize: carriedMaxChars(maxBytes) + 1, fields: 60_000, parts: 60_001 },
    });

    const formPage = (request: FastifyRequest, reply: FastifyReply, status = 200, problem?: string, values: ImportFormValues = {}) =>
      sendPage(request, reply, (ctx) => <ImportFormPage ctx={ctx} maxBytes={maxBytes} values={values} {...(problem ? { problem } : {})} />, status);

    // An upload over the limits fails while the body is read, before the handler: a member gets
    // the form back with the reason; guests, and every other error, the usual error page.
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const known = MULTIPART_PROBLEMS[error.code];
      if (!known || !request.viewer) throw error;
      return formPage(request, reply, known.status, known.problem(maxBytes));
    });

    // Guests are refused before the body is read.
    const membersOnly = async (request: FastifyRequest) => {
      if (!request.viewer) throw new AppError('unauthorized', 'Please log in to do that.');
    };

    scope.get('/works/import', async (request, reply) => {
      if (!requireViewer(request, reply)) return reply;
      return formPage(request, reply);
    });

    scope.post<Body>('/works/import', { onRequest: membersOnly }, async (request, reply) => {
      const values: ImportFormValues = { text: first(request.body, 'text').slice(0, 200_000), format: first(request.body, 'format') };
      const input = importData(request.body, maxBytes);
      if (!input.ok) return formPage(request, reply, input.status, input.problem, values);
      const format = values.format || undefined;
      const detected = await detectStructure({ ...(format ? { format } : {}), data: input.data }, { maxDocxBytes: maxBytes });
      if (!detected.ok) return formPage(request, reply, detected.error.code === 'too_large' ? 413 : 400, detected.error.message, values);
      const work = await withSuggestedTags(request.server.db, detected.value);
      return sendPage(request, reply, (ctx) => <ImportPreviewPage ctx={ctx} work={work} choices={defaultChoices(work)} />);
    });

    scope.post<Body>('/works/import/draft', { onRequest: membersOnly }, async (request, reply) => {
      const viewer = requireViewer(request, reply)!;
      const carried: ImportedWork | null = parseCarriedWork(request.body?.work, maxBytes);
      if (!carried) return formPage(request, reply, 400, 'The preview could not be read back (it was changed or cut off). Import the story again.');
      const choices = parseChoices(request.body ?? {});
      const chosen = applyChoices(carried, choices);
      const result = await createImportedDraft(request.server.db, viewer.id, chosen.work, chosen.choices);
      if (!result.ok) return sendPage(request, reply, (ctx) => <ImportPreviewPage ctx={ctx} work={carried} choices={choices} problems={result.errors} />, 400);
      return redirectAfterPost(reply, `/works/${result.workId}`);
    });
  });
}
