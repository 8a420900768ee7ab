import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../platform/http/errors.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import { safeReturnPath } from '../accounts/accounts.schemas.ts';
import { lyricsToggleSchema, preferencesFormSchema, preferencesToFields } from './preferences.schemas.ts';
import { readerPreferences, rememberPreferences } from './reader-preferences.ts';
import { PreferencesPage } from './views/preferences-page.tsx';

export function registerPreferenceRoutes(app: FastifyInstance): void {
  app.get<{ Querystring: { saved?: string } }>('/preferences', (request, reply) => {
    const values = preferencesToFields(readerPreferences(request));
    return sendPage(request, reply, (ctx) => <PreferencesPage ctx={ctx} values={values} saved={request.query.saved === '1'} />);
  });

  app.post('/preferences', async (request, reply) => {
    const form = parseForm(preferencesFormSchema, request.body);
    if (!form.ok) return sendPage(request, reply, (ctx) => <PreferencesPage ctx={ctx} values={form.values} errors={form.errors} />, 400);
    await rememberPreferences(request, reply, form.data);
    return redirectAfterPost(reply, '/preferences?saved=1');
  });

  // The work page's "Hide lyrics" / "Show lyrics" button: a form, so it works without JavaScript.
  app.post('/preferences/lyrics', async (request, reply) => {
    const form = parseForm(lyricsToggleSchema, request.body);
    if (!form.ok) throw badRequest('Choose whether to hide or show lyrics.');
    await rememberPreferences(request, reply, { ...readerPreferences(request), hideLyrics: form.data.hide_lyrics });
    return redirectAfterPost(reply, safeReturnPath(form.data.return_to));
  });
}
