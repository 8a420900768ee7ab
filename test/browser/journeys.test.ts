/**
 * Journeys through the real app in Chromium, the way a person uses it: by
 * roles and labels, with and without JavaScript, on a phone, in dark mode,
 * and checked by axe-core.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildUser, buildWork, PASSWORD, uniqueName, type BuiltUser } from '../support/builders.ts';
import { expectNoAxeViolations, screenshot, startBrowserApp, type BrowserApp } from '../support/browser.ts';

const TEST_TIMEOUT = 60_000;

/** Work text with three classic ways to sneak script in, between ordinary paragraphs. */
const HOSTILE_BODY = [
  '<p>The rain had not stopped for three days, and the lighthouse keeper had stopped counting.</p>',
  '<script>window.__pwned=1</script>',
  '<p>She opened the door. <img src=x onerror="window.__pwned=2"></p>',
  '<p>A note was pinned to it: <a href="javascript:window.__pwned=3">click</a></p>',
  '<p>By morning the sea was calm again.</p>',
].join('\n');

const HOSTILE_PLAIN = [
  'The rain had not stopped for three days.',
  '<script>window.__pwned=1</script>',
  'She opened the door. <img src=x onerror="window.__pwned=2">',
  'By morning the sea was calm again.',
].join('\n\n');

let site: BrowserApp;

before(async () => {
  site = await startBrowserApp();
});

after(async () => {
  await site?.close();
});

function workUrlOf(page: Page): string {
  const url = new URL(page.url());
  assert.match(url.pathname, /^\/works\/\d+$/, `expected to be on a work page, but am at ${page.url()}`);
  return url.pathname;
}

async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

async function signUp(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign up' }).click();
  await page.waitForURL('**/signup');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.org`);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`**/users/${username}`);
  assert.equal(await heading(page), username);
}

async function logIn(page: Page, login: string, password = PASSWORD): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' }).click();
  await page.waitForURL('**/login');
  await page.getByLabel('Username or email', { exact: true }).fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' }).waitFor();
}

interface NewWork {
  title: string;
  summary: string;
  format: 'html' | 'plain';
  body: string;
}

/** Fills in and posts the new-work form; returns the work's path. */
async function postWork(page: Page, work: NewWork): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Post a work' }).click();
  await page.waitForURL('**/works/new');
  await page.getByLabel('Title', { exact: true }).fill(work.title);
  await page.getByLabel('Summary', { exact: true }).fill(work.summary);
  await page.getByLabel('Rating', { exact: true }).selectOption('Teen And Up Audiences');
  await page.getByRole('checkbox', { name: 'No Archive Warnings Apply' }).check();
  await page.getByRole('checkbox', { name: 'Gen' }).check();
  await page.getByLabel('Fandoms', { exact: true }).fill('Original Work');
  await page.getByRole('radio', { name: work.format === 'html' ? /^HTML/ : /^Plain text/ }).check();
  await page.getByLabel('Work text', { exact: true }).fill(work.body);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await page.waitForURL(/\/works\/\d+$/);
  return workUrlOf(page);
}

/** Nothing from the hostile text may survive as live markup, and nothing may have run. */
async function expectNoLiveScript(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => ({
    pwned: window.__pwned,
    // The page's own islands bundle (the kudos button, issue 7) is the only script allowed.
    scripts: [...document.querySelectorAll('script')].filter((el) => !/^\/assets\/islands-[0-9a-f]+\.js$/.test(el.getAttribute('src') ?? '') || el.textContent !== '').length,
    handlers: [...document.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((name) => name.toLowerCase().startsWith('on'))),
    jsLinks: [...document.querySelectorAll('[href], [src]')]
      .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? '')
      .filter((url) => /^\s*javascript:/i.test(url)),
  }));
  assert.equal(found.pwned, undefined, `hostile work text ran script on ${where}`);
  assert.equal(found.scripts, 0, `a <script> element is on ${where}`);
  assert.deepEqual(found.handlers, [], `event-handler attributes are on ${where}`);
  assert.deepEqual(found.jsLinks, [], `javascript: URLs are on ${where}`);
}

function expectNoPageErrors(): void {
  assert.deepEqual(site.pageErrors, [], 'scripts threw errors in the pages');
}

describe('browser journeys', () => {
  it('a writer signs up, posts hostile HTML safely, edits, and deletes; a guest reads it', { timeout: TEST_TIMEOUT }, async () => {
    const page = await site.newPage();
    const username = uniqueName('writer');
    await signUp(page, username);

    const workPath = await postWork(page, {
      title: 'The Lighthouse Keeper',
      summary: 'A storm, a door, and a <em>very</em> patient sea. <script>window.__pwned=4</script>',
      format: 'html',
      body: HOSTILE_BODY,
    });
    assert.equal(await heading(page), 'The Lighthouse Keeper');
    const chapter = page.getByRole('region', { name: 'Work text' });
    const chapterText = await chapter.innerText();
    assert.match(chapterText, /The rain had not stopped for three days/);
    assert.match(chapterText, /She opened the door\./);
    assert.match(chapterText, /By morning the sea was calm again\./);
    assert.equal(await chapter.locator('p').count(), 4, 'the four ordinary paragraphs are kept');
    assert.equal(await chapter.locator('script').count(), 0);
    assert.equal(await chapter.locator('[onerror]').count(), 0);
    assert.equal(await chapter.locator('img').count(), 0, 'an image without an https source is dropped');
    assert.equal(await chapter.locator('a[href^="javascript:" i]').count(), 0);
    assert.match(await page.getByRole('region', { name: 'Summary' }).innerText(), /A storm, a door, and a very patient sea\./);
    // Clicking what is left of the javascript: link must do nothing either.
    await chapter.getByText('click', { exact: true }).click();
    await expectNoLiveScript(page, 'the work page');

    // The strict CSP stands behind the sanitizer (these contexts bypass it, so the sanitizer is what is tested).
    const response = await page.request.get(workPath);
    assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/);

    // Edit the title.
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.waitForURL(`**${workPath}/edit`);
    assert.equal(await heading(page), 'Edit work');
    await page.getByLabel('Title', { exact: true }).fill('The Lighthouse Keeper’s Daughter');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`**${workPath}`);
    assert.equal(await heading(page), 'The Lighthouse Keeper’s Daughter');
    assert.match(await page.getByRole('region', { name: 'Work text' }).innerText(), /By morning the sea was calm again\./);
    await expectNoLiveScript(page, 'the work page after editing');

    // A guest reads it, and can't edit or delete it.
    await logOut(page);
    await page.goto(workPath);
    assert.equal(await heading(page), 'The Lighthouse Keeper’s Daughter');
    assert.match(await page.getByRole('region', { name: 'Work text' }).innerText(), /She opened the door\./);
    assert.equal(await page.getByRole('link', { name: 'Edit', exact: true }).count(), 0, 'guests see no Edit link');
    assert.equal(await page.getByRole('link', { name: 'Delete', exact: true }).count(), 0, 'guests see no Delete link');
    await expectNoLiveScript(page, 'the work page read as a guest');
    await page.goto('/');
    assert.equal(await page.getByRole('link', { name: 'The Lighthouse Keeper’s Daughter' }).count(), 1, 'the work is listed on the home page');

    // The writer logs back in and deletes it, through a confirmation page.
    await logIn(page, username);
    await page.goto(workPath);
    await page.getByRole('link', { name: 'Delete', exact: true }).click();
    await page.waitForURL(`**${workPath}/delete`);
    assert.equal(await heading(page), 'Delete “The Lighthouse Keeper’s Daughter”?');
    await screenshot(page, 'delete-confirmation');
    await expectNoAxeViolations(page, 'the delete confirmation page');
    await page.getByRole('button', { name: 'Yes, delete this work' }).click();
    await page.waitForURL(`**/users/${username}`);
    assert.equal(await page.getByRole('link', { name: 'The Lighthouse Keeper’s Daughter' }).count(), 0);
    const gone = await page.goto(workPath);
    assert.equal(gone?.status(), 404);
    assert.equal(await heading(page), 'Page not found');
    expectNoPageErrors();
  });

  it('the axe-core check itself fails loudly on a page with violations', { timeout: TEST_TIMEOUT }, async () => {
    const page = await site.newPage();
    await page.setContent('<html><head><title>Broken</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>');
    await assert.rejects(expectNoAxeViolations(page, 'a deliberately broken page'), (error: Error) => {
      assert.match(error.message, /accessibility violation\(s\) on a deliberately broken page/);
      assert.match(error.message, /image-alt \[critical\]/);
      assert.match(error.message, /html-has-lang/);
      assert.match(error.message, /label/);
      return true;
    });
  });

  describe('accessibility and layout', () => {
    let writer: BuiltUser;
    let workPath: string;
    const workTitle = 'Letters to the Cartographer of Unmappable Places';

    before(async () => {
      writer = await buildUser(site.db);
      const id = await buildWork(site.db, writer, {
        title: workTitle,
        summary: '<p>Two rival mapmakers trade letters across a <em>very</em> long winter.</p>',
        notes: '<p>Thanks to my beta reader. Written for the winter exchange.</p>',
        end_notes: '<p>Reviews welcome, good or bad!</p>',
        body: [
          '<p>Dear Ines, the river has moved again. I have redrawn it four times this month.</p>',
          '<p>You will say I am careless. I say the river is. <strong>Both can be true.</strong></p>',
          '<blockquote><p>Here be dragons, and also a very good bakery.</p></blockquote>',
          '<ul><li>one compass, cracked</li><li>two pencils</li><li>a great deal of patience</li></ul>',
          '<p>A link someone pasted whole: <a href="https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all/because/it/is/one/long/address/0123456789">https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all/because/it/is/one/long/address/0123456789</a></p>',
          '<p>Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaargh, she wrote.</p>',
          '<p>Yours, across the ice, M.</p>',
        ].join('\n'),
      });
      workPath = `/works/${id}`;
    });

    it('axe-core finds no violations on the key pages, light and dark', { timeout: TEST_TIMEOUT }, async () => {
      const page = await site.newPage();

      await page.goto('/');
      assert.ok((await page.locator('.work-list > li').count()) >= 1, 'the home page lists at least one work');
      await screenshot(page, 'home');
      await expectNoAxeViolations(page, 'the home page');

      await page.getByRole('link', { name: workTitle }).click();
      await page.waitForURL(`**${workPath}`);
      await screenshot(page, 'work');
      await expectNoAxeViolations(page, 'the work page');

      await page.goto('/signup');
      await screenshot(page, 'signup');
      await expectNoAxeViolations(page, 'the sign-up page');
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.getByRole('alert').waitFor();
      await screenshot(page, 'signup-errors');
      await expectNoAxeViolations(page, 'the sign-up page with errors');

      await page.goto('/login');
      await screenshot(page, 'login');
      await expectNoAxeViolations(page, 'the log-in page');

      await logIn(page, writer.username);
      await page.goto(`/users/${writer.username}`);
      await screenshot(page, 'user');
      await expectNoAxeViolations(page, 'the user page');

      await page.goto('/works/new');
      await screenshot(page, 'post-form');
      await expectNoAxeViolations(page, 'the posting form');

      // The form shown again with errors: post it empty.
      await page.getByRole('button', { name: 'Post', exact: true }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), /Title/);
      assert.equal(await page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid'), 'true');
      await screenshot(page, 'post-form-errors');
      await expectNoAxeViolations(page, 'the posting form shown again with errors');

      // Dark mode: the same pages, with colour contrast checked against the dark palette.
      await page.emulateMedia({ colorScheme: 'dark' });
      assert.equal(await page.evaluate(() => window.matchMedia('(prefers-color-scheme: dark)').matches), true);
      await screenshot(page, 'post-form-errors-dark');
      await expectNoAxeViolations(page, 'the posting form with errors, in dark mode');
      await page.goto(workPath);
      await screenshot(page, 'work-dark');
      await expectNoAxeViolations(page, 'the work page (with Edit and Delete), in dark mode');
      await page.goto('/');
      await screenshot(page, 'home-dark');
      await expectNoAxeViolations(page, 'the home page, in dark mode');
      expectNoPageErrors();
    });

    it('reads on a phone without sideways scrolling', { timeout: TEST_TIMEOUT }, async () => {
      const page = await site.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
      const expectNoSidewaysScroll = async (name: string) => {
        await screenshot(page, name);
        const size = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
        assert.ok(
          size.scrollWidth <= size.clientWidth,
          `${page.url()} scrolls sideways on a 390px phone: scrollWidth ${size.scrollWidth} > clientWidth ${size.clientWidth} (see ${name}.png)`,
        );
      };
      for (const [path, name] of [
        [workPath, 'work-phone'],
        ['/', 'home-phone'],
        ['/signup', 'signup-phone'],
      ] as const) {
        await page.goto(path);
        await expectNoSidewaysScroll(name);
      }

      // The longest username the archive allows (40 characters, no spaces) and a long one-word title,
      // seen by their writer, with the full navigation and the Edit and Delete buttons.
      const longName = uniqueName('phone').padEnd(40, 'x');
      const longWriter = await buildUser(site.db, { username: longName });
      const longWork = await buildWork(site.db, longWriter, {
        title: 'Pneumonoultramicroscopicsilicovolcanoconiosis and Other Winter Complaints',
        summary: 'A summary with a long address: https://example.org/an/unbroken/path/that/goes/on/and/on/and/on',
      });
      await page.goto('/');
      await logIn(page, longName);
      await expectNoSidewaysScroll('home-phone-long-names');
      await page.goto(`/works/${longWork}`);
      await expectNoSidewaysScroll('work-phone-long-names');
      await page.goto(`/users/${longName}`);
      await expectNoSidewaysScroll('user-phone-long-names');
      await page.goto('/works/new');
      await page.getByRole('button', { name: 'Post', exact: true }).click();
      await page.getByRole('alert').waitFor();
      await expectNoSidewaysScroll('post-form-errors-phone');
      expectNoPageErrors();
    });

    it('Tab from the top reaches a visible "Skip to content" link first', { timeout: TEST_TIMEOUT }, async () => {
      const page = await site.newPage();
      await page.goto('/');
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to content' });
      assert.equal(await skip.evaluate((el) => el === document.activeElement), true, 'the first Tab stop is "Skip to content"');
      const box = await skip.boundingBox();
      const viewport = page.viewportSize();
      assert.ok(box && viewport, 'the skip link has a box');
      assert.ok(box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height && box.width > 1 && box.height > 1, `the focused skip link is on screen (box ${JSON.stringify(box)})`);
      assert.equal(await skip.isVisible(), true);
      await screenshot(page, 'skip-link-focused');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/#main');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'following the skip link moves focus to the main content');
      expectNoPageErrors();
    });

    it('sign-up, posting and reading all work with JavaScript off', { timeout: TEST_TIMEOUT }, async () => {
      const page = await site.newPage({ javaScriptEnabled: false });
      // Prove the context really runs no page script.
      await page.goto('data:text/html,<p id="probe">off</p><script>document.getElementById("probe").textContent = "on"</script>');
      assert.equal(await page.locator('#probe').innerText(), 'off', 'JavaScript is disabled in this context');
      const username = uniqueName('nojs');
      await signUp(page, username);
      const workPath = await postWork(page, {
        title: 'Written Without Script',
        summary: 'Plain text, pasted from elsewhere.',
        format: 'plain',
        body: HOSTILE_PLAIN,
      });
      assert.equal(await heading(page), 'Written Without Script');
      const chapter = page.getByRole('region', { name: 'Work text' });
      // In plain text, markup is just characters: shown as written, never parsed.
      const text = await chapter.innerText();
      assert.match(text, /The rain had not stopped for three days\./);
      assert.ok(text.includes('<script>window.__pwned=1</script>'), 'plain text keeps every character, shown literally');
      assert.equal(await chapter.locator('p').count(), 4);
      assert.equal(await chapter.locator('script, img').count(), 0);

      await logOut(page);
      await page.goto(workPath);
      assert.equal(await heading(page), 'Written Without Script');
      assert.match(await page.getByRole('region', { name: 'Work text' }).innerText(), /By morning the sea was calm again\./);
      assert.equal(await page.getByRole('link', { name: 'Edit', exact: true }).count(), 0);
      expectNoPageErrors();
    });
  });
});
