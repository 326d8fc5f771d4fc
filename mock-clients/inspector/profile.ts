/**
 * The MCP Inspector's facts. Unlike the hosted clients it does OAuth in the browser page — the
 * SDK's `auth()` fetching the gateway's PRM, AS metadata, /register, /token and /mcp from origin
 * http://localhost:6274 — so the gateway's CORS is exercised for real (CLIENT-INSPECTOR-02).
 * CLIENT-INSPECTOR-01  redirect http://localhost:6274/oauth/callback (and /oauth/callback/debug)
 * Pure data: the browser bundle imports it.
 */
import type { ClientProfileInfo } from '../core/profileTypes.ts';

export const INSPECTOR_ORIGIN = 'http://localhost:6274';
export const INSPECTOR_CALLBACK_PATH = '/oauth/callback';
export const INSPECTOR_DEBUG_CALLBACK_PATH = '/oauth/callback/debug';
export const INSPECTOR_TRAFFIC_PATH = '/api/traffic';
export const INSPECTOR_SCRIPT_PATH = '/assets/inspector.js';
export const INSPECTOR_IDENTITY = { name: 'mcp-inspector', version: '0.17.0' } as const;

/**
 * What the real Inspector registers (its OAuth client metadata, SEP-837): a native app reached
 * over localhost, so it says `application_type: "native"` — an OIDC-flavoured authorization server
 * defaults an omitted one to "web", which forbids loopback redirect URIs. The page's provider and
 * `gangway doctor`'s registration probe both send exactly this.
 */
export function inspectorClientMetadata(origin: string = INSPECTOR_ORIGIN) {
  return {
    client_name: 'MCP Inspector',
    client_uri: 'https://github.com/modelcontextprotocol/inspector',
    redirect_uris: [`${origin}${INSPECTOR_CALLBACK_PATH}`, `${origin}${INSPECTOR_DEBUG_CALLBACK_PATH}`],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    application_type: 'native',
  };
}

export function inspectorInfo(listenUrl: string): ClientProfileInfo {
  return {
    id: 'inspector',
    displayName: 'MCP Inspector',
    origin: INSPECTOR_ORIGIN,
    listenUrl,
    startUrl: `${INSPECTOR_ORIGIN}/`,
    redirectUris: [`${INSPECTOR_ORIGIN}${INSPECTOR_CALLBACK_PATH}`, `${INSPECTOR_ORIGIN}${INSPECTOR_DEBUG_CALLBACK_PATH}`],
    registrationStyle: 'dcr-per-browser-session',
    mcpClientName: INSPECTOR_IDENTITY.name,
  };
}
