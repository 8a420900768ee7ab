/**
 * A reader browses works the way AO3's filters work: filter a fandom, exclude a tag, sort by
 * kudos, then share the address and open it elsewhere to see the same works. Checked by axe,
 * and on a phone with the filter sheet open.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, buildWork } from '../support/builders.ts';
import { expectNoAxeViolations, heading, screenshot, startBrowserApp, type BrowserApp } from '../support/browser.ts';
import type { Page } from 'playwright-core';

const TEST_TIMEOUT = 120_000;

let site: BrowserApp;

before(async () => {
  site = await startBrowserApp();
});

after(async () => {
  await site?.close();
});

const titlesOn = (page: Page) => page.locator('.blurb-heading > a').allInnerTexts();

describe('browsing works', () => {
  it('filters a fandom, excludes a tag, sorts by kudos, and the shared address shows the same works', { timeout: TEST_TIMEOUT }, async () => {
    const writer = await buildUser(site.db);
    const works: [string, string, string[], number][] = [
      ['The Long Way Round', 'Good Omens (TV)', ['Fluff'], 12],
      ['Apocalypse Later', 'Good Omens (TV)', ['Angst'], 40],
      ['Tea at the Ritz', 'Good Omens (TV)', ['Fluff', 'Established Relationship'], 3],
      ['Bookshop Fire', 'Good Omens (TV)', ['Hurt/Comfort'], 25],
      ['Warp Core Breach', 'Star Trek: The Original Series', ['Angst'], 99],
    ];
    for (const [title, fandom, freeforms, kudos] of works) {
      const id = await buildWork(site.db, writer, { title, fandoms: [fandom], freeforms, characters: fandom.startsWith('Good') ? ['Aziraphale', 'Crowley'] : ['Spock'] });
      await site.db.updateTable('works').set({ kudos_count: kudos }).where('id', '=', id).execute();
    }

    const reader = await site.newPage({ viewport: { width: 1280, height: 900 } });
    await reader.goto('/');
    await reader.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Works', exact: true }).click();
    await reader.waitForURL('**/works');
    assert.equal(await heading(reader), 'Works');
    assert.equal((await titlesOn(reader)).length, 5);

    const form = reader.getByRole('form', { name: 'Sort and filter' });
    await form.getByRole('group', { name: 'Include' }).getByRole('checkbox', { name: /^Good Omens \(TV\)/ }).check();
    await form.getByRole('button', { name: 'Sort and filter' }).click();
    await reader.waitForURL(/fandom=Good/);
    assert.deepEqual((await titlesOn(reader)).sort(), ['Apocalypse Later', 'Bookshop Fire', 'Tea at the Ritz', 'The Long Way Round']);

    await form.getByRole('group', { name: 'Exclude' }).getByRole('checkbox', { name: /^Angst/ }).check();
    await form.getByLabel('Sort by').selectOption({ label: 'Kudos' });
    await form.getByRole('button', { name: 'Sort and filter' }).click();
    await reader.waitForURL(/sort=kudos/);
    const expected = ['Bookshop Fire', 'The Long Way Round', 'Tea at the Ritz'];
    assert.deepEqual(await titlesOn(reader), expected);
    assert.equal(await reader.getByRole('heading', { level: 2, name: 'Works 1–3 of 3' }).count(), 1);
    await expectNoAxeViolations(reader, 'a filtered works listing');
    await screenshot(reader, 'browse-filtered-desktop');

    // Share the address: a new browser context (no cookies, no history) sees the same works.
    const shared = reader.url();
    const friend = await site.newPage({ viewport: { width: 1280, height: 900 } });
    await friend.goto(shared);
    assert.deepEqual(await titlesOn(friend), expected);
    assert.equal(await friend.getByRole('checkbox', { name: /^Angst/ }).first().isChecked(), true);

    // A phone: the filters are a sheet the reader opens above the results.
    const phone = await site.newPage({ viewport: { width: 375, height: 740 }, colorScheme: 'dark' });
    await phone.goto(shared);
    assert.equal(await phone.getByLabel('Sort by').isVisible(), false, 'the sheet starts closed on a phone');
    await phone.getByText('Sort and filter', { exact: true }).first().click();
    assert.equal(await phone.getByLabel('Sort by').isVisible(), true);
    await expectNoAxeViolations(phone, 'the works listing on a phone with the filters open');
    await screenshot(phone, 'browse-phone-sheet-open');

    // A phone-sized viewport (390×844): open the sheet, apply one more filter from it, see the
    // results narrow, and check the page with the sheet open again.
    const small = await site.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await small.goto(shared);
    const sheet = small.locator('details.filter-sheet');
    assert.equal(await sheet.getAttribute('open'), null, 'the sheet starts closed');
    await sheet.locator('> summary').click();
    assert.notEqual(await sheet.getAttribute('open'), null);
    const phoneForm = small.getByRole('form', { name: 'Sort and filter' });
    const exclude = phoneForm.getByRole('group', { name: 'Exclude' }).getByRole('checkbox', { name: /^Established Relationship/ });
    await exclude.scrollIntoViewIfNeeded();
    await exclude.check();
    await phoneForm.getByRole('button', { name: 'Sort and filter' }).click();
    await small.waitForURL(/exclude_freeform=.*Established/);
    assert.deepEqual(await titlesOn(small), ['Bookshop Fire', 'The Long Way Round']);
    await sheet.locator('> summary').click();
    assert.equal(await small.getByLabel('Sort by').isVisible(), true, 'the sheet opens again on the new results');
    assert.equal(await phoneForm.getByRole('group', { name: 'Exclude' }).getByRole('checkbox', { name: /^Established Relationship/ }).isChecked(), true, 'the filter is kept');
    await expectNoAxeViolations(small, 'the filtered works listing at 390×844 with the sheet open');
    await screenshot(small, 'browse-phone-390-sheet-filtered');
    assert.equal(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'nothing overflows sideways');

    // The header's search box works there too, without JavaScript's help: a GET to the listing.
    await small.getByRole('search', { name: 'Site' }).getByRole('searchbox', { name: 'Search works' }).fill('Bookshop');
    await small.getByRole('search', { name: 'Site' }).getByRole('button', { name: 'Search' }).click();
    await small.waitForURL(/\/works\?q=Bookshop$/);
    assert.deepEqual(await titlesOn(small), ['Bookshop Fire']);
    await screenshot(small, 'browse-phone-390-header-search');
    assert.deepEqual(site.pageErrors, []);
  });
});
