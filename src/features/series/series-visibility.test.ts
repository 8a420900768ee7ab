import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, buildWork, signUpThroughForm, type BuiltUser } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { addWorkToSeries } from './series.service.ts';

for (const engine of ENGINES) {
  describe(`series and hidden works (${engine})`, () => {
    let t: TestApp;
    let writer: BuiltUser;
    let seriesId: number;
    const ids: Record<string, number> = {};
    before(async () => {
      t = await startTestApp(engine);
      writer = await buildUser(t.db);
      ids.first = await buildWork(t.db, writer, { title: 'Part One Public' });
      ids.locked = await buildWork(t.db, writer, { title: 'Part Two Members', restricted: true });
      ids.draft = await buildWork(t.db, writer, { title: 'Part Three Draft', action: 'draft' });
      ids.last = await buildWork(t.db, writer, { title: 'Part Four Public' });
      const added = await addWorkToSeries(t.db, writer, ids.first, { series_id: 'new', new_series_title: 'The Long Road', position: '' });
      assert.ok(added.ok);
      seriesId = added.seriesId;
      for (const key of ['locked', 'draft', 'last']) {
        const result = await addWorkToSeries(t.db, writer, ids[key]!, { series_id: seriesId, new_series_title: '', position: '' });
        assert.ok(result.ok, key);
      }
    });
    after(() => t.close());

    it('never lists a draft, and lists members-only works only to members', async () => {
      const guest = (await new TestClient(t.app).get(`/series/${seriesId}`)).body;
      assert.match(guest, /Part One Public[\s\S]*Part Four Public/);
      assert.doesNotMatch(guest, /Part Two Members|Part Three Draft/);
      const member = new TestClient(t.app);
      await signUpThroughForm(member);
      const seen = (await member.get(`/series/${seriesId}`)).body;
      assert.match(seen, /Part Two Members/);
      assert.doesNotMatch(seen, /Part Three Draft/);
    });

    it('links a guest from part one straight to the next public part', async () => {
      const page = (await new TestClient(t.app).get(`/works/${ids.first}`)).body;
      assert.match(page, new RegExp(`href="/works/${ids.last}"`));
      assert.doesNotMatch(page, new RegExp(`href="/works/(${ids.locked}|${ids.draft})"`));
      assert.doesNotMatch(page, /Part Two Members|Part Three Draft/);
    });

    it('does not count hidden works on the pen names page for guests', async () => {
      const guest = (await new TestClient(t.app).get(`/users/${writer.username}/pseuds`)).body;
      assert.doesNotMatch(guest, /\b4 works\b/);
      assert.doesNotMatch(guest, /Part Two Members|Part Three Draft/);
    });
  });
}
