import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, buildWork, loggedInMember, uniqueName } from '../../../test/support/builders.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';

for (const engine of ENGINES) {
  describe(`the /search address and the header search box (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const get = (url: string) => t.app.inject({ method: 'GET', url });

    it('sends /search?q=… to the works listing with every parameter as it came, permanently', async () => {
      const cases: [string, string][] = [
        ['/search?q=lighthouse', '/works?q=lighthouse'],
        ['/search?q=%22slow+burn%22+-angst&fandom=Good%20Omens%20(TV)&sort=kudos&page=2', '/works?q=%22slow+burn%22+-angst&fandom=Good%20Omens%20(TV)&sort=kudos&page=2'],
        ['/search?q=', '/works?q='],
        ['/search', '/works'],
        ['/search?', '/works'],
      ];
      for (const [from, to] of cases) {
        const response = await get(from);
        assert.equal(response.statusCode, 301, from);
        assert.equal(response.headers.location, to, from);
      }
      assert.equal((await t.app.inject({ method: 'HEAD', url: '/search?q=x' })).headers.location, '/works?q=x');
    });

    it('lands on the listing that finds the work', async () => {
      const writer = await buildUser(t.db);
      const word = uniqueName('Lanternfish').replace('_', '');
      await buildWork(t.db, writer, { title: `The ${word} Chronicle` });
      await buildWork(t.db, writer, { title: 'Something Else Entirely' });
      const redirect = await get(`/search?q=${word}`);
      const listing = await get(redirect.headers.location as string);
      assert.equal(listing.statusCode, 200);
      assert.match(listing.body, new RegExp(`The ${word} Chronicle`));
      assert.doesNotMatch(listing.body, /Something Else Entirely/);
    });

    it('refuses a 10 kB query with 414 and never answers a malformed one with a 500', async () => {
      const long = await get(`/search?q=${'a'.repeat(10_000)}`);
      assert.equal(long.statusCode, 414);
      assert.equal(long.headers.location, undefined);
      for (const url of ['/search?q=%ZZ', '/search?q=%C3%28', '/search?q=(((&q=-', '/search?q=%E2%80%8F"unclosed']) {
        const redirect = await get(url);
        assert.equal(redirect.statusCode, 301, url);
        const listing = await get(redirect.headers.location as string);
        assert.ok(listing.statusCode < 500, `${url} → ${listing.statusCode}`);
      }
    });

    it('puts a labelled GET search form in every page header, for guests and members alike', async () => {
      const { client } = await loggedInMember(t);
      for (const body of [(await get('/')).body, (await get('/fandoms')).body, (await client.get('/works')).body]) {
        const form = /<form class="site-search" role="search" aria-label="Site" method="get" action="\/works">([\s\S]*?)<\/form>/.exec(body)?.[1];
        assert.ok(form, 'the header has the search form');
        assert.match(form, /<label class="visually-hidden" for="site-search-q">Search works<\/label>/);
        assert.match(form, /<input type="search" id="site-search-q" name="q"/);
        assert.match(form, /<button type="submit">Search<\/button>/);
        assert.doesNotMatch(form, /_csrf/, 'a GET form carries no token');
      }
    });
  });
}
