import type { PseudRows, UserRows } from './seed.repository.ts';
import type { Random } from './random.ts';
import { ADJECTIVES, FIRST_NAMES, LAST_NAMES, NOUNS } from './vocabulary.ts';

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * Members of a seeded archive: one per four works (the first ones write the most: the works
 * pick writers by Zipf), each with a default pseud named after them, and about one in eight
 * with one to three more pen names. Names carry the user's id, so an append never collides.
 */
export function planUsers(random: Random, count: number, firstUserId: number, firstPseudId: number): { users: UserRows; pseuds: PseudRows; pseudsOfUser: number[][] } {
  const users: UserRows = { id: [], username: [], email: [], createdAt: [] };
  const pseuds: PseudRows = { id: [], userId: [], name: [], isDefault: [], createdAt: [] };
  const pseudsOfUser: number[][] = [];
  let pseudId = firstPseudId;
  const start = Date.UTC(2011, 0, 1);
  for (let i = 0; i < count; i++) {
    const id = firstUserId + i;
    const username = `${random.pick(FIRST_NAMES)}${random.pick(LAST_NAMES)}${id}`;
    const createdAt = new Date(start + i * 3_600_000).toISOString();
    users.id.push(id);
    users.username.push(username);
    users.email.push(`${username.toLowerCase()}@seed.invalid`);
    users.createdAt.push(createdAt);
    const names = [username];
    for (let extra = random.chance(0.12) ? random.int(1, 3) : 0; extra > 0; extra--) {
      names.push(`${capitalize(random.pick(ADJECTIVES))}${capitalize(random.pick(NOUNS))}${extra}`);
    }
    const own: number[] = [];
    names.forEach((name, n) => {
      pseuds.id.push(pseudId);
      pseuds.userId.push(id);
      pseuds.name.push(name);
      pseuds.isDefault.push(n === 0);
      pseuds.createdAt.push(createdAt);
      own.push(pseudId++);
    });
    pseudsOfUser.push(own);
  }
  return { users, pseuds, pseudsOfUser };
}
