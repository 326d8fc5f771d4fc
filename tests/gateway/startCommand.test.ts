/**
 * The README's first command: `npm start` brings the gateway up on the embedded store and prints
 * the MCP server URL, the User Portal and a demo account that can actually sign in.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CookieJar } from '../support/oauthDriver.ts';

describe('npm start', () => {
  it('prints the MCP server URL, the User Portal URL and a demo account that signs in', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gangway-start-'));
    const child = spawn('npm', ['start', '--silent'], {
      env: { ...process.env, GANGWAY_PORT: '0', GANGWAY_DATA_DIR: dataDir, GANGWAY_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the whole npm → tsx → node chain can be stopped together.
      detached: true,
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await expect.poll(() => output, { timeout: 30_000 }).toMatch(/Demo account\s*:/);

      const mcpUrl = /MCP server URL\s*:\s*(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(output)?.[1];
      const portalUrl = /User Portal\s*:\s*(\S+)/.exec(output)?.[1];
      const [, email, password] = /Demo account\s*:\s*(\S+) \/ (\S+)/.exec(output) ?? [];
      expect(mcpUrl).toBeDefined();
      expect(portalUrl).toBe(mcpUrl!.replace(/\/mcp$/, '/portal'));

      expect((await fetch(mcpUrl!, { method: 'POST' })).status).toBe(401);
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
