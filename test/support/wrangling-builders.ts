import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/features/accounts/accounts.table.ts';
import { addMetaTag, addParent, makeCanonical, makeSynonym, markUnwrangleable } from '../../src/features/tags/tag-graph.service.ts';
import type { FreeTagType } from '../../src/features/tags/tags.model.ts';
import { findOrCreateTags, tagKey } from '../../src/features/tags/tags.repository.ts';
import type { Db } from '../../src/platform/db/schema.ts';
import { buildUser, logInThroughForm, type BuiltUser } from './builders.ts';
import { TestClient } from './test-app.ts';

/** The id of a free tag, created if it doesn't exist yet. */
export async function tagId(db: Db, type: FreeTagType, name: string): Promise<number> {
  const ids = await findOrCreateTags(db, [{ type, name }]);
  return ids.get(tagKey({ type, name }))!;
}

/** A canonical tag, created if needed, optionally under parents, made through the graph service. */
export async function canonicalTag(db: Db, type: FreeTagType, name: string, parents: number[] = []): Promise<number> {
  const id = await tagId(db, type, name);
  await db.transaction().execute(async (trx) => {
    await makeCanonical(trx, id);
    for (const parent of parents) await addParent(trx, parent, id);
  });
  return id;
}

export async function synonymTag(db: Db, type: FreeTagType, name: string, canonicalId: number): Promise<number> {
  const id = await tagId(db, type, name);
  await db.transaction().execute((trx) => makeSynonym(trx, id, canonicalId));
  return id;
}

export async function unwrangleableTag(db: Db, type: FreeTagType, name: string): Promise<number> {
  const id = await tagId(db, type, name);
  await db.transaction().execute((trx) => markUnwrangleable(trx, id, true));
  return id;
}

/** A member with the given roles, and a client logged in as them. */
export async function loggedInWith(t: { app: FastifyInstance; db: Db }, roles: Role[]): Promise<{ user: BuiltUser; client: TestClient }> {
  const user = await buildUser(t.db, { roles });
  const client = new TestClient(t.app);
  await logInThroughForm(client, user.username);
  return { user, client };
}

/** Makes `metaId` a meta-tag of `subId` (both canonical, one type) through the graph service. */
export async function metaTagLink(db: Db, metaId: number, subId: number): Promise<void> {
  await db.transaction().execute((trx) => addMetaTag(trx, metaId, subId));
}
