/**
 * Every check the doctor reports, in discovery order — the order a client meets them: the 401,
 * Protected Resource Metadata, AS metadata, registration, authorization, token, then the MCP
 * endpoint with a token, then what only browsers add (Origin, CORS). A diagnosis lists failures in
 * this order, so the first one named is the root cause, not a consequence. Each carries the one
 * line the gateway operator needs: what to fix.
 */
import { CLIENT_CALLBACKS } from './clientCallbacks.ts';
import { registrationProbe } from './registrationProbes.ts';

interface DoctorCheck {
  readonly id: string;
  readonly fix: string;
}

const DOCTOR_CHECKS: readonly DoctorCheck[] = [
  { id: 'challenge-resource-metadata', fix: 'Answer unauthenticated MCP requests with 401 and WWW-Authenticate: Bearer resource_metadata="<absolute URL of your Protected Resource Metadata>".' },
  { id: 'challenge-scope', fix: 'Add scope="<the scopes a client needs>" to the 401 challenge.' },
  { id: 'prm-locations', fix: 'Serve Protected Resource Metadata at /.well-known/oauth-protected-resource<MCP path> as well as at the root.' },
  { id: 'prm-resource', fix: 'Set the metadata\'s "resource" to exactly the MCP URL users enter (path included, no trailing slash).' },
  { id: 'prm-authorization-servers', fix: 'List your authorization server\'s issuer URL in "authorization_servers".' },
  { id: 'as-metadata-every-location', fix: 'Serve authorization server metadata at every well-known location (RFC 8414 and OIDC discovery; path-inserted and path-appended for an issuer with a path).' },
  { id: 'as-issuer', fix: 'Make the metadata\'s "issuer" exactly the URL listed in authorization_servers (same scheme, host, path).' },
  { id: 'pkce-advertised', fix: 'Advertise code_challenge_methods_supported: ["S256"]; clients refuse an authorization server without it.' },
  { id: 'registration-available', fix: 'Offer dynamic client registration (registration_endpoint) or Client ID Metadata Documents (client_id_metadata_document_supported: true).' },
  { id: 'cimd-advertised', fix: 'Support Client ID Metadata Documents and advertise client_id_metadata_document_supported: true (ChatGPT prefers them).' },
  { id: 'refresh-advertised', fix: 'Issue refresh tokens (refresh_token grant, offline_access scope) and rotate them, or connections expire with the first access token.' },
  ...CLIENT_CALLBACKS.map((c) => ({ id: registrationProbe(c), fix: `Allow ${c.name}'s callback${c.redirectUris.length > 1 ? 's' : ''} in your redirect URI allow-list: ${c.redirectUris.join(', ')}.` })),
  { id: 'authorize-accepted', fix: 'Accept resource (= the MCP URL) and PKCE S256 on the authorization endpoint for a registered redirect URI.' },
  { id: 'pkce-plain-refused', fix: 'Refuse code_challenge_method=plain; require S256.' },
  { id: 'token-resource-accepted', fix: 'Accept the RFC 8707 resource parameter (the MCP URL) at the token endpoint and put it in the token\'s audience; do not answer invalid_target.' },
  { id: 'token-accepted', fix: 'Accept the tokens your authorization server issues at the MCP endpoint: check issuer, signature and aud = the MCP URL (not the bare origin).' },
  { id: 'token-audience', fix: 'Issue access tokens whose aud is the MCP URL the client sent as resource.' },
  { id: 'tampered-token-refused', fix: 'Verify token signatures; answer an invalid token with 401 and error="invalid_token".' },
  { id: 'query-token-refused', fix: 'Read access tokens only from the Authorization header; refuse ?access_token= (400) and never treat it as a credential.' },
  { id: 'session-id', fix: 'Return a cryptographically random, visible-ASCII Mcp-Session-Id on initialize (or none, statelessly).' },
  { id: 'protocol-version-header', fix: 'Accept the requests that carry MCP-Protocol-Version after initialize.' },
  { id: 'unsupported-version-refused', fix: 'Answer a request with an MCP-Protocol-Version you do not support with 400.' },
  { id: 'answer-content-type', fix: 'Answer MCP POST requests with Content-Type application/json or text/event-stream.' },
  { id: 'tools-list-order', fix: 'Return tools/list in a deterministic order for the same user and grants.' },
  { id: 'origin-refused', fix: 'Validate the Origin header on the MCP endpoint and refuse unknown browser origins with 403 (DNS rebinding).' },
  { id: 'inspector-cors', fix: 'Answer CORS from http://localhost:6274 on metadata, /register, /token and the MCP endpoint: allow Authorization, Content-Type, Mcp-Protocol-Version, Mcp-Session-Id; expose WWW-Authenticate, Mcp-Session-Id.' },
];

const position = new Map(DOCTOR_CHECKS.map((c, index) => [c.id, index]));

/** Where a check comes in discovery order; a check the doctor does not know is a programming error. */
export function discoveryPosition(id: string): number {
  const found = position.get(id);
  if (found === undefined) throw new Error(`gangway doctor has no order or fix for check ${id}: add it to scenarios/doctor/doctorChecks.ts`);
  return found;
}

export const fixFor = (id: string): string => DOCTOR_CHECKS[discoveryPosition(id)]!.fix;
