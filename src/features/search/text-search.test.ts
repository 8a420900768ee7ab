import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildChapter, buildUser, buildWork, workFormFor, type BuiltUser } from '../../../test/support/builders.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { canonicalTag, synonymTag, tagId } from '../../../test/support/wrangling-builders.ts';
import { answerInvitation, inviteCoCreator } from '../creatorships/creatorships.service.ts';
import { changePseudName, createPseud } from '../pseuds/pseuds.service.ts';
import { addMetaTag, mergeTag, renameTag } from '../tags/tag-graph.service.ts';
import { visibleWorkSql } from '../works/works.repository.ts';
import { editWork } from '../works/works.service.ts';
import { findSearchDocument, refreshSearchDocuments } from './search.repository.ts';
import { hostileQuery } from './hostile-query.fixture.ts';
import { parseTextQuery, textMatchSql, textRankSql } from './text-search.ts';

/** A made-up word no other test uses (letters only, so every text search parser keeps it whole). */
const word = () => `zq${[...randomBytes(5).toString('hex')].map((c) => 'abcdefghijklmnop'['0123456789abcdef'.indexOf(c)]).join('')}`;

for (const engine of ENGINES) {
  describe(`text search through the database (${engine})`, () => {
    let t: TestApp;
    let writer: BuiltUser;

    before(async () => {
      t = await startTestApp(engine);
      writer = await buildUser(t.db);
    });
    after(() => t.close());

    /** Titles of the works matching `raw`, best match first (ties: oldest first). Visibility is not applied, as in the module. */
    async function search(raw: string, options: { fullText?: boolean; viewer?: 'guest' } = {}): Promise<string[]> {
      const query = parseTextQuery(raw);
      assert.ok(query, `"${raw}" should be searchable`);
      let select = t.db
        .selectFrom('works')
        .select(['works.title', textRankSql(query).as('rank')])
        .where(textMatchSql(query, { fullText: options.fullText ?? false }));
      if (options.viewer === 'guest') select = select.where(visibleWorkSql('works', null));
      const rows = await select.orderBy('rank', 'desc').orderBy('works.id').execute();
      return rows.map((row) => row.title);
    }

    it('matches all words anywhere, but a quoted phrase only in that order', async () => {
      const [a, b] = [word(), word()];
      await buildWork(t.db, writer, { title: `${a} ${b} in order` });
      await buildWork(t.db, writer, { title: `${b} then ${a}` });
      assert.deepEqual(await search(`${a} ${b}`), [`${a} ${b} in order`, `${b} then ${a}`]);
      assert.deepEqual(await search(`"${a} ${b}"`), [`${a} ${b} in order`]);
      assert.deepEqual(await search(`${a} OR nothingmatchesthis`), [`${a} ${b} in order`, `${b} then ${a}`]);
    });

    it('leaves out works with an excluded word or phrase, and a query of exclusions only matches everything else', async () => {
      const [a, bad] = [word(), word()];
      await buildWork(t.db, writer, { title: `${a} clean` });
      await buildWork(t.db, writer, { title: `${a} tainted`, summary: `<p>has ${bad} in it</p>` });
      await buildWork(t.db, writer, { title: `${a} phrase`, notes: `<p>the ${bad} here</p>` });
      assert.deepEqual(await search(`${a} -${bad}`), [`${a} clean`]);
      assert.deepEqual(await search(`${a} -"the ${bad}"`), [`${a} clean`, `${a} tainted`]);
      const everythingElse = await search(`-${bad}`);
      assert.ok(everythingElse.includes(`${a} clean`));
      assert.ok(!everythingElse.includes(`${a} tainted`) && !everythingElse.includes(`${a} phrase`));
    });

    it('finds a work tagged with a synonym by its canonical tag’s name, and by a meta-tag’s', async () => {
      const [canonicalName, synonymName, metaName] = [`${word()} ${word()}`, word(), word()];
      await buildWork(t.db, writer, { title: 'Tagged with the synonym', freeforms: [synonymName] });
      const canonical = await canonicalTag(t.db, 'freeform', canonicalName);
      await synonymTag(t.db, 'freeform', synonymName, canonical);
      assert.deepEqual(await search(canonicalName), ['Tagged with the synonym']);
      assert.deepEqual(await search(synonymName), ['Tagged with the synonym']);
      const meta = await canonicalTag(t.db, 'freeform', metaName);
      await t.db.transaction().execute((trx) => addMetaTag(trx, meta, canonical));
      assert.deepEqual(await search(metaName), ['Tagged with the synonym']);
    });

    it('ranks a title match above tags, a summary and notes that repeat the word', async () => {
      const a = word();
      await buildWork(t.db, writer, { title: 'In the notes', notes: `<p>${a} ${a} ${a} ${a}</p>` });
      await buildWork(t.db, writer, { title: 'In the summary', summary: `<p>${a} ${a} ${a}</p>` });
      await buildWork(t.db, writer, { title: `${a} in the title` });
      await buildWork(t.db, writer, { title: 'In a tag', freeforms: [a] });
      assert.deepEqual(await search(a), [`${a} in the title`, 'In a tag', 'In the summary', 'In the notes']);
    });

    it('finds works by their creators’ pen names and usernames, and follows pen name renames and co-creators', async () => {
      const author = await buildUser(t.db, { username: word() });
      const pen = word();
      assert.deepEqual(await createPseud(t.db, author, author, { name: pen }), { ok: true });
      const pseud = await t.db.selectFrom('pseuds').select('id').where('name', '=', pen).executeTakeFirstOrThrow();
      await buildWork(t.db, author, { title: 'By the pen name', pseudId: pseud.id });
      await buildWork(t.db, author, { title: 'By the default pseud' });
      assert.deepEqual(await search(pen), ['By the pen name']);
      assert.deepEqual(await search(author.username), ['By the pen name', 'By the default pseud']);

      const renamed = word();
      assert.deepEqual(await changePseudName(t.db, author, pseud.id, { name: renamed }), { ok: true });
      assert.deepEqual(await search(renamed), ['By the pen name']);
      assert.equal((await search(pen)).length, 0);

      const coCreator = await buildUser(t.db, { username: word() });
      const [workId] = await t.db.selectFrom('works').select('id').where('title', '=', 'By the default pseud').execute().then((rows) => rows.map((r) => r.id));
      assert.deepEqual(await inviteCoCreator(t.db, author, workId!, { creator: coCreator.username }), { ok: true });
      assert.equal((await search(coCreator.username)).length, 0, 'a pending invitation is not a credit');
      await answerInvitation(t.db, coCreator, workId!, coCreator.defaultPseudId, true);
      assert.deepEqual(await search(coCreator.username), ['By the default pseud']);
    });

    it('follows edits to the work and to its tags, tag renames and merges', async () => {
      const [before1, after1, tagName, renamedTag, target] = [word(), word(), word(), word(), word()];
      const workId = await buildWork(t.db, writer, { title: `${before1} title`, characters: [tagName] });
      const edited = await editWork(t.db, writer, workId, { ...workFormFor(writer, { title: `${after1} title`, characters: [tagName] }) });
      assert.deepEqual(edited, { ok: true, workId });
      assert.deepEqual(await search(after1), [`${after1} title`]);
      assert.equal((await search(before1)).length, 0);

      const id = await tagId(t.db, 'character', tagName);
      await t.db.transaction().execute((trx) => renameTag(trx, id, renamedTag));
      assert.deepEqual(await search(renamedTag), [`${after1} title`]);
      assert.equal((await search(tagName)).length, 0);

      const targetId = await canonicalTag(t.db, 'character', target);
      await t.db.transaction().execute((trx) => mergeTag(trx, id, targetId));
      assert.deepEqual(await search(target), [`${after1} title`]);
    });

    it('searches chapter text only when asked, including later chapters and their edits', async () => {
      const [inText, inChapter2, bad] = [word(), word(), word()];
      const workId = await buildWork(t.db, writer, { title: 'Full text', body: `<p>Once there was a ${inText} &amp; more.</p>` });
      await buildWork(t.db, writer, { title: 'Full text, excluded', body: `<p>${inText} but also ${bad}.</p>` });
      assert.equal((await search(inText)).length, 0);
      assert.deepEqual(await search(inText, { fullText: true }), ['Full text', 'Full text, excluded']);
      assert.deepEqual(await search(`${inText} -${bad}`, { fullText: true }), ['Full text']);
      assert.deepEqual(await search(`"there was a ${inText}"`, { fullText: true }), ['Full text']);

      await buildChapter(t.db, writer, workId, { body: `<p>Then, in chapter two, ${inChapter2}.</p>` });
      assert.deepEqual(await search(`${inText} ${inChapter2}`, { fullText: true }), ['Full text'], 'terms may match different chapters');
      assert.deepEqual(await search(`"full text" ${inChapter2}`, { fullText: true }), ['Full text'], 'or the title and a chapter');
    });

    it('stems English works, matches other languages word for word, and keeps stop words searchable', async () => {
      const a = word();
      await buildWork(t.db, writer, { title: `${a} running kisses`, language: 'en' });
      await buildWork(t.db, writer, { title: `${a} running bisous`, language: 'fr' });
      assert.deepEqual(await search(`${a} run`), [`${a} running kisses`]);
      assert.deepEqual(await search(`${a} running`), [`${a} running kisses`, `${a} running bisous`]);
      assert.deepEqual(await search(`${a} kiss`), [`${a} running kisses`]);
      assert.deepEqual(await search(`"${a} run"`), [`${a} running kisses`], 'in an English work, a phrase matches the stems too');
      const b = `${word()}ness`; // English stems it without the -ness
      await buildWork(t.db, writer, { title: `${b} running kisses`, language: 'en' });
      assert.deepEqual(await search(`"${b} running kiss"`), [`${b} running kisses`], 'even when a word’s stem is not the word');
      assert.deepEqual(await search(`"${a} the running"`), [], 'and a stop word keeps the phrase exact');
      assert.deepEqual(await search(`"running ${a}"`), [], 'but only in that order');
      assert.ok((await search('the')).length > 0);
    });

    it('matches drafts and members-only works too: visibility is the caller’s job (listedFor)', async () => {
      const a = word();
      await buildWork(t.db, writer, { title: `${a} draft`, action: 'draft' });
      await buildWork(t.db, writer, { title: `${a} members`, restricted: true });
      await buildWork(t.db, writer, { title: `${a} public` });
      assert.deepEqual(await search(a), [`${a} draft`, `${a} members`, `${a} public`]);
      assert.deepEqual(await search(a, { viewer: 'guest' }), [`${a} public`]);
    });

    it('refreshSearchDocuments rebuilds documents and chapter text after a bulk load', async () => {
      const a = word();
      const workId = await buildWork(t.db, writer, { title: `${a} bulk`, body: `<p>${a} body</p>` });
      await sql`update works set search_document = '' where id = ${workId}`.execute(t.db);
      await sql`update chapters set search_text = '' where work_id = ${workId}`.execute(t.db);
      assert.equal((await search(a, { fullText: true })).length, 0);
      await refreshSearchDocuments(t.db, [workId]);
      assert.deepEqual(await search(a), [`${a} bulk`]);
      await sql`update chapters set search_text = '' where work_id = ${workId}`.execute(t.db);
      await refreshSearchDocuments(t.db, 'all');
      assert.deepEqual(await search(`${a} body`, { fullText: true }), [`${a} bulk`]);
      assert.match((await findSearchDocument(t.db, workId))!, new RegExp(`'${a}':1A`));
    });

    it('never raises a database error, whatever is typed (fast-check)', async () => {
      await fc.assert(
        fc.asyncProperty(hostileQuery, fc.boolean(), async (raw, fullText) => {
          const query = parseTextQuery(raw);
          if (!query) return;
          await t.db
            .selectFrom('works')
            .select(['works.id', textRankSql(query).as('rank')])
            .where(textMatchSql(query, { fullText }))
            .orderBy('rank', 'desc')
            .limit(5)
            .execute();
        }),
        { numRuns: 150 },
      );
    });
  });
}
