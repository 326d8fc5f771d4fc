/**
 * AS-02: where MCP clients look for authorization server metadata, in their order (2025-11-25
 * spec): for an issuer with a path, RFC 8414 and OIDC discovery with the path inserted after the
 * well-known prefix, then OIDC discovery appended to the path; for an issuer without one, the two
 * root documents. The issuer is the first authorization server Protected Resource Metadata names.
 * Also what the doctor reads from that metadata: the recorded answer at a location, CIMD-only.
 */
import type { AsMetadata, CheckContext } from '../checks/checkContext.ts';
import { jsonOf, type Exchange } from '../defects/exchange.ts';

export function asMetadataLocations(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/$/, '');
  const locations = [`${url.origin}/.well-known/oauth-authorization-server${path}`, `${url.origin}/.well-known/openid-configuration${path}`];
  if (path) locations.push(`${url.origin}${path}/.well-known/openid-configuration`);
  return locations;
}

/** The issuer the client would pick: the first authorization server of the first PRM answer. */
export function issuerOf(context: CheckContext): string | undefined {
  const prm = context.exchanges.find((e) => e.request.method === 'GET' && e.response.status === 200 && e.request.path.startsWith('/.well-known/oauth-protected-resource'));
  const servers = prm ? (jsonOf(prm.response.body) as { authorization_servers?: unknown } | undefined)?.authorization_servers : undefined;
  const first = Array.isArray(servers) ? servers[0] : undefined;
  return typeof first === 'string' && URL.canParse(first) ? first : undefined;
}

/** The recorded GET of a metadata location (by path: only the MCP URL's origin is observed). */
export function metadataAnswerAt(context: CheckContext, path: string): Exchange | undefined {
  return context.exchanges.find((e) => e.request.method === 'GET' && e.request.path === path);
}

/** The gateway offers no dynamic registration, only Client ID Metadata Documents. */
export const offersOnlyCimd = (metadata: AsMetadata | undefined): boolean => !metadata?.registration_endpoint && metadata?.client_id_metadata_document_supported === true;
