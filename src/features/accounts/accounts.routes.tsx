import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import { loginSchema, safeReturnPath, signupSchema } from './accounts.schemas.ts';
import { authenticate, createAccount } from './accounts.service.ts';
import { endSession, startSession } from './sessions.ts';
import { LoginPage } from './views/login-page.tsx';
import { SignupPage } from './views/signup-page.tsx';

/** Messages for pages that send readers to log in; unknown reasons show nothing. */
const LOGIN_NOTICES: Record<string, string> = {
  'members-only': 'This work is only available to members of the archive. Log in (or sign up) to read it.',
};

export function registerAccountRoutes(app: FastifyInstance): void {
  const { config } = app;

  app.get('/signup', (request, reply) => sendPage(request, reply, (ctx) => <SignupPage ctx={ctx} />));

  app.post('/signup', { config: { rateLimit: { max: config.signupRateLimitPerHour, timeWindow: '1 hour' } } }, async (request, reply) => {
    const form = parseForm(signupSchema, request.body);
    if (!form.ok) return sendPage(request, reply, (ctx) => <SignupPage ctx={ctx} values={form.values} errors={form.errors} />, 400);
    const result = await createAccount(app.db, form.data);
    if (!result.ok) return sendPage(request, reply, (ctx) => <SignupPage ctx={ctx} values={form.values} errors={result.errors} />, 400);
    await startSession(request, reply, result.userId);
    return redirectAfterPost(reply, `/users/${encodeURIComponent(form.data.username)}`);
  });

  app.get<{ Querystring: { return_to?: string; reason?: string } }>('/login', (request, reply) => {
    const returnTo = safeReturnPath(typeof request.query.return_to === 'string' ? request.query.return_to : undefined);
    const notice = LOGIN_NOTICES[String(request.query.reason)];
    return sendPage(request, reply, (ctx) => <LoginPage ctx={ctx} returnTo={returnTo} {...(notice ? { notice } : {})} />);
  });

  app.post('/login', { config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } } }, async (request, reply) => {
    const form = parseForm(loginSchema, request.body);
    const returnTo = safeReturnPath(form.values.return_to);
    if (!form.ok) return sendPage(request, reply, (ctx) => <LoginPage ctx={ctx} values={form.values} errors={form.errors} returnTo={returnTo} />, 400);
    const user = await authenticate(app.db, form.data.login, form.data.password);
    if (!user) {
      const errors = { login: "That username or email and password don't match an account." };
      return sendPage(request, reply, (ctx) => <LoginPage ctx={ctx} values={form.values} errors={errors} returnTo={returnTo} />, 400);
    }
    await startSession(request, reply, user.id);
    return redirectAfterPost(reply, returnTo);
  });

  app.post('/logout', async (request, reply) => {
    await endSession(request, reply);
    return redirectAfterPost(reply, '/');
  });
}
