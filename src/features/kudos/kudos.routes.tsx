import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import { parseId } from '../../platform/http/route-helpers.ts';
import { deriveKey, keyedHash } from '../../platform/security/secret.ts';
import { giveKudos } from './kudos.service.ts';
import { KudosRefusedPage } from './views/kudos-refused-page.tsx';

type WorkParams = { Params: { id: string } };

const wantsJson = (request: FastifyRequest) => request.headers.accept?.startsWith('application/json') === true;

/** The query the work page reads to thank a reader after the no-JavaScript POST. */
export const KUDOS_THANKS_QUERY = 'kudos=thanks';

/**
 * POST /works/:id/kudos: a form POST answered with 303 back to the work, or, for the island
 * (Accept: application/json), the new count and list as JSON. `secret` keys the hash that stands
 * in for a guest's address (never stored as such).
 */
export function registerKudosRoutes(app: FastifyInstance, secret: string): void {
  const guestKey = deriveKey(secret, 'kudos-guest-address');

  app.post<WorkParams>('/works/:id/kudos', async (request, reply) => {
    const workId = parseId(request.params.id, 'work');
    const ipHash = request.viewer ? '' : keyedHash(guestKey, request.ip);
    try {
      const answer = await giveKudos(app.db, request.viewer, ipHash, workId);
      if (wantsJson(request)) return reply.send(answer);
      return redirectAfterPost(reply, `/works/${workId}?${KUDOS_THANKS_QUERY}#kudos`);
    } catch (error) {
      // Scripts get the error handler's JSON; a plain form gets the reason and a way back.
      if (wantsJson(request) || !(error instanceof AppError)) throw error;
      const showWorkLink = error.code !== 'not_found';
      return sendPage(request, reply, (ctx) => <KudosRefusedPage ctx={ctx} workId={workId} message={error.message} showWorkLink={showWorkLink} />, error.statusCode);
    }
  });
}
