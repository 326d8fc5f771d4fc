/**
 * The recording: every request with method, path, credential kind and status — never a secret.
 * A busy session uses every seeded key, password and client secret and collects every code,
 * verifier and issued token; then the recording (in-process and over the admin API) and anything
 * the mocks printed are grepped for each of them. The same recording answers "refreshed exactly
 * once" and "this bearer value never arrived".
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiKeyFor, seededSecrets, VENDOR_IDS, type VendorId } from '../../fixtures/vendors/index.ts';
import { adminClient } from './support/adminClient.ts';
import { walkConsent } from './support/browserlessConsent.ts';
import { connectAs } from './support/connectAs.ts';
import { TEST_ADMIN_SECRET, TEST_REDIRECT_URI, useMockUpstreams } from './support/harness.ts';
import { authorizationFor, callTool, connectMcp } from './support/mcpSession.ts';
import { authorizationUrl, pkcePair, redeemCode, refreshWith, tokensOf } from './support/vendorOAuth.ts';

const mocks = useMockUpstreams();

/** Everything the mocks print while the session runs. */
const printed: string[] = [];
beforeEach(() => {
  printed.length = 0;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
  }
  const capture = (chunk: unknown) => {
    printed.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

async function checkEndpoint(vendor: VendorId, authorization: string): Promise<void> {
  const v = mocks.current.vendors[vendor];
  await (await fetch(v.apiKey.validationUrl, { method: v.apiKey.validationMethod, headers: { authorization } })).text();
}

/** Runs OAuth flows, refreshes, reuse, keys and tool calls on every vendor; returns the issued secrets. */
async function busySession(): Promise<string[]> {
  const issued: string[] = [];
  for (const vendor of VENDOR_IDS) {
    const v = mocks.current.vendors[vendor];
    const fixture = mocks.current.fixtures[vendor];
    for (const key of fixture.apiKeys) {
      await checkEndpoint(vendor, authorizationFor(key));
      const client = await connectMcp(v.mcpUrl, authorizationFor(key)).catch(() => undefined);
      await client?.close();
    }
    const { verifier, challenge } = pkcePair();
    const callback = await walkConsent(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 'rec', challenge }), fixture.accounts[1]!, 'allow');
    const code = callback.searchParams.get('code')!;
    const answer = await redeemCode(v, code, TEST_REDIRECT_URI, verifier);
    const first = tokensOf(v, answer);
    const client = await connectMcp(v.mcpUrl, `Bearer ${first.accessToken}`);
    await callTool(client, 'no_such_tool', {}).catch(() => undefined);
    await client.close();
    const second = tokensOf(v, await refreshWith(v, first.refreshToken!));
    await refreshWith(v, first.refreshToken!); // reuse → invalid_grant, still recorded
    issued.push(code, verifier, first.accessToken, first.refreshToken!, second.accessToken, second.refreshToken!);
    if (vendor === 'slack') issued.push(String(answer.body.access_token), String(answer.body.refresh_token));
  }
  return issued;
}

describe('the recording never contains a secret', () => {
  it('greps the recordings and the mocks’ output for every seeded secret and every issued token, code and verifier', async () => {
    const issued = await busySession();
    const seeded = seededSecrets(mocks.current.fixtures).map((s) => s.secret);
    const secrets = [...seeded, ...issued, TEST_ADMIN_SECRET];
    expect(secrets.length).toBeGreaterThanOrEqual(50);

    for (const vendor of VENDOR_IDS) {
      const admin = adminClient(mocks.current.vendors[vendor], TEST_ADMIN_SECRET);
      const overHttp = await fetch(`${mocks.current.vendors[vendor].adminUrl}/recording`, { headers: { 'x-mock-admin-secret': TEST_ADMIN_SECRET } });
      const dumps = [await overHttp.text(), JSON.stringify(mocks.current.vendors[vendor].control.recording())];
      expect(dumps[0]!.length).toBeGreaterThan(1000);
      for (const dump of dumps) {
        for (const secret of secrets) expect(dump.includes(secret), `a secret (${secret.slice(0, 4)}…) leaked into the ${vendor} recording`).toBe(false);
      }
      // The grep is meaningful: the seeded keys and issued tokens really reached this vendor.
      for (const key of mocks.current.fixtures[vendor].apiKeys) expect((await admin.carrying(key.secret)).body.requests.length).toBeGreaterThan(0);
    }
    const output = printed.join('\n');
    for (const secret of secrets) expect(output.includes(secret)).toBe(false);
  });

  it('names the credential kind instead of the credential', async () => {
    await busySession();
    const kinds = (vendor: VendorId) => new Set(mocks.current.vendors[vendor].control.recording().map((r) => r.credential));
    expect([...kinds('atlassian')]).toEqual(expect.arrayContaining(['api-token', 'oauth-access-token', 'client-secret-post', 'browser-session', 'none']));
    expect([...kinds('github')]).toEqual(expect.arrayContaining(['classic-pat', 'fine-grained-pat', 'user-to-server-token', 'client-secret-post']));
    expect([...kinds('slack')]).toEqual(expect.arrayContaining(['user-token', 'bot-token', 'rotating-user-token', 'client-secret-post']));
  });
});

describe('queries a test can ask the recording', () => {
  it('"refreshed exactly once" — by grant type, in-process and over the admin API', async () => {
    const v = mocks.current.vendors.slack;
    const { verifier, challenge } = pkcePair();
    const callback = await walkConsent(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 's', challenge }), mocks.current.fixtures.slack.accounts[0]!, 'allow');
    const tokens = tokensOf(v, await redeemCode(v, callback.searchParams.get('code')!, TEST_REDIRECT_URI, verifier));
    expect(v.control.recording({ grantType: 'refresh_token' })).toHaveLength(0);
    await refreshWith(v, tokens.refreshToken!);
    expect(v.control.recording({ grantType: 'refresh_token' })).toEqual([expect.objectContaining({ method: 'POST', path: '/api/oauth.v2.access', status: 200, area: 'oauth' })]);
    const overHttp = await adminClient(v, TEST_ADMIN_SECRET).recording({ grantType: 'refresh_token', status: '200' });
    expect(overHttp.body.requests).toHaveLength(1);
  });

  it('"this bearer value never arrived" — and when it did, which requests carried it', async () => {
    const gatewayToken = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJnYXRld2F5LXVzZXIifQ.c2lnbmF0dXJl';
    const neverSent = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvdGhlciJ9.c2ln';
    const github = mocks.current.vendors.github;
    const good = await connectAs(mocks.current, 'github');
    await callTool(good, 'list_repositories', {});
    await good.close();
    expect(github.control.requestsCarrying(gatewayToken)).toEqual([]);

    await connectMcp(github.mcpUrl, `Bearer ${gatewayToken}`).catch(() => undefined);
    const carried = github.control.requestsCarrying(gatewayToken);
    expect(carried).toHaveLength(1);
    expect(github.control.recording().find((r) => r.seq === carried[0])).toMatchObject({ credential: 'unrecognised-bearer', status: 401, path: '/mcp' });
    expect(github.control.requestsCarrying(neverSent)).toEqual([]);
    expect((await adminClient(github, TEST_ADMIN_SECRET).carrying(gatewayToken)).body.requests).toEqual(carried);
    expect(JSON.stringify(github.control.recording())).not.toContain(gatewayToken);
  });

  it('records JSON-RPC method and tool name, and filters by credential kind', async () => {
    const client = await connectAs(mocks.current, 'github', 1);
    await callTool(client, 'get_repository', { owner: 'acme-corp', repo: 'docs' });
    await client.close();
    const github = mocks.current.vendors.github;
    expect(github.control.recording({ tool: 'get_repository' })).toEqual([
      expect.objectContaining({ method: 'POST', path: '/mcp', area: 'mcp', rpcMethod: 'tools/call', credential: 'fine-grained-pat', status: 200 }),
    ]);
    const byKind = await adminClient(github, TEST_ADMIN_SECRET).recording({ credential: 'fine-grained-pat' });
    expect(byKind.body.requests.map((r) => r.rpcMethod)).toEqual(expect.arrayContaining(['initialize', 'tools/call']));
  });

  it('drops the query string (codes and states travel there) and skips admin requests', async () => {
    const v = mocks.current.vendors.atlassian;
    const url = authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 'state-in-query' });
    await fetch(url, { redirect: 'manual' });
    await adminClient(v, TEST_ADMIN_SECRET).faults();
    const entries = v.control.recording();
    expect(entries).toEqual([expect.objectContaining({ method: 'GET', path: '/authorize', status: 302 })]);
    expect(JSON.stringify(entries)).not.toContain('state-in-query');
  });

  it('a valid key of one vendor presented to another is recorded by its format, not by value', async () => {
    const pat = apiKeyFor(mocks.current.fixtures.github, 'valid').secret;
    const slack = mocks.current.vendors.slack;
    await checkEndpoint('slack', `Bearer ${pat}`);
    expect(slack.control.recording()).toEqual([expect.objectContaining({ credential: 'unrecognised-bearer', path: '/api/auth.test' })]);
    expect(slack.control.requestsCarrying(pat)).toHaveLength(1);
  });
});
