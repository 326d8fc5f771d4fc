/**
 * Seeded vendor fixtures: same seed → byte-identical data in two separate processes; another seed
 * → other data; every vendor has the keys scenarios rely on, in the vendor's format.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { apiKeyFor, DEFAULT_VENDOR_SEED, VENDOR_IDS, vendorFixtures } from '../../fixtures/vendors/index.ts';
import { directoryUsers } from '../../fixtures/directory.ts';

const run = promisify(execFile);

/** Generates the fixtures in a fresh Node process and returns the JSON text it printed. */
async function fixturesFromAnotherProcess(seed: number): Promise<string> {
  const script = `const m = await import(${JSON.stringify(new URL('../../fixtures/vendors/index.ts', import.meta.url).href)}); process.stdout.write(JSON.stringify(m.vendorFixtures(${seed})));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('vendor fixtures are deterministic', () => {
  it('the same seed gives byte-identical fixture data in two separate runs', async () => {
    const [first, second] = await Promise.all([fixturesFromAnotherProcess(DEFAULT_VENDOR_SEED), fixturesFromAnotherProcess(DEFAULT_VENDOR_SEED)]);
    expect(first.length).toBeGreaterThan(10_000);
    expect(sha256(second)).toBe(sha256(first));
    // …and in this process too.
    expect(JSON.stringify(vendorFixtures(DEFAULT_VENDOR_SEED))).toBe(first);
  });

  it('another seed gives other data (the seed is really used)', async () => {
    const other = await fixturesFromAnotherProcess(DEFAULT_VENDOR_SEED + 1);
    expect(sha256(other)).not.toBe(sha256(JSON.stringify(vendorFixtures(DEFAULT_VENDOR_SEED))));
  });
});

describe('vendor fixture contents', () => {
  const fixtures = vendorFixtures();

  it('vendor accounts belong to the first directory users, with their own vendor passwords', () => {
    const people = directoryUsers(DEFAULT_VENDOR_SEED, 3);
    for (const id of VENDOR_IDS) {
      expect(fixtures[id].accounts.map((a) => a.email)).toEqual(people.map((p) => p.email));
      fixtures[id].accounts.forEach((account, index) => expect(account.password).not.toBe(people[index]!.password));
    }
  });

  it('every vendor seeds a valid key per account, one revoked key and one key lacking a scope', () => {
    for (const id of VENDOR_IDS) {
      const fixture = fixtures[id];
      fixture.accounts.forEach((account, index) => expect(apiKeyFor(fixture, 'valid', index).accountId).toBe(account.id));
      expect(fixture.apiKeys.filter((k) => k.purpose === 'revoked')).toHaveLength(1);
      const limited = apiKeyFor(fixture, 'missing-scope');
      const full = apiKeyFor(fixture, 'valid', 0);
      expect(full.scopes.filter((s) => !limited.scopes.includes(s)).length).toBeGreaterThan(0);
    }
  });

  it('keys have the vendor formats', () => {
    for (const key of fixtures.atlassian.apiKeys) {
      expect(key.secret).toMatch(/^ATATT3xFfGF0[\w-]{180}=[0-9A-F]{8}$/);
      expect(key.username).toMatch(/@acme\.example$/);
    }
    for (const key of fixtures.github.apiKeys) {
      expect(key.secret).toMatch(key.kind === 'classic-pat' ? /^ghp_[A-Za-z0-9]{36}$/ : /^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/);
    }
    expect(fixtures.github.apiKeys.map((k) => k.kind)).toContain('fine-grained-pat');
    for (const key of fixtures.slack.apiKeys) expect(key.secret).toMatch(key.kind === 'bot-token' ? /^xoxb-\d+-\d+-\w+$/ : /^xoxp-\d+-\d+-\d+-[0-9a-f]{32}$/);
    expect(fixtures.slack.apiKeys.map((k) => k.kind)).toContain('bot-token');
  });
});
