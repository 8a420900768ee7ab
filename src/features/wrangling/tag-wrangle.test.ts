import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, buildWork, logInThroughForm, uniqueName, type BuiltUser } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type FormFields, type TestApp } from '../../../test/support/test-app.ts';
import type { Role } from '../accounts/accounts.table.ts';
import { tagPath, type TagType } from '../tags/tags.model.ts';
import { WRANGLE_FORMS } from './tag-wrangle.schemas.ts';

/** The blurb titles on a page, in order. */
function blurbTitles(html: string): string[] {
  return [...html.matchAll(/<h3 class="blurb-heading" id="work-\d+-title"><a href="\/works\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]!);
}

const wranglePath = (type: TagType, name: string) => `${tagPath(type, name)}/wrangle`;

for (const engine of ENGINES) {
  describe(`the tag wrangle screen (${engine})`, () => {
    let t: TestApp;
    let writer: BuiltUser;
    let wrangler: TestClient;
    const guest = () => new TestClient(t.app);

    before(async () => {
      t = await startTestApp(engine);
      writer = await buildUser(t.db);
      wrangler = await clientWith(['tag_wrangler']);
    });
    after(() => t.close());

    async function clientWith(roles: Role[]): Promise<TestClient> {
      const user = await buildUser(t.db, { roles });
      const client = new TestClient(t.app);
      await logInThroughForm(client, user.username);
      return client;
    }

    async function wrangle(type: TagType, name: string, action: string, fields: FormFields = {}, client = wrangler) {
      return client.post(`${wranglePath(type, name)}/${action}`, fields);
    }

    /** Posts an action that must succeed: 303 back to the (possibly renamed) tag's wrangle page. */
    async function wrangleOk(type: TagType, name: string, action: string, fields: FormFields = {}): Promise<string> {
      const response = await wrangle(type, name, action, fields);
      assert.equal(response.statusCode, 303, response.body.match(/<p class="field-error"[^>]*>([^<]*)/)?.[1] ?? response.body.slice(0, 400));
      assert.match(response.headers.location as string, new RegExp(`/wrangle\\?done=${action}$`));
      return response.headers.location as string;
    }

    async function tagRow(type: TagType, name: string) {
      return t.db.selectFrom('tags').select(['id', 'name', 'canonical', 'synonym_of', 'unwrangleable']).where('type', '=', type).where('name', '=', name).executeTakeFirstOrThrow();
    }

    /** A free tag, created as a writer would (unwrangled). */
    async function freeTag(type: 'fandom' | 'character' | 'relationship' | 'freeform', prefix: string): Promise<string> {
      const name = uniqueName(prefix);
      await t.db.insertInto('tags').values({ type, name }).execute();
      return name;
    }

    async function canonicalTag(type: 'fandom' | 'character' | 'relationship' | 'freeform', prefix: string): Promise<string> {
      const name = await freeTag(type, prefix);
      await wrangleOk(type, name, 'canonical');
      return name;
    }

    async function titlesOn(type: TagType, name: string): Promise<string[]> {
      const page = await guest().get(tagPath(type, name));
      assert.equal(page.statusCode, 200, page.body.slice(0, 300));
      return blurbTitles(page.body);
    }

    /** Everything the wrangle screen can change, to show that a refused action changed nothing. */
    async function graphSnapshot(): Promise<string> {
      const tags = await t.db.selectFrom('tags').select(['id', 'name', 'canonical', 'synonym_of', 'unwrangleable']).orderBy('id').execute();
      const parents = await t.db.selectFrom('tag_parents').selectAll().orderBy('parent_id').orderBy('child_id').execute();
      const metas = await t.db.selectFrom('meta_tags').selectAll().orderBy('meta_id').orderBy('sub_id').execute();
      const works = await t.db.selectFrom('works').select(['id', 'filter_tag_ids']).orderBy('id').execute();
      const audit = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return JSON.stringify({ tags, parents, metas, works, audit: Number(audit.n) });
    }

    /** Posts an action that must be refused with 400, a message at its form, and no change at all. */
    async function refused(type: TagType, name: string, action: string, fields: FormFields, message: RegExp): Promise<void> {
      const before = await graphSnapshot();
      const response = await wrangle(type, name, action, fields);
      assert.equal(response.statusCode, 400, `${action} ${JSON.stringify(fields)}: ${response.body.slice(0, 300)}`);
      assert.match(response.body, /<title>Error: Wrangle /);
      assert.match(response.body, /<div class="error-summary" role="alert"/);
      assert.match(response.body, message);
      assert.equal(await graphSnapshot(), before, `${action} ${JSON.stringify(fields)} changed something`);
    }

    it('lets only wranglers and admins open the wrangle screen and post its forms', async () => {
      const name = await freeTag('freeform', 'Guarded');
      const path = wranglePath('freeform', name);
      const asGuest = await guest().get(path);
      assert.equal(asGuest.statusCode, 303);
      assert.equal(asGuest.headers.location, `/login?return_to=${encodeURIComponent(path)}`);
      const member = await clientWith([]);
      assert.equal((await member.get(path)).statusCode, 403);
      assert.equal((await wrangler.get(path)).statusCode, 200);
      const admin = await clientWith(['admin']);
      const adminPage = await admin.get(path);
      assert.equal(adminPage.statusCode, 200);
      assert.match(adminPage.body, new RegExp(`<h1>Wrangle ${name}</h1>`));

      const before = await graphSnapshot();
      for (const action of Object.keys(WRANGLE_FORMS)) {
        const fields = { synonym_of: 'x', parent: 'x', meta: 'x', sub: 'x', tag_id: '1', new_name: 'Renamed', merge_into: 'x', value: 'yes' };
        assert.equal((await guest().post(`${path}/${action}`, fields)).statusCode, 401, `guest ${action}`);
        assert.equal((await member.post(`${path}/${action}`, fields)).statusCode, 403, `member ${action}`);
      }
      assert.equal(await graphSnapshot(), before);
      assert.equal((await admin.post(`${path}/canonical`)).statusCode, 303, 'admins wrangle too');
      assert.equal((await tagRow('freeform', name)).canonical, true);

      // The tag page links wranglers (only) to the screen.
      const link = `<a href="${path.replace(/[&]/g, '&amp;')}">Wrangle this tag</a>`;
      assert.ok((await wrangler.get(tagPath('freeform', name))).body.includes(link));
      assert.ok(!(await member.get(tagPath('freeform', name))).body.includes('Wrangle this tag'));
      assert.ok(!(await guest().get(tagPath('freeform', name))).body.includes('Wrangle this tag'));
    });

    it('refuses a post without the form token', async () => {
      const name = await freeTag('freeform', 'Tokenless');
      const before = await graphSnapshot();
      const response = await wrangler.post(`${wranglePath('freeform', name)}/canonical`, {}, { csrf: false });
      assert.equal(response.statusCode, 403);
      assert.equal(await graphSnapshot(), before);
    });

    it('answers 404 for unknown tags and actions, and explains that system tags are fixed', async () => {
      assert.equal((await wrangler.get(wranglePath('fandom', 'No Such Fandom Anywhere'))).statusCode, 404);
      assert.equal((await wrangler.get('/tags/nonsense/Anything/wrangle')).statusCode, 404);
      const name = await freeTag('freeform', 'Known');
      assert.equal((await wrangle('freeform', name, 'explode')).statusCode, 404);
      assert.equal((await wrangle('freeform', 'No Such Tag Anywhere', 'canonical')).statusCode, 404);
      const system = await wrangler.get(wranglePath('rating', 'General Audiences'));
      assert.equal(system.statusCode, 200);
      assert.match(system.body, /fixed rating tag: it is always canonical and can(&#39;|')t be renamed/);
      assert.doesNotMatch(system.body, /<form method="post" action="\/tags\/rating/);
      assert.ok(!(await wrangler.get(tagPath('rating', 'General Audiences'))).body.includes('Wrangle this tag'));
    });

    it('shows works posted under a synonym on the canonical tag’s page once a wrangler makes the synonym', async () => {
      const tv = uniqueName('Sherlock TV');
      const bbc = uniqueName('BBC Sherlock');
      await buildWork(t.db, writer, { title: 'Under the canonical', fandoms: [tv] });
      await buildWork(t.db, writer, { title: 'Under the synonym', fandoms: [bbc] });
      await wrangleOk('fandom', tv, 'canonical');
      assert.deepEqual(await titlesOn('fandom', tv), ['Under the canonical']);

      const location = await wrangleOk('fandom', bbc, 'synonym', { synonym_of: `  ${tv.toUpperCase()}, ` });
      assert.deepEqual(await titlesOn('fandom', tv), ['Under the synonym', 'Under the canonical']);
      const page = await wrangler.get(location);
      assert.match(page.body, /<p class="notice" role="status">The tag is now a synonym\./);
      assert.match(page.body, new RegExp(`A synonym of <a href="${escape(wranglePath('fandom', tv))}">${tv}</a>`));
      assert.match(page.body, new RegExp(`: Made “${bbc}” a synonym of “${tv}”\\.`), 'the audit entry is listed');
      const entry = await t.db.selectFrom('audit_log').select(['action', 'actor_name', 'tag_name']).where('tag_name', '=', bbc).executeTakeFirstOrThrow();
      assert.equal(entry.action, 'tag.synonym');

      const canonicalPage = (await wrangler.get(wranglePath('fandom', tv))).body;
      assert.match(canonicalPage, /2 works found under it/);
      assert.match(canonicalPage, new RegExp(`<h2 id="synonyms-heading">Synonyms</h2><ul class="plain-list wrangle-links"><li><a href="${escape(wranglePath('fandom', bbc))}">${bbc}</a>`));
    });

    it('builds a three-level meta chain from the forms: works under the bottom show on the top', async () => {
      const top = await canonicalTag('freeform', 'Alternate Universe');
      const middle = await canonicalTag('freeform', 'AU Modern');
      const bottom = await canonicalTag('freeform', 'AU Coffee Shop');
      await buildWork(t.db, writer, { title: 'Bottom work', freeforms: [bottom] });
      await wrangleOk('freeform', middle, 'add-meta', { meta: top });
      await wrangleOk('freeform', middle, 'add-sub', { sub: bottom.toLowerCase() });
      assert.deepEqual(await titlesOn('freeform', top), ['Bottom work']);
      assert.deepEqual(await titlesOn('freeform', middle), ['Bottom work']);

      await refused('freeform', top, 'add-meta', { meta: bottom }, /would make a cycle|make a cycle/);
      await refused('freeform', top, 'add-sub', { sub: top }, /cycle/);
      await refused('freeform', middle, 'add-meta', { meta: top }, /already a meta-tag/);

      const bottomId = (await tagRow('freeform', bottom)).id;
      await wrangleOk('freeform', middle, 'remove-sub', { tag_id: String(bottomId) });
      assert.deepEqual(await titlesOn('freeform', top), []);
      await refused('freeform', middle, 'remove-sub', { tag_id: String(bottomId) }, /isn(&#39;|')t a sub-tag/);
      const topId = (await tagRow('freeform', top)).id;
      await wrangleOk('freeform', middle, 'remove-meta', { tag_id: String(topId) });
      const actions = await t.db.selectFrom('audit_log').select('summary').where('tag_name', '=', middle).orderBy('id').execute();
      assert.deepEqual(actions.map((a) => a.summary), [
        `Made “${middle}” canonical.`,
        `Made “${top}” a meta-tag of “${middle}”.`,
        `Made “${bottom}” a sub-tag of “${middle}”.`,
        `Removed the sub-tag “${bottom}” from “${middle}”.`,
        `Removed the meta-tag “${top}” from “${middle}”.`,
      ]);
    });

    it('adds and removes parents of the allowed types only', async () => {
      const fandom = await canonicalTag('fandom', 'Good Omens');
      const character = await canonicalTag('character', 'Aziraphale');
      const relationship = await freeTag('relationship', 'Aziraphale/Crowley');
      await wrangleOk('character', character, 'add-parent', { parent: fandom });
      await wrangleOk('relationship', relationship, 'add-parent', { parent: fandom });
      await wrangleOk('relationship', relationship, 'add-parent', { parent: character });
      const page = (await guest().get(tagPath('relationship', relationship))).body;
      assert.match(page, /<h2>Parent tags<\/h2>/);
      assert.ok(page.includes(`>${fandom}</a>`) && page.includes(`>${character}</a>`));

      await refused('character', character, 'add-parent', { parent: fandom }, /already a parent/);
      await refused('character', character, 'add-parent', { parent: character }, /There is no fandom tag called/);
      await refused('fandom', fandom, 'add-parent', { parent: fandom }, /A fandom tag has no parent tags|no (media )?tag called/);
      await refused('character', character, 'add-parent', { parent: 'Nobody Has This Name' }, /There is no fandom tag called “Nobody Has This Name”/);

      const fandomId = (await tagRow('fandom', fandom)).id;
      await wrangleOk('relationship', relationship, 'remove-parent', { tag_id: String(fandomId) });
      await refused('relationship', relationship, 'remove-parent', { tag_id: String(fandomId) }, /isn(&#39;|')t a parent/);
      await refused('relationship', relationship, 'remove-parent', { tag_id: 'abc' }, /Choose a tag/);
      const parents = await t.db.selectFrom('tag_parents').select('parent_id').where('child_id', '=', (await tagRow('relationship', relationship)).id).execute();
      assert.deepEqual(parents.map((p) => p.parent_id), [(await tagRow('character', character)).id]);
    });

    it('renames a tag, a change of case included; works show the new name and the old address is gone', async () => {
      const old = uniqueName('sherlock holmes');
      const workId = await buildWork(t.db, writer, { title: 'Renamed tag work', characters: [old] });
      const capitalised = old.replace('sherlock holmes', 'Sherlock Holmes');
      const location = await wrangleOk('character', old, 'rename', { new_name: capitalised });
      assert.equal(location, `${wranglePath('character', capitalised)}?done=rename`);
      assert.equal((await tagRow('character', capitalised)).name, capitalised);
      const work = (await guest().get(`/works/${workId}`)).body;
      assert.match(work, new RegExp(`<a class="tag-link" href="${escape(tagPath('character', capitalised))}">${capitalised}</a>`));
      assert.doesNotMatch(work, new RegExp(`>${old}<`));

      const renamed = uniqueName('Sherlock Holmes (ACD)');
      await wrangleOk('character', capitalised, 'rename', { new_name: `  ${renamed}  ` });
      assert.equal((await guest().get(tagPath('character', capitalised))).statusCode, 404, 'the old name is free again');
      assert.deepEqual(await titlesOn('character', renamed), ['Renamed tag work']);
      assert.match((await guest().get(`/works/${workId}`)).body, new RegExp(`>${escape(renamed)}</a>`));
      const history = (await wrangler.get(wranglePath('character', renamed))).body;
      assert.ok(history.includes(`Renamed “${old}” to “${capitalised}”.`) && history.includes(`Renamed “${capitalised}” to “${renamed}”.`));

      const other = await freeTag('character', 'John Watson');
      await refused('character', renamed, 'rename', { new_name: other.toUpperCase() }, new RegExp(`There is already a character called “${other}”: merge “${escape(renamed)}” into it instead`));
      await refused('character', renamed, 'rename', { new_name: renamed }, /already has that name/);
      await refused('character', renamed, 'rename', { new_name: 'One, Two' }, /can(&#39;|')t contain a comma/);
      await refused('character', renamed, 'rename', { new_name: '   ' }, /New name can(&#39;|')t be blank/);
      await refused('character', renamed, 'rename', { new_name: '!!!' }, /needs at least one letter or number/);
      await refused('character', renamed, 'rename', { new_name: 'x'.repeat(151) }, /longer than 150 characters/);
      await refused('rating', 'General Audiences', 'rename', { new_name: 'Everyone' }, /fixed rating tag and can(&#39;|')t be wrangled/);
      // The typed name is kept in the form after an error.
      assert.match((await wrangle('character', renamed, 'rename', { new_name: 'One, Two' })).body, /id="field-new_name"[^>]*value="One, Two"/);
    });

    it('merges two canonical tags: works of both under the target, links moved, the source redirecting, the log told', async () => {
      const source = await canonicalTag('freeform', 'Hurt/Comfort');
      const target = await canonicalTag('freeform', 'Hurt and Comfort');
      const synonym = await freeTag('freeform', 'hurt comfort');
      const meta = await canonicalTag('freeform', 'Feelings');
      const sub = await canonicalTag('freeform', 'Whump');
      const fandom = await canonicalTag('fandom', 'Merged Fandom');
      await wrangleOk('freeform', synonym, 'synonym', { synonym_of: source });
      await wrangleOk('freeform', source, 'add-meta', { meta });
      await wrangleOk('freeform', source, 'add-sub', { sub });
      await wrangleOk('freeform', source, 'add-parent', { parent: fandom });
      await wrangleOk('freeform', target, 'add-parent', { parent: fandom });
      await buildWork(t.db, writer, { title: 'Tagged source', freeforms: [source] });
      await buildWork(t.db, writer, { title: 'Tagged synonym', freeforms: [synonym] });
      await buildWork(t.db, writer, { title: 'Tagged sub', freeforms: [sub] });
      const targetWork = await buildWork(t.db, writer, { title: 'Tagged target', freeforms: [target] });
      assert.deepEqual(await titlesOn('freeform', meta), ['Tagged sub', 'Tagged synonym', 'Tagged source']);

      const location = await wrangleOk('freeform', source, 'merge', { merge_into: target.toLowerCase() });
      assert.equal(location, `${wranglePath('freeform', target)}?done=merge`);
      assert.deepEqual(await titlesOn('freeform', target), ['Tagged target', 'Tagged sub', 'Tagged synonym', 'Tagged source']);
      assert.deepEqual(await titlesOn('freeform', meta), ['Tagged target', 'Tagged sub', 'Tagged synonym', 'Tagged source'], 'the target now has the source’s meta-tag');
      for (const name of [source, synonym]) {
        const redirect = await guest().get(tagPath('freeform', name));
        assert.equal(redirect.statusCode, 301);
        assert.equal(redirect.headers.location, tagPath('freeform', target));
      }
      const sourceRow = await tagRow('freeform', source);
      const targetRow = await tagRow('freeform', target);
      assert.equal(sourceRow.canonical, false);
      assert.equal(sourceRow.synonym_of, targetRow.id);
      assert.equal((await tagRow('freeform', synonym)).synonym_of, targetRow.id);
      const links = await t.db.selectFrom('meta_tags').select(['meta_id', 'sub_id']).where((eb) => eb.or([eb('meta_id', 'in', [sourceRow.id, targetRow.id]), eb('sub_id', 'in', [sourceRow.id, targetRow.id])])).execute();
      assert.deepEqual(links.map((l) => [l.meta_id, l.sub_id]).sort(), [[(await tagRow('freeform', meta)).id, targetRow.id], [targetRow.id, (await tagRow('freeform', sub)).id]].sort());
      const parents = await t.db.selectFrom('tag_parents').select(['parent_id', 'child_id']).where('child_id', 'in', [sourceRow.id, targetRow.id]).execute();
      assert.deepEqual(parents, [{ parent_id: (await tagRow('fandom', fandom)).id, child_id: targetRow.id }], 'the duplicate parent link was skipped');
      // The writer's own tag is kept on the work.
      assert.match((await guest().get(`/works/${targetWork}`)).body, new RegExp(`>${escape(target)}</a>`));

      const page = (await wrangler.get(location)).body;
      assert.match(page, new RegExp(`Merged “${escape(source)}” into “${escape(target)}” \\(1 synonym and 3 links moved\\)\\.`));
      const sourceLog = await t.db.selectFrom('audit_log').select(['action', 'summary']).where('tag_id', '=', sourceRow.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(sourceLog.action, 'tag.synonym');
      assert.equal(sourceLog.summary, `Made “${source}” a synonym of “${target}” by merging it.`);
    });

    it('refuses a merge that would make a meta-tag cycle, and changes nothing', async () => {
      const source = await canonicalTag('freeform', 'Source');
      const target = await canonicalTag('freeform', 'Target');
      const middle = await canonicalTag('freeform', 'Middle');
      const synonym = await freeTag('freeform', 'Source synonym');
      await wrangleOk('freeform', synonym, 'synonym', { synonym_of: source });
      // target is above middle, middle above source: moving "middle above source" to the target loops.
      await wrangleOk('freeform', middle, 'add-meta', { meta: target });
      await wrangleOk('freeform', source, 'add-meta', { meta: middle });
      await refused('freeform', source, 'merge', { merge_into: target }, new RegExp(`would make a cycle of meta-tags through “${escape(middle)}”`));
    });

    it('refuses bad input with a message at the form, never a 500, and changes nothing', async () => {
      const fandom = await canonicalTag('fandom', 'Bad Input Fandom');
      const character = await canonicalTag('character', 'Bad Input Character');
      const loose = await freeTag('character', 'Loose');
      const synonym = await freeTag('character', 'Already A Synonym');
      await wrangleOk('character', synonym, 'synonym', { synonym_of: character });

      await refused('character', loose, 'synonym', { synonym_of: 'Nobody At All' }, /There is no character tag called “Nobody At All”/);
      await refused('character', loose, 'synonym', { synonym_of: fandom }, /There is no character tag called/);
      await refused('character', loose, 'synonym', { synonym_of: loose }, /isn(&#39;|')t canonical|itself/);
      await refused('character', character, 'synonym', { synonym_of: character }, /itself/);
      await refused('character', loose, 'synonym', { synonym_of: synonym }, /itself a synonym/);
      await refused('character', loose, 'synonym', { synonym_of: '' }, /Canonical tag can(&#39;|')t be blank/);
      await refused('character', loose, 'synonym', { synonym_of: 'a, b' }, /can(&#39;|')t contain a comma/);
      await refused('character', synonym, 'synonym', { synonym_of: character }, /already a synonym of/);
      await refused('character', character, 'canonical', {}, /already canonical/);
      await refused('character', loose, 'add-meta', { meta: character }, /isn(&#39;|')t canonical/);
      await refused('character', character, 'add-meta', { meta: loose }, /isn(&#39;|')t canonical/);
      await refused('character', character, 'merge', { merge_into: character }, /merged into itself/);
      await refused('character', character, 'merge', { merge_into: loose }, /isn(&#39;|')t canonical/);
      await refused('character', synonym, 'merge', { merge_into: character }, /already a synonym/);
      await refused('character', character, 'unwrangleable', { value: 'yes' }, /already wrangled/);
      await refused('character', loose, 'unwrangleable', { value: 'no' }, /already not marked/);
      await refused('character', loose, 'unwrangleable', { value: 'maybe' }, /Choose whether/);
      await refused('character', character, 'remove-meta', { tag_id: '999999999' }, /isn(&#39;|')t a meta-tag/);
      await refused('rating', 'General Audiences', 'synonym', { synonym_of: 'Mature' }, /fixed rating tag and can(&#39;|')t be wrangled/);
      await refused('rating', 'General Audiences', 'merge', { merge_into: 'Mature' }, /fixed rating tag/);

      // Marking and unmarking unwrangleable; making it canonical clears the mark.
      await wrangleOk('character', loose, 'unwrangleable', { value: 'yes' });
      assert.equal((await tagRow('character', loose)).unwrangleable, true);
      assert.match((await guest().get(tagPath('character', loose))).body, /can(&#39;|')t be wrangled/);
      await wrangleOk('character', loose, 'unwrangleable', { value: 'no' });
      await wrangleOk('character', loose, 'unwrangleable', { value: 'yes' });
      await wrangleOk('character', loose, 'canonical');
      assert.deepEqual({ ...(await tagRow('character', loose)), id: 0 }, { id: 0, name: loose, canonical: true, synonym_of: null, unwrangleable: false });
    });

    it('keeps the number of queries of the wrangle screen fixed as links grow', async () => {
      const tag = await canonicalTag('freeform', 'Counted');
      await wrangler.get(wranglePath('freeform', tag));
      t.queries.reset();
      await wrangler.get(wranglePath('freeform', tag));
      const few = t.queries.count;
      for (let i = 0; i < 5; i++) {
        await wrangleOk('freeform', await freeTag('freeform', 'Counted synonym'), 'synonym', { synonym_of: tag });
        await wrangleOk('freeform', tag, 'add-sub', { sub: await canonicalTag('freeform', 'Counted sub') });
      }
      t.queries.reset();
      const page = await wrangler.get(wranglePath('freeform', tag));
      assert.equal(page.statusCode, 200);
      assert.equal(t.queries.count, few, t.queries.statements.join('\n'));
    });
  });
}

/** A string as a literal part of a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
