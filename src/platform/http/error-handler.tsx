import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, tryAgainIn } from './errors.ts';
import { sendPage } from './page.ts';
import { ErrorPage } from '../views/error-page.tsx';

interface Explained {
  status: number;
  title: string;
  message: string;
  /** Sent as `Retry-After` (every 429 has one). */
  retryAfterSeconds?: number;
}

/** A wait of @fastify/rate-limit's: it sets Retry-After (seconds) on the reply before throwing. */
function pluginRetryAfter(reply: FastifyReply): number {
  const seconds = Number(reply.getHeader('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60;
}

const titles: Record<number, string> = {
  400: 'Something was wrong with that request',
  401: 'Please log in',
  403: "You can't do that",
  404: 'Page not found',
  409: 'That conflicts with something',
  413: 'That was too large',
  415: 'Unsupported content',
  429: 'Slow down',
};

/** Turns any thrown error into a status and a message that is safe to show. */
function explain(error: FastifyError | AppError | Error, reply: FastifyReply, maxBodyBytes: number): Explained {
  if (error instanceof AppError) {
    const retry = error.statusCode === 429 ? { retryAfterSeconds: error.retryAfterSeconds ?? 60 } : {};
    return { status: error.statusCode, title: titles[error.statusCode] ?? 'Error', message: error.message, ...retry };
  }
  const fastifyError = error as FastifyError;
  const status = fastifyError.statusCode ?? 500;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, title: titles[413]!, message: `The form you sent is larger than this archive accepts (${Math.floor(maxBodyBytes / 1024)} KB). Shorten it, or split a long work into chapters.` };
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return { status: 403, title: 'This form has expired', message: 'Your session or form expired. Go back, reload the page, and try again.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, title: titles[415]!, message: 'This archive accepts forms and JSON only.' };
  }
  if (status === 429) {
    const retryAfterSeconds = pluginRetryAfter(reply);
    return { status, title: titles[429]!, message: `Too many attempts. ${tryAgainIn(retryAfterSeconds)}`, retryAfterSeconds };
  }
  if (status >= 400 && status < 500) {
    return { status, title: titles[status] ?? titles[400]!, message: 'The request could not be understood. Check what you sent and try again.' };
  }
  return { status: 500, title: 'Something went wrong', message: 'Something went wrong on our side. It has been logged; please try again in a moment.' };
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const explained = explain(error, reply, app.config.maxBodyBytes);
    if (explained.retryAfterSeconds !== undefined) void reply.header('retry-after', String(explained.retryAfterSeconds));
    if (explained.status >= 500) request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code: (error as FastifyError).code, status: explained.status }, error.message);
    // Scripts asking for JSON (the islands) get the same safe message as JSON.
    if (request.headers.accept?.startsWith('application/json')) return reply.code(explained.status).send({ error: explained.message });
    return sendPage(
      request,
      reply,
      (ctx) => <ErrorPage ctx={ctx} title={explained.title} message={explained.message} {...(explained.status >= 500 ? { requestId: String(request.id) } : {})} />,
      explained.status,
    );
  });

  app.setNotFoundHandler((request, reply) =>
    sendPage(request, reply, (ctx) => <ErrorPage ctx={ctx} title={titles[404]!} message="There is nothing at this address. It may have been deleted, or the link may be mistyped." />, 404),
  );
}
