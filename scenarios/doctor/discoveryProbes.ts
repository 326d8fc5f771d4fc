/**
 * Discovery as a client meets it: the scenario harness's own probes (the unauthenticated MCP
 * request and its 401, Protected Resource Metadata at both locations, AS metadata, a foreign
 * Origin), then authorization server metadata at every location clients try (AS-02).
 */
import { probeGateway } from '../checks/probes.ts';
import { asMetadataLocations, issuerOf } from './asMetadataLocations.ts';
import { probeRequest } from './probeRequest.ts';
import type { ProbeSession } from './probeSession.ts';

export async function probeDiscovery(session: ProbeSession): Promise<void> {
  await probeGateway(session.mcpUrl);
  const issuer = issuerOf(session.context()) ?? new URL(session.mcpUrl).origin;
  for (const location of asMetadataLocations(issuer)) {
    await (await probeRequest('as-metadata', location, { headers: { accept: 'application/json' } })).arrayBuffer();
  }
}
