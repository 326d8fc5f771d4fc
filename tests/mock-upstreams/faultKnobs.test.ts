/**
 * Every fault knob, set through the loopback admin API and observed by an
 * @modelcontextprotocol/sdk client (or, for the OAuth knobs, by the vendor's OAuth client side);
 * after the admin reset the vendor behaves normally again. The MCP-OAuth knobs as seen by the
 * SDK's own OAuth client are in mcpOAuth.test.ts.
 */
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { describe, expect, it } from 'vitest';
import { apiKeyFor, VENDOR_IDS, type VendorId } from '../../fixtures/vendors/index.ts';
import { adminClient } from './support/adminClient.ts';
import { walkConsent } from './support/browserlessConsent.ts';
import { connectAs } from './support/connectAs.ts';
import { TEST_ADMIN_SECRET, TEST_REDIRECT_URI, useMockUpstreams } from './support/harness.ts';
import { authorizationFor, callTool, connectMcp } from './support/mcpSession.ts';
import { authorizationUrl, completeFlow, errorOf, refreshWith } from './support/vendorOAuth.ts';

const mocks = useMockUpstreams();

/** A fetch for the SDK transport that remembers every response it saw (status and headers). */
function watchingFetch(): { fetch: FetchLike; responses: Response[] } {
  const responses: Response[] = [];
  return {
    responses,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      responses.push(response);
      return response;
    },
  };
}

/** A cheap read-only tool call per vendor. */
function probe(id: VendorId): [string, Record<string, unknown>] {
  if (id === 'atlassian') return ['jira_get_issue', { issueKey: 'ENG-1' }];
  if (id === 'github') return ['get_repository', { owner: 'acme-corp', repo: 'docs' }];
  return ['get_user', { user: mocks.current.fixtures.slack.accounts[0]!.id }];
}

async function checkKey(id: VendorId, authorization: string): Promise<boolean> {
  const v = mocks.current.vendors[id];
  const response = await fetch(v.apiKey.validationUrl, { method: v.apiKey.validationMethod, headers: { authorization } });
  return id === 'slack' ? ((await response.json()) as { ok: boolean }).ok : response.ok;
}

describe.each(VENDOR_IDS)('%s fault knobs seen by an MCP SDK client', (id) => {
  const admin = () => adminClient(mocks.current.vendors[id], TEST_ADMIN_SECRET);

  it('serverErrors: the next N requests answer 5xx, then service resumes', async () => {
    expect((await admin().setFaults({ serverErrors: { count: 2, status: 502 } })).status).toBe(200);
    await expect(connectAs(mocks.current, id)).rejects.toMatchObject({ code: 502 });
    await expect(connectAs(mocks.current, id)).rejects.toMatchObject({ code: 502 });
    const client = await connectAs(mocks.current, id);
    expect((await callTool(client, ...probe(id))).isError).toBe(false);
    await client.close();
    expect((await admin().recording({ fault: 'serverErrors' })).body.requests).toHaveLength(2);
  });

  it('rateLimit: 429 with Retry-After, then service resumes', async () => {
    const client = await connectAs(mocks.current, id);
    const watch = watchingFetch();
    const watched = await connectMcp(mocks.current.vendors[id].mcpUrl, authorizationFor(apiKeyFor(mocks.current.fixtures[id], 'valid')), watch.fetch);
    await admin().setFaults({ rateLimit: { count: 1, retryAfterSeconds: 7 } });
    await expect(watched.callTool({ name: probe(id)[0], arguments: probe(id)[1] })).rejects.toMatchObject({ code: 429 });
    const limited = watch.responses.find((r) => r.status === 429);
    expect(limited?.headers.get('retry-after')).toBe('7');
    expect((await callTool(client, ...probe(id))).isError).toBe(false);
    await Promise.all([client.close(), watched.close()]);
  });

  it('latencyMs: every answer is delayed; reset removes the delay', async () => {
    const client = await connectAs(mocks.current, id);
    await admin().setFaults({ latencyMs: 600 });
    let started = performance.now();
    await callTool(client, ...probe(id));
    expect(performance.now() - started).toBeGreaterThanOrEqual(590);
    expect((await admin().reset()).status).toBe(204);
    started = performance.now();
    await callTool(client, ...probe(id));
    expect(performance.now() - started).toBeLessThan(590);
    await client.close();
  });

  it('mcpDown: the MCP endpoint answers 503 while the REST check still works; reset restores it', async () => {
    const key = authorizationFor(apiKeyFor(mocks.current.fixtures[id], 'valid'));
    const client = await connectAs(mocks.current, id);
    await admin().setFaults({ mcpDown: true });
    await expect(client.callTool({ name: probe(id)[0], arguments: probe(id)[1] })).rejects.toMatchObject({ code: 503 });
    await expect(connectAs(mocks.current, id)).rejects.toMatchObject({ code: 503 });
    expect(await checkKey(id, key)).toBe(true);
    await admin().reset();
    expect((await callTool(client, ...probe(id))).isError).toBe(false);
    await client.close();
  });

  it('expire access tokens now: the OAuth token gets 401 "expired"; a refresh gives a working token', async () => {
    const v = mocks.current.vendors[id];
    const tokens = await completeFlow(v, mocks.current.fixtures[id].accounts[0]!, TEST_REDIRECT_URI);
    const watch = watchingFetch();
    const client = await connectMcp(v.mcpUrl, `Bearer ${tokens.accessToken}`, watch.fetch);
    expect((await callTool(client, ...probe(id))).isError).toBe(false);
    const expired = await admin().expireTokens();
    expect(expired.body.expired).toBeGreaterThanOrEqual(1);
    await expect(client.callTool({ name: probe(id)[0], arguments: probe(id)[1] })).rejects.toMatchObject({ code: 401 });
    expect(watch.responses.at(-1)?.headers.get('www-authenticate')).toContain('error_description="The access token expired"');
    await client.close();

    const refreshed = await refreshWith(v, tokens.refreshToken!);
    const fresh = await connectMcp(v.mcpUrl, `Bearer ${String(refreshed.body.access_token)}`);
    expect((await callTool(fresh, ...probe(id))).isError).toBe(false);
    await fresh.close();
  });

  it('revoke tokens: OAuth tokens die (401, refresh → invalid_grant); with apiKeys also the account’s keys; reset restores keys', async () => {
    const v = mocks.current.vendors[id];
    const account = mocks.current.fixtures[id].accounts[0]!;
    const tokens = await completeFlow(v, account, TEST_REDIRECT_URI);
    const client = await connectMcp(v.mcpUrl, `Bearer ${tokens.accessToken}`);
    const revoked = await admin().revokeTokens({ accountId: account.id });
    expect(revoked.body).toEqual({ grants: id === 'slack' ? 2 : 1, apiKeys: 0 });
    await expect(client.callTool({ name: probe(id)[0], arguments: probe(id)[1] })).rejects.toMatchObject({ code: 401 });
    await client.close();
    expect(errorOf(await refreshWith(v, tokens.refreshToken!))).toBe('invalid_grant');

    const key = authorizationFor(apiKeyFor(mocks.current.fixtures[id], 'valid', 0));
    expect(await checkKey(id, key)).toBe(true);
    expect((await admin().revokeTokens({ accountId: account.id, apiKeys: true })).body.apiKeys).toBeGreaterThanOrEqual(1);
    expect(await checkKey(id, key)).toBe(false);
    await expect(connectAs(mocks.current, id, 0)).rejects.toMatchObject({ code: 401 });
    // Other accounts are untouched.
    expect(await checkKey(id, authorizationFor(apiKeyFor(mocks.current.fixtures[id], 'valid', 1)))).toBe(true);
    await admin().reset();
    expect(await checkKey(id, key)).toBe(true);
    expect(await checkKey(id, authorizationFor(apiKeyFor(mocks.current.fixtures[id], 'revoked')))).toBe(false);
  });

  it('refreshInvalidGrant: refreshes fail without consuming the refresh token; switching it off restores', async () => {
    const v = mocks.current.vendors[id];
    const tokens = await completeFlow(v, mocks.current.fixtures[id].accounts[1]!, TEST_REDIRECT_URI);
    await admin().setFaults({ refreshInvalidGrant: true });
    expect(errorOf(await refreshWith(v, tokens.refreshToken!))).toBe('invalid_grant');
    expect(errorOf(await refreshWith(v, tokens.refreshToken!))).toBe('invalid_grant');
    await admin().setFaults({ refreshInvalidGrant: false });
    const refreshed = await refreshWith(v, tokens.refreshToken!);
    expect(errorOf(refreshed)).toBeUndefined();
    const client = await connectMcp(v.mcpUrl, `Bearer ${String(refreshed.body.access_token)}`);
    expect((await callTool(client, ...probe(id))).isError).toBe(false);
    await client.close();
  });

  it('consentAutoDeny: the consent page answers access_denied by itself; reset shows it again', async () => {
    const v = mocks.current.vendors[id];
    const account = mocks.current.fixtures[id].accounts[0]!;
    await admin().setFaults({ consentAutoDeny: true });
    const denied = await walkConsent(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 'auto' }), account, 'allow');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('auto');
    await admin().reset();
    const allowed = await walkConsent(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 'ok' }), account, 'allow');
    expect(allowed.searchParams.has('code')).toBe(true);
  });

  it('a reset turns every knob off at once', async () => {
    await admin().setFaults({
      serverErrors: { count: 5 },
      rateLimit: { count: 5 },
      latencyMs: 50,
      consentAutoDeny: true,
      refreshInvalidGrant: true,
      mcpDown: true,
      authorizationResponseIss: 'missing',
      clientIdMetadataDocuments: 'https-and-loopback',
    });
    await admin().reset();
    expect((await admin().faults()).body).toEqual({
      serverErrors: { count: 0, status: 503 },
      rateLimit: { count: 0, retryAfterSeconds: 30 },
      latencyMs: 0,
      consentAutoDeny: false,
      refreshInvalidGrant: false,
      mcpDown: false,
      authorizationResponseIss: 'correct',
      clientIdMetadataDocuments: 'off',
    });
    const client = await connectAs(mocks.current, id);
    expect((await callTool(client, ...probe(id))).isError).toBe(false);
    await client.close();
  });
});

describe('knobs limited to one area', () => {
  it('serverErrors with area=api leaves the MCP endpoint alone', async () => {
    const admin = adminClient(mocks.current.vendors.github, TEST_ADMIN_SECRET);
    await admin.setFaults({ serverErrors: { count: 1, status: 500, area: 'api' } });
    const client = await connectAs(mocks.current, 'github');
    expect((await callTool(client, ...probe('github'))).isError).toBe(false);
    await client.close();
    expect(await checkKey('github', authorizationFor(apiKeyFor(mocks.current.fixtures.github, 'valid')))).toBe(false);
    expect(await checkKey('github', authorizationFor(apiKeyFor(mocks.current.fixtures.github, 'valid')))).toBe(true);
  });
});
