/**
 * Tag autocomplete on the posting form: the island under the real CSP, by keyboard and mouse,
 * checked by axe with the suggestions open, in light and dark.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { makeCanonical, makeSynonym } from '../../src/features/tags/tag-graph.service.ts';
import { buildUser, buildWork, uniqueName } from '../support/builders.ts';
import { expectNoAxeViolations, fillClassification, heading, screenshot, SCREENSHOT_DIR, signUp, startBrowserApp, type BrowserApp } from '../support/browser.ts';

const TEST_TIMEOUT = 60_000;
const ACD = 'Sherlock Holmes (Arthur Conan Doyle)';
const TV = 'Sherlock (TV)';
const BBC = 'BBC Sherlock';

let site: BrowserApp;

async function fandomTag(name: string): Promise<number> {
  await site.db.insertInto('tags').values({ type: 'fandom', name }).onConflict((oc) => oc.doNothing()).execute();
  return (await site.db.selectFrom('tags').select('id').where('type', '=', 'fandom').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

before(async () => {
  site = await startBrowserApp();
  const acd = await fandomTag(ACD);
  const tv = await fandomTag(TV);
  const bbc = await fandomTag(BBC);
  await site.db.transaction().execute(async (trx) => {
    await makeCanonical(trx, acd);
    await makeCanonical(trx, tv);
    await makeSynonym(trx, bbc, tv);
  });
  const writer = await buildUser(site.db);
  for (const fandom of [TV, TV, BBC, ACD, ACD]) await buildWork(site.db, writer, { fandoms: [fandom] });
});

after(async () => {
  await site?.close();
});

/** Signs up and opens the posting form. */
async function openForm(page: Page): Promise<void> {
  await signUp(page, uniqueName('tagger'));
  await page.goto('/works/new');
  assert.equal(await heading(page), 'Post a new work');
}

const fandoms = (page: Page) => page.getByRole('combobox', { name: 'Fandoms', exact: true });
const suggestions = (page: Page) => page.getByRole('listbox', { name: 'Suggestions for Fandoms' });

describe('tag autocomplete', () => {
  it('suggests fandoms as you type, picks one by keyboard, and posts the work with it, under the real CSP', { timeout: TEST_TIMEOUT }, async () => {
    const page = await site.newPage({ bypassCSP: false });
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await openForm(page);
    await page.getByLabel('Title', { exact: true }).fill('A Study in Suggestions');
    await fillClassification(page, { fandoms: '' });

    const field = fandoms(page);
    await field.pressSequentially('sher', { delay: 30 });
    await suggestions(page).waitFor();
    assert.equal(await field.getAttribute('aria-expanded'), 'true');
    const options = suggestions(page).getByRole('option');
    // Most used first: the TV fandom counts its synonym's work (3), then ACD (2), then the synonym (1).
    assert.deepEqual(await options.allInnerTexts(), [`${TV} · 3 works`, `${ACD} · 2 works`, `${BBC} (synonym of ${TV}) · 1 work`]);
    assert.equal(await page.getByRole('status').filter({ hasText: 'suggestions' }).innerText(), '3 suggestions. Use the up and down arrow keys to choose.');

    await field.press('ArrowDown');
    await field.press('ArrowDown');
    const active = await field.getAttribute('aria-activedescendant');
    assert.ok(active, 'the active option is named on the combobox');
    assert.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true');
    await field.press('Enter');
    assert.equal(await field.inputValue(), `${ACD}, `, 'Enter chooses the suggestion instead of submitting the form');
    assert.equal(await field.getAttribute('aria-expanded'), 'false');
    assert.match(page.url(), /\/works\/new$/);

    // A second tag: Escape closes the list and leaves what was typed.
    await field.pressSequentially('Orig', { delay: 30 });
    await field.press('Escape');
    assert.equal(await suggestions(page).isVisible(), false);
    await field.pressSequentially('inal Work', { delay: 10 });

    await page.getByLabel('Work text', { exact: true }).fill('It was a dark and stormy night on Baker Street.');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForURL(/\/works\/\d+$/);
    assert.equal(await heading(page), 'A Study in Suggestions');
    await page.getByRole('link', { name: ACD, exact: true }).first().waitFor();
    await page.getByRole('link', { name: 'Original Work', exact: true }).first().waitFor();
    assert.deepEqual(blocked, [], 'the CSP blocked nothing');
    assert.deepEqual(site.pageErrors, [], 'scripts threw no errors');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`passes axe with the suggestions open, and picks one by mouse (${colorScheme})`, { timeout: TEST_TIMEOUT }, async () => {
      const page = await site.newPage({ colorScheme, viewport: { width: 900, height: 900 } });
      await openForm(page);
      const field = fandoms(page);
      await field.pressSequentially('holm', { delay: 30 });
      await suggestions(page).waitFor();
      await field.press('ArrowDown');
      await field.scrollIntoViewIfNeeded();
      await expectNoAxeViolations(page, `the posting form with suggestions open (${colorScheme})`);
      await screenshot(page, `autocomplete-form-${colorScheme}`);
      const box = await page.locator('#field-fandoms').boundingBox();
      assert.ok(box);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `autocomplete-open-${colorScheme}.png`), clip: { x: 0, y: Math.max(0, box.y - 60), width: 900, height: 260 } });

      const texts = await suggestions(page).getByRole('option').allInnerTexts();
      assert.equal(texts.length, 1);
      assert.ok(texts[0]!.startsWith(`${ACD} · `), 'a word inside the name matches');
      await suggestions(page).getByRole('option', { name: new RegExp(`^${ACD.replace(/[()]/g, '\\$&')}`) }).click();
      assert.equal(await field.inputValue(), `${ACD}, `);
      assert.equal(await field.evaluate((el) => el === document.activeElement), true, 'focus stays in the field');
      assert.deepEqual(site.pageErrors, []);
    });
  }
});
