/**
 * Series, co-creators and pen names in Chromium: a writer starts a series from a work,
 * invites a co-creator who logs in and accepts, and axe-core checks the new pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, buildWork } from '../support/builders.ts';
import { expectNoAxeViolations, screenshot, startBrowserApp, type BrowserApp, logIn } from '../support/browser.ts';

const TEST_TIMEOUT = 90_000;

let site: BrowserApp;

before(async () => {
  site = await startBrowserApp();
});

after(async () => {
  await site?.close();
});

describe('series and co-creators in the browser', () => {
  it('a writer adds a work to a new series and invites a co-creator, who accepts', { timeout: TEST_TIMEOUT }, async () => {
    const writer = await buildUser(site.db);
    const partner = await buildUser(site.db);
    const title = 'The Cartographer’s Daughter';
    const workId = await buildWork(site.db, writer, { title, summary: '<p>Maps, rivers, and letters.</p>' });
    const sequelId = await buildWork(site.db, writer, { title: 'The Cartographer’s Son' });

    const page = await site.newPage();
    await logIn(page, writer);
    await page.goto(`/works/${workId}`);
    await page.getByRole('link', { name: 'Add to series' }).click();
    await page.waitForURL(`**/works/${workId}/series`);
    await screenshot(page, 'add-to-series');
    await expectNoAxeViolations(page, 'the add-to-series form');
    await page.getByLabel('Series', { exact: true }).selectOption('new');
    await page.getByLabel('New series title', { exact: true }).fill('Atlas of Small Rivers');
    await page.getByRole('button', { name: 'Add to series' }).click();
    await page.waitForURL(/\/series\/\d+$/);
    const seriesPath = new URL(page.url()).pathname;
    assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), 'Atlas of Small Rivers');

    // The sequel joins the same series, chosen from the list, at the end.
    await page.goto(`/works/${sequelId}/series`);
    await page.getByLabel('Series', { exact: true }).selectOption({ label: 'Atlas of Small Rivers' });
    await page.getByRole('button', { name: 'Add to series' }).click();
    await page.waitForURL(`**${seriesPath}`);
    assert.equal(await page.locator('.work-list > li').count(), 2);
    await screenshot(page, 'series');
    await expectNoAxeViolations(page, 'the series page');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page, 'the series page, in dark mode');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('link', { name: 'Edit series' }).click();
    await page.waitForURL(`**${seriesPath}/edit`);
    await page.getByLabel(`New part number for The Cartographer’s Son`, { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Move', exact: true }).nth(1).click();
    await page.waitForURL(`**${seriesPath}/edit`);
    assert.match(await page.locator('.manage-list').innerText(), /Part 1: The Cartographer’s Son[\s\S]*Part 2: The Cartographer’s Daughter/);
    await screenshot(page, 'series-edit');
    await expectNoAxeViolations(page, 'the series edit page');
    await page.getByLabel(`New part number for The Cartographer’s Son`, { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Move', exact: true }).first().click();
    await page.waitForURL(`**${seriesPath}/edit`);
    await page.goto(seriesPath);

    await page.getByRole('link', { name: title }).click();
    await page.waitForURL(`**/works/${workId}`);
    const seriesNav = page.getByRole('navigation', { name: 'Series' });
    assert.match(await seriesNav.innerText(), /Part 1 of Atlas of Small Rivers/);
    await seriesNav.getByRole('link', { name: /Next: The Cartographer’s Son/ }).click();
    await page.waitForURL(`**/works/${sequelId}`);
    assert.match(await page.getByRole('navigation', { name: 'Series' }).innerText(), /Part 2 of Atlas of Small Rivers/);
    await screenshot(page, 'work-in-series');
    await expectNoAxeViolations(page, 'a work page in a series, with creator tools');

    // Invite the partner.
    await page.goto(`/works/${workId}`);
    await page.getByRole('link', { name: 'Invite a co-creator' }).click();
    await page.waitForURL(`**/works/${workId}/invite`);
    await page.getByLabel('Co-creator', { exact: true }).fill('nobody_by_that_name');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('alert').waitFor();
    await screenshot(page, 'invite-errors');
    await expectNoAxeViolations(page, 'the invitation form with an error');
    await page.getByLabel('Co-creator', { exact: true }).fill(partner.username);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.waitForURL(`**/works/${workId}`);
    assert.doesNotMatch(await page.locator('.work-header .byline').innerText(), new RegExp(partner.username), 'not credited before accepting');

    // Pen names page, as its owner.
    await page.goto(`/users/${writer.username}/pseuds`);
    await page.getByLabel('New pen name', { exact: true }).fill('Ink and Compass');
    await page.getByRole('button', { name: 'Add pen name' }).click();
    await page.waitForURL(`**/users/${writer.username}/pseuds`);
    assert.equal(await page.getByRole('link', { name: 'Ink and Compass', exact: true }).count(), 1);
    await screenshot(page, 'pseuds');
    await expectNoAxeViolations(page, 'the pen names page');

    // The partner logs in, finds the invitation and accepts.
    const partnerPage = await site.newPage();
    await logIn(partnerPage, partner);
    await partnerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: partner.username }).click();
    await partnerPage.getByRole('link', { name: 'Co-creator invitations' }).click();
    await partnerPage.waitForURL('**/invitations');
    await screenshot(partnerPage, 'invitations');
    await expectNoAxeViolations(partnerPage, 'the invitations page');
    await partnerPage.getByRole('button', { name: `Accept ${title}` }).click();
    await partnerPage.waitForURL(`**/works/${workId}`);
    const byline = await partnerPage.locator('.work-header .byline').innerText();
    assert.match(byline, new RegExp(`${writer.username}.*${partner.username}`));
    assert.equal(await partnerPage.getByRole('link', { name: 'Edit', exact: true }).count(), 1, 'the co-creator may now edit');
    await screenshot(partnerPage, 'work-with-co-creator');

    await partnerPage.goto('/invitations');
    assert.match(await partnerPage.locator('main').innerText(), /no invitations waiting/);
    await expectNoAxeViolations(partnerPage, 'the empty invitations page');
    assert.deepEqual(site.pageErrors, []);
  });
});
