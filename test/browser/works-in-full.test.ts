/**
 * The whole of "works in full" as people do it: a writer posts a three-chapter songfic
 * with two song credits, a Teen rating and two warnings; a reader reads it chapter by
 * chapter and whole and hides the lyrics; the writer adds it to a series, invites a
 * co-creator who accepts, and makes it members-only, after which guests find it nowhere.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uniqueName } from '../support/builders.ts';
import { expectNoAxeViolations, fillClassification, screenshot, startBrowserApp, type BrowserApp, signUp, fillSong, addChapter, SONGFIC_TEXT } from '../support/browser.ts';

const TEST_TIMEOUT = 150_000;

let site: BrowserApp;

before(async () => {
  site = await startBrowserApp();
});

after(async () => {
  await site?.close();
});

describe('works in full', () => {
  it('a three-chapter songfic: posted, read, lyrics hidden, in a series, co-created, then members-only', { timeout: TEST_TIMEOUT }, async () => {
    const writer = await site.newPage();
    const writerName = uniqueName('lyricist');
    await signUp(writer, writerName);

    // 1. Post a 3-chapter songfic with two song credits, a Teen rating and two warnings.
    await writer.goto('/works/new');
    await expectNoAxeViolations(writer, 'the posting form');
    await writer.getByLabel('Title', { exact: true }).fill('Headlights on the Highway');
    await fillClassification(writer, {
      rating: 'Teen And Up Audiences',
      warnings: ['Graphic Depictions Of Violence', 'Major Character Death'],
      categories: ['F/M'],
      fandoms: 'Road Trip Stories',
    });
    await writer.getByLabel('Expected number of chapters', { exact: true }).fill('3');
    await writer.getByRole('radio', { name: /^Plain text/ }).check();
    await writer.getByLabel('Work text', { exact: true }).fill(SONGFIC_TEXT);
    await fillSong(writer, 1, { title: 'Tiny Dancer', artist: 'Elton John' });
    await fillSong(writer, 2, { title: 'Holiday', artist: 'Green Day' });
    await writer.getByRole('button', { name: 'Post', exact: true }).click();
    await writer.waitForURL(/\/works\/\d+$/);
    const workPath = new URL(writer.url()).pathname;
    const meta = await writer.locator('.work-meta').innerText();
    assert.match(meta, /Teen And Up Audiences/);
    assert.match(meta, /Graphic Depictions Of Violence[\s\S]*Major Character Death/);
    assert.match(await writer.locator('.song-credits').first().innerText(), /Tiny Dancer.*Elton John.*Holiday.*Green Day/);
    await addChapter(writer, 'Mile Marker Nine', 'They stopped for coffee that tasted like the thermos.');
    await addChapter(writer, 'Exit Ramp', 'The last exit came sooner than either of them wanted.');

    // 2. Read it chapter by chapter, and whole.
    const reader = await site.newPage();
    await signUp(reader, uniqueName('reader'));
    await reader.goto(workPath);
    await screenshot(reader, 'songfic-chapter-1');
    await expectNoAxeViolations(reader, 'the work page, chapter view');
    const next = () => reader.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: 'Next chapter →' });
    await next().click();
    await reader.waitForURL(/\/chapters\/\d+$/);
    assert.match(await reader.locator('main').innerText(), /thermos/);
    await next().click();
    await reader.waitForURL(/\/chapters\/\d+$/);
    assert.match(await reader.locator('main').innerText(), /last exit/);
    await reader.goto(`${workPath}?view=full`);
    assert.deepEqual(await reader.locator('h2.chapter-heading').allInnerTexts(), ['Chapter 1', 'Chapter 2: Mile Marker Nine', 'Chapter 3: Exit Ramp']);
    await expectNoAxeViolations(reader, 'the work page, entire work');

    // 3. Hide the lyrics: the stanza folds to a one-line marker that opens on click.
    await reader.getByRole('button', { name: 'Hide lyrics' }).click();
    await reader.getByRole('button', { name: 'Show lyrics' }).waitFor();
    const folded = reader.locator('details.lyrics-collapsed').first();
    assert.equal(await folded.getAttribute('open'), null);
    assert.equal(await reader.getByText('Count the headlights on the highway').isVisible(), false);
    await folded.locator('summary').click();
    assert.equal(await reader.getByText('Count the headlights on the highway').isVisible(), true);
    await screenshot(reader, 'songfic-lyrics-hidden');
    await expectNoAxeViolations(reader, 'the work page with lyrics hidden');

    // 4. Add the work to a series.
    await writer.goto(workPath);
    await writer.getByRole('link', { name: 'Add to series' }).click();
    await writer.getByLabel('Series', { exact: true }).selectOption('new');
    await writer.getByLabel('New series title', { exact: true }).fill('Songs for Long Drives');
    await writer.getByRole('button', { name: 'Add to series' }).click();
    await writer.waitForURL(/\/series\/\d+$/);
    const seriesPath = new URL(writer.url()).pathname;
    assert.match(await writer.locator('main').innerText(), /Headlights on the Highway/);
    await expectNoAxeViolations(writer, 'the series page');

    // 5. Invite a co-creator, who accepts.
    const partnerName = uniqueName('harmony');
    const partner = await site.newPage();
    await signUp(partner, partnerName);
    await writer.goto(workPath);
    await writer.getByRole('link', { name: 'Invite a co-creator' }).click();
    await writer.getByLabel('Co-creator', { exact: true }).fill(partnerName);
    await writer.getByRole('button', { name: 'Send invitation' }).click();
    await partner.goto('/invitations');
    await partner.getByRole('button', { name: 'Accept Headlights on the Highway' }).click();
    await partner.goto(workPath);
    const byline = await partner.locator('.work-header .byline').innerText();
    assert.match(byline, new RegExp(writerName));
    assert.match(byline, new RegExp(partnerName));

    // 6. Members-only: a guest can't see it anywhere.
    await writer.goto(`${workPath}/edit`);
    await writer.getByLabel('Only show to members of the archive').check();
    await writer.getByRole('button', { name: 'Save changes' }).click();
    await writer.waitForURL(`**${workPath}`);
    const guest = await site.newPage();
    await guest.goto(workPath);
    await guest.waitForURL(/\/login\?/);
    assert.match(await guest.locator('main').innerText(), /only available to members/);
    for (const path of ['/', seriesPath, `/users/${writerName}`, `/users/${partnerName}`]) {
      await guest.goto(path);
      assert.doesNotMatch(await guest.locator('main').innerText(), /Headlights on the Highway/, `a guest sees the work on ${path}`);
    }
    assert.deepEqual(site.pageErrors, [], 'scripts threw errors in the pages');
  });
});
