import type { FastifyInstance } from 'fastify';
import { suggestTags } from './autocomplete.repository.ts';
import { autocompleteQuery } from './autocomplete.schemas.ts';

/**
 * GET /tags/autocomplete?type=fandom&q=sher → { suggestions: [...] }, for the tag-field island
 * (autocomplete.island.tsx). Public and the same for every viewer, so caches may keep it a minute.
 */
export function registerTagAutocompleteRoutes(app: FastifyInstance): void {
  app.get('/tags/autocomplete', async (request, reply) => {
    const parsed = autocompleteQuery.safeParse(request.query);
    if (!parsed.success) {
      const message = parsed.error.issues.map((issue) => issue.message).join(' ');
      return reply.code(400).header('cache-control', 'no-store').send({ error: message });
    }
    const suggestions = await suggestTags(app.db, parsed.data.type, parsed.data.q);
    // A reply that also sets a cookie (a session sliding forward) must not sit in a shared cache.
    const shared = reply.hasHeader('set-cookie') ? 'private' : 'public';
    return reply.header('cache-control', `${shared}, max-age=60`).send({ suggestions });
  });
}
