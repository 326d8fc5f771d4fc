/**
 * What only browsers add: a request from a foreign Origin (TRANSPORT-02; DNS rebinding) and the
 * MCP Inspector's CORS preflights on every endpoint its page calls — Protected Resource Metadata,
 * authorization server metadata, registration, token and the MCP endpoint — plus the MCP answer's
 * exposed headers (CLIENT-INSPECTOR-02).
 */
import { INSPECTOR_ORIGIN } from '../../../mock-clients/inspector/profile.ts';
import { initializeRequest, mcpHeaders } from '../../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION } from '../../../wire/protocolVersions.ts';
import { asMetadataOf, DOCTOR_CLIENT } from './discovery.ts';
import { probe, stage, type ProbeSession } from './probeSession.ts';

export const FOREIGN_ORIGIN = 'https://evil.example';
export const PREFLIGHT_PREFIX = 'preflight ';
const MCP_REQUEST_HEADERS = ['authorization', 'content-type', 'mcp-protocol-version', 'mcp-session-id'];

export async function probeBrowserOrigins(session: ProbeSession): Promise<void> {
  const init = initializeRequest(LATEST_STATEFUL_REVISION, DOCTOR_CLIENT);
  await stage(session, 'origin', async () => {
    await probe(session, 'origin', session.mcpUrl, { method: 'POST', headers: { ...mcpHeaders(undefined, init), origin: FOREIGN_ORIGIN }, body: JSON.stringify(init) });
  });
  await stage(session, 'cors', async () => {
    const { discovery } = session;
    const metadata = asMetadataOf(discovery);
    const targets = [
      discovery.prm ? { name: 'protected resource metadata', url: discovery.prm.url, method: 'GET', headers: ['mcp-protocol-version'] } : undefined,
      discovery.as ? { name: 'authorization server metadata', url: discovery.as.url, method: 'GET', headers: ['mcp-protocol-version'] } : undefined,
      metadata?.registration_endpoint ? { name: 'registration', url: metadata.registration_endpoint, method: 'POST', headers: ['content-type'] } : undefined,
      metadata?.token_endpoint ? { name: 'token', url: metadata.token_endpoint, method: 'POST', headers: ['content-type'] } : undefined,
      { name: 'MCP endpoint', url: session.mcpUrl, method: 'POST', headers: MCP_REQUEST_HEADERS },
    ].filter((t) => t !== undefined && URL.canParse(t.url));
    for (const target of targets) {
      await probe(session, `${PREFLIGHT_PREFIX}${target!.name}`, target!.url, {
        method: 'OPTIONS',
        headers: { origin: INSPECTOR_ORIGIN, 'access-control-request-method': target!.method, 'access-control-request-headers': target!.headers.join(', ') },
      });
    }
    await probe(session, 'inspector-mcp', session.mcpUrl, { method: 'POST', headers: { ...mcpHeaders(undefined, init), origin: INSPECTOR_ORIGIN }, body: JSON.stringify(init) });
  });
}
