/**
 * Real-world failure #7: registrations kept in memory → invalid_client after a restart. Everything a
 * client holds must survive a gateway restart on the same data directory: its registration, its
 * refresh token, its still-valid access token (signing keys persist), and the user's approval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIALIZE, mcpPost, rpcResult } from '../support/mcpRequests.ts';
import { authorizeUrl, connectClient, CookieJar, pkcePair, tokenRequest, walkAuthorization } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.stop());

describe('Gateway restart', () => {
  it(`${cite('AS-07', 'AUTH-11')} keeps registered clients, refresh tokens, signing keys and approvals`, async () => {
    const person = gw.current.app.directory[0]!;
    const client = await connectClient(gw.current.url, gw.current.mcpUrl, person, { redirectUri: 'https://chatgpt.com/connector/oauth/restart' });
    const issuerBefore = gw.current.url;

    await gw.restart();
    expect(gw.current.url).toBe(issuerBefore);

    const stillValid = await mcpPost(gw.current.mcpUrl, INITIALIZE, { authorization: `Bearer ${client.tokens.access_token}` });
    expect(stillValid.status).toBe(200);

    const refreshed = await tokenRequest(gw.current.url, { grant_type: 'refresh_token', refresh_token: String(client.tokens.refresh_token), client_id: client.clientId });
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    const withNewToken = await mcpPost(gw.current.mcpUrl, INITIALIZE, { authorization: `Bearer ${refreshed.body.access_token}` });
    expect(withNewToken.status).toBe(200);

    const again = await walkAuthorization(
      new CookieJar(),
      authorizeUrl(gw.current.url, { clientId: client.clientId, redirectUri: client.redirectUri, scope: 'mcp:tools', resource: gw.current.mcpUrl, codeChallenge: pkcePair().challenge, codeChallengeMethod: 'S256' }),
      client.redirectUri,
      person,
    );
    expect(again.pages.some((p) => p.html.includes('invalid_client'))).toBe(false);
    expect(again.pages.some((p) => p.html.includes('Authorize Tool Access'))).toBe(false);
    expect(new URL(again.redirectedTo!).searchParams.get('code')).toBeTruthy();
  });

  it(`${cite('TRANSPORT-09')} keeps MCP sessions across a restart: the store has them, so the same id goes on (issue 14)`, async () => {
    const client = await connectClient(gw.current.url, gw.current.mcpUrl, gw.current.app.directory[1]!);
    const init = await mcpPost(gw.current.mcpUrl, INITIALIZE, { authorization: `Bearer ${client.tokens.access_token}` });
    const sessionId = init.headers.get('mcp-session-id')!;
    await gw.restart();
    const after = await mcpPost(gw.current.mcpUrl, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, {
      authorization: `Bearer ${client.tokens.access_token}`,
      'mcp-session-id': sessionId,
      'mcp-protocol-version': '2025-11-25',
    });
    expect(after.status).toBe(200);
    expect(((await rpcResult(after)).result as { tools: { name: string }[] }).tools.map((tool) => tool.name)).toContain('whoami');
  });
});
