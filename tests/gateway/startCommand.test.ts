/**
 * The README's first command, serving part (`npm start -- --no-demo`; the demo run is in
 * tests/e2e/cli.spec.ts): it brings the mock clients, the three mock upstreams and the gateway up on the
 * embedded store and prints the MCP server URL, the User Portal, a demo account that can actually
 * sign in, and each mock vendor's base URL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CookieJar } from '../support/oauthDriver.ts';

describe('npm start', () => {
  it('prints the MCP server URL, the User Portal URL and a demo account that signs in', { timeout: 90_000 }, async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'gangway-start-')), 'data');
    const child = spawn('npm', ['start', '--silent', '--', '--no-demo'], {
      env: {
        ...process.env,
        GANGWAY_PORT: '0',
        GANGWAY_DATA_DIR: dataDir,
        GANGWAY_VAULT_KEY_FILE: join(dataDir, '..', 'vault.key'),
        GANGWAY_LOG_LEVEL: 'warn',
        MOCK_UPSTREAMS_ATLASSIAN_PORT: '0',
        MOCK_UPSTREAMS_GITHUB_PORT: '0',
        MOCK_UPSTREAMS_SLACK_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the whole npm → tsx → node chain can be stopped together.
      detached: true,
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await expect.poll(() => output, { timeout: 60_000 }).toMatch(/Press Ctrl\+C to stop/);
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
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    }
  });
});
