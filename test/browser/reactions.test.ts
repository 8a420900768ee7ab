/**
 * Journey 3 of issue 7: a member leaves kudos (the island answers in place, under the real CSP),
 * bookmarks the work with notes, and finds it on their bookmarks page. axe on the work page and
 * the bookmarks page; screenshots in light, dark and on a phone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildUser, buildWork, uniqueName } from '../support/builders.ts';
import { expectNoAxeViolations, heading, screenshot, signUp, startBrowserApp, type BrowserApp } from '../support/browser.ts';

const TEST_TIMEOUT = 90_000;
const TITLE = 'Paper Lanterns';

let site: BrowserApp;
let workId: number;

before(async () => {
  site = await startBrowserApp();
  const writer = await buildUser(site.db);
  workId = await buildWork(site.db, writer, { title: TITLE, summary: '<p>Two friends and a festival.</p>', body: '<p>The lanterns rose over the river, one by one.</p>' });
  // Someone got there first, so the list reads "X and you".
  const early = await buildUser(site.db, { username: uniqueName('early') });
  const { giveKudos } = await import('../../src/features/kudos/kudos.service.ts');
  await giveKudos(site.db, early, '', workId);
});

after(async () => {
  await site?.close();
});

const kudosSection = (page: Page) => page.getByRole('region', { name: 'Kudos' });

describe('kudos, bookmarks and the bookmarks page', () => {
  it('leaves kudos in place, bookmarks with notes, and finds the bookmark on the bookmarks page', { timeout: TEST_TIMEOUT }, async () => {
    const page = await site.newPage({ bypassCSP: false });
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    const username = uniqueName('reader');
    await signUp(page, username);
    await page.goto(`/works/${workId}`);
    assert.equal(await heading(page), TITLE);

    // With JavaScript the island posts the form and updates the page without leaving it.
    const urlBefore = page.url();
    await kudosSection(page).getByRole('button', { name: 'Leave kudos ♥' }).click();
    await kudosSection(page).getByRole('status').filter({ hasText: 'Thank you for leaving kudos!' }).waitFor();
    assert.equal(page.url(), urlBefore, 'no page load');
    const list = await kudosSection(page).locator('.kudos-list').innerText();
    assert.match(list, new RegExp(`^${username}, early_\\w+ left kudos on this work!$|^${username} and early_\\w+ left kudos on this work!$`));
    assert.equal(await page.locator('[data-kudos-count]').innerText(), '2');
    await kudosSection(page).getByRole('link', { name: username }).waitFor();
    // A second click is refused by the server and said so, in place.
    await kudosSection(page).getByRole('button', { name: 'Leave kudos ♥' }).click();
    await kudosSection(page).getByRole('status').filter({ hasText: 'You have already left kudos on this work.' }).waitFor();
    assert.equal(await page.locator('[data-kudos-count]').innerText(), '2');
    assert.deepEqual(blocked, [], 'the island runs under the strict CSP');

    await page.getByRole('link', { name: 'Bookmark', exact: true }).click();
    await page.waitForURL(`**/works/${workId}/bookmark`);
    assert.equal(await heading(page), `Bookmark “${TITLE}”`);
    await page.getByLabel('Notes', { exact: true }).fill('Read this on the train and cried.\n\nThe ending!');
    await page.getByLabel('Your tags', { exact: true }).fill('comfort read, festivals');
    await page.getByLabel('Rec', { exact: true }).check();
    await page.getByRole('button', { name: 'Create bookmark' }).click();
    await page.waitForURL(`**/works/${workId}?bookmarked=1`);
    await page.getByText('Your bookmark is saved.').waitFor();
    await page.getByRole('link', { name: 'Edit bookmark' }).waitFor();

    await page.goto(`/users/${username}`);
    await page.getByRole('link', { name: 'Bookmarks', exact: true }).click();
    await page.waitForURL(`**/users/${username}/bookmarks`);
    assert.equal(await heading(page), `Bookmarks by ${username}`);
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(TITLE) }) });
    await item.getByText('Read this on the train and cried.').waitFor();
    await item.getByText('The ending!').waitFor();
    await item.getByText('Rec', { exact: true }).waitFor();
    await item.getByText('comfort read', { exact: true }).waitFor();

    // The works filter sidebar, with the bookmark's own filters: recs only, by one of my tags.
    const sheet = page.getByRole('group', { name: 'Bookmarks' });
    if (!(await sheet.isVisible())) await page.getByText('Sort and filter', { exact: true }).first().click();
    await sheet.getByLabel('Recs only').check();
    await sheet.getByLabel('Bookmark tag').selectOption('festivals');
    await page.getByLabel('Sort by').selectOption({ label: 'Title' });
    await page.getByRole('button', { name: 'Sort and filter' }).click();
    await page.waitForURL(/rec=1/);
    assert.match(page.url(), /bookmark_tag=festivals/);
    await page.getByRole('heading', { name: '1 bookmark' }).waitFor();
    await item.waitFor();
    assert.deepEqual(site.pageErrors, []);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`passes axe on the work page and the bookmarks page (${colorScheme})`, { timeout: TEST_TIMEOUT }, async () => {
      const page = await site.newPage({ colorScheme, viewport: { width: 1100, height: 900 } });
      const username = uniqueName('axe');
      await signUp(page, username);
      await page.goto(`/works/${workId}`);
      await kudosSection(page).getByRole('button', { name: 'Leave kudos ♥' }).click();
      await kudosSection(page).getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
      await expectNoAxeViolations(page, `the work page after kudos (${colorScheme})`);
      await screenshot(page, `reactions-work-${colorScheme}`);
      await page.goto(`/works/${workId}/bookmark`);
      await page.getByLabel('Notes', { exact: true }).fill('<p>A <em>lovely</em> read.</p>');
      await page.getByLabel('Your tags', { exact: true }).fill('gentle');
      await page.getByLabel('Private', { exact: true }).check();
      await expectNoAxeViolations(page, `the bookmark form (${colorScheme})`);
      await page.getByRole('button', { name: 'Create bookmark' }).click();
      await page.waitForURL(/bookmarked=1/);
      await page.goto(`/users/${username}/bookmarks`);
      await page.getByText('Private', { exact: true }).waitFor();
      await expectNoAxeViolations(page, `the bookmarks page (${colorScheme})`);
      await screenshot(page, `reactions-bookmarks-${colorScheme}`);
      // With filters set (the sidebar's bookmark fields among them) and with a bad one (400, messages shown).
      await page.goto(`/users/${username}/bookmarks?with_notes=1&bookmark_tag=gentle&sort=title&rating=General+Audiences`);
      await page.getByRole('heading', { name: '1 bookmark' }).waitFor();
      await expectNoAxeViolations(page, `the filtered bookmarks page (${colorScheme})`);
      await page.goto(`/users/${username}/bookmarks?words_from=many&rec=maybe`);
      await page.getByText('Recs only is a checkbox.').first().waitFor();
      await expectNoAxeViolations(page, `the bookmarks page with bad filters (${colorScheme})`);
      await screenshot(page, `reactions-bookmarks-errors-${colorScheme}`);
      await page.goto(`/users/${username}/history`);
      await expectNoAxeViolations(page, `the history page (${colorScheme})`);
      await screenshot(page, `reactions-history-${colorScheme}`);
    });
  }

  it('is readable on a phone', { timeout: TEST_TIMEOUT }, async () => {
    const page = await site.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const username = uniqueName('phone');
    await signUp(page, username);
    await page.goto(`/works/${workId}/bookmark`);
    await page.getByLabel('Notes', { exact: true }).fill('On the bus home.');
    await page.getByLabel('Your tags', { exact: true }).fill('short, sweet');
    await page.getByRole('button', { name: 'Create bookmark' }).click();
    await page.waitForURL(/bookmarked=1/);
    await screenshot(page, 'reactions-work-phone');
    await page.goto(`/users/${username}/bookmarks`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the bookmarks page scrolls sideways by ${overflow}px`);
    await expectNoAxeViolations(page, 'the bookmarks page on a phone');
    await screenshot(page, 'reactions-bookmarks-phone');
  });
});
