import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, buildWork, logInThroughForm, uniqueName, WORK_FORM_DEFAULTS, type BuiltUser } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { canonicalTag } from '../../../test/support/wrangling-builders.ts';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { addMetaTag, addParent, makeSynonym, removeMetaTag } from './tag-graph.service.ts';
import { tagPath, UNCATEGORIZED_MEDIA, type TagType } from './tags.model.ts';

const UNCATEGORIZED_PAGE = tagPath('media', UNCATEGORIZED_MEDIA);

/** The blurb titles on a page, in order. */
function blurbTitles(html: string): string[] {
  return [...html.matchAll(/<h3 class="blurb-heading" id="work-\d+-title"><a href="\/works\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]!);
}

for (const engine of ENGINES) {
  describe(`tag graph and tag pages (${engine})`, () => {
    let t: TestApp;
    let writer: BuiltUser;
    const guest = () => new TestClient(t.app);

    before(async () => {
      t = await startTestApp(engine);
      writer = await buildUser(t.db);
    });
    after(() => t.close());

    async function tagId(type: TagType, name: string): Promise<number> {
      const row = await t.db.selectFrom('tags').select('id').where('type', '=', type).where('name', '=', name).executeTakeFirstOrThrow();
      return row.id;
    }

    /** A canonical tag, created (or found) by the name given. */
    const canonical = (type: 'fandom' | 'character' | 'relationship' | 'freeform', name: string) => canonicalTag(t.db, type, name);

    const graph = (change: (trx: DbOrTrx) => Promise<void>) => t.db.transaction().execute(change);

    async function titlesOn(type: TagType, name: string, client = guest()): Promise<string[]> {
      const page = await client.get(tagPath(type, name));
      assert.equal(page.statusCode, 200, page.body.slice(0, 300));
      return blurbTitles(page.body);
    }

    it('shows works posted under a synonym on the canonical tag’s page once the synonym is made, without re-saving them', async () => {
      const tv = uniqueName('Sherlock TV');
      const bbc = uniqueName('BBC Sherlock');
      await buildWork(t.db, writer, { title: 'Under the canonical', fandoms: [tv] });
      await buildWork(t.db, writer, { title: 'Under the synonym', fandoms: [bbc] });
      const tvId = await canonical('fandom', tv);
      assert.deepEqual(await titlesOn('fandom', tv), ['Under the canonical']);

      await graph(async (trx) => makeSynonym(trx, (await tagIdIn(trx, bbc)), tvId));
      assert.deepEqual(await titlesOn('fandom', tv), ['Under the synonym', 'Under the canonical']);

      const page = (await guest().get(tagPath('fandom', tv))).body;
      assert.match(page, new RegExp(`<h2>Synonyms</h2><ul class="tags commas"><li class="tag tag-fandom"><a class="tag-link" href="${escape(tagPath('fandom', bbc))}">${bbc}</a>`));

      const synonym = await guest().get(tagPath('fandom', bbc));
      assert.equal(synonym.statusCode, 301);
      assert.equal(synonym.headers.location, tagPath('fandom', tv));
      // Names are compared ignoring case, as on the posting form.
      assert.equal((await guest().get(tagPath('fandom', bbc.toUpperCase()))).headers.location, tagPath('fandom', tv));

      // /fandoms shows each media's top few; the Uncategorized media's page lists every fandom without media.
      const fandoms = (await guest().get(UNCATEGORIZED_PAGE)).body;
      assert.match(fandoms, new RegExp(`<a class="tag-link" href="${escape(tagPath('fandom', tv))}">${tv}</a> \\(2\\)`));
      assert.doesNotMatch(fandoms, new RegExp(bbc), 'a synonym is not a fandom of its own');
    });

    async function tagIdIn(trx: DbOrTrx, name: string): Promise<number> {
      const row = await trx.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirstOrThrow();
      return row.id;
    }

    it('follows a three-level meta chain, and stops following a link once it is removed', async () => {
      const top = uniqueName('Alternate Universe');
      const middle = uniqueName('AU Modern');
      const bottom = uniqueName('AU Coffee Shop');
      const bottomSynonym = uniqueName('coffee shop au');
      await buildWork(t.db, writer, { title: 'Bottom work', freeforms: [bottom] });
      await buildWork(t.db, writer, { title: 'Synonym work', freeforms: [bottomSynonym] });
      const [topId, middleId, bottomId] = [await canonical('freeform', top), await canonical('freeform', middle), await canonical('freeform', bottom)];
      await graph(async (trx) => makeSynonym(trx, (await tagIdIn(trx, bottomSynonym)), bottomId));
      await graph((trx) => addMetaTag(trx, topId, middleId));
      await graph((trx) => addMetaTag(trx, middleId, bottomId));

      assert.deepEqual(await titlesOn('freeform', top), ['Synonym work', 'Bottom work']);
      assert.deepEqual(await titlesOn('freeform', middle), ['Synonym work', 'Bottom work']);
      const middlePage = (await guest().get(tagPath('freeform', middle))).body;
      assert.match(middlePage, new RegExp(`<h2>Meta-tags</h2><ul class="tags commas"><li class="tag tag-freeform"><a class="tag-link" href="${escape(tagPath('freeform', top))}">`));
      assert.match(middlePage, new RegExp(`<h2>Sub-tags</h2><ul class="tags commas"><li class="tag tag-freeform"><a class="tag-link" href="${escape(tagPath('freeform', bottom))}">`));

      await graph((trx) => removeMetaTag(trx, middleId, bottomId));
      assert.deepEqual(await titlesOn('freeform', top), []);
      assert.deepEqual(await titlesOn('freeform', middle), []);
      assert.deepEqual(await titlesOn('freeform', bottom), ['Synonym work', 'Bottom work']);
    });

    it('keeps filter tags right when a work is saved after the graph changed', async () => {
      const meta = await canonical('character', uniqueName('Doctor'));
      const sub = await canonical('character', uniqueName('Tenth Doctor'));
      await graph((trx) => addMetaTag(trx, meta, sub));
      const subName = (await t.db.selectFrom('tags').select('name').where('id', '=', sub).executeTakeFirstOrThrow()).name;
      const metaName = (await t.db.selectFrom('tags').select('name').where('id', '=', meta).executeTakeFirstOrThrow()).name;
      await buildWork(t.db, writer, { title: 'Posted later', characters: [subName.toLowerCase()] });
      assert.deepEqual(await titlesOn('character', metaName), ['Posted later']);
    });

    it('moves a work between tag pages when its writer edits its tags through the form', async () => {
      const client = new TestClient(t.app);
      await logInThroughForm(client, writer.username);
      const before = uniqueName('Before');
      const after = uniqueName('After');
      const afterSynonym = uniqueName('After Synonym');
      const workId = await buildWork(t.db, writer, { title: 'Edited through the form', fandoms: [before] });
      const afterId = await canonical('fandom', after);
      await t.db.insertInto('tags').values({ type: 'fandom', name: afterSynonym }).execute();
      const synonymId = await tagId('fandom', afterSynonym);
      await graph((trx) => makeSynonym(trx, synonymId, afterId));
      await client.get(`/works/${workId}/edit`);
      const response = await client.post(`/works/${workId}/edit`, { ...WORK_FORM_DEFAULTS, title: 'Edited through the form', pseud_id: String(writer.defaultPseudId), format: 'html', body: '<p>Text here.</p>', fandoms: afterSynonym });
      assert.equal(response.statusCode, 303);
      assert.deepEqual(await titlesOn('fandom', before), []);
      assert.deepEqual(await titlesOn('fandom', after), ['Edited through the form']);
    });

    async function refused(change: (trx: DbOrTrx) => Promise<void>, message: RegExp): Promise<void> {
      await assert.rejects(graph(change), (error: unknown) => {
        assert.ok(error instanceof AppError, String(error));
        assert.equal(error.code, 'bad_request');
        assert.match(error.message, message);
        return true;
      });
    }

    it('refuses bad graph changes with a clear reason and changes nothing', async () => {
      const a = await canonical('freeform', uniqueName('Fluff'));
      const b = await canonical('freeform', uniqueName('Tooth-Rotting Fluff'));
      const c = await canonical('freeform', uniqueName('Sugar'));
      await graph((trx) => addMetaTag(trx, a, b));
      await graph((trx) => addMetaTag(trx, b, c));
      await refused((trx) => addMetaTag(trx, c, a), /cycle/);
      await refused((trx) => addMetaTag(trx, a, a), /cycle/);

      const fandom = await canonical('fandom', uniqueName('Fandom'));
      await refused((trx) => makeSynonym(trx, a, fandom), /same type/);
      await refused((trx) => addMetaTag(trx, fandom, a), /same type/);

      await buildWork(t.db, writer, { freeforms: ['x'], fandoms: [uniqueName('f')] });
      const loose = uniqueName('Loose');
      await t.db.insertInto('tags').values([{ type: 'freeform', name: loose }]).execute();
      const looseId = await tagId('freeform', loose);
      const d = await canonical('freeform', uniqueName('Angst'));
      await graph((trx) => makeSynonym(trx, looseId, d));
      const other = uniqueName('Other');
      await t.db.insertInto('tags').values([{ type: 'freeform', name: other }]).execute();
      const otherId = await tagId('freeform', other);
      await refused((trx) => makeSynonym(trx, otherId, looseId), /itself a synonym/);
      await refused((trx) => makeSynonym(trx, a, d), /synonyms or meta\/sub-tags of its own/);
      await refused((trx) => makeSynonym(trx, d, d), /itself/);
      await refused((trx) => addMetaTag(trx, d, looseId), /isn't canonical/);
      await refused((trx) => makeSynonym(trx, 1, d), /fixed rating tag/);
      await refused((trx) => addParent(trx, a, fandom), /can't be the parent of a fandom/);

      const links = await t.db.selectFrom('meta_tags').select(['meta_id', 'sub_id']).where('meta_id', 'in', [a, b, c, d]).orderBy('meta_id').execute();
      assert.deepEqual(links, [{ meta_id: a, sub_id: b }, { meta_id: b, sub_id: c }]);
    });

    it('never lets a tag change type, which the listings keep in memory (migration 0021)', async () => {
      const id = await canonical('freeform', uniqueName('Typed'));
      await assert.rejects(sql`update tags set type = 'character' where id = ${id}`.execute(t.db), /the type of tag \d+ cannot change/);
      const row = await t.db.selectFrom('tags').select('type').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.type, 'freeform');
      await sql`update tags set type = 'freeform', name = name where id = ${id}`.execute(t.db);
    });

    it('shows parents and children on tag pages', async () => {
      const fandomName = uniqueName('Good Omens');
      const characterName = uniqueName('Aziraphale');
      const fandom = await canonical('fandom', fandomName);
      const character = await canonical('character', characterName);
      await graph((trx) => addParent(trx, fandom, character));
      const characterPage = (await guest().get(tagPath('character', characterName))).body;
      assert.match(characterPage, new RegExp(`<h2>Parent tags</h2><ul class="tags commas"><li class="tag tag-fandom"><a class="tag-link" href="${escape(tagPath('fandom', fandomName))}">`));
      const fandomPage = (await guest().get(tagPath('fandom', fandomName))).body;
      assert.match(fandomPage, new RegExp(`<h2>Child tags</h2><ul class="tags commas"><li class="tag tag-character"><a class="tag-link" href="${escape(tagPath('character', characterName))}">`));
    });

    it('never shows drafts, or members-only works to guests, on tag pages and in fandom counts', async () => {
      const name = uniqueName('Hidden Fandom');
      await buildWork(t.db, writer, { title: 'Public one', fandoms: [name] });
      await buildWork(t.db, writer, { title: 'Members one', fandoms: [name], restricted: true });
      await buildWork(t.db, writer, { title: 'Draft one', fandoms: [name], action: 'draft' });
      await canonical('fandom', name);
      assert.deepEqual(await titlesOn('fandom', name), ['Public one']);
      assert.match((await guest().get(UNCATEGORIZED_PAGE)).body, new RegExp(`${name}</a> \\(1\\)`));

      const member = new TestClient(t.app);
      const reader = await buildUser(t.db);
      await logInThroughForm(member, reader.username);
      assert.deepEqual(await titlesOn('fandom', name, member), ['Members one', 'Public one']);
      assert.match((await member.get(UNCATEGORIZED_PAGE)).body, new RegExp(`${name}</a> \\(2\\)`));
    });

    it('links tags on work pages and blurbs to their pages, names with slashes included', async () => {
      const workId = await buildWork(t.db, writer, { title: 'Linked', categories: ['F/M'], fandoms: ['Star Trek: TOS'] });
      const page = (await guest().get(`/works/${workId}`)).body;
      assert.match(page, /<a class="tag-link" href="\/tags\/category\/F%2FM">F\/M<\/a>/);
      assert.match(page, /<a class="tag-link" href="\/tags\/fandom\/Star%20Trek%3A%20TOS">Star Trek: TOS<\/a>/);
      assert.ok((await titlesOn('category', 'F/M')).includes('Linked'), 'system tags have pages too');
      assert.ok((await titlesOn('fandom', 'Star Trek: TOS')).includes('Linked'), 'a tag not wrangled yet lists its own works');
    });

    it('answers 404 for unknown tags and types', async () => {
      assert.equal((await guest().get('/tags/fandom/No%20Such%20Fandom%20Anywhere')).statusCode, 404);
      assert.equal((await guest().get('/tags/media/Anime')).statusCode, 404);
      assert.equal((await guest().get('/tags/fandom/%E0%A4%A')).statusCode < 500, true);
    });

    it('runs a fixed number of queries for a tag page, with 1 work or 20', async () => {
      const name = uniqueName('Counted Fandom');
      const synonym = uniqueName('Counted Synonym');
      await buildWork(t.db, writer, { fandoms: [name] });
      const id = await canonical('fandom', name);
      t.queries.reset();
      await guest().get(tagPath('fandom', name));
      const one = t.queries.count;
      for (let i = 0; i < 19; i++) await buildWork(t.db, await buildUser(t.db), { fandoms: [i % 2 ? name : synonym], characters: [uniqueName('c')] });
      await graph(async (trx) => makeSynonym(trx, await tagIdIn(trx, synonym), id));
      t.queries.reset();
      const page = await guest().get(tagPath('fandom', name));
      assert.equal(blurbTitles(page.body).length, 20);
      assert.equal(t.queries.count, one, t.queries.statements.join('\n'));
    });
  });
}

/** A string as a literal part of a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
