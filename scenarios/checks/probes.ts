/**
 * The harness's own requests, made through the proxy before the client starts, so the checks see
 * what a client may not ask for: Protected Resource Metadata at both locations, the authorization
 * server's metadata at every location clients try (RFC 8414 and OIDC discovery, inserted and
 * appended for an issuer with a path — on whatever origin it lives: the proxy follows it), and the
 * Origin check (TRANSPORT-02). `gangway doctor` does the same and more, without a browser.
 */
import { asMetadataLocations } from '../doctor/probes/discovery.ts';
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
  const issuer = suffixed?.authorization_servers?.[0] ?? root?.authorization_servers?.[0] ?? url.origin;
  if (URL.canParse(issuer)) for (const location of asMetadataLocations(issuer)) await get(location.url);
  await post({ origin: 'https://evil.example' });
}
