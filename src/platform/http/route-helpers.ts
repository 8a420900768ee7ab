import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../views/page-context.ts';
import { AppError, notFound } from './errors.ts';

/** Ids in URLs are positive integers; anything else is simply not found. */
export function parseId(raw: string, what: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw notFound(what);
  return Number(raw);
}

/**
 * The signed-in viewer. Guests asking for a page are sent to log in and brought back
 * (null: the redirect is already on its way); guests posting a form get a 401.
 */
export function requireViewer(request: FastifyRequest, reply: FastifyReply): Viewer | null {
  if (request.viewer) return request.viewer;
  if (request.method !== 'GET') throw new AppError('unauthorized', 'Please log in to do that.');
  void reply.redirect(`/login?return_to=${encodeURIComponent(request.url)}`, 303);
  return null;
}
