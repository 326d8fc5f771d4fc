/**
 * The README's first command, serving part (`npm start -- --no-demo`; the demo run is in
 * tests/e2e/cli.spec.ts): it brings the mock clients, the three mock upstreams and the gateway up on the
 * embedded store and prints the MCP server URL, the User Portal, a demo account that can actually
 * sign in, each mock vendor's base URL, and the demo user's sign-in and API key at each vendor —
 * which work there; the gateway's log lines go to the file it names, not to the screen. Without
 * the Chromium the demo needs (and not root, so it cannot install it) it stops before anything
 * starts, with one line saying what to do (issue 11).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VENDOR_IDS } from '../../fixtures/vendors/index.ts';
import { createMockUpstreams } from '../../mock-upstreams/index.ts';
import { ChromiumMissing, DEBIAN_CHROMIUM, ensureChromium, type ChromiumSetup } from '../../scenarios/runner/chromiumSetup.ts';
import { walkConsent } from '../mock-upstreams/support/browserlessConsent.ts';
import { authorizationUrl } from '../mock-upstreams/support/vendorOAuth.ts';
import { CookieJar } from '../support/oauthDriver.ts';

/** One JSON object per line is what the gateway's logger writes; the start screen has none. */
const JSON_LINE = /^\s*\{".*\}\s*$/m;

/** `npm start -- --no-demo` on free ports with its own data directory and log file, until stopped. */
async function startServing(): Promise<{ readonly output: string; readonly logFile: string; stop(): void }> {
  const root = mkdtempSync(join(tmpdir(), 'gangway-start-'));
  const logFile = join(root, 'logs', 'gateway.log');
  const child = spawn('npm', ['start', '--silent', '--', '--no-demo', '--log-file', logFile], {
    env: {
      ...process.env,
      GANGWAY_PORT: '0',
      GANGWAY_DATA_DIR: join(root, 'data'),
      GANGWAY_VAULT_KEY_FILE: join(root, 'vault.key'),
      GANGWAY_LOG_LEVEL: 'info', // the gateway logs every sign-in at info: none of it may reach the screen
      MOCK_UPSTREAMS_ATLASSIAN_PORT: '0',
      MOCK_UPSTREAMS_GITHUB_PORT: '0',
      MOCK_UPSTREAMS_SLACK_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so the whole npm → tsx → node chain can be stopped together.
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  };
  // Not expect.poll: this runs in beforeAll.
  for (const deadline = Date.now() + 60_000; !/Press Ctrl\+C to stop/.test(output); await new Promise((r) => setTimeout(r, 100))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`npm start -- --no-demo did not come up (exit ${child.exitCode}):\n${output}`);
    }
  }
  return {
    get output() {
      return output;
    },
    logFile,
    stop,
  };
}

describe('npm start', () => {
  let started: Awaited<ReturnType<typeof startServing>>;
  beforeAll(async () => {
    started = await startServing();
  }, 90_000);
  afterAll(() => started?.stop());

  it('prints the MCP server URL, the User Portal URL and a demo account that signs in', async () => {
    const { output } = started;
    expect(output).toContain('Open https://chatgpt.com/ (the ChatGPT look-alike) and follow the steps');
    expect(output).not.toContain('Demo:');

    const mcpUrl = /MCP server URL\s*:\s*(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(output)?.[1];
    const portalUrl = /User Portal\s*:\s*(\S+)/.exec(output)?.[1];
    const [, email, password] = /Demo account\s*:\s*(\S+) \/ (\S+)/.exec(output) ?? [];
    expect(mcpUrl).toBeDefined();
    expect(portalUrl).toBe(mcpUrl!.replace(/\/mcp$/, '/portal'));

    expect((await fetch(mcpUrl!, { method: 'POST' })).status).toBe(401);
    for (const vendor of ['Atlassian', 'GitHub', 'Slack']) {
      const base = new RegExp(`${vendor}\\s+(http://127\\.0\\.0\\.1:\\d+)`).exec(output)?.[1];
      expect(base, vendor).toBeDefined();
      expect((await fetch(`${base}/mcp`, { method: 'POST' })).status, vendor).toBeLessThan(500);
    }
    const jar = new CookieJar();
    const form = await (await jar.fetch(`${portalUrl}/sign-in`)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)![1]!;
    const signedIn = await jar.fetch(`${portalUrl}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, email: email!, password: password! }).toString(),
    });
    expect(signedIn.status).toBe(303);
    expect(await (await jar.fetch(portalUrl!)).text()).toContain(mcpUrl!);
  });

  it("keeps the gateway's log lines off the screen, in the log file it names", async () => {
    const { output, logFile } = started;
    expect(output).toContain(`Gateway log    : ${logFile}`);
    expect(output).not.toMatch(JSON_LINE);
    await expect.poll(() => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '')).toContain('"event":"gateway.started"');
  });

  it("prints the demo user's sign-in and a valid API key at each vendor, taken from the running mocks", async () => {
    const { output } = started;
    const demoEmail = /Demo account\s*:\s*(\S+) \//.exec(output)?.[1];
    const baseUrl = (name: string) => new RegExp(`^    ${name}\\s+(http://127\\.0\\.0\\.1:\\d+)`, 'm').exec(output)?.[1] ?? '';
    // The vendors' metadata (client ids, paths) for the printed origins; the requests go to the running mocks.
    const printed = createMockUpstreams({ baseUrls: { atlassian: baseUrl('Atlassian'), github: baseUrl('GitHub'), slack: baseUrl('Slack') } });
    for (const id of VENDOR_IDS) {
      const vendor = printed.vendors[id];
      const match = new RegExp(`^    ${vendor.displayName}\\s+sign in: (\\S+) / (\\S+)\\n\\s+[^:\\n]+: (\\S+)$`, 'm').exec(output);
      expect(match, `${id} credentials on the start screen:\n${output}`).not.toBeNull();
      const [, email, password, key] = match!;
      expect(email, id).toBe(demoEmail);

      const callback = await walkConsent(authorizationUrl(vendor, { redirectUri: 'http://127.0.0.1:9/callback', state: 'start' }), { email: email!, password: password! }, 'allow');
      expect(callback.searchParams.get('code'), `${id} sign-in`).toBeTruthy();

      const { apiKey } = vendor;
      const authorization = apiKey.scheme === 'basic-email-token' ? `Basic ${Buffer.from(`${email}:${key}`).toString('base64')}` : `Bearer ${key}`;
      const check = await fetch(apiKey.validationUrl, { method: apiKey.validationMethod, headers: { authorization } });
      expect(check.status, `${id} key`).toBe(200);
      expect(((await check.json()) as { ok?: boolean }).ok, `${id} key`).not.toBe(false);
    }
  });
});

describe('npm start without Chromium', () => {
  const run = (command: string, args: string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(command, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      });
    });

  it('stops before anything starts, with a one-line instruction and a non-zero status', { timeout: 60_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'gangway-nochromium-'));
    const dataDir = join(root, 'data');
    const logFile = join(root, 'logs', 'gateway.log');
    // A CHROMIUM_PATH that names nothing: installing Debian's package would not help, so even as root it is one line.
    const { status, stdout, stderr } = await run('npm', ['start', '--silent', '--', '--once', '--log-file', logFile], {
      CHROMIUM_PATH: join(root, 'no-chromium'),
      GANGWAY_PORT: '0',
      GANGWAY_DATA_DIR: dataDir,
      GANGWAY_VAULT_KEY_FILE: join(root, 'vault.key'),
      MOCK_UPSTREAMS_ATLASSIAN_PORT: '0',
      MOCK_UPSTREAMS_GITHUB_PORT: '0',
      MOCK_UPSTREAMS_SLACK_PORT: '0',
    });
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      `gangway: Chromium not found: CHROMIUM_PATH=${join(root, 'no-chromium')} is not an executable file; point it at a Chromium binary, or unset it to use Debian's (sudo apt-get install -y chromium), then run npm start again.`,
    ]);
    // Nothing started: no store, no vault key, no log file.
    expect(existsSync(dataDir)).toBe(false);
    expect(existsSync(join(root, 'vault.key'))).toBe(false);
    expect(existsSync(logFile)).toBe(false);
  });

  it('npm test stops the same way (one implementation: scenarios/runner/chromiumSetup.ts)', async () => {
    const { status, stderr } = await run(process.execPath, ['tests/support/ensureChromium.mjs'], { CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(status).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      "Chromium not found: CHROMIUM_PATH=/nonexistent/chromium is not an executable file; point it at a Chromium binary, or unset it to use Debian's (sudo apt-get install -y chromium), then run npm test again.",
    ]);
  });
});

describe('Chromium set-up before the demo (ensureChromium)', () => {
  const setup = (over: Partial<ChromiumSetup>) => {
    const calls: string[] = [];
    const value: ChromiumSetup = {
      path: DEBIAN_CHROMIUM,
      isRoot: false,
      rerun: 'npm start',
      install: () => calls.push('install'),
      say: (line) => calls.push(`say: ${line}`),
      ...over,
    };
    return { value, calls };
  };

  it('uses a Chromium that is there without installing anything', () => {
    const { value, calls } = setup({ isRoot: true });
    expect(ensureChromium(value, () => true)).toBe(DEBIAN_CHROMIUM);
    expect(calls).toEqual([]);
  });

  it('not root and missing: a one-line instruction, nothing installed', () => {
    const { value, calls } = setup({ isRoot: false });
    expect(() => ensureChromium(value, () => false)).toThrow(ChromiumMissing);
    expect(() => ensureChromium(value, () => false)).toThrow(
      'Chromium not found at /usr/bin/chromium: install it with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary), then run npm start again.',
    );
    expect(calls).toEqual([]);
  });

  it("root and missing: installs Debian's chromium, says so once, then uses it", () => {
    let installed = false;
    const { value, calls } = setup({ isRoot: true, install: () => (installed = true) });
    expect(ensureChromium(value, () => installed)).toBe(DEBIAN_CHROMIUM);
    expect(installed).toBe(true);
    expect(calls).toEqual(["say: Chromium not found at /usr/bin/chromium: installing Debian's chromium package (about a minute)…"]);
  });

  it('root, and the install does not produce it (or fails): one line, no crash', () => {
    expect(() => ensureChromium(setup({ isRoot: true }).value, () => false)).toThrow(/still missing at \/usr\/bin\/chromium after apt-get install chromium/);
    const failing = setup({
      isRoot: true,
      install: () => {
        throw new Error('Command failed: apt-get update -qq\nE: network unreachable');
      },
    });
    expect(() => ensureChromium(failing.value, () => false)).toThrow('Installing Chromium failed (apt-get: Command failed: apt-get update -qq); install it with `apt-get install -y chromium` and run npm start again.');
  });

  it('root with CHROMIUM_PATH elsewhere: never installs (the harness would still launch that path)', () => {
    const { value, calls } = setup({ isRoot: true, path: '/opt/chromium/chrome' });
    expect(() => ensureChromium(value, () => false)).toThrow(/CHROMIUM_PATH=\/opt\/chromium\/chrome is not an executable file/);
    expect(calls).toEqual([]);
  });
});
