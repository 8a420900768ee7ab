/**
 * Journey 2 of issue 7 in Chromium: a member subscribes to a work, the author posts a chapter,
 * the job queue delivers an inbox notice and an email into the outbox; an admin reads the
 * outbox and follows the email's one-click unsubscribe link. axe-core checks the work page with
 * its button, the subscriptions page, the outbox, the unsubscribe pages and the author's
 * statistics (light and dark).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, buildWork } from '../support/builders.ts';
import { expectNoAxeViolations, screenshot, startBrowserApp, type BrowserApp, logIn } from '../support/browser.ts';

const TEST_TIMEOUT = 120_000;

let site: BrowserApp;

before(async () => {
  site = await startBrowserApp();
});

after(async () => {
  await site?.close();
});

describe('subscriptions in the browser', () => {
  it('a member subscribes, the author posts a chapter, the notice and the email arrive, and the email unsubscribes', { timeout: TEST_TIMEOUT }, async () => {
    const author = await buildUser(site.db);
    const reader = await buildUser(site.db);
    const admin = await buildUser(site.db, { roles: ['admin'] });
    const title = 'Songs for the Lighthouse Keeper';
    const workId = await buildWork(site.db, author, { title });

    // The member subscribes from the work page.
    const readerPage = await site.newPage();
    await logIn(readerPage, reader);
    await readerPage.goto(`/works/${workId}`);
    await readerPage.getByRole('button', { name: 'Subscribe' }).click();
    await readerPage.waitForURL(`**/works/${workId}`);
    await readerPage.getByText("You're subscribed to this work.").waitFor();
    await screenshot(readerPage, 'work-subscribed');
    await expectNoAxeViolations(readerPage, 'the work page with the subscribe button');

    // The author posts a chapter.
    const authorPage = await site.newPage();
    await logIn(authorPage, author);
    await authorPage.goto(`/works/${workId}`);
    await authorPage.getByRole('link', { name: 'Add chapter' }).click();
    await authorPage.getByLabel('Chapter title', { exact: true }).fill('The Storm');
    await authorPage.getByLabel('Chapter text', { exact: true }).fill('The light turned all night long.');
    await authorPage.getByRole('button', { name: 'Post chapter' }).click();
    await authorPage.waitForURL(/\/works\/\d+\/chapters\/\d+$/);

    // The job queue runs: an inbox notice and an email in the outbox.
    await site.runPendingJobs();
    const inbox = await site.db.selectFrom('inbox_items').select(['kind', 'summary', 'read_at']).where('user_id', '=', reader.id).execute();
    assert.equal(inbox.length, 1);
    assert.equal(inbox[0]!.kind, 'new_chapter');
    assert.equal(inbox[0]!.read_at, null);
    assert.match(inbox[0]!.summary, /Chapter 2 \(The Storm\) of “Songs for the Lighthouse Keeper”/);

    await readerPage.goto('/subscriptions');
    await readerPage.getByRole('link', { name: title }).waitFor();
    await screenshot(readerPage, 'subscriptions');
    await expectNoAxeViolations(readerPage, 'the subscriptions page');

    // An admin reads the outbox and follows the email's unsubscribe link.
    const adminPage = await site.newPage();
    await logIn(adminPage, admin);
    await adminPage.goto('/admin');
    await adminPage.getByRole('link', { name: 'Email outbox' }).click();
    await adminPage.waitForURL('**/admin/outbox');
    const email = adminPage.getByRole('article').filter({ hasText: reader.email });
    await email.getByRole('heading', { name: `[Quire] New chapter of “${title}”` }).waitFor();
    assert.match(await email.innerText(), /Chapter 2 \(The Storm\)/);
    await screenshot(adminPage, 'admin-outbox');
    await expectNoAxeViolations(adminPage, 'the email outbox');
    await email.getByRole('link', { name: /Open this email's unsubscribe link/ }).click();
    await adminPage.waitForURL(/\/unsubscribe\//);
    await adminPage.getByText(`Stop getting notices about the work “${title}”?`).waitFor();
    await screenshot(adminPage, 'unsubscribe-confirm');
    await expectNoAxeViolations(adminPage, 'the unsubscribe confirm page');
    await adminPage.getByRole('button', { name: 'Unsubscribe' }).click();
    await adminPage.getByRole('heading', { level: 1, name: 'Unsubscribed' }).waitFor();
    await expectNoAxeViolations(adminPage, 'the unsubscribed page');
    const left = await site.db.selectFrom('subscriptions').select('id').where('user_id', '=', reader.id).execute();
    assert.equal(left.length, 0);

    // The author's statistics: the reader's visit counted, the author's own didn't.
    await authorPage.goto(`/users/${author.username}`);
    await authorPage.getByRole('link', { name: 'Statistics' }).click();
    await authorPage.waitForURL(`**/users/${author.username}/stats`);
    const row = authorPage.getByRole('row', { name: new RegExp(title) });
    assert.match(await row.innerText(), /Songs for the Lighthouse Keeper\s+1\s+0\s+0\s+0\s+0/);
    await authorPage.getByText('Hits per day as a table').click();
    await screenshot(authorPage, 'author-stats');
    await expectNoAxeViolations(authorPage, 'the statistics page');
    await authorPage.emulateMedia({ colorScheme: 'dark' });
    await screenshot(authorPage, 'author-stats-dark');
    await expectNoAxeViolations(authorPage, 'the statistics page, in dark mode');

    // The work's own statistics: a chart per measure over time, and every measure as a table.
    await authorPage.emulateMedia({ colorScheme: 'light' });
    await row.getByRole('link', { name: `Chart of ${title}` }).click();
    await authorPage.getByRole('heading', { level: 1, name: `Statistics for “${title}”` }).waitFor();
    await authorPage.getByRole('navigation', { name: 'Measure shown' }).getByRole('link', { name: 'Subscriptions' }).click();
    await authorPage.waitForURL(/measure=subscriptions/);
    await authorPage.getByRole('img', { name: /Subscriptions per day, last 30 days/ }).waitFor();
    await authorPage.getByText('Every measure per day as a table').click();
    const today = authorPage.getByRole('row', { name: new Date().toISOString().slice(0, 10) });
    assert.match(await today.innerText(), /\s1\s+0\s+0\s+0\s+0/, 'one hit today; the subscription was taken back');
    await screenshot(authorPage, 'work-stats');
    await expectNoAxeViolations(authorPage, 'the statistics of one work');
    await authorPage.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(authorPage, 'the statistics of one work, in dark mode');
    assert.deepEqual(site.pageErrors, []);
  });
});
