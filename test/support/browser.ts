/**
 * Browser journeys: the real app on a fresh PGlite database, listening on a free
 * port, driven by Debian's Chromium through playwright-core.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type AxeCore from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { loadConfig, type Config } from '../../src/config.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { PASSWORD } from './builders.ts';
import type { Db } from '../../src/platform/db/schema.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { createTestDatabase } from './databases.ts';

declare global {
  interface Window {
    axe?: typeof AxeCore;
    /** Set by hostile work text if any of it ever runs. */
    __pwned?: unknown;
  }
}

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const root = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(root, 'test-output', 'screenshots');
const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core');

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules, plus axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface BrowserApp {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  baseUrl: string;
  app: FastifyInstance;
  db: Db;
  browser: Browser;
  /** A page in a fresh context (own cookies), with baseURL set; closed by close(). */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Errors thrown by scripts in any page opened here; a JS-free site should have none. */
  pageErrors: string[];
  /** Writes buffered hits and runs the queued jobs and drains (notices, email), as test-app's does. */
  runPendingJobs(): Promise<void>;
  close(): Promise<void>;
}

function requireChromium(): void {
  if (fs.existsSync(CHROMIUM_PATH)) return;
  const bar = '!'.repeat(78);
  throw new Error(
    `\n${bar}\n` +
      `  Chromium is not installed at ${CHROMIUM_PATH}: the browser journeys cannot run.\n` +
      '  Install it with:  apt-get update && apt-get install -y chromium\n' +
      '  (Do not run `npx playwright install`; the suite drives Debian\'s Chromium.)\n' +
      `${bar}\n`,
  );
}

/** Starts the real app on 127.0.0.1 (a free port) over a fresh PGlite database, and launches Chromium. */
export async function startBrowserApp(overrides: Partial<Config> = {}): Promise<BrowserApp> {
  requireChromium();
  const browserPromise = chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  // Don't leave an unhandled rejection behind if the database fails first.
  browserPromise.catch(() => undefined);

  let database: DatabaseHandle | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  try {
    database = await createTestDatabase('pglite');
    const config: Config = {
      ...loadConfig({}),
      // One test run signs up and logs in several accounts from 127.0.0.1.
      loginRateLimitPerMinute: 10_000,
      signupRateLimitPerHour: 10_000,
      commentLimitPerAccount: 10_000,
      commentLimitPerAddress: 10_000,
      // Jobs run when a journey calls runPendingJobs(), not on timers.
      jobs: false,
      hitsFlushSeconds: 0,
      ...overrides,
    };
    app = await buildApp({ config, db: database.db, secret: 'browser-test-secret-that-is-long-enough-0123', logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await browserPromise;
  } catch (error) {
    await browserPromise.then((b) => b.close()).catch(() => undefined);
    await app?.close();
    await database?.close();
    throw error;
  }

  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const openedBrowser = browser;
  const openedApp = app;
  const openedDb = database;

  return {
    baseUrl,
    app,
    db: database.db,
    browser,
    pageErrors,
    async runPendingJobs() {
      await openedApp.hits.flush();
      await openedApp.jobs.runPending();
    },
    async newPage(options: BrowserContextOptions = {}) {
      // bypassCSP lets axe-core be injected as an inline script. It also means the
      // hostile-HTML checks test the sanitizer itself, not the CSP standing behind it.
      const context = await openedBrowser.newContext({ baseURL: baseUrl, bypassCSP: true, ...options });
      contexts.push(context);
      context.setDefaultTimeout(10_000);
      context.setDefaultNavigationTimeout(15_000);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await openedBrowser.close().catch(() => undefined);
      await openedApp.close();
      await openedDb.close();
    },
  };
}

/** A full-page PNG in test-output/screenshots/NAME.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

function describeViolations(violations: AxeCore.Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((node) => `      - ${node.target.join(' ')}${node.failureSummary ? `\n        ${node.failureSummary.replace(/\n/g, '\n        ')}` : ''}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
      return `  • ${v.id} [${v.impact ?? 'unknown impact'}]: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

/** Runs axe-core (WCAG 2.x A/AA and best practices) on the page as it is now, and fails with a readable list. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async (tags) => {
    const axe = window.axe;
    if (!axe) throw new Error('axe-core did not load into the page');
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations;
  }, AXE_TAGS);
  if (violations.length > 0) {
    assert.fail(`axe-core found ${violations.length} accessibility violation(s) on ${label} (${page.url()}):\n${describeViolations(violations)}`);
  }
}

export interface Classification {
  rating?: string;
  warnings?: string[];
  categories?: string[];
  fandoms?: string;
}

/** Fills the required tag fields of the posting form: a rating, warnings and a fandom. */
export async function fillClassification(page: Page, choices: Classification = {}): Promise<void> {
  await page.getByLabel('Rating', { exact: true }).selectOption(choices.rating ?? 'General Audiences');
  for (const warning of choices.warnings ?? ['No Archive Warnings Apply']) await page.getByRole('checkbox', { name: warning, exact: true }).check();
  for (const category of choices.categories ?? ['Gen']) await page.getByRole('checkbox', { name: category, exact: true }).check();
  await page.getByLabel('Fandoms', { exact: true }).fill(choices.fandoms ?? 'Original Work');
}

/** The page's one h1, as a person reads it. */
export async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

/** Signs up through the form (opened directly), ending on the new user's page. */
/** Logs an existing member in through the log-in form (their password is the builders' PASSWORD). */
export async function logIn(page: Page, user: { username: string }): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username or email', { exact: true }).fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

export async function signUp(page: Page, username: string): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.org`);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`**/users/${username}`);
}

/** Fills one of the song credit rows of the posting form. */
export async function fillSong(page: Page, row: number, song: { title: string; artist: string; link?: string }): Promise<void> {
  const group = page.getByRole('group', { name: `Song ${row}`, exact: true });
  await group.getByLabel('Song title').fill(song.title);
  await group.getByLabel('Artist').fill(song.artist);
  if (song.link) await group.getByLabel('Link (optional)').fill(song.link);
}

/** Adds a chapter from a work or chapter page through the "Add chapter" link; ends on the new chapter. */
export async function addChapter(page: Page, title: string, body: string, notes?: string): Promise<void> {
  await page.getByRole('link', { name: 'Add chapter', exact: true }).click();
  await page.waitForURL(/\/chapters\/new$/);
  await page.getByLabel('Chapter title', { exact: true }).fill(title);
  if (notes !== undefined) await page.getByLabel('Beginning notes', { exact: true }).fill(notes);
  await page.getByLabel('Chapter text', { exact: true }).fill(body);
  await page.getByRole('button', { name: 'Post chapter' }).click();
  await page.waitForURL(/\/works\/\d+\/chapters\/\d+$/);
}

/** A short plain-text songfic: prose, one fenced lyric stanza of two lines, prose. */
export const SONGFIC_TEXT = [
  'The radio crackled somewhere past the county line.',
  '~~~lyrics',
  'Hold me closer, tiny dancer',
  'Count the headlights on the highway',
  '~~~',
  'She laughed, and sang the next line wrong on purpose.',
].join('\n');
