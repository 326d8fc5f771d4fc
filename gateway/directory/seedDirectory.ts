/**
 * Loads the directory users the gateway was given (startGateway's `directory` input — stack/ passes
 * the demo directory of fixtures/directory.ts) into the store at start-up. Idempotent: a user whose
 * stored hash already matches the given password is left alone, so restarts are cheap and a changed
 * user is picked up.
 */
import type { DirectoryStore } from '../store/store.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** A person who may sign in, as the composition root describes them. */
export interface DirectoryUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly department: string;
  /** The initial password in plain text (demo directories print it); the store keeps only a scrypt hash. */
  readonly password: string;
}

export async function seedDirectory(store: DirectoryStore, users: readonly DirectoryUser[]): Promise<readonly DirectoryUser[]> {
  for (const user of users) {
    const existing = await store.findById(user.id);
    const unchanged =
      existing &&
      existing.email === user.email &&
      existing.name === user.name &&
      existing.department === user.department &&
      (await verifyPassword(user.password, existing.passwordHash));
    if (unchanged) continue;
    await store.upsertUser({
      id: user.id,
      email: user.email,
      name: user.name,
      department: user.department,
      passwordHash: await hashPassword(user.password),
    });
  }
  return users;
}
