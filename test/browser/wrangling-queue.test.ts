/**
 * A wrangler works through a fandom's unwrangled queue: from the Wrangling link to the
 * dashboard, into the queue, a bulk "make canonical" with JavaScript-free checkboxes, and the
 * change in the audit log. Then a reader finds the work tagged with the fandom's synonym on
 * the canonical fandom's page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, buildWork, PASSWORD, uniqueName } from '../support/builders.ts';
import { expectNoAxeViolations, heading, screenshot, startBrowserApp, type BrowserApp } from '../support/browser.ts';
import { canonicalTag, synonymTag } from '../support/wrangling-builders.ts';

const TEST_TIMEOUT = 90_000;

let site: BrowserApp;

before(async () => {
  site = await startBrowserApp();
});

after(async () => {
  await site?.close();
});

describe('wrangling queue journey', () => {
  it('a wrangler makes unwrangled characters canonical in their fandom, and a reader finds the synonym fandom’s work', { timeout: TEST_TIMEOUT }, async () => {
    const fandomId = await canonicalTag(site.db, 'fandom', 'Starlight Academy');
    await synonymTag(site.db, 'fandom', 'Starlight Academy (Anime)', fandomId);
    const writer = await buildUser(site.db);
    await buildWork(site.db, writer, { title: 'Under Two Moons', fandoms: ['Starlight Academy (Anime)'], characters: ['Mira Sato', 'Jun Park'] });
    await buildWork(site.db, writer, { title: 'Morning Bells', fandoms: ['Starlight Academy'], characters: ['Mira Sato'], freeforms: ['Found Family'] });
    const wrangler = await buildUser(site.db, { username: uniqueName('wrangler'), roles: ['tag_wrangler'] });
    await site.db.insertInto('wrangler_fandoms').values({ user_id: wrangler.id, fandom_id: fandomId }).execute();

    const page = await site.newPage();
    await page.goto('/login');
    await page.getByLabel('Username or email').fill(wrangler.username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wrangling' }).click();
    await page.waitForURL('**/wrangling');
    const dashboard = page.getByRole('table', { name: 'Unwrangled tags in your fandoms' });
    assert.equal((await dashboard.getByRole('row', { name: /Starlight Academy/ }).innerText()).replace(/\s+/g, ' ').trim(), 'Starlight Academy 2 0 1');
    await screenshot(page, 'wrangling-dashboard');
    await expectNoAxeViolations(page, 'the wrangling dashboard');

    await dashboard.getByRole('link', { name: 'Starlight Academy', exact: true }).click();
    assert.equal(await heading(page), 'Unwrangled characters in Starlight Academy');
    const rows = page.getByRole('table').getByRole('row');
    // Each row: the checkbox's (visually hidden) label, the tag, its works, the date it was created.
    assert.deepEqual((await rows.allInnerTexts()).slice(1).map((r) => r.replace(/\s+/g, ' ').replace(/\d{4}-\d\d-\d\d/, 'DATE').trim()), [
      'Select Mira Sato Mira Sato 2 DATE',
      'Select Jun Park Jun Park 1 DATE',
    ]);
    await screenshot(page, 'wrangling-queue');
    await expectNoAxeViolations(page, 'the unwrangled queue');

    await page.getByRole('checkbox', { name: 'Select Mira Sato' }).check();
    await page.getByRole('checkbox', { name: 'Select Jun Park' }).check();
    await page.getByRole('button', { name: 'Make canonical and add to Starlight Academy' }).click();
    await page.waitForURL(/done=2/);
    assert.equal((await page.getByRole('status').innerText()).trim(), 'Wrangled 2 tags.');
    assert.match(await page.locator('main').innerText(), /No unwrangled characters in this fandom/);
    await expectNoAxeViolations(page, 'the emptied queue');

    await page.getByRole('link', { name: 'Additional tags' }).click();
    assert.equal(await page.getByRole('row', { name: /Found Family/ }).count(), 1);

    await page.goto('/wrangling/log');
    const log = await page.locator('main').innerText();
    assert.match(log, /Made “Mira Sato” canonical\./);
    assert.match(log, /Added “Starlight Academy” as a parent of “Jun Park”\./);
    await screenshot(page, 'wrangling-audit-log');
    await expectNoAxeViolations(page, 'the audit log');

    // A reader on the canonical fandom's page sees the work tagged with its synonym.
    const reader = await site.newPage();
    await reader.goto('/tags/fandom/Starlight%20Academy');
    const works = await reader.locator('main').innerText();
    assert.match(works, /Under Two Moons/);
    assert.match(works, /Morning Bells/);
  });
});
