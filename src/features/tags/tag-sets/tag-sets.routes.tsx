import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redirectAfterPost, sendPage } from '../../../platform/http/page.ts';
import { requireViewer } from '../../../platform/http/route-helpers.ts';
import type { Viewer } from '../../../platform/views/page-context.ts';
import { adminPolicy } from '../../admin/admin.policy.ts';
import { exportTagSet, importTagSet, type ImportCounts } from './tag-set.service.ts';
import { TagSetsPage } from './views/tag-sets-page.tsx';

/*
 * The admin's tag set upload and download. Multipart parsing is registered in this plugin's
 * own scope, so every other route keeps the strict form parser only. The file's fields are
 * read into the body before the global CSRF check runs, so the hidden _csrf field (placed
 * before the file) is checked as on every other form, with JavaScript or without.
 */

const MAX_MEGABYTES = 20;
const MAX_FILE_BYTES = MAX_MEGABYTES * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

type UploadBody = { Body: Record<string, unknown> | undefined };
type ImportedQuery = { Querystring: { imported?: string } };

/** The admin on this request; guests asking for the page are sent to log in (null). */
function requireAdmin(request: FastifyRequest, reply: FastifyReply): Viewer | null {
  const viewer = requireViewer(request, reply);
  if (viewer) adminPolicy.authorize(viewer, 'importTagSets', null);
  return viewer;
}

/** Counts carried through the redirect after an import: `?imported=tags.created.changed`. */
function parseImported(raw: string | undefined): ImportCounts | undefined {
  const match = /^(\d{1,9})\.(\d{1,9})\.(\d{1,9})$/.exec(raw ?? '');
  return match ? { tags: Number(match[1]), created: Number(match[2]), changed: Number(match[3]) } : undefined;
}

/** The uploaded file as text, or the problem that stops it from being read. */
function fileText(body: Record<string, unknown> | undefined): { ok: true; text: string } | { ok: false; problem: string } {
  const file = body?.file;
  if (!Buffer.isBuffer(file) || file.length === 0) return { ok: false, problem: '(file): choose a tag set file (.json) to import' };
  try {
    return { ok: true, text: utf8.decode(file).replace(/^\uFEFF/, '') };
  } catch {
    return { ok: false, problem: '(file): the file is not UTF-8 text' };
  }
}

const MULTIPART_LIMITS: Record<string, { status: number; problem: string }> = {
  FST_REQ_FILE_TOO_LARGE: { status: 413, problem: `(file): the file is larger than ${MAX_MEGABYTES} MB` },
  FST_FILES_LIMIT: { status: 400, problem: '(file): upload one file at a time' },
  FST_PARTS_LIMIT: { status: 400, problem: '(file): the form has too many parts' },
  FST_FIELDS_LIMIT: { status: 400, problem: '(file): the form has too many fields' },
  FST_INVALID_JSON_FIELD_ERROR: { status: 400, problem: '(file): a form field could not be read' },
  FST_PROTO_VIOLATION: { status: 400, problem: '(file): a form field could not be read' },
  FST_MP_PREMATURE_CLOSE: { status: 400, problem: '(file): the upload was cut off before it finished' },
};

export function registerTagSetRoutes(app: FastifyInstance): void {
  void app.register(async (scope) => {
    await scope.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 4, parts: 5 } });

    // An upload over the limits fails while the body is read, before the handler: an admin
    // gets the page back with the reason; anyone else, and every other error, the usual page.
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const limit = MULTIPART_LIMITS[error.code];
      if (!limit || !adminPolicy.can(request.viewer ?? null, 'importTagSets', null)) throw error;
      return sendPage(request, reply, (ctx) => <TagSetsPage ctx={ctx} maxMegabytes={MAX_MEGABYTES} problems={[limit.problem]} />, limit.status);
    });

    scope.get<ImportedQuery>('/admin/tag-sets', async (request, reply) => {
      if (!requireAdmin(request, reply)) return reply;
      const imported = parseImported(request.query.imported);
      return sendPage(request, reply, (ctx) => <TagSetsPage ctx={ctx} maxMegabytes={MAX_MEGABYTES} {...(imported ? { imported } : {})} />);
    });

    // Only an admin's upload is read at all: anyone else is refused before the body arrives.
    const adminsOnly = async (request: FastifyRequest) => adminPolicy.authorize(request.viewer ?? null, 'importTagSets', null);

    scope.post<UploadBody>('/admin/tag-sets', { onRequest: adminsOnly }, async (request, reply) => {
      const viewer = requireAdmin(request, reply)!;
      const file = fileText(request.body);
      const result = file.ok ? await importTagSet(request.server.db, file.text, { id: viewer.id, name: viewer.username }) : { ok: false as const, problems: [file.problem] };
      if (!result.ok) return sendPage(request, reply, (ctx) => <TagSetsPage ctx={ctx} maxMegabytes={MAX_MEGABYTES} problems={result.problems} />, 400);
      return redirectAfterPost(reply, `/admin/tag-sets?imported=${result.tags}.${result.created}.${result.changed}`);
    });

    scope.get('/admin/tag-sets/export.json', async (request, reply) => {
      if (!requireAdmin(request, reply)) return reply;
      const set = await exportTagSet(request.server.db);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="tag-set.json"')
        .header('cache-control', 'no-store')
        .send(`${JSON.stringify(set, null, 2)}\n`);
    });
  });
}
