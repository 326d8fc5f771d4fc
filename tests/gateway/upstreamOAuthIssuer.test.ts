/**
 * RFC 9207 on the gateway's upstream callback, as the 2026-07-28 authorization spec requires
 * ("Authorization Response Validation"): the issuer recorded from the upstream's validated metadata
 * is sealed with the PKCE verifier, and the callback's `iss` is compared with it — as a plain string
 * — before a code goes to the token endpoint or an `error` is believed. Wrong or (while advertised)
 * missing → the connection fails with a message that says what happened and what to do, and nothing
 * is exchanged. Driven through the Atlassian look-alike's MCP authorization server and its
 * `authorizationResponseIss` knob.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAuthorizationResponseIssuer } from '../../gateway/upstream/oauthIssuer.ts';
import { walkConsent } from '../mock-upstreams/support/browserlessConsent.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { portalSession } from '../support/portalDriver.ts';
import { atlassianByDiscovery } from '../support/discoveredAtlassian.ts';
import { cite } from '../support/requirements.ts';

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack({
    catalog: atlassianByDiscovery,
  });
});
afterAll(async () => stack?.stop());

const control = () => stack.mocks.vendors.atlassian.control;

async function connect(userIndex: number): Promise<string> {
  const gw = stack.gateway.current;
  const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[userIndex]!);
  return session.connectOAuth('atlassian', stack.mocks.fixtures.atlassian.accounts[0]!);
}

const codeExchanges = () => control().recording({ path: '/v1/token', grantType: 'authorization_code' });

describe('The authorization response iss (RFC 9207) before any code is exchanged', () => {
  it(`${cite('UP-02', 'REV26-05')} another server's iss: refused with what happened and what to do; no code exchanged`, async () => {
    control().setFaults({ authorizationResponseIss: 'other-issuer' });
    const page = await connect(0);
    expect(page).not.toMatch(/id="status-atlassian" role="status">Connected/);
    expect(page).toContain('names a different sign-in server (https://auth.mix-up.example)');
    expect(page).toContain('nothing was exchanged and Atlassian is not connected. Connect again;');
    expect(codeExchanges()).toHaveLength(0);
    expect(await stack.gateway.current.store.connections.get(stack.gateway.current.app.directory[0]!.id, 'atlassian')).toBeUndefined();
  });

  it(`${cite('UP-02', 'REV26-05')} the issuer with a trailing slash is another issuer: no normalisation before comparing`, async () => {
    control().setFaults({ authorizationResponseIss: 'trailing-slash' });
    const page = await connect(1);
    expect(page).toContain(`names a different sign-in server (${stack.mocks.vendors.atlassian.baseUrl}/)`);
    expect(codeExchanges()).toHaveLength(0);
  });

  it(`${cite('UP-02', 'REV26-05')} iss missing while the server advertises authorization_response_iss_parameter_supported: refused; no code exchanged`, async () => {
    control().setFaults({ authorizationResponseIss: 'missing' });
    const page = await connect(2);
    expect(page).not.toMatch(/id="status-atlassian" role="status">Connected/);
    expect(page).toContain('promises to name itself in its answers (RFC 9207 &quot;iss&quot;), but the answer that came back did not');
    expect(codeExchanges()).toHaveLength(0);
  });

  it(`${cite('UP-02', 'REV26-05')} an error response with the wrong iss is not believed: the user is not told they declined`, async () => {
    control().setFaults({ authorizationResponseIss: 'other-issuer', consentAutoDeny: true });
    const page = await connect(3);
    expect(page).toContain('names a different sign-in server');
    expect(page).not.toContain('You declined access');
    control().setFaults({ consentAutoDeny: false });
  });

  it(`${cite('UP-02', 'REV26-05')} started from the portal: the callback page itself says what happened and links back to the connections`, async () => {
    control().setFaults({ authorizationResponseIss: 'other-issuer' });
    const gw = stack.gateway.current;
    const portal = await portalSession(gw.url, gw.app.directory[5]!);
    const started = await portal.submit('/portal/connections/atlassian/oauth');
    expect(started.status).toBe(303);
    const callback = await walkConsent(started.headers.get('location')!, stack.mocks.fixtures.atlassian.accounts[0]!, 'allow');
    const landed = await portal.jar.fetch(callback.href);
    expect(landed.status).toBe(400);
    const text = await landed.text();
    expect(text).toContain('names a different sign-in server (https://auth.mix-up.example)');
    expect(text).toContain('href="/portal/connections"');
    expect(codeExchanges()).toHaveLength(0);
  });

  it(`${cite('UP-02', 'REV26-05')} the right iss: the code is exchanged and the tool is connected`, async () => {
    control().setFaults({ authorizationResponseIss: 'correct' });
    const page = await connect(4);
    expect(page).toMatch(/id="status-atlassian" role="status">Connected/);
    expect(codeExchanges()).toEqual([expect.objectContaining({ status: 200 })]);
  });
});

describe('The 2026-07-28 table, row by row', () => {
  const issuer = 'https://auth.vendor.example';
  it('advertised: present is compared, absent is refused; not advertised: present is compared, absent proceeds', () => {
    expect(checkAuthorizationResponseIssuer({ issuer, issParameterSupported: true }, issuer)).toEqual({ ok: true });
    expect(checkAuthorizationResponseIssuer({ issuer, issParameterSupported: true }, 'https://AUTH.vendor.example')).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(checkAuthorizationResponseIssuer({ issuer, issParameterSupported: true }, null)).toEqual({ ok: false, reason: 'missing' });
    expect(checkAuthorizationResponseIssuer({ issuer, issParameterSupported: false }, 'https://auth.vendor.example:443')).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(checkAuthorizationResponseIssuer({ issuer, issParameterSupported: false }, null)).toEqual({ ok: true });
    // A connector configured with endpoints has no validated issuer to compare with.
    expect(checkAuthorizationResponseIssuer({ issParameterSupported: false }, 'https://anything.example')).toEqual({ ok: true });
  });
});
