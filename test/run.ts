/**
 * The test runner behind `npm test`: starts one throwaway PostgreSQL cluster with a
 * migrated template database and a migrated PGlite dump, then runs every test file
 * with node's test runner, against both engines, and cleans up.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTemplateDatabase, dumpMigratedPglite } from './support/databases.ts';
import { MissingPostgresError, startPostgresCluster } from './support/postgres-cluster.ts';

type Suite = 'integration' | 'browser' | 'all';

const root = path.resolve(import.meta.dirname, '..');

function findTests(dir: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => pattern.test(file) && !file.includes('node_modules'))
    .map((file) => path.join(dir, file))
    .sort();
}

function testFiles(suite: Suite): string[] {
  const browser = findTests('test/browser', /\.test\.tsx?$/);
  const integration = [...findTests('src', /\.test\.tsx?$/), ...findTests('test', /\.test\.tsx?$/)].filter((f) => !browser.includes(f));
  if (suite === 'browser') return browser;
  if (suite === 'integration') return integration;
  return [...integration, ...browser];
}

function runNodeTests(files: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const concurrency = process.env.QUIRE_TEST_CONCURRENCY ?? '2';
  const args = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const suite = (process.argv[2] ?? 'all') as Suite;
  const files = process.argv.length > 3 ? process.argv.slice(3) : testFiles(suite);
  if (files.length === 0) {
    console.error(`No test files found for suite "${suite}".`);
    return 1;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-test-'));
  const started = Date.now();
  let cluster;
  try {
    cluster = await startPostgresCluster();
  } catch (error) {
    if (error instanceof MissingPostgresError) {
      console.error(`\n!!! Cannot run the PostgreSQL half of the test suite !!!\n${error.message}\n`);
      return 1;
    }
    throw error;
  }
  try {
    const dump = path.join(tmp, 'pglite-template.tar');
    await Promise.all([createTemplateDatabase(cluster.adminUrl), dumpMigratedPglite(dump)]);
    console.log(`Test databases ready in ${((Date.now() - started) / 1000).toFixed(1)} s (PostgreSQL at ${cluster.adminUrl}).`);
    return await runNodeTests(files, { ...process.env, QUIRE_TEST_PG_ADMIN_URL: cluster.adminUrl, QUIRE_TEST_PGLITE_DUMP: dump, QUIRE_TEST_TMP: tmp });
  } finally {
    cluster.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
