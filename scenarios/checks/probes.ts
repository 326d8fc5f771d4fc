/**
 * The harness's own requests, made through the proxy before the client starts, so the checks see
 * what a client may not ask for: both Protected Resource Metadata locations, both authorization
 * server metadata locations, and the Origin check (TRANSPORT-02). `gangway doctor` is these probes
 * and the checks, without a browser.
 */
import { initializeRequest, mcpHeaders } from '../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION } from '../../wire/protocolVersions.ts';

const INITIALIZE = initializeRequest(LATEST_STATEFUL_REVISION, { name: 'gangway-probe', version: '1' }, 0);

async function get(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'manual' });
  const text = await response.text();
  try {
    return response.ok ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export async function probeGateway(mcpUrl: string): Promise<void> {
  const url = new URL(mcpUrl);
  const post = (headers: Record<string, string>) =>
    fetch(mcpUrl, { method: 'POST', headers: { ...mcpHeaders(LATEST_STATEFUL_REVISION, INITIALIZE), ...headers }, body: JSON.stringify(INITIALIZE) }).then((r) => r.text());
  await post({});
  const suffixed = (await get(`${url.origin}/.well-known/oauth-protected-resource${url.pathname}`)) as { authorization_servers?: string[] } | undefined;
  const root = (await get(`${url.origin}/.well-known/oauth-protected-resource`)) as { authorization_servers?: string[] } | undefined;
  const issuer = URL.parse(suffixed?.authorization_servers?.[0] ?? root?.authorization_servers?.[0] ?? url.origin);
  if (issuer) {
    const path = issuer.pathname === '/' ? '' : issuer.pathname;
    await get(`${issuer.origin}/.well-known/oauth-authorization-server${path}`);
    await get(`${issuer.origin}/.well-known/openid-configuration${path}`);
  }
  await post({ origin: 'https://evil.example' });
}
