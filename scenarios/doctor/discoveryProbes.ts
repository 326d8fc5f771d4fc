/**
 * Discovery as a client meets it: the scenario harness's own probes (the unauthenticated MCP
 * request and its 401, Protected Resource Metadata at both locations, AS metadata, a foreign
 * Origin), then authorization server metadata at the locations clients try that those probes did
 * not already fetch (AS-02). Only the MCP URL's origin passes the observing proxy: locations on an
 * authorization server elsewhere would not be recorded, so they are not fetched.
 */
import { probeGateway } from '../checks/probes.ts';
import { asMetadataLocations, issuerOf, metadataAnswerAt } from './asMetadataLocations.ts';
import { probeRequest } from './probeRequest.ts';
import type { ProbeSession } from './probeSession.ts';

export async function probeDiscovery(session: ProbeSession): Promise<void> {
  await probeGateway(session.mcpUrl);
  const observed = new URL(session.mcpUrl).origin;
  const issuer = issuerOf(session.context()) ?? observed;
  for (const location of asMetadataLocations(issuer)) {
    const url = new URL(location);
    if (url.origin !== observed || metadataAnswerAt(session.context(), url.pathname)) continue;
    await (await probeRequest('as-metadata', location, { headers: { accept: 'application/json' } })).arrayBuffer();
  }
}
