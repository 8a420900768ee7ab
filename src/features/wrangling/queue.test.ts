import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, buildWork, uniqueName, type BuiltUser } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { canonicalTag, loggedInWith, synonymTag, tagId, unwrangleableTag } from '../../../test/support/wrangling-builders.ts';

const queueUrl = (fandom: string, query = '') => `/wrangling/fandoms/${encodeURIComponent(fandom)}${query}`;

/** The tag names in the queue table, in order. */
const rowNames = (body: string) => [...body.matchAll(/<th scope="row"><a href="[^"]*\/wrangle">([^<]*)<\/a>/g)].map((m) => m[1]);

for (const engine of ENGINES) {
  describe(`wrangling dashboard and unwrangled queue (${engine})`, () => {
    let t: TestApp;
    let writer: BuiltUser;
    before(async () => {
      t = await startTestApp(engine);
      writer = await buildUser(t.db);
    });
    after(() => t.close());

    /** A canonical fandom with a synonym, and works in it tagged as a wrangler finds them. */
    async function fandomWithWorks() {
      const fandom = uniqueName('Fandom');
      const fandomId = await canonicalTag(t.db, 'fandom', fandom);
      const synonym = `${fandom} (TV)`;
      await synonymTag(t.db, 'fandom', synonym, fandomId);
      const other = uniqueName('Other Fandom');
      const n = (label: string) => `${label} ${fandom.slice(-8)}`;
      const names = {
        popular: n('Alice'),
        viaSynonym: n('Carol'),
        wrangled: n('Dana'),
        synonym: n('Eve'),
        unwrangleable: n('Frank'),
        canonicalNoFandom: n('Gina'),
        elsewhere: n('Hank'),
        relationship: n('Alice/Carol'),
      };
      await canonicalTag(t.db, 'character', names.wrangled, [fandomId]);
      await synonymTag(t.db, 'character', names.synonym, await canonicalTag(t.db, 'character', n('Evelyn'), [fandomId]));
      await unwrangleableTag(t.db, 'character', names.unwrangleable);
      await canonicalTag(t.db, 'character', names.canonicalNoFandom);
      await buildWork(t.db, writer, { fandoms: [fandom], characters: [names.popular, names.wrangled, names.synonym, names.unwrangleable, names.canonicalNoFandom], relationships: [names.relationship] });
      await buildWork(t.db, writer, { fandoms: [synonym], characters: [names.popular, names.viaSynonym], action: 'draft' });
      await buildWork(t.db, writer, { fandoms: [other], characters: [names.elsewhere] });
      return { fandom, fandomId, synonym, other, names };
    }

    it('lets only wranglers and admins in: guests are sent to log in, members get 403', async () => {
      const { fandom, names } = await fandomWithWorks();
      const { client: member } = await loggedInWith(t, []);
      const { client: wrangler } = await loggedInWith(t, ['tag_wrangler']);
      const { client: admin } = await loggedInWith(t, ['admin']);
      for (const url of ['/wrangling', queueUrl(fandom), `${queueUrl(fandom)}?type=relationship`, '/wrangling/log']) {
        const guest = await new TestClient(t.app).get(url);
        assert.equal(guest.statusCode, 303, url);
        assert.equal(guest.headers.location, `/login?return_to=${encodeURIComponent(url)}`);
        assert.equal((await member.get(url)).statusCode, 403, url);
        assert.equal((await wrangler.get(url)).statusCode, 200, url);
        assert.equal((await admin.get(url)).statusCode, 200, url);
      }
      const id = String(await tagId(t.db, 'character', names.popular));
      const fields = { action: 'unwrangleable', tag_ids: id };
      assert.equal((await new TestClient(t.app).post(queueUrl(fandom), fields)).statusCode, 401);
      assert.equal((await member.post(queueUrl(fandom), fields)).statusCode, 403);
      const tag = await t.db.selectFrom('tags').select('unwrangleable').where('id', '=', Number(id)).executeTakeFirstOrThrow();
      assert.equal(tag.unwrangleable, false);
    });

    it("lists the fandom's unwrangled tags, synonyms' works included, most used first, with work counts and dates", async () => {
      const { fandom, names } = await fandomWithWorks();
      const { client } = await loggedInWith(t, ['tag_wrangler']);
      const page = await client.get(queueUrl(fandom));
      assert.equal(page.statusCode, 200);
      // Alice is on two works (one through the synonym fandom, a draft), Carol only through the synonym.
      assert.deepEqual(rowNames(page.body), [names.popular, names.viaSynonym, names.canonicalNoFandom]);
      assert.match(page.body, new RegExp(`${names.popular}</a></th><td class="number">2</td><td><time datetime="\\d{4}-`));
      assert.match(page.body, new RegExp(`${names.canonicalNoFandom}</a><span class="hint"> \\(canonical\\)</span>`));
      assert.ok(page.body.includes(`href="/tags/character/${encodeURIComponent(names.popular)}/wrangle"`));
      for (const gone of [names.wrangled, names.synonym, names.unwrangleable, names.elsewhere]) assert.ok(!page.body.includes(`>${gone}<`), `${gone} is not listed`);

      const relationships = await client.get(queueUrl(fandom, '?type=relationship'));
      assert.deepEqual(rowNames(relationships.body), [names.relationship]);
      assert.match(relationships.body, /aria-current="page">Relationships</);
      assert.deepEqual(rowNames((await client.get(queueUrl(fandom, '?type=freeform'))).body), []);
    });

    it('sends the queue of a synonym fandom to its canonical fandom', async () => {
      const { fandom, synonym } = await fandomWithWorks();
      const { client } = await loggedInWith(t, ['tag_wrangler']);
      const response = await client.get(queueUrl(synonym, '?type=relationship'));
      assert.equal(response.statusCode, 301);
      assert.equal(response.headers.location, queueUrl(fandom, '?type=relationship'));
    });

    it('makes tags canonical under the fandom in one bulk action, audited, and they leave the queue', async () => {
      const { fandom, fandomId, names } = await fandomWithWorks();
      const { user, client } = await loggedInWith(t, ['tag_wrangler']);
      const alice = await tagId(t.db, 'character', names.popular);
      const gina = await tagId(t.db, 'character', names.canonicalNoFandom);
      await client.get(queueUrl(fandom));
      const response = await client.post(queueUrl(fandom), { action: 'canonical_parent', tag_ids: [String(alice), String(gina)], type: 'character', page: '1' });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, queueUrl(fandom, '?type=character&done=2'));
      const after = await client.get(response.headers.location!);
      assert.match(after.body, /Wrangled 2 tags\./);
      assert.deepEqual(rowNames(after.body), [names.viaSynonym]);

      const tags = await t.db.selectFrom('tags').select(['id', 'canonical']).where('id', 'in', [alice, gina]).orderBy('id').execute();
      assert.deepEqual(tags, [{ id: alice, canonical: true }, { id: gina, canonical: true }].sort((a, b) => a.id - b.id));
      const parents = await t.db.selectFrom('tag_parents').select('child_id').where('parent_id', '=', fandomId).where('child_id', 'in', [alice, gina]).execute();
      assert.equal(parents.length, 2);
      const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'action', 'tag_id', 'summary']).where('tag_id', 'in', [alice, gina]).orderBy('id').execute();
      assert.deepEqual(audit, [
        { actor_id: user.id, action: 'tag.canonical', tag_id: alice, summary: `Made “${names.popular}” canonical.` },
        { actor_id: user.id, action: 'tag.parent_added', tag_id: alice, summary: `Added “${fandom}” as a parent of “${names.popular}”.` },
        { actor_id: user.id, action: 'tag.parent_added', tag_id: gina, summary: `Added “${fandom}” as a parent of “${names.canonicalNoFandom}”.` },
      ]);
    });

    it('adds the fandom as parent or marks tags unwrangleable, and they leave the queue', async () => {
      const { fandom, fandomId, names } = await fandomWithWorks();
      const { client } = await loggedInWith(t, ['admin']);
      const alice = await tagId(t.db, 'character', names.popular);
      const carol = await tagId(t.db, 'character', names.viaSynonym);
      await client.get(queueUrl(fandom));
      assert.equal((await client.post(queueUrl(fandom), { action: 'parent', tag_ids: String(alice) })).statusCode, 303);
      assert.equal((await client.post(queueUrl(fandom), { action: 'unwrangleable', tag_ids: String(carol) })).statusCode, 303);
      assert.deepEqual(rowNames((await client.get(queueUrl(fandom))).body), [names.canonicalNoFandom]);
      const rows = await t.db.selectFrom('tags').select(['id', 'canonical', 'unwrangleable']).where('id', 'in', [alice, carol]).execute();
      assert.deepEqual(new Map(rows.map((r) => [r.id, [r.canonical, r.unwrangleable]])), new Map([[alice, [false, false]], [carol, [false, true]]]));
      assert.ok(await t.db.selectFrom('tag_parents').select('child_id').where('parent_id', '=', fandomId).where('child_id', '=', alice).executeTakeFirst());
      const actions = (await t.db.selectFrom('audit_log').select('action').where('tag_id', 'in', [alice, carol]).orderBy('id').execute()).map((a) => a.action);
      assert.deepEqual(actions, ['tag.parent_added', 'tag.unwrangleable']);
    });

    it('refuses a bulk action whole with a 400 listing every failing tag, and changes nothing', async () => {
      const { fandom, names, other } = await fandomWithWorks();
      const { client } = await loggedInWith(t, ['tag_wrangler']);
      const alice = await tagId(t.db, 'character', names.popular);
      const gina = await tagId(t.db, 'character', names.canonicalNoFandom);
      const otherFandom = await tagId(t.db, 'fandom', other);
      const auditBefore = (await t.db.selectFrom('audit_log').select('id').execute()).length;
      await client.get(queueUrl(fandom));

      const unwrangleable = await client.post(queueUrl(fandom), { action: 'unwrangleable', tag_ids: [String(alice), String(gina), '999999999'] });
      assert.equal(unwrangleable.statusCode, 400);
      assert.match(unwrangleable.body, /Nothing was changed: 2 tags were refused/);
      assert.ok(unwrangleable.body.includes(`“${names.canonicalNoFandom}” is canonical, so it can&#39;t be unwrangleable.`) || unwrangleable.body.includes(`“${names.canonicalNoFandom}” is canonical, so it can't be unwrangleable.`));
      assert.match(unwrangleable.body, /Tag #999999999 doesn(&#39;|')t exist any more\./);
      assert.match(unwrangleable.body, new RegExp(`value="${alice}" checked`), 'the ticked tags stay ticked');

      // Making the other fandom canonical succeeds, then adding a fandom parent to a fandom fails: all rolled back.
      const mixed = await client.post(queueUrl(fandom), { action: 'canonical_parent', tag_ids: [String(alice), String(otherFandom)] });
      assert.equal(mixed.statusCode, 400);
      assert.match(mixed.body, /A fandom can(&#39;|')t be the parent of a fandom\./);

      const rows = await t.db.selectFrom('tags').select(['id', 'canonical', 'unwrangleable']).where('id', 'in', [alice, otherFandom]).execute();
      for (const row of rows) assert.deepEqual([row.canonical, row.unwrangleable], [false, false], `tag ${row.id} is unchanged`);
      assert.equal((await t.db.selectFrom('tag_parents').select('child_id').where('child_id', '=', alice).execute()).length, 0);
      assert.equal((await t.db.selectFrom('audit_log').select('id').execute()).length, auditBefore, 'no audit entry was kept');
      assert.deepEqual(rowNames((await client.get(queueUrl(fandom))).body).length, 3);
    });

    it('refuses a bulk form without tags, with an unknown action or bad ids with a 400, and without its CSRF token with a 403', async () => {
      const { fandom, names } = await fandomWithWorks();
      const { client } = await loggedInWith(t, ['tag_wrangler']);
      const alice = String(await tagId(t.db, 'character', names.popular));
      await client.get(queueUrl(fandom));
      const none = await client.post(queueUrl(fandom), { action: 'parent' });
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Choose at least one tag\./);
      assert.equal((await client.post(queueUrl(fandom), { action: 'merge_everything', tag_ids: alice })).statusCode, 400);
      assert.equal((await client.post(queueUrl(fandom), { action: 'parent', tag_ids: 'abc' })).statusCode, 400);
      assert.equal((await client.post(queueUrl(fandom), { action: 'parent', tag_ids: alice, type: 'fandom' })).statusCode, 400);
      assert.equal((await client.post(queueUrl(fandom), { action: 'parent', tag_ids: alice }, { csrf: false })).statusCode, 403);
      assert.equal((await client.post(queueUrl('No Such Fandom'), { action: 'parent', tag_ids: alice })).statusCode, 404);
      assert.equal((await t.db.selectFrom('tag_parents').select('child_id').where('child_id', '=', Number(alice)).execute()).length, 0);
    });

    it('answers bad types, pages and fandoms with 400 or 404, never 500', async () => {
      const { fandom, other } = await fandomWithWorks();
      const { client } = await loggedInWith(t, ['tag_wrangler']);
      for (const query of ['?type=fandom', '?type=rating', '?page=0', '?page=abc', '?page=-1', '?page=1.5', '?page=9999999', '?type=character&type=freeform']) {
        assert.equal((await client.get(queueUrl(fandom, query))).statusCode, 400, query);
      }
      assert.equal((await client.get(queueUrl(fandom, '?page=2'))).statusCode, 404);
      assert.equal((await client.get(queueUrl('No Such Fandom'))).statusCode, 404);
      assert.equal((await client.get(queueUrl(other))).statusCode, 404, 'a fandom that is not canonical has no queue');
      assert.equal((await client.get(`/wrangling?q=${'x'.repeat(151)}`)).statusCode, 400);
    });

    it('pages the queue fifty tags at a time', async () => {
      const fandom = uniqueName('Big Fandom');
      await canonicalTag(t.db, 'fandom', fandom);
      const characters = Array.from({ length: 51 }, (_, i) => `Extra ${String(i).padStart(2, '0')} ${fandom.slice(-8)}`);
      await buildWork(t.db, writer, { fandoms: [fandom], characters });
      const { client } = await loggedInWith(t, ['tag_wrangler']);
      const first = await client.get(queueUrl(fandom));
      assert.deepEqual(rowNames(first.body), characters.slice(0, 50));
      assert.match(first.body, /<a href="[^"]*" aria-current="page"><span class="visually-hidden">Page <\/span>1<\/a>/);
      assert.ok(first.body.includes(`href="${queueUrl(fandom, '?type=character&amp;page=2')}"`));
      assert.deepEqual(rowNames((await client.get(queueUrl(fandom, '?page=2'))).body), characters.slice(50));
    });

    it("shows a wrangler's fandoms with their unwrangled counts, and lets them search every canonical fandom", async () => {
      const first = await fandomWithWorks();
      const { user, client } = await loggedInWith(t, ['tag_wrangler']);
      await t.db.insertInto('wrangler_fandoms').values({ user_id: user.id, fandom_id: first.fandomId }).execute();
      const page = await client.get('/wrangling');
      assert.equal(page.statusCode, 200);
      const row = new RegExp(`<th scope="row"><a href="${queueUrl(first.fandom).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">${first.fandom}</a></th>(.*?)</tr>`).exec(page.body);
      assert.ok(row, 'the assigned fandom has a row');
      assert.deepEqual([...row[1]!.matchAll(/>(\d+)<\/a>/g)].map((m) => m[1]), ['3', '1', '0']);

      const search = await client.get(`/wrangling?q=${encodeURIComponent(first.fandom.slice(-8).toUpperCase())}`);
      assert.ok(search.body.includes(`<li><a href="${queueUrl(first.fandom)}">${first.fandom}</a></li>`));
      assert.ok(!search.body.includes(`>${first.synonym}<`), 'synonyms are not listed');
    });

    it('runs a constant number of queries for the dashboard and the queue, however much they show', async () => {
      const { user, client } = await loggedInWith(t, ['tag_wrangler']);
      const a = await fandomWithWorks();
      await t.db.insertInto('wrangler_fandoms').values({ user_id: user.id, fandom_id: a.fandomId }).execute();
      const count = async (url: string) => {
        t.queries.reset();
        const response = await client.get(url);
        assert.equal(response.statusCode, 200, url);
        return t.queries.count;
      };
      const dashboardSmall = await count('/wrangling');
      const queueSmall = await count(queueUrl(a.fandom));
      for (let i = 0; i < 2; i++) {
        const more = await fandomWithWorks();
        await t.db.insertInto('wrangler_fandoms').values({ user_id: user.id, fandom_id: more.fandomId }).execute();
      }
      await buildWork(t.db, writer, { fandoms: [a.fandom], characters: Array.from({ length: 10 }, (_, i) => `More ${i} ${a.fandom}`) });
      assert.equal(await count('/wrangling'), dashboardSmall);
      assert.equal(await count(queueUrl(a.fandom)), queueSmall);
      assert.ok(queueSmall <= 4, `the queue runs ${queueSmall} queries`);
    });
  });
}
