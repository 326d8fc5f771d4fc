/**
 * CLIENT-INSPECTOR-02: the MCP Inspector does OAuth from its browser page, so every endpoint it
 * calls must answer its CORS preflight — Protected Resource Metadata, AS metadata, registration,
 * token and the MCP endpoint (with the MCP headers) — and the MCP endpoint's 401 must let the page
 * read WWW-Authenticate.
 */
import { asMetadataOf } from '../checks/checkContext.ts';
import { asMetadataLocations, issuerOf } from './asMetadataLocations.ts';
import { INSPECTOR_ORIGIN } from '../../mock-clients/inspector/profile.ts';
import { INITIALIZE } from './bearerProbes.ts';
import { probeRequest } from './probeRequest.ts';
import type { ProbeSession } from './probeSession.ts';

const MCP_REQUEST_HEADERS = ['authorization', 'content-type', 'mcp-protocol-version', 'mcp-session-id'];

interface PreflightTarget {
  readonly name: string;
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: readonly string[];
}

function preflightTargets(session: ProbeSession): PreflightTarget[] {
  const context = session.context();
  const mcp = new URL(session.mcpUrl);
  const metadata = asMetadataOf(context);
  const issuer = issuerOf(context) ?? mcp.origin;
  const targets: (PreflightTarget | undefined)[] = [
    { name: 'protected resource metadata', url: `${mcp.origin}/.well-known/oauth-protected-resource${mcp.pathname}`, method: 'GET', headers: ['mcp-protocol-version'] },
    { name: 'authorization server metadata', url: asMetadataLocations(issuer)[0]!, method: 'GET', headers: ['mcp-protocol-version'] },
    metadata?.registration_endpoint ? { name: 'registration', url: metadata.registration_endpoint, method: 'POST', headers: ['content-type'] } : undefined,
    metadata?.token_endpoint ? { name: 'token', url: metadata.token_endpoint, method: 'POST', headers: ['content-type'] } : undefined,
    { name: 'MCP endpoint', url: session.mcpUrl, method: 'POST', headers: MCP_REQUEST_HEADERS },
  ];
  return targets.filter((t): t is PreflightTarget => Boolean(t));
}

export async function probeInspectorCors(session: ProbeSession): Promise<void> {
  for (const target of preflightTargets(session)) {
    const response = await probeRequest(`preflight ${target.name}`, target.url, {
      method: 'OPTIONS',
      headers: { origin: INSPECTOR_ORIGIN, 'access-control-request-method': target.method, 'access-control-request-headers': target.headers.join(', ') },
    });
    await response.arrayBuffer();
  }
  const challenge = await probeRequest('inspector-mcp', session.mcpUrl, {
    method: 'POST',
    headers: { origin: INSPECTOR_ORIGIN, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify(INITIALIZE),
  });
  await challenge.arrayBuffer();
}
