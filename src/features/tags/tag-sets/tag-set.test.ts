import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../../test/support/databases.ts';
import { buildUser, buildWork, uniqueName, type BuiltUser } from '../../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../../test/support/test-app.ts';
import { COMMAND_LINE_ACTOR } from '../../audit/audit.model.ts';
import { listAudit } from '../../audit/audit.repository.ts';
import { tagPath } from '../tags.model.ts';
import { exportTagSet, importTagSet } from './tag-set.service.ts';

function blurbTitles(html: string): string[] {
  return [...html.matchAll(/<h3 class="blurb-heading" id="work-\d+-title"><a href="\/works\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]!);
}

/** A small tag set with every kind of link, its names unique to one test. */
function sampleSet() {
  const n = {
    fandom: uniqueName('Star Trek'),
    tos: uniqueName('ST TOS'),
    kirk: uniqueName('James T Kirk'),
    spock: uniqueName('Spock'),
    ship: uniqueName('Kirk/Spock'),
    shipSyn: uniqueName('Spirk'),
    fluff: uniqueName('Fluff'),
    tooth: uniqueName('Tooth-Rotting Fluff'),
  };
  const tags = [
    { type: 'fandom', name: n.fandom, synonyms: [n.tos] },
    { type: 'character', name: n.kirk, parents: [n.fandom] },
    { type: 'character', name: n.spock, parents: [n.fandom] },
    { type: 'relationship', name: n.ship, synonyms: [n.shipSyn], parents: [n.fandom, n.kirk, n.spock] },
    { type: 'freeform', name: n.fluff },
    { type: 'freeform', name: n.tooth, meta: [n.fluff], parents: [n.fandom] },
  ];
  return { n, text: JSON.stringify({ tags }) };
}

for (const engine of ENGINES) {
  describe(`tag set import and export (${engine})`, () => {
    let t: TestApp;
    let writer: BuiltUser;

    before(async () => {
      t = await startTestApp(engine);
      writer = await buildUser(t.db);
    });
    after(() => t.close());

    async function titlesOn(type: 'fandom' | 'relationship' | 'freeform', name: string): Promise<string[]> {
      const page = await new TestClient(t.app).get(tagPath(type, name));
      assert.equal(page.statusCode, 200, page.body.slice(0, 300));
      return blurbTitles(page.body);
    }

    it('builds the graph, moves works tagged with a synonym under the canonical tag, and changes nothing when run again', async () => {
      const { n, text } = sampleSet();
      await buildWork(t.db, writer, { title: 'Posted under the synonym', fandoms: [n.tos], relationships: [n.shipSyn], freeforms: [n.tooth] });

      // Three of the eight names (two synonyms and a freeform) already exist from the work.
      const first = await importTagSet(t.db, text, COMMAND_LINE_ACTOR);
      assert.deepEqual(first.ok && { tags: first.tags, created: first.created }, { tags: 6, created: 5 });
      assert.ok(first.ok && first.changed > 0);

      assert.deepEqual(await titlesOn('fandom', n.fandom), ['Posted under the synonym']);
      assert.deepEqual(await titlesOn('relationship', n.ship), ['Posted under the synonym']);
      assert.deepEqual(await titlesOn('freeform', n.fluff), ['Posted under the synonym']);
      const synonym = await new TestClient(t.app).get(tagPath('fandom', n.tos));
      assert.equal(synonym.statusCode, 301);
      assert.equal(synonym.headers.location, tagPath('fandom', n.fandom));

      assert.deepEqual(await importTagSet(t.db, text, COMMAND_LINE_ACTOR), { ok: true, tags: 6, created: 0, changed: 0 });
    });

    it('places fandoms in the archive’s media by naming them as parents, and exports them the same way', async () => {
      const fandom = uniqueName('Broadcast Fandom');
      const tags = [{ type: 'fandom', name: fandom, parents: ['TV Shows', 'movies'] }];
      const result = await importTagSet(t.db, JSON.stringify({ tags }), COMMAND_LINE_ACTOR);
      assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
      for (const media of ['TV Shows', 'Movies']) {
        const page = await new TestClient(t.app).get(tagPath('media', media));
        assert.ok(page.body.includes(`>${fandom}</a>`), `${fandom} is listed under ${media}`);
      }
      const exported = (await exportTagSet(t.db)).tags.find((e) => e.name === fandom);
      assert.deepEqual(exported?.parents, ['Movies', 'TV Shows']);
      assert.deepEqual(await importTagSet(t.db, JSON.stringify({ tags: [exported] }), COMMAND_LINE_ACTOR), { ok: true, tags: 1, created: 0, changed: 0 });
    });

    it('refuses a bad file whole, listing every problem with its JSON path, and writes nothing', async () => {
      const good = uniqueName('Good Fandom');
      const loop1 = uniqueName('Loop A');
      const loop2 = uniqueName('Loop B');
      const tags = [
        { type: 'fandom', name: good },
        { type: 'rating', name: 'Explicit' },
        { type: 'media', name: 'Books' },
        { type: 'fandom', name: 'a'.repeat(151) },
        { type: 'fandom', name: 'Canon A', synonyms: [good, 'x, y', '!!!', ''] },
        { type: 'character', name: uniqueName('Orphan'), parents: [uniqueName('Nowhere Fandom')] },
        { type: 'freeform', name: loop1, meta: [loop2] },
        { type: 'freeform', name: loop2, meta: [loop1, uniqueName('Missing Meta')] },
      ];
      const bad = await importTagSet(t.db, JSON.stringify({ tags }), COMMAND_LINE_ACTOR);
      assert.equal(bad.ok, false);
      const problems = bad.ok ? [] : bad.problems;
      assert.deepEqual(
        problems.map((p) => p.slice(0, p.indexOf(':'))),
        ['tags[1].type', 'tags[2].type', 'tags[3].name', 'tags[4].synonyms[1]', 'tags[4].synonyms[2]', 'tags[4].synonyms[3]'],
      );
      // The structural problems come first; once they are fixed, the cross-file ones are listed.
      const fixed = tags.filter((_, i) => ![1, 2, 3].includes(i)).map((e, i) => (i === 1 ? { ...e, synonyms: [good] } : e));
      const second = await importTagSet(t.db, JSON.stringify({ tags: fixed }), COMMAND_LINE_ACTOR);
      const listed = second.ok ? [] : second.problems;
      assert.equal(listed.length, 4, listed.join('\n'));
      assert.match(listed[0]!, new RegExp(`^tags\\[1\\]\\.synonyms\\[0\\]: "${good}" is itself a canonical tag in this file$`));
      assert.match(listed[1]!, /^tags\[2\]\.parents\[0\]: ".*" isn't a canonical fandom in this file or the archive$/);
      assert.match(listed[2]!, /^tags\[4\]\.meta\[1\]: /);
      assert.match(listed[3]!, /^tags\[\d\]\.meta: .*\(cycle: /);

      assert.equal((await importTagSet(t.db, '{"tags": [', COMMAND_LINE_ACTOR)).ok, false);
      const written = await t.db.selectFrom('tags').select('id').where('name', 'in', [good, loop1, loop2, 'Canon A']).execute();
      assert.deepEqual(written, []);
    });

    it('refuses what conflicts with the archive: cycles through its meta links, synonyms it already placed, and changes nothing', async () => {
      const n = { top: uniqueName('Franchise'), mid: uniqueName('Series'), low: uniqueName('Film'), canon: uniqueName('Canon'), other: uniqueName('Other'), syn: uniqueName('Nick'), syn2: uniqueName('Alias') };
      const setup = [
        { type: 'freeform', name: n.top },
        { type: 'freeform', name: n.mid, meta: [n.top] },
        { type: 'freeform', name: n.low, meta: [n.mid] },
        { type: 'fandom', name: n.canon, synonyms: [n.syn, n.syn2] },
        { type: 'fandom', name: n.other },
      ];
      assert.ok((await importTagSet(t.db, JSON.stringify({ tags: setup }), COMMAND_LINE_ACTOR)).ok);
      const before = await exportTagSet(t.db);

      const tags = [
        // Closes Film → Series → Franchise → Film with the archive's two links.
        { type: 'freeform', name: n.top, meta: [n.low] },
        // Already a synonym of another canonical tag in the archive.
        { type: 'fandom', name: n.other, synonyms: [n.syn] },
        // A synonym in the archive can't be declared canonical here.
        { type: 'fandom', name: n.syn2 },
        // A canonical tag that collects synonyms can't become one.
        { type: 'fandom', name: uniqueName('New'), synonyms: [n.canon] },
      ];
      const result = await importTagSet(t.db, JSON.stringify({ tags }), COMMAND_LINE_ACTOR);
      const problems = result.ok ? [] : result.problems;
      assert.equal(problems.length, 4, problems.join('\n'));
      assert.match(problems[0]!, new RegExp(`^tags\\[2\\]\\.name: "${n.syn2}" is a synonym of "${n.canon}" in the archive`));
      assert.match(problems[1]!, new RegExp(`^tags\\[1\\]\\.synonyms\\[0\\]: "${n.syn}" is already a synonym of "${n.canon}" in the archive$`));
      assert.match(problems[2]!, /^tags\[3\]\.synonyms\[0\]: ".*" has synonyms or meta\/sub-tags of its own in the archive/);
      assert.equal(problems[3], `tags[0].meta: "${n.top}" would be its own meta-tag (cycle: ${n.top} → ${n.low} → ${n.mid} → ${n.top})`);
      assert.deepEqual(await exportTagSet(t.db), before);
    });

    it('records one audit entry for an import that changed something, none for one that did not', async () => {
      const { text } = sampleSet();
      assert.ok((await importTagSet(t.db, text, COMMAND_LINE_ACTOR)).ok);
      const [entry] = await listAudit(t.db, { limit: 1 });
      assert.equal(entry?.action, 'tag_set.imported');
      assert.equal(entry?.actorName, COMMAND_LINE_ACTOR.name);
      assert.match(entry!.summary, /^Imported a tag set of 6 tags: 8 created, \d+ changed\.$/);
      assert.ok((await importTagSet(t.db, text, COMMAND_LINE_ACTOR)).ok);
      assert.equal((await listAudit(t.db, { limit: 1 }))[0]?.id, entry!.id);
    });

    it('exports a tag set that imports into a fresh archive with the same graph', async () => {
      const { text } = sampleSet();
      assert.ok((await importTagSet(t.db, text, COMMAND_LINE_ACTOR)).ok);
      const exported = await exportTagSet(t.db);
      const fresh = await startTestApp(engine);
      try {
        const result = await importTagSet(fresh.db, JSON.stringify(exported), COMMAND_LINE_ACTOR);
        assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
        assert.deepEqual(await exportTagSet(fresh.db), exported);
        assert.deepEqual(await importTagSet(fresh.db, JSON.stringify(exported), COMMAND_LINE_ACTOR), { ok: true, tags: exported.tags.length, created: 0, changed: 0 });
      } finally {
        await fresh.close();
      }
    });
  });
}
