/**
 * Journey 1 of issue 7: a guest reviews a work, the author finds it in their inbox and
 * replies from there, and the guest sees the reply under their comment. Light and dark, a
 * phone width, and axe-core on the work page with comments and on the inbox.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, buildWork, type BuiltUser } from '../support/builders.ts';
import { expectNoAxeViolations, screenshot, startBrowserApp, type BrowserApp, logIn } from '../support/browser.ts';

const TEST_TIMEOUT = 90_000;

let site: BrowserApp;
let writer: BuiltUser;
let workId: number;

before(async () => {
  site = await startBrowserApp();
  writer = await buildUser(site.db);
  workId = await buildWork(site.db, writer, { title: 'The Lighthouse Keeper', body: '<p>The rain had not stopped for three days.</p><p>By morning the sea was calm again.</p>' });
});

after(async () => {
  await site?.close();
});

describe('comments and the inbox', () => {
  it('a guest reviews, the author replies from the inbox, and the guest sees the reply', { timeout: TEST_TIMEOUT }, async () => {
    const guest = await site.newPage({ colorScheme: 'light', viewport: { width: 1000, height: 900 } });
    await guest.goto(`/works/${workId}`);
    await guest.getByRole('heading', { name: 'Comments (0)' }).waitFor();
    await guest.getByLabel('Your name', { exact: true }).fill('Wren');
    await guest.getByLabel('Your email', { exact: true }).fill('wren@example.org');
    await guest.getByLabel('Comment', { exact: true }).fill('Please review and tell me your thoughts? No — I loved this, good or bad!');
    await guest.getByRole('button', { name: 'Post comment' }).click();
    await guest.waitForURL(/\/works\/\d+#comment-\d+$/);
    const guestComment = guest.getByRole('article', { name: 'Comment by Wren' });
    await guestComment.waitFor();
    assert.equal(await guest.getByText('wren@example.org').count(), 0, 'the email is never shown');

    const author = await site.newPage({ colorScheme: 'dark', viewport: { width: 1000, height: 900 } });
    await logIn(author, writer);
    const inboxLink = author.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox \(1\s*unread\s*\)$/ });
    await inboxLink.click();
    await author.waitForURL('**/inbox');
    await author.getByRole('link', { name: 'Wren (guest) commented on “The Lighthouse Keeper”.' }).waitFor();
    await expectNoAxeViolations(author, 'the inbox');
    await screenshot(author, 'comments-inbox-dark');

    const notice = author.getByRole('article', { name: /Wren \(guest\) commented/ });
    await notice.getByText('Reply', { exact: true }).click();
    await expectNoAxeViolations(author, 'the inbox with a reply form open');
    await notice.getByLabel('Comment', { exact: true }).fill('Thank you so much, Wren!');
    await notice.getByRole('button', { name: 'Post reply' }).click();
    await author.waitForURL('**/inbox');
    await author.getByText('Nothing unread.').waitFor();

    await guest.reload();
    const thread = guest.getByRole('list', { name: 'Replies to Wren' });
    await thread.getByText('Thank you so much, Wren!').waitFor();
    assert.equal(await thread.getByText('Creator', { exact: true }).count(), 1, "the author's reply is marked as the creator's");
    await guest.getByRole('heading', { name: 'Comments (2)' }).waitFor();
    await expectNoAxeViolations(guest, 'the work page with comments (light)');
    await screenshot(guest, 'comments-work-light');

    await author.goto(`/works/${workId}#comments`);
    await expectNoAxeViolations(author, 'the work page with comments, as its creator (dark)');
    await screenshot(author, 'comments-work-creator-dark');

    const phone = await site.newPage({ colorScheme: 'dark', viewport: { width: 390, height: 844 } });
    await phone.goto(`/works/${workId}#comments`);
    await expectNoAxeViolations(phone, 'the work page with comments on a phone');
    await screenshot(phone, 'comments-work-phone-dark');
    assert.deepEqual(site.pageErrors, []);
  });
});
