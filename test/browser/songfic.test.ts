/**
 * A songfic, end to end: posted with song credits and a lyric stanza, read, its
 * lyrics hidden and opened again, then the reader's own text size and theme.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uniqueName } from '../support/builders.ts';
import { expectNoAxeViolations, screenshot, startBrowserApp, type BrowserApp, fillClassification, signUp, fillSong, SONGFIC_TEXT } from '../support/browser.ts';

const TEST_TIMEOUT = 90_000;

let site: BrowserApp;

before(async () => {
  site = await startBrowserApp();
});

after(async () => {
  await site?.close();
});

describe('songfic journey', () => {
  it('posts a songfic with two song credits, reads it, hides the lyrics, and sets dark theme and larger text', { timeout: TEST_TIMEOUT }, async () => {
    const page = await site.newPage();
    await signUp(page, uniqueName('songwriter'));

    // Post it: a lyric stanza in plain text, and two songs.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Post a work' }).click();
    await page.waitForURL('**/works/new');
    await page.getByLabel('Title', { exact: true }).fill('Headlights on the Highway');
    await fillClassification(page);
    await page.getByRole('radio', { name: /^Plain text/ }).check();
    await page.getByLabel('Work text', { exact: true }).fill(SONGFIC_TEXT);
    await fillSong(page, 1, { title: 'Tiny Dancer', artist: 'Elton John', link: 'https://example.org/tiny-dancer' });
    await fillSong(page, 2, { title: 'Holiday', artist: 'Green Day', link: 'ftp://example.org/holiday' });
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    // A bad link is refused with its own message; everything typed is still there.
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Song 2 link must be a web address starting with http:\/\/ or https:\/\//);
    assert.equal(await page.getByRole('group', { name: 'Song 1', exact: true }).getByLabel('Song title').inputValue(), 'Tiny Dancer');
    assert.equal(await page.getByLabel('Work text', { exact: true }).inputValue(), SONGFIC_TEXT);
    await screenshot(page, 'songfic-form-errors');
    await expectNoAxeViolations(page, 'the posting form with a bad song link');
    await page.getByRole('group', { name: 'Song 2', exact: true }).getByLabel('Link (optional)').fill('');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForURL(/\/works\/\d+$/);
    const workPath = new URL(page.url()).pathname;

    // Read it: the credits and the stanza, one line per line.
    const credits = page.locator('.work-header .song-credits');
    assert.equal((await credits.innerText()).trim(), 'Songs: “Tiny Dancer” by Elton John; “Holiday” by Green Day');
    assert.equal(await credits.getByRole('link', { name: 'Tiny Dancer' }).getAttribute('rel'), 'nofollow ugc noopener');
    const text = page.getByRole('region', { name: 'Work text' });
    const stanza = text.locator('blockquote.lyrics');
    assert.equal(await stanza.count(), 1);
    assert.equal((await stanza.innerText()).trim(), 'Hold me closer, tiny dancer\nCount the headlights on the highway');
    await screenshot(page, 'songfic-work');

    // Hide the lyrics: the stanza folds to a one-line marker that opens on click.
    await page.getByRole('button', { name: 'Hide lyrics' }).click();
    await page.waitForURL(`**${workPath}`);
    const marker = text.locator('details.lyrics-collapsed > summary');
    assert.equal((await marker.innerText()).trim(), 'Lyrics (2 lines)');
    assert.equal(await stanza.isVisible(), false, 'the folded stanza is hidden');
    assert.match(await text.innerText(), /She laughed, and sang the next line wrong on purpose\./);
    await screenshot(page, 'songfic-lyrics-hidden');
    await expectNoAxeViolations(page, 'the work page with lyrics hidden');
    await marker.click();
    assert.equal(await stanza.isVisible(), true, 'clicking the marker opens the stanza');
    await screenshot(page, 'songfic-lyrics-opened');
    await page.goto(workPath);
    assert.equal(await page.getByRole('button', { name: 'Show lyrics' }).count(), 1, 'the choice is remembered');

    // Reading preferences: dark theme and larger text, whatever the system says.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Preferences' }).click();
    await page.waitForURL('**/preferences');
    assert.equal(await page.getByRole('checkbox', { name: 'Hide song lyrics' }).isChecked(), true);
    await expectNoAxeViolations(page, 'the preferences page');
    await page.getByRole('radio', { name: 'Larger (115%)' }).check();
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.waitForURL('**/preferences?saved=1');
    assert.match(await page.getByRole('status').innerText(), /Your preferences are saved/);
    await screenshot(page, 'preferences-dark');
    await expectNoAxeViolations(page, 'the preferences page, dark, larger text');

    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(workPath);
    const look = await page.evaluate(() => ({
      htmlClass: document.documentElement.className,
      background: getComputedStyle(document.body).backgroundColor,
      rootFontSize: getComputedStyle(document.documentElement).fontSize,
    }));
    assert.equal(look.htmlClass, 'font-115 theme-dark hide-lyrics');
    assert.equal(look.background, 'rgb(22, 21, 20)', 'dark even though the system asks for light');
    assert.equal(look.rootFontSize, '18.4px', '115% of 16px');
    await screenshot(page, 'songfic-dark-larger');
    await expectNoAxeViolations(page, 'the work page, dark, larger text, lyrics hidden');
    assert.deepEqual(site.pageErrors, []);
  });

  it('hides and shows lyrics with JavaScript off', { timeout: TEST_TIMEOUT }, async () => {
    const writer = await site.newPage();
    await signUp(writer, uniqueName('nojs_song'));
    await writer.goto('/works/new');
    await writer.getByLabel('Title', { exact: true }).fill('Quiet Radio');
    await fillClassification(writer);
    await writer.getByRole('radio', { name: /^Plain text/ }).check();
    await writer.getByLabel('Work text', { exact: true }).fill(SONGFIC_TEXT);
    await writer.getByRole('button', { name: 'Post', exact: true }).click();
    await writer.waitForURL(/\/works\/\d+$/);
    const workPath = new URL(writer.url()).pathname;

    const page = await site.newPage({ javaScriptEnabled: false });
    await page.goto(workPath);
    await page.getByRole('button', { name: 'Hide lyrics' }).click();
    await page.waitForURL(`**${workPath}`);
    const marker = page.locator('details.lyrics-collapsed > summary');
    assert.equal((await marker.innerText()).trim(), 'Lyrics (2 lines)');
    await marker.click();
    assert.equal(await page.locator('blockquote.lyrics').isVisible(), true, 'the marker opens without JavaScript');
    await page.getByRole('button', { name: 'Show lyrics' }).click();
    await page.waitForURL(`**${workPath}`);
    assert.equal(await page.locator('details.lyrics-collapsed').count(), 0);
    assert.equal(await page.locator('blockquote.lyrics').isVisible(), true);
  });
});
