/**
 * An independent client: the official MCP Inspector's CLI lists and calls the gateway's tools
 * with a token obtained through the gateway's OAuth flow.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

const run = promisify(execFile);
let gw: TestGateway;
let token: string;
beforeAll(async () => {
  gw = await startTestGateway();
  token = String((await connectClient(gw.current.url, gw.current.mcpUrl, gw.current.app.directory[0]!, { redirectUri: 'http://localhost:6274/oauth/callback', clientName: 'MCP Inspector' })).tokens.access_token);
});
afterAll(async () => gw?.stop());

const inspector = (...args: string[]) =>
  run('node_modules/.bin/mcp-inspector', ['--cli', gw.current.mcpUrl, '--transport', 'http', ...args], { timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });

describe('MCP Inspector CLI', () => {
  it(`${cite('CLIENT-INSPECTOR-01', 'TRANSPORT-01')} lists the tools with the gateway's token`, async () => {
    const { stdout } = await inspector('--method', 'tools/list', '--header', `Authorization: Bearer ${token}`);
    const listed = JSON.parse(stdout) as { tools: { name: string }[] };
    expect(listed.tools.map((t) => t.name)).toEqual(['whoami']);
  });

  it(`${cite('CLIENT-INSPECTOR-01')} calls whoami and sees the signed-in user`, async () => {
    const { stdout } = await inspector('--method', 'tools/call', '--tool-name', 'whoami', '--header', `Authorization: Bearer ${token}`);
    expect(stdout).toContain(gw.current.app.directory[0]!.email);
  });

  it(`${cite('AUTH-02')} is told authorization is required (its exit code 3, auth_required) without a token`, async () => {
    const error = await inspector('--method', 'tools/list').then(() => undefined, (e: { code?: number; stderr?: string; stdout?: string }) => e);
    expect(error?.code).toBe(3);
    expect(`${error?.stdout}${error?.stderr}`).toContain('auth_required');
  });
});
