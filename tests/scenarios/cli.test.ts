/**
 * The `gangway` command and `npm start` refuse bad arguments with a message and exit status 2,
 * before starting anything (no browser, no port taken).
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface Exit {
  status: number | null;
  stdout: string;
  stderr: string;
}

// Asynchronous so the cases (each a Node process loading TypeScript) run side by side.
function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { encoding: 'utf8', timeout: 60_000, env }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}
const gangway = (...args: string[]) => run(['scenarios/cli/gangway.mjs', ...args]);
const start = (...args: string[]) => run(['--import', 'tsx', 'scenarios/cli/start.ts', ...args]);

describe.concurrent('gangway CLI', () => {
  it('lists every scenario of the catalogue', async () => {
    const result = await gangway('list');
    expect(result.status).toBe(0);
    const ids = result.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]);
    expect(ids).toContain('happy-chatgpt-github-api-key');
    expect(ids).toContain('defect-no-resource-metadata');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    [[], 'missing command'],
    [['frobnicate'], 'unknown command frobnicate'],
    [['run', '--client', 'copilot'], '--client must be one of chatgpt, claude, inspector'],
    [['run', '--target', 'not a url'], '--target must be an MCP server URL'],
    [['run', 'no-such-scenario'], 'no scenario matches no-such-scenario'],
    [['run', '--trace', 'sometimes'], '--trace must be always or unexpected'],
    [['run', '--report'], '--report needs a value'],
    [['run', '--verbose'], 'unknown option --verbose'],
    [['validate-connector'], 'validate-connector needs exactly one manifest file'],
    [['validate-connector', 'fixtures/connector-manifests/github.json', '--method', 'fax'], '--method must be api_key, oauth, none (comma-separated), not fax'],
    [['validate-connector', 'fixtures/connector-manifests/server-everything.json', '--method', 'oauth'], 'offers no oauth connect method (its manifest offers none)'],
  ])('gangway %j exits 2 with "%s" on one line', async (args, message) => {
    const result = await gangway(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('prints its usage on --help', async () => {
    const result = await gangway('run', '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--target MCP_URL');
  });
});

describe.concurrent('npm start', () => {
  it.each([
    [['--frobnicate'], 'unknown option --frobnicate'],
    [['--once', '--no-demo'], '--once runs the demo'],
  ])('%j exits 2 with "%s"', async (args, message) => {
    const result = await start(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('refuses a bad gateway setting before taking a port', async () => {
    const result = await run(['--import', 'tsx', 'scenarios/cli/start.ts', '--no-demo'], { ...process.env, GANGWAY_PORT: 'eighty' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('GANGWAY_PORT');
  });
});
