import { hash, verify, type Options } from '@node-rs/argon2';

// Algorithm is an ambient const enum, which isolated modules can't read: 2 is Argon2id.
// Cost parameters follow OWASP's argon2id baseline (19 MiB, 2 passes).
const options: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when no account matches keeps log-in timing from revealing which usernames exist.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('quire-timing-equaliser');
  return dummyHash;
}
