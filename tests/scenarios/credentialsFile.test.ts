/**
 * `gangway run --credentials FILE`: the file is validated before anything starts (a bad field is one
 * line naming it, exit 2), its secrets are handed to the redactor, a seed scenario's tool id finds the
 * tool named so, and the example file under fixtures/ is the reference seed's demo account (so it
 * cannot go stale).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directoryUsers } from '../../fixtures/directory.ts';
import { apiKeyFor, vendorFixtures } from '../../fixtures/vendors/index.ts';
import { credentialsFromFile, CredentialsFileError, loadCredentialsFile, parseCredentialsFile } from '../../scenarios/credentials/credentialsFile.ts';
import { createRedactor } from '../../scenarios/reports/redaction.ts';

const FIXTURE = 'fixtures/credentials/reference-demo.json';
const SEED = 20261124;
const good = { person: { username: 'ada@example.test', password: 'correct-horse' }, tools: [{ name: 'GitHub', apiKey: 'ghp_0123456789abcdef' }] };

function errorOf(value: unknown): string {
  try {
    parseCredentialsFile(JSON.stringify(value), 'creds.json');
  } catch (error) {
    expect(error).toBeInstanceOf(CredentialsFileError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('credentials file', () => {
  it('names the bad field in one line', () => {
    expect(errorOf({ ...good, person: { username: 'ada' } })).toMatch(/^creds\.json: person\.password: /);
    expect(errorOf({ ...good, person: { password: 'correct-horse' } })).toBe('creds.json: person.username: needs a username (or email)');
    expect(errorOf({ ...good, tools: [good.tools[0], { name: 'Slack' }] })).toBe('creds.json: tools[1].apiKey: needs exactly one of apiKey or oauth');
    expect(errorOf({ ...good, tools: [{ name: 'Slack', apiKey: 'xoxp-0123456789', oauth: { username: 'ada', password: 'correct-horse' } }] })).toMatch(/^creds\.json: tools\[0\]\.apiKey: needs exactly one/);
    expect(errorOf({ ...good, tools: [{ name: 'Slack', oauth: { username: 'ada', password: 'short' } }] })).toMatch(/^creds\.json: tools\[0\]\.oauth\.password: must be at least 6 characters/);
    expect(errorOf({ ...good, call: { arguments: {} } })).toMatch(/^creds\.json: call\.tool: /);
    expect(errorOf({ ...good, pasword: 'typo' })).toMatch(/^creds\.json: \(top level\): .*pasword/);
    expect(() => parseCredentialsFile('{ "person": ', 'creds.json')).toThrow(/^creds\.json: not JSON/);
    expect(() => loadCredentialsFile('/nonexistent/creds.json')).toThrow('/nonexistent/creds.json: cannot read the credentials file (ENOENT)');
  });

  it('gives the runner the person, each tool by name, the call and every secret for the redactor', () => {
    const credentials = credentialsFromFile(
      parseCredentialsFile(
        JSON.stringify({
          person: { email: 'ada@example.test', password: 'correct-horse' },
          tools: [
            { name: 'GitHub', apiKey: 'ghp_0123456789abcdef', account: 'ada' },
            { name: 'Slack', oauth: { username: 'ada@slack.test', password: 'battery-staple' } },
          ],
          call: { tool: 'slack__list_channels' },
        }),
        'creds.json',
      ),
    );
    expect(credentials.person).toEqual({ email: 'ada@example.test', password: 'correct-horse' });
    expect(credentials.apiKey('github')).toEqual({ key: 'ghp_0123456789abcdef', username: 'ada' });
    expect(credentials.vendorAccount('slack')).toEqual({ email: 'ada@slack.test', password: 'battery-staple' });
    expect(() => credentials.apiKey('slack')).toThrow(/vendor sign-in, not an API key/);
    expect(() => credentials.apiKey('atlassian')).toThrow('the credentials file has no tool named "atlassian"');
    expect(credentials.tools?.map((tool) => [tool.name, tool.method])).toEqual([['GitHub', 'api_key'], ['Slack', 'oauth']]);
    expect(credentials.call).toEqual({ tool: 'slack__list_channels', arguments: {} });
    const redact = createRedactor(credentials.secrets);
    expect(redact('pw=correct-horse key=ghp_0123456789abcdef vendor=battery-staple')).not.toMatch(/correct-horse|ghp_0123|battery-staple/);
  });

  it('the example file is the reference seed demo account', () => {
    const credentials = credentialsFromFile(loadCredentialsFile(FIXTURE));
    const fixtures = vendorFixtures(SEED);
    const person = directoryUsers(SEED)[0]!;
    expect(credentials.person).toEqual({ email: person.email, password: person.password });
    expect(credentials.apiKey('github').key).toBe(apiKeyFor(fixtures.github, 'valid', 0).secret);
    const slack = fixtures.slack.accounts[0]!;
    expect(credentials.vendorAccount('slack')).toEqual({ email: slack.email, password: slack.password });
  });

  it('gangway run refuses a bad file with exit 2 before starting anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gangway-creds-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...good, tools: [{ name: 'GitHub', apiKey: 'abc' }] }));
    const result = await new Promise<{ status: number | null; stderr: string; stdout: string }>((resolve) =>
      execFile(process.execPath, ['scenarios/cli/gangway.mjs', 'run', '--credentials', file], { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
      ),
    );
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([`gangway: ${file}: tools[0].apiKey: must be at least 6 characters (shorter secrets cannot be redacted from reports) (gangway --help shows the usage)`]);
  });
});
