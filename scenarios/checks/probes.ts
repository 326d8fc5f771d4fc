/**
 * The harness's own requests, made through the proxy before the client starts, so the checks see
 * what a client may not ask for: Protected Resource Metadata at both locations, the authorization
 * server's metadata at every location clients try (RFC 8414 and OIDC discovery, inserted and
 * appended for an issuer with a path — on whatever origin it lives: the proxy follows it), and the
 * Origin check (TRANSPORT-02). `gangway doctor` does the same and more, without a browser.
 */
import { asMetadataLocations } from '../doctor/probes/discovery.ts';
import { discoverRequest, initializeRequest, mcpHeaders } from '../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION, STATELESS_REVISION, type SpecRevision } from '../../wire/protocolVersions.ts';

const PROBE_CLIENT = { name: 'gangway-probe', version: '1' };

async function get(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'manual' });
  const text = await response.text();
  try {
    return response.ok ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `revision`: the scenario's. Its first request is the one a client of that revision sends
 * (`server/discover` in 2026-07-28), so a 2026-07-28 run's traffic holds no initialize at all and
 * REV26-01 can be judged on every exchange, the unauthenticated ones included.
 */
export async function probeGateway(mcpUrl: string, revision: SpecRevision = LATEST_STATEFUL_REVISION): Promise<void> {
  const url = new URL(mcpUrl);
  const first = revision === STATELESS_REVISION ? discoverRequest(PROBE_CLIENT, 0) : initializeRequest(LATEST_STATEFUL_REVISION, PROBE_CLIENT, 0);
  const post = (headers: Record<string, string>) =>
    fetch(mcpUrl, { method: 'POST', headers: { ...mcpHeaders(revision === STATELESS_REVISION ? STATELESS_REVISION : LATEST_STATEFUL_REVISION, first), ...headers }, body: JSON.stringify(first) }).then((r) => r.text());
  await post({});
  const suffixed = (await get(`${url.origin}/.well-known/oauth-protected-resource${url.pathname}`)) as { authorization_servers?: string[] } | undefined;
  const root = (await get(`${url.origin}/.well-known/oauth-protected-resource`)) as { authorization_servers?: string[] } | undefined;
  const issuer = suffixed?.authorization_servers?.[0] ?? root?.authorization_servers?.[0] ?? url.origin;
  if (URL.canParse(issuer)) for (const location of asMetadataLocations(issuer)) await get(location.url);
  await post({ origin: 'https://evil.example' });
}
