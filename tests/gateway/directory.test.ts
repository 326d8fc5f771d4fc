/** The demo directory is generated from a fixed seed: the same people and passwords on every run. */
import { describe, expect, it } from 'vitest';
import { directoryUsers } from '../../fixtures/directory.ts';
import { hashPassword, verifyPassword } from '../../gateway/directory/passwords.ts';

describe('Demo directory fixtures', () => {
  it('are byte-identical for the same seed and differ for another', () => {
    expect(JSON.stringify(directoryUsers(20261124))).toBe(JSON.stringify(directoryUsers(20261124)));
    expect(JSON.stringify(directoryUsers(1))).not.toBe(JSON.stringify(directoryUsers(20261124)));
    const users = directoryUsers(20261124);
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    for (const user of users) expect(user.email).toMatch(/^[a-z.]+@acme\.example$/);
  });

  it('hashes passwords with a per-user salt and verifies them', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('wrong', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});
