/**
 * A writer posts a work and adds two chapters; readers go chapter by chapter with the
 * next links and the chapter menu (without JavaScript), and read the whole work.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { uniqueName } from '../support/builders.ts';
import { expectNoAxeViolations, screenshot, startBrowserApp, type BrowserApp, fillClassification, heading, signUp, addChapter } from '../support/browser.ts';

const TEST_TIMEOUT = 90_000;

let site: BrowserApp;

before(async () => {
  site = await startBrowserApp();
});

after(async () => {
  await site?.close();
});

const chapterRegion = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

describe('chapters in the browser', () => {
  it('a writer posts a three-chapter work; a reader reads it chapter by chapter and whole', { timeout: TEST_TIMEOUT }, async () => {
    const page = await site.newPage();
    const username = uniqueName('serial');
    await signUp(page, username);

    await page.goto('/works/new');
    await page.getByLabel('Title', { exact: true }).fill('Three Tides');
    await page.getByLabel('Expected number of chapters', { exact: true }).fill('3');
    await fillClassification(page);
    await page.getByRole('radio', { name: /^Plain text/ }).check();
    await page.getByLabel('Work text', { exact: true }).fill('The first tide came in at dawn.\n\nNobody was watching.');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForURL(/\/works\/\d+$/);
    const workPath = new URL(page.url()).pathname;
    assert.match(await page.locator('.work-header .stats').innerText(), /Chapters:\s*1\/3[\s\S]*Work in progress/);

    await addChapter(page, 'The Second Tide', 'The second tide came at noon, loud and bright.', 'Notes before The Second Tide.');
    assert.equal(await chapterRegion(page, 'Chapter 2: The Second Tide').count(), 1);
    await addChapter(page, 'The Last Tide', 'The last tide came at night, and took the pier.', 'Notes before The Last Tide.');
    assert.match(await page.locator('.work-header .stats').innerText(), /Chapters:\s*3\/3[\s\S]*Complete/);
    await screenshot(page, 'chapter-3-writer');
    await expectNoAxeViolations(page, 'a chapter, seen by its writer');

    // The whole work: every chapter in order, with titles and notes.
    await page.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: 'Entire work' }).click();
    await page.waitForURL(`**${workPath}?view=full`);
    const titles = await page.locator('h2.chapter-heading').allInnerTexts();
    assert.deepEqual(titles, ['Chapter 1', 'Chapter 2: The Second Tide', 'Chapter 3: The Last Tide']);
    assert.match(await chapterRegion(page, 'Chapter 3: The Last Tide').innerText(), /Notes before The Last Tide\.[\s\S]*took the pier/);
    await screenshot(page, 'entire-work');
    await expectNoAxeViolations(page, 'the entire-work view');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page, 'the entire-work view, in dark mode');

    // A guest with JavaScript off reads chapter by chapter.
    const reader = await site.newPage({ javaScriptEnabled: false });
    await reader.goto(workPath);
    assert.equal(await heading(reader), 'Three Tides');
    assert.match(await chapterRegion(reader, 'Chapter 1').innerText(), /The first tide came in at dawn\./);
    const nextLink = () => reader.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: 'Next chapter →' });
    await nextLink().click();
    await reader.waitForURL(/\/chapters\/\d+$/);
    assert.match(await chapterRegion(reader, 'Chapter 2: The Second Tide').innerText(), /loud and bright/);
    await nextLink().click();
    await reader.waitForURL(/\/chapters\/\d+$/);
    assert.match(await chapterRegion(reader, 'Chapter 3: The Last Tide').innerText(), /took the pier/);
    assert.equal(await nextLink().count(), 0, 'the last chapter has no next link');

    // The chapter menu is a plain form: it works without JavaScript.
    await reader.getByLabel('Go to chapter', { exact: true }).selectOption({ label: 'Chapter 2: The Second Tide' });
    await reader.getByRole('button', { name: 'Go', exact: true }).click();
    await reader.waitForURL(/\/chapters\/\d+$/);
    assert.equal(await chapterRegion(reader, 'Chapter 2: The Second Tide').count(), 1);
    await reader.getByRole('navigation', { name: 'Previous and next chapter' }).getByRole('link', { name: '← Previous chapter' }).click();
    await reader.waitForURL(/\/chapters\/\d+$/);
    assert.equal(await chapterRegion(reader, 'Chapter 1').count(), 1);

    // And the chapter view, checked by axe-core as a guest sees it on a phone.
    const guest = await site.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await guest.goto(reader.url());
    const size = await guest.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    assert.ok(size.scrollWidth <= size.clientWidth, `a chapter scrolls sideways on a phone (${size.scrollWidth} > ${size.clientWidth})`);
    await screenshot(guest, 'chapter-1-guest-phone');
    await expectNoAxeViolations(guest, 'a chapter, seen by a guest on a phone');
    assert.deepEqual(site.pageErrors, [], 'scripts threw errors in the pages');
  });
});
