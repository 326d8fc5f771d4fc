/**
 * Loads the demo directory (fixtures/directory.ts) into the store at start-up. Idempotent: a user
 * whose stored hash already matches the fixture password is left alone, so restarts are cheap and
 * a changed fixture is picked up.
 */
import { directoryUsers, type DirectoryFixtureUser } from '../../fixtures/directory.ts';
import type { DirectoryStore } from '../store/store.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export async function seedDirectory(store: DirectoryStore, seed: number): Promise<DirectoryFixtureUser[]> {
  const users = directoryUsers(seed);
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
