import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';
import { setIslandScriptPath } from '../views/islands.tsx';

const ENTRY = fileURLToPath(new URL('../views/islands.client.ts', import.meta.url));

export interface IslandBundle {
  /** `/assets/islands-<hash>.js`: the hash of the code, so the address changes when the code does. */
  path: string;
  code: string;
}

/** Bundles the islands with Preact, minified, in memory: no build step and no files written. */
async function bundleIslands(): Promise<IslandBundle> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2020',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  return { path: `/assets/islands-${hash}.js`, code };
}

// One bundle per process: every app built in it (tests build many) shares it.
let bundle: Promise<IslandBundle> | undefined;

/**
 * Builds the islands bundle (once per process) and serves it at its hashed address. The address
 * changes with the code, so browsers may keep it for a year. Register before `/assets/` static
 * files: an exact route wins over the static wildcard.
 */
export async function registerIslandAssets(app: FastifyInstance): Promise<void> {
  bundle ??= bundleIslands();
  const { path, code } = await bundle;
  setIslandScriptPath(path);
  app.get(path, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(code),
  );
}
