/**
 * A reader browses fandoms the way AO3's index works: /fandoms by media, a media's page with
 * all its fandoms, a fandom's page a page of works at a time. Checked by axe, on a phone too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addParent, makeCanonical } from '../../src/features/tags/tag-graph.service.ts';
import { buildUser, buildWork } from '../support/builders.ts';
import { expectNoAxeViolations, heading, screenshot, startBrowserApp, type BrowserApp } from '../support/browser.ts';

const TEST_TIMEOUT = 90_000;

let site: BrowserApp;

before(async () => {
  site = await startBrowserApp();
});

after(async () => {
  await site?.close();
});

/** A canonical fandom under the given media, with `works` works posted in it. */
async function seedFandom(name: string, media: string[], works: number): Promise<void> {
  const writer = await buildUser(site.db);
  for (let i = 0; i < Math.max(works, 1); i++) await buildWork(site.db, writer, { title: `${name} story ${i + 1}`, fandoms: [name] });
  const id = (await site.db.selectFrom('tags').select('id').where('type', '=', 'fandom').where('name', '=', name).executeTakeFirstOrThrow()).id;
  await site.db.transaction().execute(async (trx) => {
    await makeCanonical(trx, id);
    for (const m of media) {
      const mediaId = (await trx.selectFrom('tags').select('id').where('type', '=', 'media').where('name', '=', m).executeTakeFirstOrThrow()).id;
      await addParent(trx, mediaId, id);
    }
  });
}

describe('the fandoms index', () => {
  it('by media, a media’s fandoms, and a fandom’s works page by page', { timeout: TEST_TIMEOUT }, async () => {
    const shows = ['Doctor Who', 'Sherlock (TV)', 'Star Trek: The Original Series', 'Good Omens (TV)', 'Supernatural', 'The Expanse'];
    for (const [i, name] of shows.entries()) await seedFandom(name, ['TV Shows'], i === 0 ? 23 : 6 - i);
    await seedFandom('Good Omens - Neil Gaiman & Terry Pratchett', ['Books & Literature'], 2);
    await seedFandom('The Expanse Novels', ['Books & Literature', 'TV Shows'], 1);
    await seedFandom('Original Work', [], 1);

    const reader = await site.newPage();
    await reader.goto('/');
    await reader.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fandoms' }).click();
    await reader.waitForURL('**/fandoms');
    assert.equal(await heading(reader), 'Fandoms');
    const mediaHeadings = await reader.getByRole('heading', { level: 2 }).allInnerTexts();
    assert.deepEqual(mediaHeadings, ['Books & Literature', 'TV Shows', 'Uncategorized Fandoms']);
    await expectNoAxeViolations(reader, 'the fandoms index');
    await screenshot(reader, 'fandoms-index');

    await reader.getByRole('link', { name: 'All 7 fandoms in TV Shows' }).click();
    await reader.waitForURL('**/tags/media/TV%20Shows');
    assert.equal(await heading(reader), 'TV Shows');
    assert.equal(await reader.locator('.fandom-index li').count(), 7);
    await expectNoAxeViolations(reader, 'a media page');

    await reader.getByRole('link', { name: 'Doctor Who' }).click();
    await reader.waitForURL('**/tags/fandom/Doctor%20Who');
    assert.equal(await reader.getByRole('heading', { name: /^Works 1–20 of 23 in Doctor Who$/ }).count(), 1);
    const pagination = reader.getByRole('navigation', { name: 'Pagination' });
    await pagination.getByRole('link', { name: 'Next' }).click();
    await reader.waitForURL('**/tags/fandom/Doctor%20Who?page=2');
    assert.equal(await reader.getByRole('heading', { name: /^Works 21–23 of 23 in Doctor Who$/ }).count(), 1);
    assert.equal(await pagination.getByRole('link', { name: 'Page 2', exact: true }).getAttribute('aria-current'), 'page');
    await expectNoAxeViolations(reader, 'page 2 of a fandom');
    await screenshot(reader, 'fandom-page-2');

    const phone = await site.newPage({ viewport: { width: 375, height: 740 }, colorScheme: 'dark' });
    await phone.goto('/fandoms');
    await expectNoAxeViolations(phone, 'the fandoms index on a phone, dark');
    await screenshot(phone, 'fandoms-index-phone');
    assert.deepEqual(site.pageErrors, []);
  });
});
