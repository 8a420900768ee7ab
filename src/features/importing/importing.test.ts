import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loggedInMember } from '../../../test/support/builders.ts';
import { ENGINES } from '../../../test/support/databases.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { canonicalTag, synonymTag } from '../../../test/support/wrangling-builders.ts';
import { detectStructure } from './detector/detect.ts';
import type { ImportedWork } from './importing.model.ts';
import { createImportedDraft, withSuggestedTags } from './importing.service.ts';

/** A two-chapter songfic written for this test: notes, a disclaimer naming a fandom synonym and a song, lyrics, a scene break. */
const STORY = [
  'A/N: Hi all, this one has been sitting in my drafts forever. Be nice!',
  '',
  'Disclaimer: I don\'t own Harbour Lights, and the song "Paper Boats" is by The Lantern Choir.',
  '',
  'Chapter One',
  '',
  'Nell Okafor walked the length of the pier twice before she let herself look at the water. The boats were all in, tied up and knocking together like teeth.',
  '',
  'Nell had promised Tomas she would be there by six. It was nearly seven, and the light was going.',
  '',
  '',
  'Fold me a boat out of yesterday',
  '',
  'Set it down where the river runs',
  '',
  '',
  'She found Tomas Vey at the end of the pier, sitting on an upturned crate with his coat collar up.',
  '',
  '* * *',
  '',
  'In the morning the harbour was white with fog, and Nell could not see the far wall at all.',
  '',
  'Chapter Two',
  '',
  'Tomas made tea in the hut while Nell counted the boats again, one by one, as if one might have slipped away in the night.',
  '',
  '',
  'Fold me a boat out of yesterday',
  '',
  'Set it down where the river runs',
  '',
  '',
  'Please review and tell me what you think!',
].join('\n');

async function detect(text: string): Promise<ImportedWork> {
  const result = await detectStructure({ data: Buffer.from(text) });
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

for (const engine of ENGINES) {
  describe(`importing: suggestions and drafts (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
      const fandom = await canonicalTag(t.db, 'fandom', 'Harbour Lights (TV 2019)');
      await synonymTag(t.db, 'fandom', 'Harbour Lights', fandom);
      const nell = await canonicalTag(t.db, 'character', 'Nell Okafor', [fandom]);
      const tomas = await canonicalTag(t.db, 'character', 'Tomas Vey', [fandom]);
      await canonicalTag(t.db, 'relationship', 'Nell Okafor/Tomas Vey', [fandom, nell, tomas]);
      await canonicalTag(t.db, 'character', 'Nell Gwyn');
    });
    after(() => t.close());

    const countWorks = async () => Number((await t.db.selectFrom('works').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    it('suggests the archive’s canonical tags found in the text, with evidence', async () => {
      const work = await withSuggestedTags(t.db, await detect(STORY));
      assert.deepEqual(
        work.suggestedTags.map((tag) => `${tag.type}:${tag.name}`),
        ['fandom:Harbour Lights (TV 2019)', 'character:Nell Okafor', 'character:Tomas Vey', 'relationship:Nell Okafor/Tomas Vey'],
      );
      assert.match(work.suggestedTags[0]!.evidence, /^Disclaimer: I don't own Harbour Lights/);
    });

    it('creates a draft with chapters, lyrics, a scene break, song credits and tags, which its owner previews and nobody else sees', async () => {
      const { user, client } = await loggedInMember(t);
      const work = await withSuggestedTags(t.db, await detect(STORY));
      assert.deepEqual(work.songs, [{ title: 'Paper Boats', artist: 'The Lantern Choir' }]);
      const result = await createImportedDraft(t.db, user.id, work);
      assert.ok(result.ok, JSON.stringify(result));
      const page = await client.get(`/works/${result.workId}?view=full`);
      assert.equal(page.statusCode, 200);
      const html = page.body;
      assert.match(html, /This is a draft\./);
      assert.ok(html.includes(`>${work.title ?? 'Untitled import'}<`), 'shows the title');
      assert.match(html, /<blockquote class="lyrics">\s*<p>Fold me a boat out of yesterday<br \/>\s*Set it down where the river runs<\/p>\s*<\/blockquote>/);
      assert.match(html, /<hr \/>|<hr>/);
      assert.match(html, /Paper Boats/);
      assert.match(html, /The Lantern Choir/);
      for (const name of ['Harbour Lights (TV 2019)', 'Nell Okafor', 'Tomas Vey', 'Nell Okafor/Tomas Vey', 'Not Rated', 'Creator Chose Not To Use Archive Warnings']) assert.ok(html.includes(name), `shows ${name}`);
      assert.ok(!html.includes('No Archive Warnings Apply'));
      assert.match(html, /Hi all, this one has been sitting in my drafts forever/);
      assert.match(html, /Please review and tell me what you think!/);
      assert.match(html, /Tomas made tea in the hut/);
      const row = await t.db.selectFrom('works').select(['posted', 'chapter_count', 'expected_chapters', 'word_count']).where('id', '=', result.workId).executeTakeFirstOrThrow();
      assert.deepEqual({ posted: row.posted, chapters: row.chapter_count, expected: row.expected_chapters }, { posted: false, chapters: 2, expected: 2 });
      assert.ok(row.word_count > 80);
      const titles = await t.db.selectFrom('chapters').select('title').where('work_id', '=', result.workId).orderBy('position').execute();
      assert.deepEqual(titles.map((c) => c.title), ['Chapter One', 'Chapter Two']);
      // Filter tags and use counts, as for a posted form.
      const fandom = await t.db.selectFrom('tags').select(['id', 'taggings_count']).where('name', '=', 'Harbour Lights (TV 2019)').executeTakeFirstOrThrow();
      assert.equal(fandom.taggings_count, 1);
      const filter = await t.db.selectFrom('works').select('filter_tag_ids').where('id', '=', result.workId).executeTakeFirstOrThrow();
      assert.ok(filter.filter_tag_ids.map(Number).includes(fandom.id));
      // A draft: a guest gets 404.
      assert.equal((await new TestClient(t.app).get(`/works/${result.workId}`)).statusCode, 404);
    });

    it('maps warning suggestions: archive warnings where AO3 has one, additional tags otherwise, never "No Archive Warnings Apply"', async () => {
      const { user, client } = await loggedInMember(t);
      const work = await detect('A/N: set in Harbour Lights. Warning for major character death and self-harm.\n\nThe Story\n\nThe lighthouse keeper climbed the stairs every night, and every night the lamp was lit.');
      assert.deepEqual(work.suggestedWarnings.map((w) => w.name).sort(), ['Major Character Death', 'Self-Harm']);
      const result = await createImportedDraft(t.db, user.id, await withSuggestedTags(t.db, work));
      assert.ok(result.ok, JSON.stringify(result));
      const html = (await client.get(`/works/${result.workId}`)).body;
      for (const name of ['Creator Chose Not To Use Archive Warnings', 'Major Character Death', 'Self-Harm']) assert.ok(html.includes(name), `shows ${name}`);
    });

    it('refuses invalid content with clear messages and writes nothing', async () => {
      const { user } = await loggedInMember(t);
      const before = await countWorks();
      const noFandom = await createImportedDraft(t.db, user.id, await detect('Just a story about a lighthouse keeper who climbed the stairs every night to light the lamp.'));
      assert.deepEqual(noFandom, { ok: false, errors: ['No fandom of the archive was found in the text: name one (a work needs at least one fandom).'] });
      const long = await withSuggestedTags(t.db, { ...(await detect(STORY)), summary: 'x'.repeat(2000) });
      const tooLong = await createImportedDraft(t.db, user.id, long);
      assert.deepEqual(tooLong, { ok: false, errors: ['Summary must be at most 1,250 characters.'] });
      const emptyChapter = await withSuggestedTags(t.db, await detect(STORY));
      emptyChapter.chapters[1] = { title: 'Empty', blocks: [{ kind: 'break' }] };
      const empty = await createImportedDraft(t.db, user.id, emptyChapter);
      assert.equal(empty.ok, false);
      assert.match((empty as { errors: string[] }).errors[0]!, /^Chapter 2: Chapter text/);
      assert.equal(await countWorks(), before);
      // A fandom given by the importer makes the first one valid.
      const given = await createImportedDraft(t.db, user.id, await detect('Just a story about a lighthouse keeper who climbed the stairs every night to light the lamp.'), { fandoms: ['Original Work'] });
      assert.ok(given.ok);
      const untitled = await t.db.selectFrom('works').select('title').where('id', '=', given.workId).executeTakeFirstOrThrow();
      assert.equal(untitled.title, 'Untitled import');
    });
  });
}
