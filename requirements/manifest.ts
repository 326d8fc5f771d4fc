/**
 * The requirement manifest: every id of ../shared/reference/mcp-requirements.md as data — its
 * level, where the rule comes from and the one-sentence behaviour. Tests cite ids through
 * tests/support/requirements.ts (unknown ids throw), scenario reports print them, and the coverage
 * check lists the ids no test cites yet.
 */
export type Level = 'MUST' | 'SHOULD' | 'MAY' | 'PROFILE';
const SPEC_2026 = 'https://modelcontextprotocol.io/specification/2026-07-28';

export interface Requirement {
  readonly id: string;
  readonly level: Level;
  readonly area: 'resource-server' | 'authorization-server' | 'security' | 'transport' | 'client-profile' | 'list-changed' | 'upstream' | 'revision-2026' | 'relay';
  readonly source: string;
  readonly behaviour: string;
}

const SPEC_AUTH = 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization';
const SPEC_TRANSPORT = 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports';
const SPEC_SECURITY = 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices';
const SPEC_TOOLS = 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools';
const OPENAI_AUTH = 'https://developers.openai.com/apps-sdk/build/auth';
const CLAUDE_CONNECTORS = 'https://support.anthropic.com/en/articles/11503834-building-custom-connectors-via-remote-mcp-servers';
const INSPECTOR = 'https://github.com/modelcontextprotocol/inspector';
const SPEC_SERVER = 'https://modelcontextprotocol.io/specification/2025-11-25/server';
const SPEC_CLIENT = 'https://modelcontextprotocol.io/specification/2025-11-25/client';
const MCP_APPS = 'https://github.com/modelcontextprotocol/ext-apps';

export const requirements: readonly Requirement[] = [
  { id: 'AUTH-01', level: 'MUST', area: 'resource-server', source: 'RFC 9728; ' + SPEC_AUTH, behaviour: 'Protected Resource Metadata lists at least one authorization server.' },
  { id: 'AUTH-02', level: 'MUST', area: 'resource-server', source: 'RFC 9728 §5.1; ' + SPEC_AUTH, behaviour: 'A 401 carries WWW-Authenticate: Bearer resource_metadata="<absolute URL>".' },
  { id: 'AUTH-03', level: 'MUST', area: 'resource-server', source: 'RFC 9728 §3.1; ' + SPEC_AUTH, behaviour: 'PRM is served at /.well-known/oauth-protected-resource/<mcp-path> and at the root.' },
  { id: 'AUTH-04', level: 'MUST', area: 'resource-server', source: 'RFC 9728 §3.3; ' + SPEC_AUTH, behaviour: 'PRM resource equals the URL the client used, path included, no trailing slash.' },
  { id: 'AUTH-05', level: 'SHOULD', area: 'resource-server', source: SPEC_AUTH, behaviour: 'The 401 challenge carries scope; scopes_supported is minimal.' },
  { id: 'AUTH-06', level: 'SHOULD', area: 'resource-server', source: 'RFC 6750 §3.1; ' + SPEC_AUTH, behaviour: 'A token lacking the needed scope gets 403 insufficient_scope with scope and resource_metadata.' },
  { id: 'AUTH-07', level: 'MUST', area: 'resource-server', source: 'RFC 6750 §3.1', behaviour: 'Invalid or expired token → 401; insufficient scope → 403; malformed request → 400.' },
  { id: 'AUTH-08', level: 'MUST', area: 'resource-server', source: 'RFC 8707; ' + SPEC_AUTH, behaviour: 'Tokens are validated including audience: a token whose aud is not this MCP URL is refused.' },
  { id: 'AUTH-09', level: 'MUST', area: 'resource-server', source: SPEC_SECURITY + '#token-passthrough', behaviour: 'The client’s token is never passed to upstreams; upstream calls use separate credentials.' },
  { id: 'AUTH-10', level: 'MUST', area: 'resource-server', source: 'OAuth 2.1 §5.1; ' + SPEC_AUTH, behaviour: 'Tokens travel only in the Authorization header, never in the query string.' },
  { id: 'AUTH-11', level: 'MUST', area: 'resource-server', source: 'OAuth 2.1 §4.3.1; ' + SPEC_AUTH, behaviour: 'Refresh tokens of public clients rotate; access tokens are short-lived.' },
  { id: 'AUTH-12', level: 'MUST', area: 'resource-server', source: 'RFC 8252 §7.3; OAuth 2.1', behaviour: 'Redirect URIs match the registration exactly; loopback redirects match on any port.' },
  { id: 'AS-01', level: 'MUST', area: 'authorization-server', source: 'RFC 8414; OIDC Discovery', behaviour: 'RFC 8414 metadata and OIDC discovery are served; issuer equals the identifier the URL was built from.' },
  { id: 'AS-02', level: 'MUST', area: 'authorization-server', source: SPEC_AUTH + '#authorization-server-metadata-discovery', behaviour: 'Metadata answers at every location clients try, in their order.' },
  { id: 'AS-03', level: 'MUST', area: 'authorization-server', source: 'RFC 7636; ' + SPEC_AUTH, behaviour: 'code_challenge_methods_supported includes S256; PKCE S256 is required; plain is refused.' },
  { id: 'AS-04', level: 'MUST', area: 'authorization-server', source: 'RFC 8707', behaviour: 'resource is accepted on /authorize and /token and put in aud; upper-case scheme/host accepted.' },
  { id: 'AS-05', level: 'SHOULD', area: 'authorization-server', source: 'draft-ietf-oauth-client-id-metadata-document; ' + SPEC_AUTH, behaviour: 'Client ID Metadata Documents are supported and advertised; DCR is also offered.' },
  { id: 'AS-06', level: 'MUST', area: 'authorization-server', source: 'draft-ietf-oauth-client-id-metadata-document', behaviour: 'A fetched CIMD must carry client_id equal to its URL, valid JSON and redirect URIs; fetched SSRF-safely; consent shows the redirect host; localhost-only clients are flagged.' },
  { id: 'AS-07', level: 'MAY', area: 'authorization-server', source: 'RFC 7591', behaviour: 'Dynamic registration answers 201 with client_id, RFC 7591 error codes, and persists registrations.' },
  { id: 'AS-08', level: 'MUST', area: 'authorization-server', source: SPEC_SECURITY + '#confused-deputy-problem', behaviour: 'Per-user approved client registry; consent names client, scopes and redirect; CSRF; no framing; __Host- cookies; state single-use.' },
  { id: 'SEC-01', level: 'MUST', area: 'security', source: SPEC_SECURITY, behaviour: 'Every inbound request is verified; a session id is not authentication.' },
  { id: 'SEC-02', level: 'MUST', area: 'security', source: SPEC_SECURITY + '#session-hijacking', behaviour: 'Session ids are unpredictable and bound to the user.' },
  { id: 'SEC-03', level: 'MUST', area: 'security', source: SPEC_SECURITY + '#server-side-request-forgery', behaviour: 'URLs from clients or upstreams are fetched over https, refusing private and link-local ranges, re-checking redirects.' },
  { id: 'SEC-04', level: 'SHOULD', area: 'security', source: SPEC_SECURITY + '#scope-minimization', behaviour: 'Scopes are minimal and escalated by challenge.' },
  { id: 'SEC-05', level: 'MUST', area: 'security', source: SPEC_TOOLS + '#security-considerations', behaviour: 'Tool inputs validated, access controlled, calls rate-limited, upstream strings escaped on every page.' },
  { id: 'TRANSPORT-01', level: 'MUST', area: 'transport', source: SPEC_TRANSPORT, behaviour: 'One endpoint path serves POST and GET.' },
  { id: 'TRANSPORT-02', level: 'MUST', area: 'transport', source: SPEC_TRANSPORT + '#security-warning', behaviour: 'Origin is validated; an invalid Origin gets 403.' },
  { id: 'TRANSPORT-04', level: 'MUST', area: 'transport', source: SPEC_TRANSPORT + '#sending-messages-to-the-server', behaviour: 'One JSON-RPC message per POST; notifications and responses get 202 without body; bad input 400.' },
  { id: 'TRANSPORT-05', level: 'MUST', area: 'transport', source: SPEC_TRANSPORT, behaviour: 'A request is answered with application/json or text/event-stream.' },
  { id: 'TRANSPORT-06', level: 'MUST', area: 'transport', source: SPEC_TRANSPORT + '#listening-for-messages-from-the-server', behaviour: 'GET returns an SSE stream or 405.' },
  { id: 'TRANSPORT-08', level: 'SHOULD', area: 'transport', source: SPEC_TRANSPORT + '#resumability-and-redelivery', behaviour: 'Resumability with event ids and Last-Event-ID; priming event and retry (2025-11-25).' },
  { id: 'TRANSPORT-09', level: 'MUST', area: 'transport', source: SPEC_TRANSPORT + '#session-management', behaviour: 'Mcp-Session-Id is random visible ASCII; 400 without it; 404 for unknown or ended sessions; DELETE ends one.' },
  { id: 'TRANSPORT-10', level: 'MUST', area: 'transport', source: SPEC_TRANSPORT + '#protocol-version-header', behaviour: 'MCP-Protocol-Version is sent on later requests; an unsupported value gets 400.' },
  { id: 'CLIENT-CHATGPT-01', level: 'PROFILE', area: 'client-profile', source: OPENAI_AUTH, behaviour: 'ChatGPT redirects to https://chatgpt.com/connector/oauth/{callback_id} (legacy /connector_platform_oauth_redirect).' },
  { id: 'CLIENT-CHATGPT-02', level: 'PROFILE', area: 'client-profile', source: OPENAI_AUTH, behaviour: 'ChatGPT prefers CIMD, else DCR once per app; needs token_endpoint_auth_methods_supported with none.' },
  { id: 'CLIENT-CHATGPT-03', level: 'PROFILE', area: 'client-profile', source: OPENAI_AUTH, behaviour: 'ChatGPT sends resource = PRM resource on authorize and token, with PKCE S256.' },
  { id: 'CLIENT-CHATGPT-04', level: 'PROFILE', area: 'client-profile', source: OPENAI_AUTH, behaviour: 'ChatGPT requests every OIDC scope the AS advertises and may send id_token_hint.' },
  { id: 'CLIENT-CHATGPT-07', level: 'PROFILE', area: 'client-profile', source: OPENAI_AUTH, behaviour: 'ChatGPT picks up tool changes only on Refresh in the app settings.' },
  { id: 'CLIENT-CLAUDE-01', level: 'PROFILE', area: 'client-profile', source: CLAUDE_CONNECTORS, behaviour: 'Claude redirects to claude.ai / claude.com /api/mcp/auth_callback; Claude Code to loopback /callback on any port.' },
  { id: 'CLIENT-CLAUDE-02', level: 'PROFILE', area: 'client-profile', source: CLAUDE_CONNECTORS, behaviour: 'Claude registers by DCR per connection and re-registers on invalid_client; CIMD only when advertised.' },
  { id: 'CLIENT-CLAUDE-03', level: 'PROFILE', area: 'client-profile', source: CLAUDE_CONNECTORS, behaviour: 'Claude sends PKCE S256 and resource; PRM resource must equal the typed URL.' },
  { id: 'CLIENT-INSPECTOR-01', level: 'PROFILE', area: 'client-profile', source: INSPECTOR, behaviour: 'The Inspector redirects to http://localhost:6274/oauth/callback (and /oauth/callback/debug).' },
  { id: 'CLIENT-INSPECTOR-02', level: 'PROFILE', area: 'client-profile', source: INSPECTOR, behaviour: 'Browser-side OAuth needs CORS on PRM, AS metadata, /register, /token and /mcp with the MCP headers.' },
  { id: 'LISTCHANGED-01', level: 'MUST', area: 'list-changed', source: SPEC_TOOLS + '#capabilities', behaviour: 'tools.listChanged is declared true only if the notification is sent.' },
  { id: 'LISTCHANGED-02', level: 'SHOULD', area: 'list-changed', source: SPEC_TOOLS + '#list-changed-notification', behaviour: 'notifications/tools/list_changed is sent when that user’s tools change.' },
  { id: 'LISTCHANGED-03', level: 'SHOULD', area: 'list-changed', source: SPEC_TRANSPORT, behaviour: 'Unsolicited notifications go on the GET SSE stream.' },
  { id: 'LISTCHANGED-04', level: 'SHOULD', area: 'list-changed', source: SPEC_TOOLS, behaviour: 'tools/list is computed from the request’s token (user and grants), in deterministic order.' },
  { id: 'LISTCHANGED-05', level: 'PROFILE', area: 'list-changed', source: OPENAI_AUTH, behaviour: 'Clients that do not re-list on the notification see changes after Refresh.' },
  { id: 'UP-01', level: 'MUST', area: 'upstream', source: SPEC_SECURITY, behaviour: 'Upstream credentials are per user, encrypted at rest, never logged.' },
  { id: 'UP-02', level: 'MUST', area: 'upstream', source: SPEC_AUTH, behaviour: 'Upstream OAuth uses discovery, PKCE S256, state bound to the pending authorization, resource; pre-registered or DCR client.' },
  { id: 'UP-03', level: 'MUST', area: 'upstream', source: 'OAuth 2.1 §4.3.1', behaviour: 'Refresh before expiry; rotating refresh tokens; one refresh in flight per user and upstream; invalid_grant → reconnect.' },
  { id: 'UP-04', level: 'MUST', area: 'upstream', source: 'Gangway', behaviour: 'An API key is validated against the upstream before it is saved; a wrong key is not stored.' },
  { id: 'UP-05', level: 'MUST', area: 'upstream', source: OPENAI_AUTH, behaviour: 'An upstream 401 during a call is a tool error telling the user to reconnect (and _meta["mcp/www_authenticate"]).' },
  { id: 'UP-06', level: 'MUST', area: 'upstream', source: 'Gangway', behaviour: 'Upstream tool names are namespaced <prefix>__<tool>; collisions are impossible.' },
  { id: 'REV26-01', level: 'MUST', area: 'revision-2026', source: SPEC_2026 + '/basic/versioning', behaviour: 'Stateless transport: no initialize handshake, no Mcp-Session-Id; any request may reach any server instance.' },
  { id: 'REV26-02', level: 'MUST', area: 'revision-2026', source: SPEC_2026 + '/server/discover', behaviour: 'Every request carries _meta with the protocol version and client capabilities; server/discover describes the server; Mcp-Method / Mcp-Name mirror the body.' },
  { id: 'REV26-03', level: 'SHOULD', area: 'revision-2026', source: SPEC_2026 + '/changelog', behaviour: 'Lists are cacheable; multi-round-trip requests replace server-to-client requests; ping and logging/setLevel are removed.' },
  { id: 'REV26-04', level: 'SHOULD', area: 'revision-2026', source: SPEC_2026 + '/basic/authorization', behaviour: 'Client ID Metadata Documents are preferred; dynamic registration is deprecated and sends the right application_type.' },
  { id: 'REV26-05', level: 'SHOULD', area: 'revision-2026', source: 'RFC 9207; ' + SPEC_2026 + '/basic/authorization', behaviour: 'The authorization response carries iss and clients check it.' },
  // What a gateway relays besides tools (mcp-requirements.md "What real gateways relay besides tools" names them without ids).
  { id: 'RELAY-01', level: 'MUST', area: 'relay', source: SPEC_SERVER + '/resources; ' + MCP_APPS, behaviour: 'A granted upstream’s resources are read under gateway URIs, and a tool’s widget _meta (ui.resourceUri, openai/outputTemplate) names a gateway URI that resources/read serves, so a host renders the widget.' },
  { id: 'RELAY-02', level: 'MUST', area: 'relay', source: SPEC_SERVER + '/prompts', behaviour: 'A granted upstream’s prompts are listed as <prefix>__<prompt> and prompts/get returns the upstream’s messages.' },
  { id: 'RELAY-03', level: 'MUST', area: 'relay', source: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/progress', behaviour: 'A tools/call progressToken reaches the upstream’s progress: its notifications/progress come back under the client’s token.' },
  { id: 'RELAY-04', level: 'MUST', area: 'relay', source: SPEC_CLIENT + '/elicitation', behaviour: 'An upstream’s elicitation/create during a call reaches a client that declared elicitation, and the client’s answer goes back to the upstream.' },
];

const byId = new Map(requirements.map((r) => [r.id, r]));

export function requirement(id: string): Requirement {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown requirement id ${id}: it is not in requirements/manifest.ts`);
  return found;
}
