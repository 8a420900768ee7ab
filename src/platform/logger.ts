import pino, { type Logger } from 'pino';
import type { Config } from '../config.ts';

const redact = { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true };

/**
 * JSON lines for log collectors; at an interactive terminal, readable lines
 * through pino-pretty instead, since that is where self-hosters first meet them.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, pretty = Boolean(process.stdout.isTTY)): Logger {
  return pino({
    level: config.logLevel,
    redact,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
}
