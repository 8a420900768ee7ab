/**
 * A wrangler makes a tag canonical and an unwrangled tag its synonym on the wrangle screen;
 * a guest then finds the work posted under the synonym on the canonical
 * tag's page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildUser, buildWork, uniqueName } from '../support/builders.ts';
import { expectNoAxeViolations, heading, screenshot, startBrowserApp, type BrowserApp, logIn } from '../support/browser.ts';
import { tagPath } from '../../src/features/tags/tags.model.ts';

const TEST_TIMEOUT = 90_000;

let site: BrowserApp;

before(async () => {
  site = await startBrowserApp();
});

after(async () => {
  await site?.close();
});

// The page's notice, not the autocomplete island's live regions (also role=status).
const status = (page: Page) => page.locator('.notice[role="status"]');

describe('tag wrangling in the browser', () => {
  it('a wrangler makes a synonym; a guest finds its works on the canonical tag’s page', { timeout: TEST_TIMEOUT }, async () => {
    const canonical = uniqueName('Sherlock (TV)');
    const synonym = uniqueName('BBC Sherlock');
    const writer = await buildUser(site.db);
    await buildWork(site.db, writer, { title: 'Posted under the canonical', fandoms: [canonical] });
    await buildWork(site.db, writer, { title: 'Posted under the synonym', fandoms: [synonym] });
    const wrangler = await buildUser(site.db, { roles: ['tag_wrangler'] });

    const page = await site.newPage();
    await logIn(page, wrangler);
    await page.goto(tagPath('fandom', canonical));
    await page.getByRole('link', { name: 'Wrangle this tag' }).click();
    await page.waitForURL(/\/wrangle$/);
    assert.equal(await heading(page), `Wrangle ${canonical}`);
    await page.getByRole('button', { name: 'Make canonical' }).click();
    await page.waitForURL(/\?done=canonical$/);
    assert.match(await status(page).innerText(), /now canonical/);

    await page.goto(`${tagPath('fandom', synonym)}/wrangle`);
    // A mistyped name is refused at its form, with the error summary linking to it.
    await page.getByLabel('Make it a synonym of', { exact: true }).fill('Sherlock Typo');
    await page.getByRole('button', { name: 'Make synonym' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /There is no fandom tag called “Sherlock Typo”/);
    assert.equal(await page.getByLabel('Make it a synonym of', { exact: true }).inputValue(), 'Sherlock Typo');
    await screenshot(page, 'wrangle-error');
    await expectNoAxeViolations(page, 'the wrangle screen with an error');

    await page.getByLabel('Make it a synonym of', { exact: true }).fill(canonical.toLowerCase());
    // The name matches a tag, so suggestions open over the button: close them as a keyboard user
    // would, once they are there (they arrive after a short delay, and could cover the click).
    await page.getByRole('option').first().waitFor();
    await page.getByLabel('Make it a synonym of', { exact: true }).press('Escape');
    await page.getByRole('button', { name: 'Make synonym' }).click();
    await page.waitForURL(/\?done=synonym$/);
    assert.match(await status(page).innerText(), /now a synonym/);
    assert.ok((await page.locator('.wrangle-history').innerText()).includes(`${wrangler.username}: Made “${synonym}” a synonym of “${canonical}”.`));
    await screenshot(page, 'wrangle-synonym');
    await expectNoAxeViolations(page, 'the wrangle screen of a synonym');

    await page.getByRole('link', { name: canonical, exact: true }).click();
    await page.waitForURL(/\/wrangle$/);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'wrangle-canonical-phone');
    await expectNoAxeViolations(page, 'the wrangle screen of a canonical tag, on a phone');

    const reader = await site.newPage();
    await reader.goto(tagPath('fandom', synonym));
    await reader.waitForURL(`**${tagPath('fandom', canonical)}`);
    assert.equal(await heading(reader), canonical);
    const titles = await reader.locator('h3.blurb-heading > a').allInnerTexts();
    assert.deepEqual(titles, ['Posted under the synonym', 'Posted under the canonical']);
    assert.equal(await reader.getByRole('link', { name: 'Wrangle this tag' }).count(), 0);
    await screenshot(reader, 'tag-page-after-wrangling');
    await expectNoAxeViolations(reader, 'the canonical tag’s page');
  });
});
