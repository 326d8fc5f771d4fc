/**
 * `gangway validate-connector` on connectors no one here wrote a line for (issue 6): the published
 * @modelcontextprotocol/server-everything in Streamable HTTP mode (a public server: `auth.none`,
 * no sign-in), and each mock upstream, all through manifests only — plus the broken connector that
 * only a browser run can show (a vendor app that issues no refresh token). The cheaper broken cases
 * fail before the browser: tests/scenarios/connectorManifest.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startMockUpstreams, type RunningMockUpstreams } from '../../mock-upstreams/index.ts';
import { loadManifestFile } from '../../scenarios/connectors/loadManifest.ts';
import { CONNECT_METHOD_LABEL, type ConnectMethodName } from '../../scenarios/connectors/manifestSchema.ts';
import { validateConnector, type Validation } from '../../scenarios/connectors/validateConnector.ts';

const DIR = join(import.meta.dirname, '../../fixtures/connector-manifests');
const EVERYTHING_BIN = join(import.meta.dirname, '../../node_modules/@modelcontextprotocol/server-everything/dist/index.js');

const failed = (result: Validation) => result.runs.flatMap((run) => run.checks.filter((c) => c.status === 'FAILURE').map((c) => `${c.id}: ${c.details}`));

async function validate(file: string, env: NodeJS.ProcessEnv, methods?: ConnectMethodName[]): Promise<Validation> {
  const reportDir = mkdtempSync(join(tmpdir(), 'gangway-validate-'));
  return validateConnector(loadManifestFile(join(DIR, file), { ...process.env, ...env }), { client: 'chatgpt', reportDir, ...(methods ? { methods } : {}) });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// validate-connector keeps its own redacted trace of a failed run; Playwright Test's tracing would
// claim the same browser contexts first, cost time on every action, and keep the test keys unredacted.
test.use({ trace: 'off', screenshot: 'off' });

test.describe('validate-connector', () => {
  test.describe.configure({ timeout: 240_000 });

  test('server-everything (npm, Streamable HTTP, no auth) passes behind the gateway with no sign-in', { annotation: [{ type: 'requirement', description: 'UP-06' }, { type: 'requirement', description: 'AUTH-09' }, { type: 'requirement', description: 'UP-05' }] }, async () => {
    const port = await freePort();
    const everything: ChildProcess = spawn(process.execPath, [EVERYTHING_BIN, 'streamableHttp'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        everything.stderr!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
        everything.once('exit', (code) => reject(new Error(`server-everything exited with ${code}`)));
      });
      // The published server as it is: its manifest says auth.none, so the gateway reaches it with no credential.
      const result = await validate('server-everything.json', { EVERYTHING_MCP_URL: `http://127.0.0.1:${port}/mcp` });
      expect(failed(result)).toEqual([]);
      expect(result.runs.map((r) => r.scenario.id)).toEqual(['connector-everything-preflight', 'connector-everything-no-sign-in']);
      const checks = result.runs[1]!.checks;
      expect(checks.map((c) => `${c.id} ${c.status}`)).toEqual(
        expect.arrayContaining([
          'connect-none SUCCESS',
          'gateway-namespacing SUCCESS',
          'sample-call:get-sum SUCCESS',
          'client-token-not-forwarded SUCCESS',
          'upstream-outage SUCCESS',
          'refresh-after-expiry SKIPPED',
          'revocation-says-reconnect SKIPPED',
        ]),
      );
      expect(checks.find((c) => c.id === 'client-token-not-forwarded')!.details).toMatch(/none with any credential/);
      for (const id of ['refresh-after-expiry', 'revocation-says-reconnect']) expect(checks.find((c) => c.id === id)!.details).toMatch(/^no credential/);
    } finally {
      everything.kill();
    }
  });

  test.describe('the mock upstreams, by manifest only', () => {
    let mocks: RunningMockUpstreams;
    let env: NodeJS.ProcessEnv;
    test.beforeAll(async () => {
      mocks = await startMockUpstreams({});
      env = { ATLASSIAN_URL: mocks.vendors.atlassian.baseUrl, GITHUB_URL: mocks.vendors.github.baseUrl, SLACK_URL: mocks.vendors.slack.baseUrl };
    });
    test.afterAll(async () => mocks?.close());
    test.beforeEach(() => mocks.reset());

    // Browser time is the CI budget, so each browser run here proves something no other test does.
    // The harness's API-key run is the same for every vendor: GitHub's proves it (each vendor's key
    // check is a preflight test in tests/scenarios/connectorManifest.test.ts, and each vendor's API
    // key through the gateway is a happy path of tests/e2e/scenarios.spec.ts). OAuth runs for all
    // three: token dialects and refresh-token rotation differ per vendor, and the relay's expiry
    // must lead to a real refresh with each.
    const runs: [string, ConnectMethodName[]][] = [
      ['github.json', ['api_key', 'oauth']],
      ['atlassian.json', ['oauth']],
      ['slack.json', ['oauth']],
    ];
    for (const [file, methods] of runs) {
      test(`${file} passes by ${methods.map((m) => CONNECT_METHOD_LABEL[m].title).join(' and ')}`, { annotation: [{ type: 'requirement', description: 'UP-03' }, { type: 'requirement', description: 'UP-05' }] }, async () => {
        const result = await validate(file, env, methods);
        expect(failed(result)).toEqual([]);
        expect(result.runs.map((r) => r.scenario.id.replace(/^connector-\w+-/, ''))).toEqual(['preflight', ...methods.map((m) => CONNECT_METHOD_LABEL[m].slug)]);
        expect(result.runs.at(-1)!.checks.find((c) => c.id === 'refresh-after-expiry')?.status).toBe('SUCCESS');
      });
    }

    test('refresh unsupported: a vendor app that issues no refresh token fails UP-03, saying why', { annotation: { type: 'requirement', description: 'UP-03' } }, async () => {
      const result = await validate('broken/refresh-unsupported.json', env);
      expect(result.ok).toBe(false);
      // The refresh failure comes first; the calls after it fail too, since the connection now needs reconnecting.
      expect(failed(result)[0]).toMatch(/^refresh-after-expiry: refresh unsupported: the call failed after the token expired/);
      expect(result.runs.map((r) => r.scenario.id)).toEqual(['connector-atlassian-preflight', 'connector-atlassian-oauth']);
    });
  });
});
