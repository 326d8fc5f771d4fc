/**
 * Discovery as a 2025-11-25 client does it, wherever it leads (AUTH-01…05, AS-01, AS-02):
 *  1. an unauthenticated MCP request → 401 and its challenge (resource_metadata, scope);
 *  2. Protected Resource Metadata: the challenge's URL when there is one, then the path-suffixed
 *     well-known location, then the root (all three are fetched, to report; the client's pick is
 *     the first that answers, in that order);
 *  3. the first authorization server it names — on any origin: the proxy follows it there — at
 *     RFC 8414 with the issuer's path inserted, then OpenID Connect discovery inserted, then
 *     appended (an issuer without a path: the two root documents);
 *  4. the scope to ask for: the challenge's, else Protected Resource Metadata's scopes_supported.
 * Everything fetched is kept in `trail`, so the report says what came from where.
 */
import { initializeRequest, mcpHeaders } from '../../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION } from '../../../wire/protocolVersions.ts';
import type { AsLocationKind, AsMetadata, Discovery, Fetched, PrmLocation } from './discoveryRecord.ts';
import { probe, stage, type ProbeAnswer, type ProbeSession } from './probeSession.ts';

export const DOCTOR_CLIENT = { name: 'gangway-doctor', version: '1' } as const;

/** A challenge parameter (RFC 6750 §3, RFC 9728 §5.1): quoted or bare. */
export function challengeParam(header: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|[\\s,])${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s,]+))`, 'i').exec(header);
  return match ? (match[1] ?? match[2])?.replace(/\\(.)/g, '$1') : undefined;
}

/** RFC 8414 §3.1 and OIDC Discovery §4: where a client looks for an issuer's metadata, in its order. */
export function asMetadataLocations(issuer: string): { url: string; kind: AsLocationKind }[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/$/, '');
  const locations: { url: string; kind: AsLocationKind }[] = [
    { url: `${url.origin}/.well-known/oauth-authorization-server${path}`, kind: 'rfc8414' },
    { url: `${url.origin}/.well-known/openid-configuration${path}`, kind: 'oidc' },
  ];
  if (path) locations.push({ url: `${url.origin}${path}/.well-known/openid-configuration`, kind: 'oidc' });
  return locations;
}

const isMetadata = (answer: ProbeAnswer) => answer.status === 200 && answer.json !== undefined;

async function fetchDocument(session: ProbeSession, name: string, url: string, role: string): Promise<Fetched> {
  const answer = await probe(session, name, url, { headers: { accept: 'application/json' } });
  const fetched: Fetched = { url, role, status: answer.status, document: isMetadata(answer) ? answer.json : undefined };
  session.discovery.trail.push(fetched);
  return fetched;
}

export async function probeDiscovery(session: ProbeSession): Promise<void> {
  const { discovery } = session;
  await stage(session, 'unauthenticated', async () => {
    const request = initializeRequest(LATEST_STATEFUL_REVISION, DOCTOR_CLIENT);
    const answer = await probe(session, 'unauthenticated', session.mcpUrl, { method: 'POST', headers: mcpHeaders(undefined, request), body: JSON.stringify(request) });
    if (answer.failed) return;
    const header = answer.headers.get('www-authenticate') ?? '';
    discovery.challenge = {
      status: answer.status,
      header,
      resourceMetadata: challengeParam(header, 'resource_metadata'),
      scope: challengeParam(header, 'scope'),
    };
    discovery.trail.push({ url: session.mcpUrl, role: 'MCP endpoint, no token', status: answer.status, document: undefined });
  });

  await stage(session, 'prm', async () => {
    const mcp = new URL(session.mcpUrl);
    const named = discovery.challenge?.resourceMetadata;
    const candidates: [PrmLocation, string][] = [
      ...(named && URL.canParse(named) ? [['challenge', named] as [PrmLocation, string]] : []),
      ['path', `${mcp.origin}/.well-known/oauth-protected-resource${mcp.pathname.replace(/\/$/, '')}`],
      ['root', `${mcp.origin}/.well-known/oauth-protected-resource`],
    ];
    const seen = new Map<string, Fetched>();
    for (const [location, url] of candidates) {
      const fetched = seen.get(url) ?? (await fetchDocument(session, `prm-${location}`, url, `Protected Resource Metadata (${location === 'challenge' ? "the challenge's resource_metadata" : location === 'path' ? 'path-suffixed well-known' : 'root well-known'})`));
      seen.set(url, fetched);
      discovery.prmAt[location] = fetched;
    }
    // A client that was given a URL uses it; otherwise the path-suffixed location, then the root.
    const order: PrmLocation[] = ['challenge', 'path', 'root'];
    const via = order.find((location) => discovery.prmAt[location]?.document);
    discovery.prm = via ? { ...discovery.prmAt[via]!, via } : undefined;
    const servers = discovery.prm?.document?.authorization_servers;
    const first = Array.isArray(servers) ? servers[0] : undefined;
    discovery.issuer = typeof first === 'string' && URL.canParse(first) ? first : undefined;
    const scopes = discovery.prm?.document?.scopes_supported;
    discovery.scope = discovery.challenge?.scope
      ? discovery.challenge.scope
      : Array.isArray(scopes) && scopes.length
        ? scopes.filter((s) => typeof s === 'string').join(' ')
        : undefined;
  });

  await stage(session, 'as-metadata', async () => {
    if (!discovery.issuer) return;
    for (const location of asMetadataLocations(discovery.issuer)) {
      const fetched = await fetchDocument(session, 'as-metadata', location.url, `authorization server metadata (${location.kind === 'rfc8414' ? 'RFC 8414' : 'OpenID Connect discovery'})`);
      discovery.asLocations.push({ ...fetched, kind: location.kind });
    }
    discovery.as = discovery.asLocations.find((l) => l.document && typeof l.document.issuer === 'string');
  });
}


export const asMetadataOf = (discovery: Discovery): AsMetadata | undefined => discovery.as?.document as AsMetadata | undefined;
