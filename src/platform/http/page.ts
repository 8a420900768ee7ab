import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { PageContext } from '../views/page-context.ts';
import { readerPreferences } from '../../features/preferences/reader-preferences.ts';
import { renderDocument } from '../views/render.ts';

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  return {
    siteName: request.server.siteName,
    viewer: request.viewer ?? null,
    // Only members' forms carry a token (guests' posts are checked by origin, so their pages
    // can be shared by a cache); an error raised before cookies are parsed gets none either.
    csrfToken: request.cookies && request.sessionId ? reply.generateCsrf() : '',
    path: request.url,
    preferences: readerPreferences(request),
  };
}

/** Renders a page component with the request's context and sends it as HTML. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  view: (ctx: PageContext) => VNode,
  statusCode = 200,
): FastifyReply {
  const html = renderDocument(view(pageContext(request, reply)));
  return reply.code(statusCode).type('text/html; charset=utf-8').send(html);
}

/** Redirects after a successful POST (303, so the browser follows with GET). */
export function redirectAfterPost(reply: FastifyReply, location: string): FastifyReply {
  return reply.redirect(location, 303);
}
