/**
 * One definition of behaviour: the same msw handler lists answer in-process through msw's
 * setupServer (no sockets — the origins below do not even resolve) exactly as they answer over
 * loopback HTTP in the other suites: OAuth check endpoints, MCP tools via the SDK client, the
 * admin API, knobs and the recording.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyFor } from '../../fixtures/vendors/index.ts';
import { createServer } from 'node:net';
import { createMockUpstreams, startMockUpstreams } from '../../mock-upstreams/index.ts';
import { adminClient } from './support/adminClient.ts';
import { TEST_ADMIN_SECRET, TEST_REDIRECT_URI } from './support/harness.ts';
import { authorizationFor, callOk, connectMcp } from './support/mcpSession.ts';
import { completeFlow } from './support/vendorOAuth.ts';

const upstreams = createMockUpstreams({
  adminSecret: TEST_ADMIN_SECRET,
  baseUrls: { atlassian: 'http://atlassian.mock.invalid', github: 'http://github.mock.invalid', slack: 'http://slack.mock.invalid' },
});
const server = setupServer(...upstreams.handlers);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => upstreams.reset());
afterAll(() => server.close());

describe('mock upstreams in-process (msw setupServer)', () => {
  it('serves the MCP tools to an SDK client without any socket', async () => {
    const github = upstreams.vendors.github;
    expect(github.mcpUrl).toBe('http://github.mock.invalid/mcp');
    const client = await connectMcp(github.mcpUrl, authorizationFor(apiKeyFor(upstreams.fixtures.github, 'valid')));
    const repos = await callOk<{ full_name: string }[]>(client, 'list_repositories', { owner: 'acme-corp' });
    expect(repos.map((r) => r.full_name)).toContain('acme-corp/gateway-service');
    await client.close();
    expect(github.control.recording({ tool: 'list_repositories' })).toHaveLength(1);
  });

  it('runs the vendor OAuth flow and the API-key check', async () => {
    const slack = upstreams.vendors.slack;
    const tokens = await completeFlow(slack, upstreams.fixtures.slack.accounts[0]!, TEST_REDIRECT_URI);
    expect(tokens.accessToken).toMatch(/^xoxe\.xoxp-1-/);
    const check = await fetch(slack.apiKey.validationUrl, { method: 'POST', headers: { authorization: authorizationFor(apiKeyFor(upstreams.fixtures.slack, 'revoked')) } });
    expect(await check.json()).toEqual({ ok: false, error: 'token_revoked' });
  });

  it('answers the admin API and applies its knobs', async () => {
    const atlassian = upstreams.vendors.atlassian;
    expect((await adminClient(atlassian, TEST_ADMIN_SECRET).setFaults({ mcpDown: true })).status).toBe(200);
    await expect(connectMcp(atlassian.mcpUrl, authorizationFor(apiKeyFor(upstreams.fixtures.atlassian, 'valid')))).rejects.toMatchObject({ code: 503 });
    expect((await adminClient(atlassian, TEST_ADMIN_SECRET).reset()).status).toBe(204);
    const client = await connectMcp(atlassian.mcpUrl, authorizationFor(apiKeyFor(upstreams.fixtures.atlassian, 'valid')));
    expect((await callOk<{ key: string }>(client, 'jira_get_issue', { issueKey: 'ENG-2' })).key).toBe('ENG-2');
    await client.close();
  });

  it('leaves other origins alone: an unknown path on a vendor origin is that vendor’s 404', async () => {
    const response = await fetch('http://github.mock.invalid/nowhere');
    expect(response.status).toBe(404);
    expect(upstreams.vendors.github.control.recording({ path: '/nowhere' })).toEqual([expect.objectContaining({ status: 404 })]);
  });
});

describe('configuration errors are clear', () => {
  it('refuses a relative base URL, a short admin secret and a bad seed', () => {
    const baseUrls = { atlassian: 'http://a.invalid', github: 'http://g.invalid', slack: 'http://s.invalid' };
    expect(() => createMockUpstreams({ baseUrls: { ...baseUrls, github: '/github' } })).toThrow('baseUrls.github must be an absolute URL');
    expect(() => createMockUpstreams({ baseUrls, adminSecret: 'short' })).toThrow('adminSecret must be at least 16 characters');
    expect(() => createMockUpstreams({ baseUrls, seed: 1.5 })).toThrow('seed must be an integer');
    expect(() => createMockUpstreams({ baseUrls, redirectUris: { slack: ['not a url'] } })).toThrow('redirectUris.slack contains an invalid URL');
  });

  it('startMockUpstreams refuses a bad port before listening, and reports a taken port', async () => {
    await expect(startMockUpstreams({ ports: { slack: 70_000 } })).rejects.toThrow('ports.slack must be 0–65535, got 70000');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startMockUpstreams({ ports: { github: port } })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });
});
