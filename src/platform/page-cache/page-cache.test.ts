import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildBookmark, buildChapter, buildComment, buildUser, buildWork, loggedInMember, uniqueName, WORK_FORM_DEFAULTS, type BuiltUser } from '../../../test/support/builders.ts';
import { canonicalTag, loggedInWith, synonymTag } from '../../../test/support/wrangling-builders.ts';
import type { TestClient} from '../../../test/support/test-app.ts';
import { SAME_ORIGIN, startPeerApp, startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { tagPath } from '../../features/tags/tags.model.ts';
import { makeCanonical } from '../../features/tags/tag-graph.service.ts';
import { PageStore } from './page-store.ts';

const page = (body: string, deps: string[]) => ({ body: Buffer.from(body), variants: {}, etag: '"x"', lastModified: new Date(0), lastModifiedHeader: new Date(0).toUTCString(), deps, expiresAt: Date.now() + 60_000 });

describe('page store', () => {
  it('evicts the least recently used pages to stay within its bytes', () => {
    const store = new PageStore(6100);
    store.set('a', page('a'.repeat(1000), ['work:1']), store.epoch);
    store.set('b', page('b'.repeat(1000), ['work:2']), store.epoch);
    store.set('c', page('c'.repeat(1000), ['work:3']), store.epoch);
    assert.ok(store.get('a'), 'a is now the most recently used');
    store.set('d', page('d'.repeat(1000), ['work:4']), store.epoch);
    store.set('e', page('e'.repeat(1000), ['work:5']), store.epoch);
    assert.ok(store.usedBytes <= 6100);
    assert.equal(store.get('b'), undefined, 'b was the least recently used');
    assert.ok(store.get('a'));
  });

  it('never keeps a page rendered while an invalidation happened (it may show pre-change data)', () => {
    const store = new PageStore(1024 * 1024);
    const renderStarted = store.epoch;
    store.invalidate(['work:1']);
    assert.equal(store.set('/works/1', page('old', ['work:1']), renderStarted), false);
    assert.equal(store.get('/works/1'), undefined);
    assert.equal(store.set('/works/1', page('new', ['work:1']), store.epoch), true);
  });

  it('drops exactly the pages that depend on a changed key, and everything on "all"', () => {
    const store = new PageStore(1024 * 1024);
    store.set('/works/1', page('1', ['work:1']), store.epoch);
    store.set('/works/2', page('2', ['work:2']), store.epoch);
    store.set('/', page('home', ['works', 'listings']), store.epoch);
    store.invalidate(['work:1']);
    assert.deepEqual([store.get('/works/1'), Boolean(store.get('/works/2')), Boolean(store.get('/'))], [undefined, true, true]);
    store.invalidate(['all']);
    assert.equal(store.size, 0);
  });
});

for (const engine of ENGINES) {
  describe(`guest page cache (${engine})`, () => {
    let t: TestApp;
    let writer: { user: BuiltUser; client: TestClient };
    before(async () => {
      t = await startTestApp(engine);
      writer = await loggedInMember(t);
    });
    after(() => t.close());

    const guestGet = (url: string, headers: Record<string, string> = {}, app: FastifyInstance = t.app) => app.inject({ method: 'GET', url, headers });
    const cacheState = (response: LightMyRequestResponse) => response.headers['x-page-cache'];

    /**
     * A page read by guests until the cache answers. (A render that overlaps a change is not
     * kept, and a background poll may land during one: so "until", a few times at most.)
     */
    async function warm(url: string, app: FastifyInstance = t.app): Promise<LightMyRequestResponse> {
      let response = await guestGet(url, {}, app);
      for (let i = 0; i < 5 && cacheState(response) !== 'hit'; i++) response = await guestGet(url, {}, app);
      assert.equal(cacheState(response), 'hit', `${url} should be cached`);
      return response;
    }

    async function editTitle(workId: number, title: string, fields: Record<string, string> = {}, client = writer.client): Promise<void> {
      const form = (await client.get(`/works/${workId}/edit`)).body;
      const lockVersion = /name="lock_version" value="(\d+)"/.exec(form)?.[1] ?? '';
      const response = await client.post(`/works/${workId}/edit`, { ...WORK_FORM_DEFAULTS, title, pseud_id: String(writer.user.defaultPseudId), format: 'html', body: '<p>Edited text.</p>', lock_version: lockVersion, ...fields });
      assert.equal(response.statusCode, 303, /error-summary[\s\S]*?<\/ul>/.exec(response.body)?.[0]);
    }

    it('gives guests a shareable page with validators, and members a private one', async () => {
      const workId = await buildWork(t.db, writer.user, { title: 'Headers Work' });
      const guest = await guestGet(`/works/${workId}`);
      assert.equal(guest.statusCode, 200);
      assert.equal(guest.headers['cache-control'], 'public, no-cache');
      assert.equal(guest.headers.vary, 'Cookie, Accept-Encoding');
      assert.match(guest.headers.etag as string, /^"[\w-]{27}"$/);
      assert.ok(Date.parse(guest.headers['last-modified'] as string) <= Date.now());
      assert.equal(guest.headers['set-cookie'], undefined, 'a shared page sets no cookie');
      assert.doesNotMatch(guest.body, /name="_csrf"/, 'a shared page carries no per-visitor token');

      const member = await writer.client.get(`/works/${workId}`);
      assert.equal(member.statusCode, 200);
      assert.equal(member.headers['cache-control'], 'private, no-store');
      assert.equal(member.headers.etag, undefined);
      assert.equal(cacheState(member), undefined, 'members never use the guest cache');
      assert.match(member.body, /name="_csrf"/);

      // Pages that did not opt in are private too, whoever asks.
      assert.equal((await guestGet('/login')).headers['cache-control'], 'private, no-store');
    });

    it('answers If-None-Match and If-Modified-Since with 304 and no body, and a stale validator with the page', async () => {
      const workId = await buildWork(t.db, writer.user);
      const first = await guestGet(`/works/${workId}`);
      const etag = first.headers.etag as string;
      const byTag = await guestGet(`/works/${workId}`, { 'if-none-match': etag });
      assert.equal(byTag.statusCode, 304);
      assert.equal(byTag.body, '');
      assert.equal(byTag.headers.etag, etag);
      assert.equal((await guestGet(`/works/${workId}`, { 'if-none-match': `W/${etag}, "other"` })).statusCode, 304);
      const byDate = await guestGet(`/works/${workId}`, { 'if-modified-since': first.headers['last-modified'] as string });
      assert.equal(byDate.statusCode, 304);
      const stale = await guestGet(`/works/${workId}`, { 'if-none-match': '"not-this-one"' });
      assert.equal(stale.statusCode, 200);
      assert.equal(stale.body, first.body);
      assert.equal((await guestGet(`/works/${workId}`, { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' })).statusCode, 200);
    });

    it('serves a second guest from memory: no query but the change-feed check', async () => {
      const fandom = uniqueName('Memory Fandom');
      await canonicalTag(t.db, 'fandom', fandom);
      const workId = await buildWork(t.db, writer.user, { fandoms: [fandom] });
      const user = encodeURIComponent(writer.user.username);
      const pages = [`/works/${workId}`, `/works/${workId}/chapters`, '/', '/fandoms', tagPath('fandom', fandom), `${tagPath('fandom', fandom)}?sort=kudos`, tagPath('media', 'Movies'), `/users/${user}`, `/users/${user}/works`, `/users/${user}/pseuds/${user}`, `/users/${user}/series`];
      for (const url of pages) {
        await warm(url);
        t.queries.reset();
        const response = await guestGet(url);
        assert.equal(cacheState(response), 'hit');
        assert.equal(t.queries.count, 1, `${url}\n${t.queries.statements.join('\n')}`);
        assert.match(t.queries.statements[0]!, /page_cache_changes/);
        // A revalidation is answered from memory as well.
        t.queries.reset();
        assert.equal((await guestGet(url, { 'if-none-match': response.headers.etag as string })).statusCode, 304);
        assert.equal(t.queries.count, 1, `${url} (304)\n${t.queries.statements.join('\n')}`);
      }
    });

    it('drops a work page when the work is edited, through the edit form', async () => {
      const workId = await buildWork(t.db, writer.user, { title: 'Before Edit' });
      const home = await warm('/');
      assert.match(home.body, /Before Edit/);
      await warm(`/works/${workId}`);
      await editTitle(workId, 'After Edit');
      const work = await guestGet(`/works/${workId}`);
      assert.equal(cacheState(work), 'miss');
      assert.match(work.body, /After Edit/);
      assert.match((await guestGet('/')).body, /After Edit/, 'listings showing the work are dropped too');
    });

    it('drops a work page when a chapter is added', async () => {
      const workId = await buildWork(t.db, writer.user);
      assert.match((await warm(`/works/${workId}`)).body, /<dt>Chapters:<\/dt>\s*<dd>1\//);
      await buildChapter(t.db, writer.user, workId, { title: 'The Sequel Chapter' });
      const work = await guestGet(`/works/${workId}`);
      assert.equal(cacheState(work), 'miss');
      assert.match(work.body, /<dt>Chapters:<\/dt>\s*<dd>2\//);
    });

    it('drops a work page on kudos, comments and their edits and bookmarks, but not for hits alone', async () => {
      const workId = await buildWork(t.db, writer.user);
      const reader = await loggedInMember(t);
      await warm(`/works/${workId}`);
      assert.equal((await reader.client.post(`/works/${workId}/kudos`)).statusCode, 303);
      const afterKudos = await guestGet(`/works/${workId}`);
      assert.equal(cacheState(afterKudos), 'miss');
      assert.match(afterKudos.body, new RegExp(reader.user.username));

      await warm(`/works/${workId}`);
      const commentId = await buildComment(t.db, reader.user, workId, { body: 'A first reading.' });
      assert.match((await guestGet(`/works/${workId}`)).body, /A first reading\./);
      await warm(`/works/${workId}`);
      const form = (await reader.client.get(`/comments/${commentId}/edit`)).body;
      assert.equal((await reader.client.post(`/comments/${commentId}/edit`, { body: 'A second reading.' })).statusCode, 303, form.slice(0, 300));
      const edited = await guestGet(`/works/${workId}`);
      assert.equal(cacheState(edited), 'miss', 'an edit changes no counter, and still drops the page');
      assert.match(edited.body, /A second reading\./);

      await warm(`/works/${workId}`);
      await buildBookmark(t.db, reader.user, { kind: 'work', id: workId });
      assert.equal(cacheState(await guestGet(`/works/${workId}`)), 'miss');
      // Hits change on every visit: they refresh with the TTL instead (ARCHITECTURE.md).
      await warm(`/works/${workId}`);
      await t.db.updateTable('works').set({ hits_count: 99 }).where('id', '=', workId).execute();
      const stale = await guestGet(`/works/${workId}`);
      assert.equal(cacheState(stale), 'hit');
      assert.match(stale.body, /<dt>Hits:<\/dt><dd>0<\/dd>/, 'the cached page keeps its hit count until the TTL');
      assert.match((await reader.client.get(`/works/${workId}`)).body, /<dt>Hits:<\/dt><dd>99<\/dd>/, 'members see it now');
    });

    it('refreshes the hit count on a cached work page with the cache TTL', async () => {
      const short = await startTestApp(engine, { pageCacheTtlSeconds: 1 });
      try {
        const author = await buildUser(short.db);
        const workId = await buildWork(short.db, author);
        await warm(`/works/${workId}`, short.app);
        await short.db.updateTable('works').set({ hits_count: 42 }).where('id', '=', workId).execute();
        assert.match((await guestGet(`/works/${workId}`, {}, short.app)).body, /<dt>Hits:<\/dt><dd>0<\/dd>/);
        await new Promise((resolve) => setTimeout(resolve, 1100));
        const fresh = await guestGet(`/works/${workId}`, {}, short.app);
        assert.equal(cacheState(fresh), 'miss');
        assert.match(fresh.body, /<dt>Hits:<\/dt><dd>42<\/dd>/);
      } finally {
        await short.close();
      }
    });

    it('counts a hit for a guest answered from the cache or with 304', async () => {
      const workId = await buildWork(t.db, writer.user);
      const first = await warm(`/works/${workId}`);
      await t.runPendingJobs();
      const before = (await t.db.selectFrom('works').select('hits_count').where('id', '=', workId).executeTakeFirstOrThrow()).hits_count;
      const other = { 'user-agent': 'Another reader', 'x-forwarded-for': '198.51.100.7' };
      assert.equal(cacheState(await guestGet(`/works/${workId}`, other)), 'hit');
      assert.equal((await guestGet(`/works/${workId}`, { 'user-agent': 'A third reader', 'if-none-match': first.headers.etag as string })).statusCode, 304);
      await t.runPendingJobs();
      const after = (await t.db.selectFrom('works').select('hits_count').where('id', '=', workId).executeTakeFirstOrThrow()).hits_count;
      assert.equal(after, before + 2);
    });

    it('caches a works listing for guests, never a listing refused for bad filters, and drops it when a work joins', async () => {
      const fandom = { name: uniqueName('Cached Fandom') };
      await canonicalTag(t.db, 'fandom', fandom.name);
      await buildWork(t.db, writer.user, { title: 'Listed First', fandoms: [fandom.name] });
      const url = `/works?fandom=${encodeURIComponent(fandom.name)}&sort=kudos`;
      assert.match((await warm(url)).body, /Listed First/);
      const bad = await guestGet(`/works?fandom=${encodeURIComponent(fandom.name)}&words_from=lots`);
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.headers['cache-control'], 'no-store');
      assert.equal(cacheState(await guestGet(`/works?fandom=${encodeURIComponent(fandom.name)}&words_from=lots`)), undefined);
      await buildWork(t.db, writer.user, { title: 'Listed Second', fandoms: [fandom.name] });
      const listing = await guestGet(url);
      assert.equal(cacheState(listing), 'miss');
      assert.match(listing.body, /Listed Second/);
      assert.match((await warm(tagPath('fandom', fandom.name))).body, /Listed Second/);
    });

    it('drops the pages of works credited to a pen name when it is renamed', async () => {
      const created = await writer.client.post(`/users/${writer.user.username}/pseuds`, { name: 'Quill Before' });
      assert.equal(created.statusCode, 303);
      const pseud = await t.db.selectFrom('pseuds').select('id').where('user_id', '=', writer.user.id).where('name', '=', 'Quill Before').executeTakeFirstOrThrow();
      const workId = await buildWork(t.db, { ...writer.user, defaultPseudId: pseud.id });
      assert.match((await warm(`/works/${workId}`)).body, /Quill Before/);
      const renamed = await writer.client.post(`/pseuds/${pseud.id}/edit`, { name: 'Quill After' });
      assert.equal(renamed.statusCode, 303);
      const work = await guestGet(`/works/${workId}`);
      assert.equal(cacheState(work), 'miss');
      assert.match(work.body, /Quill After/);
      assert.doesNotMatch(work.body, /Quill Before/);
    });

    describe('tags', () => {
      let wrangler: TestClient;
      before(async () => {
        wrangler = (await loggedInWith(t, ['tag_wrangler'])).client;
      });
      const wrangle = async (type: 'fandom' | 'freeform', name: string, action: string, fields: Record<string, string>) => {
        const response = await wrangler.post(`${tagPath(type, name)}/wrangle/${action}`, fields);
        assert.equal(response.statusCode, 303, response.body.match(/<p class="field-error"[^>]*>([^<]*)/)?.[1] ?? response.body.slice(0, 300));
      };

      it('keeps a tag page across an unrelated edit, and drops it when a work joins it', async () => {
        await canonicalTag(t.db, 'fandom', 'Cached Fandom');
        const listed = await buildWork(t.db, writer.user, { fandoms: ['Cached Fandom'], title: 'Listed Under Tag' });
        await warm(tagPath('fandom', 'Cached Fandom'));
        const unrelated = await buildWork(t.db, writer.user, { fandoms: ['Elsewhere Fandom'] });
        await editTitle(unrelated, 'Unrelated Edit', { fandoms: 'Elsewhere Fandom' });
        assert.equal(cacheState(await guestGet(tagPath('fandom', 'Cached Fandom'))), 'hit', 'an edit elsewhere keeps it');
        await editTitle(listed, 'Listed And Edited', { fandoms: 'Cached Fandom' });
        assert.match((await guestGet(tagPath('fandom', 'Cached Fandom'))).body, /Listed And Edited/);
        await warm(tagPath('fandom', 'Cached Fandom'));
        await buildWork(t.db, writer.user, { fandoms: ['Cached Fandom'], title: 'Joined The Tag' });
        const page = await guestGet(tagPath('fandom', 'Cached Fandom'));
        assert.equal(cacheState(page), 'miss');
        assert.match(page.body, /Joined The Tag/);
      });

      it("answers a tag's own address right after it is renamed, made a synonym and made canonical again", async () => {
        const name = uniqueName('Moving Tag');
        await canonicalTag(t.db, 'freeform', name);
        await buildWork(t.db, writer.user, { freeforms: [name], title: 'Under The Moving Tag' });
        assert.match((await warm(tagPath('freeform', name))).body, /Under The Moving Tag/);
        // Renamed: the old address is gone at once, the new one lists the work.
        const renamed = uniqueName('Moved Tag');
        await wrangle('freeform', name, 'rename', { new_name: renamed });
        assert.equal((await guestGet(tagPath('freeform', name))).statusCode, 404);
        assert.match((await warm(tagPath('freeform', renamed))).body, /Under The Moving Tag/);
        // Made a synonym: its cached page gives way to a redirect, which is never stored.
        const target = uniqueName('Synonym Target');
        await canonicalTag(t.db, 'freeform', target);
        await wrangle('freeform', renamed, 'synonym', { synonym_of: target });
        for (let i = 0; i < 2; i++) {
          const redirect = await guestGet(tagPath('freeform', renamed));
          assert.equal(redirect.statusCode, 301);
          assert.equal(redirect.headers.location, tagPath('freeform', target));
          assert.equal(redirect.headers['cache-control'], 'no-cache', 'a wrangler may undo it: browsers must ask again');
          assert.equal(cacheState(redirect), undefined);
        }
        assert.match((await warm(tagPath('freeform', target))).body, /Under The Moving Tag/);
        // Canonical again: its own page comes back, and the target no longer lists its work.
        const id = (await t.db.selectFrom('tags').select('id').where('name', '=', renamed).executeTakeFirstOrThrow()).id;
        await t.db.transaction().execute((trx) => makeCanonical(trx, id));
        const back = await guestGet(tagPath('freeform', renamed));
        assert.equal(back.statusCode, 200);
        assert.match(back.body, /Under The Moving Tag/);
        assert.doesNotMatch((await guestGet(tagPath('freeform', target))).body, /Under The Moving Tag/);
        // A 404 is never stored: the tag created later has its page.
        const later = uniqueName('Later Tag');
        assert.equal((await guestGet(tagPath('freeform', later))).statusCode, 404);
        await buildWork(t.db, writer.user, { freeforms: [later], title: 'Brings A New Tag' });
        assert.match((await guestGet(tagPath('freeform', later))).body, /Brings A New Tag/);
      });

      it('drops work and tag pages on a tag rename', async () => {
        await canonicalTag(t.db, 'freeform', 'Old Freeform Name');
        const workId = await buildWork(t.db, writer.user, { freeforms: ['Old Freeform Name'] });
        assert.match((await warm(`/works/${workId}`)).body, /Old Freeform Name/);
        await warm('/');
        await wrangle('freeform', 'Old Freeform Name', 'rename', { new_name: 'New Freeform Name' });
        const work = await guestGet(`/works/${workId}`);
        assert.equal(cacheState(work), 'miss');
        assert.match(work.body, /New Freeform Name/);
        assert.doesNotMatch((await guestGet('/')).body, /Old Freeform Name/);
      });

      it('drops the canonical tag page when a tag is merged into it or made its synonym', async () => {
        await canonicalTag(t.db, 'fandom', 'Merge Target');
        await canonicalTag(t.db, 'fandom', 'Merge Source');
        await buildWork(t.db, writer.user, { fandoms: ['Merge Source'], title: 'From The Source' });
        await buildWork(t.db, writer.user, { fandoms: ['Soon A Synonym'], title: 'From The Synonym' });
        const before = await warm(tagPath('fandom', 'Merge Target'));
        assert.doesNotMatch(before.body, /From The Source|From The Synonym/);
        await wrangle('fandom', 'Merge Source', 'merge', { merge_into: 'Merge Target' });
        const merged = await guestGet(tagPath('fandom', 'Merge Target'));
        assert.equal(cacheState(merged), 'miss');
        assert.match(merged.body, /From The Source/);
        await warm(tagPath('fandom', 'Merge Target'));
        await wrangle('fandom', 'Soon A Synonym', 'synonym', { synonym_of: 'Merge Target' });
        assert.match((await guestGet(tagPath('fandom', 'Merge Target'))).body, /From The Synonym/);
        // A synonym made outside HTTP (the graph service, as the CLI would) is seen as well.
        await warm(tagPath('fandom', 'Merge Target'));
        await buildWork(t.db, writer.user, { fandoms: ['Quiet Synonym'], title: 'Quietly Joined' });
        await synonymTag(t.db, 'fandom', 'Quiet Synonym', (await t.db.selectFrom('tags').select('id').where('name', '=', 'Merge Target').executeTakeFirstOrThrow()).id);
        assert.match((await guestGet(tagPath('fandom', 'Merge Target'))).body, /Quietly Joined/);
      });
    });

    it('never caches or shows a members-only work to guests', async () => {
      const workId = await buildWork(t.db, writer.user, { title: 'Members Only Secret', restricted: true });
      const member = await writer.client.get(`/works/${workId}`);
      assert.match(member.body, /Members Only Secret/);
      for (let i = 0; i < 2; i++) {
        const guest = await guestGet(`/works/${workId}`);
        assert.equal(guest.statusCode, 303);
        assert.match(guest.headers.location as string, /^\/login\?.*reason=members-only/);
        assert.equal(cacheState(guest), undefined);
      }
      const index = await guestGet(`/works/${workId}/chapters`);
      assert.equal(index.statusCode, 303, 'its chapter index is members-only too');
      for (const url of ['/', '/fandoms', `/users/${writer.user.username}`]) assert.doesNotMatch((await guestGet(url)).body, /Members Only Secret/, url);
      // A public work turned members-only leaves the cache at once.
      const later = await buildWork(t.db, writer.user, { title: 'Soon Restricted' });
      await warm(`/works/${later}`);
      await t.db.updateTable('works').set({ restricted: true }).where('id', '=', later).execute();
      assert.equal((await guestGet(`/works/${later}`)).statusCode, 303);
    });

    it("never serves a member's page to a guest, nor a guest's to a member", async () => {
      const workId = await buildWork(t.db, writer.user);
      await warm(`/works/${workId}`);
      const member = await writer.client.get(`/works/${workId}`);
      assert.match(member.body, new RegExp(`>${writer.user.username}</a></li>`));
      assert.match(member.body, /<form method="post" action="\/logout"/);
      assert.match(member.body, /class="button" href="\/works\/\d+\/edit"/, 'the creator sees their tools');
      const guest = await guestGet(`/works/${workId}`);
      assert.equal(cacheState(guest), 'hit');
      assert.doesNotMatch(guest.body, /action="\/logout"|\/edit"/);
      // A reader who logs in on a cached page gets their own page straight away.
      const reader = await loggedInMember(t);
      const read = await reader.client.get(`/works/${workId}`);
      assert.match(read.body, new RegExp(`>${reader.user.username}</a>`));
      assert.equal(read.headers['cache-control'], 'private, no-store');
    });

    it('keys guest pages by the preferences that change their bytes', async () => {
      const workId = await buildWork(t.db, writer.user, { body: '<p>Words.</p><blockquote class="lyrics"><p>la la la</p></blockquote>' });
      const plain = await warm(`/works/${workId}`);
      assert.doesNotMatch(plain.body, /theme-dark/);
      const dark = await guestGet(`/works/${workId}`, { cookie: 'quire_prefs=theme=dark&hide_lyrics=1' });
      assert.equal(cacheState(dark), 'miss');
      assert.match(dark.body, /<html lang="en" class="theme-dark hide-lyrics">/);
      assert.equal(cacheState(await guestGet(`/works/${workId}`, { cookie: 'quire_prefs=hide_lyrics=1&theme=dark' })), 'hit', 'the same preferences, however written');
      assert.doesNotMatch((await guestGet(`/works/${workId}`)).body, /theme-dark/);
    });

    describe('CSRF for guests', () => {
      const prefs = { font_size: '130', line_width: 'wide', theme: 'dark' };
      async function guestPost(url: string, headers: Record<string, string>, fields: Record<string, string> = prefs) {
        return t.app.inject({ method: 'POST', url, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
      }

      it('accepts a post from our own origin, with no token, and asks browsers to send Origin on our forms', async () => {
        assert.equal((await guestGet('/signup')).headers['referrer-policy'], 'same-origin', 'under no-referrer, browsers send "Origin: null"');
        const attempts: Record<string, string>[] = [SAME_ORIGIN, { origin: 'http://localhost' }, { 'sec-fetch-site': 'same-origin' }, { 'sec-fetch-site': 'same-origin', origin: 'null' }];
        for (const headers of attempts) {
          const response = await guestPost('/preferences', headers);
          assert.equal(response.statusCode, 303, JSON.stringify(headers));
        }
      });

      it('refuses a forged Origin, a cross-site fetch, and a post that says neither, with 403', async () => {
        const attempts: Record<string, string>[] = [
          { origin: 'https://evil.example' },
          { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
          { origin: 'null' },
          { 'sec-fetch-site': 'cross-site' },
          { 'sec-fetch-site': 'same-site', origin: 'http://localhost' },
          {},
        ];
        for (const headers of attempts) {
          const response = await guestPost('/preferences', headers);
          assert.equal(response.statusCode, 403, JSON.stringify(headers));
          assert.match(response.body, /sent from another site/);
          assert.equal(response.headers['set-cookie'], undefined, 'nothing was saved');
        }
      });

      it('keeps log-in and sign-up safe from login CSRF', async () => {
        const user = await buildUser(t.db);
        const forged = await guestPost('/login', { origin: 'https://evil.example' }, { login: user.username, password: user.password });
        assert.equal(forged.statusCode, 403);
        assert.doesNotMatch(String(forged.headers['set-cookie'] ?? ''), /quire_session/);
        const missing = await guestPost('/signup', {}, { username: 'forged_signup', email: 'forged@example.org', password: user.password, password_confirmation: user.password });
        assert.equal(missing.statusCode, 403);
        assert.equal(await t.db.selectFrom('users').select('id').where('username', '=', 'forged_signup').executeTakeFirst(), undefined);
        const real = await guestPost('/login', SAME_ORIGIN, { login: user.username, password: user.password });
        assert.equal(real.statusCode, 303);
      });

      it("still needs a member's token, even from our own origin", async () => {
        const response = await writer.client.post('/preferences', prefs, { csrf: false });
        assert.equal(response.statusCode, 403);
      });
    });

    describe('several app servers on one database', () => {
      let peer: FastifyInstance;
      let polling: FastifyInstance;
      /** Polls the feed only when the test says so (an hour apart otherwise). */
      let quiet: FastifyInstance;
      before(async () => {
        peer = await startPeerApp(t);
        polling = await startPeerApp(t, { pageCachePollMs: 50 });
        quiet = await startPeerApp(t, { pageCachePollMs: 3_600_000 });
      });
      after(async () => {
        await peer.close();
        await polling.close();
        await quiet.close();
      });

      it("answers a guest's second request to a tag page, and its 304, with no query at all", async () => {
        const fandom = uniqueName('Quiet Fandom');
        await canonicalTag(t.db, 'fandom', fandom);
        await buildWork(t.db, writer.user, { fandoms: [fandom], title: 'Quietly Listed' });
        const urls = [tagPath('fandom', fandom), `${tagPath('fandom', fandom)}?sort=kudos&page=1`, tagPath('media', 'Theater'), `/users/${encodeURIComponent(writer.user.username)}`];
        for (const url of urls) {
          const first = await warm(url, quiet);
          t.queries.reset();
          assert.equal(cacheState(await guestGet(url, {}, quiet)), 'hit');
          assert.equal((await guestGet(url, { 'if-none-match': first.headers.etag as string }, quiet)).statusCode, 304);
          assert.equal(t.queries.count, 0, `${url}\n${t.queries.statements.join('\n')}`);
        }
        // The next poll still drops the page when a work joins the tag.
        await buildWork(t.db, writer.user, { fandoms: [fandom], title: 'Joined Quietly' });
        await quiet.pageCache.feed.sync();
        const page = await guestGet(tagPath('fandom', fandom), {}, quiet);
        assert.equal(cacheState(page), 'miss');
        assert.match(page.body, /Joined Quietly/);
      });

      it('drops a page cached by server B when the work is edited through server A', async () => {
        const workId = await buildWork(t.db, writer.user, { title: 'Shared Before' });
        assert.match((await warm(`/works/${workId}`, peer)).body, /Shared Before/);
        await editTitle(workId, 'Shared After');
        const fromPeer = await guestGet(`/works/${workId}`, {}, peer);
        assert.equal(cacheState(fromPeer), 'miss');
        assert.match(fromPeer.body, /Shared After/);
      });

      it('serves from memory with no query at all when polling in the background, and catches up within the poll', async () => {
        const workId = await buildWork(t.db, writer.user, { title: 'Polled Before' });
        await warm(`/works/${workId}`, polling);
        t.queries.reset();
        assert.equal(cacheState(await guestGet(`/works/${workId}`, {}, polling)), 'hit');
        assert.ok(t.queries.statements.every((s) => /page_cache_changes|pg_current_snapshot/.test(s)), 'only the background poll ran');
        await editTitle(workId, 'Polled After');
        const deadline = Date.now() + 5000;
        let body = '';
        while (Date.now() < deadline && !body.includes('Polled After')) {
          body = (await guestGet(`/works/${workId}`, {}, polling)).body;
          if (!body.includes('Polled After')) await new Promise((resolve) => setTimeout(resolve, 25));
        }
        assert.match(body, /Polled After/);
      });
    });
  });
}
