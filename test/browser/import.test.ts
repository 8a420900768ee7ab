/**
 * Importing a story, end to end with JavaScript off in spirit (no script is needed): paste a
 * songfic, check the preview, switch a paragraph to lyrics, untick a suggestion, create the draft.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uniqueName } from '../support/builders.ts';
import { canonicalTag } from '../support/wrangling-builders.ts';
import { expectNoAxeViolations, screenshot, signUp, startBrowserApp, type BrowserApp } from '../support/browser.ts';

const TEST_TIMEOUT = 90_000;

/** A songfic written for this test. */
const STORY = [
  'A/N: Written on a long train ride. Be kind!',
  '',
  'Disclaimer: I don\'t own Lantern Bay, and the song "Salt Roads" is by The Tidewater Band.',
  '',
  'The Last Ferry',
  '',
  'Mara Quill waited on the slipway with her hands deep in her pockets, watching the ferry lights come round the point.',
  '',
  'Mara had told herself she would not come. She came anyway.',
  '',
  '',
  'Take me down the salt roads',
  '',
  'Where the lanterns never sleep',
  '',
  'Carry me home on the tide',
  '',
  '',
  'The ferry bumped the slipway and Mara Quill stepped aboard before she could change her mind.',
].join('\n');

let site: BrowserApp;

before(async () => {
  site = await startBrowserApp();
  const fandom = await canonicalTag(site.db, 'fandom', 'Lantern Bay');
  await canonicalTag(site.db, 'character', 'Mara Quill', [fandom]);
});

after(async () => {
  await site?.close();
});

describe('import journey', () => {
  it('pastes a songfic, fixes the preview and creates the draft', { timeout: TEST_TIMEOUT }, async () => {
    const page = await site.newPage();
    await signUp(page, uniqueName('importer'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Post a work' }).click();
    await page.getByRole('link', { name: 'Import a work' }).click();
    await page.waitForURL('**/works/import');
    await expectNoAxeViolations(page, 'the import form');
    await page.getByLabel('Paste the story').fill(STORY);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check the import' }).waitFor();

    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'The Last Ferry');
    assert.equal((await page.locator('.import-blocks blockquote.lyrics').innerText()).trim(), 'Take me down the salt roads\nWhere the lanterns never sleep\nCarry me home on the tide');
    const fandom = page.getByRole('checkbox', { name: 'Fandom: Lantern Bay' });
    assert.equal(await fandom.isChecked(), true);
    await expectNoAxeViolations(page, 'the import preview');
    await screenshot(page, 'import-preview');

    // Switch "Mara had told herself…" to lyrics; untick the character.
    await page.getByRole('checkbox', { name: 'Lyrics (chapter 1, paragraph 2)' }).check();
    const character = page.getByRole('checkbox', { name: 'Character: Mara Quill' });
    await character.uncheck();
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/works\/\d+$/);
    const lyrics = page.getByRole('region', { name: 'Work text' }).locator('blockquote.lyrics');
    assert.match(await lyrics.innerText(), /^Mara had told herself she would not come\. She came anyway\.\s+Take me down the salt roads/);
    assert.equal(await page.getByRole('link', { name: 'Mara Quill', exact: true }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Lantern Bay', exact: true }).count(), 1);
    assert.match(await page.getByRole('status').first().innerText(), /This is a draft\./);
    await screenshot(page, 'import-draft');
    assert.deepEqual(site.pageErrors, []);
  });
});
