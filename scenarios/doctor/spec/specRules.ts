/**
 * The sentences the doctor enforces, each with the revisions it holds in, its level and where it
 * is written. A check fails only when one of these is violated; where a revision allows
 * alternatives, the rule says so and any one passes. `CLIENT` rules are what a named real client
 * needs to connect at all (its own documentation), reported as failures like a MUST because that
 * client cannot connect; everything a client merely copes without is a SHOULD.
 *
 * Texts are quoted from the specification pages of each revision and the RFCs they cite (read
 * 2026-12 through the docs search); a paraphrase is marked with square brackets.
 */
import { SPEC_REVISIONS, type SpecRevision } from '../../../wire/protocolVersions.ts';

export type RuleLevel = 'MUST' | 'SHOULD' | 'CLIENT';

export interface SpecRule {
  readonly id: string;
  readonly level: RuleLevel;
  /** The revisions in which this sentence applies to the target. */
  readonly revisions: readonly SpecRevision[];
  /** Document and section, e.g. "MCP 2025-11-25 Authorization §Authorization Server Discovery". */
  readonly source: string;
  readonly url: string;
  readonly text: string;
}

const ALL = SPEC_REVISIONS;
const FROM_2025_11 = ['2025-11-25', '2026-07-28'] as const satisfies readonly SpecRevision[];
const STATEFUL = ['2025-06-18', '2025-11-25'] as const satisfies readonly SpecRevision[];
const auth = (revision: SpecRevision, anchor: string) => `https://modelcontextprotocol.io/specification/${revision}/basic/authorization#${anchor}`;
const transport = (revision: SpecRevision, anchor: string) => `https://modelcontextprotocol.io/specification/${revision}/basic/transports#${anchor}`;

const rule = (r: SpecRule) => r;

export const RULES = {
  challengeHeader0618: rule({
    id: 'challenge-header-2025-06-18',
    level: 'MUST',
    revisions: ['2025-06-18'],
    source: 'MCP 2025-06-18 Authorization §Authorization Server Location',
    url: auth('2025-06-18', 'authorization-server-location'),
    text: 'MCP servers MUST use the HTTP header WWW-Authenticate when returning a 401 Unauthorized to indicate the location of the resource server metadata URL as described in RFC9728 Section 5.1.',
  }),
  prmDiscoveryOneOf: rule({
    id: 'prm-discovery-one-of',
    level: 'MUST',
    revisions: FROM_2025_11,
    source: 'MCP 2025-11-25 Authorization §Protected Resource Metadata Discovery Requirements',
    url: auth('2025-11-25', 'protected-resource-metadata-discovery-requirements'),
    text: 'MCP servers MUST implement one of the following discovery mechanisms to provide authorization server location information to MCP clients: WWW-Authenticate Header […] Well-Known URI: at the path of the server\'s MCP endpoint […] or at the root.',
  }),
  challengeHeaderShould: rule({
    id: 'challenge-header-preferred',
    level: 'SHOULD',
    revisions: FROM_2025_11,
    source: 'MCP 2025-11-25 Authorization §Protected Resource Metadata Discovery Requirements',
    url: auth('2025-11-25', 'protected-resource-metadata-discovery-requirements'),
    text: '[Clients of 2025-06-18 find the metadata only through the header:] MCP clients MUST […] use the resource metadata URL from the parsed WWW-Authenticate headers when present; otherwise, they MUST fall back to constructing and requesting the well-known URIs.',
  }),
  metadataUrlAnswers: rule({
    id: 'rfc9728-5.1',
    level: 'MUST',
    revisions: ALL,
    source: 'RFC 9728 §5.1',
    url: 'https://www.rfc-editor.org/rfc/rfc9728#section-5.1',
    text: 'resource_metadata: The URL of the protected resource metadata. [A client that received it uses this URL and no other.]',
  }),
  prmAuthorizationServers: rule({
    id: 'prm-authorization-servers',
    level: 'MUST',
    revisions: ALL,
    source: 'MCP 2025-11-25 Authorization §Authorization Server Location',
    url: auth('2025-11-25', 'authorization-server-location'),
    text: 'The Protected Resource Metadata document returned by the MCP server MUST include the authorization_servers field containing at least one authorization server.',
  }),
  prmResourceIdentical: rule({
    id: 'rfc9728-3.3',
    level: 'MUST',
    revisions: ALL,
    source: 'RFC 9728 §3.3',
    url: 'https://www.rfc-editor.org/rfc/rfc9728#section-3.3',
    text: 'The resource value returned MUST be identical to the protected resource\'s resource identifier value into which the well-known URI path suffix was inserted to create the URL used to retrieve the metadata. […] If the protected resource metadata was retrieved from a URL returned by the protected resource via the WWW-Authenticate resource_metadata parameter, then the resource value returned MUST be identical to the URL that the client used to make the request to the resource server.',
  }),
  challengeScope: rule({
    id: 'challenge-scope',
    level: 'SHOULD',
    revisions: FROM_2025_11,
    source: 'MCP 2025-11-25 Authorization §Protected Resource Metadata Discovery Requirements',
    url: auth('2025-11-25', 'protected-resource-metadata-discovery-requirements'),
    text: 'MCP servers SHOULD include a scope parameter in the WWW-Authenticate header as defined in RFC 6750 Section 3 to indicate the scopes required for accessing the resource.',
  }),
  asMetadataRfc8414: rule({
    id: 'as-metadata-rfc8414',
    level: 'MUST',
    revisions: ['2025-06-18'],
    source: 'MCP 2025-06-18 Authorization §Server Metadata Discovery',
    url: auth('2025-06-18', 'server-metadata-discovery'),
    text: 'Authorization servers MUST provide the OAuth 2.0 Authorization Server Metadata (RFC8414).',
  }),
  asMetadataOneOf: rule({
    id: 'as-metadata-one-of',
    level: 'MUST',
    revisions: FROM_2025_11,
    source: 'MCP 2025-11-25 Authorization §Authorization Server Metadata Discovery',
    url: auth('2025-11-25', 'authorization-server-metadata-discovery'),
    text: 'Authorization servers MUST provide at least one of the following discovery mechanisms: OAuth 2.0 Authorization Server Metadata (RFC8414) [or] OpenID Connect Discovery 1.0. MCP clients MUST support both discovery mechanisms.',
  }),
  asIssuerIdentical: rule({
    id: 'rfc8414-3.3',
    level: 'MUST',
    revisions: ALL,
    source: 'RFC 8414 §3.3 (OpenID Connect Discovery §4.3 likewise)',
    url: 'https://www.rfc-editor.org/rfc/rfc8414#section-3.3',
    text: 'The "issuer" value returned MUST be identical to the authorization server\'s issuer identifier value into which the well-known URI string was inserted to create the URL used to retrieve the metadata. If these values are not identical, the data contained in the response MUST NOT be used.',
  }),
  pkceAdvertised1125: rule({
    id: 'pkce-advertised',
    level: 'MUST',
    revisions: FROM_2025_11,
    source: 'MCP 2025-11-25 Authorization §Authorization Code Protection',
    url: auth('2025-11-25', 'authorization-code-protection'),
    text: 'MCP clients MUST verify PKCE support before proceeding with authorization. […] If code_challenge_methods_supported is absent, the MCP client MUST refuse to proceed with authorization.',
  }),
  pkceAdvertised0618: rule({
    id: 'pkce-advertised-2025-06-18',
    level: 'SHOULD',
    revisions: ['2025-06-18'],
    source: 'RFC 8414 §2 (code_challenge_methods_supported); MCP 2025-06-18 §Authorization Code Protection',
    url: auth('2025-06-18', 'authorization-code-protection'),
    text: 'MCP clients MUST implement PKCE according to OAuth 2.1 Section 7.5.2. [Advertising code_challenge_methods_supported lets clients confirm it before they start.]',
  }),
  pkcePlain: rule({
    id: 'oauth21-pkce-s256',
    level: 'SHOULD',
    revisions: ALL,
    source: 'OAuth 2.1 (draft-ietf-oauth-v2-1) §4.1.1',
    url: 'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1#section-4.1.1',
    text: 'If the client is capable of using S256, it MUST use S256, as S256 is Mandatory To Implement (MTI) on the server. [plain exists only for compatibility; an MCP authorization server has no client that needs it.]',
  }),
  resourceParameter: rule({
    id: 'resource-parameter',
    level: 'MUST',
    revisions: ALL,
    source: 'MCP 2025-11-25 Authorization §Resource Parameter Implementation',
    url: auth('2025-11-25', 'resource-parameter-implementation'),
    text: 'MCP clients MUST implement Resource Indicators for OAuth 2.0 as defined in RFC 8707 […] The resource parameter MUST be included in both authorization requests and token requests. [An authorization server that Protected Resource Metadata names, and that refuses this resource with invalid_target, stops every compliant client.]',
  }),
  dynamicRegistration: rule({
    id: 'registration-available',
    level: 'SHOULD',
    revisions: ALL,
    source: 'MCP 2025-11-25 Authorization §Client Registration Approaches; ChatGPT and Claude connector documentation',
    url: auth('2025-11-25', 'client-registration-approaches'),
    text: 'MCP clients and authorization servers SHOULD support Client ID Metadata Documents […] MAY support the OAuth 2.0 Dynamic Client Registration Protocol. [Pre-registration stays allowed; without either, ChatGPT and Claude connect only when the user types a client id in their advanced settings, otherwise "Error fetching OAuth configuration".]',
  }),
  realCallbacks: rule({
    id: 'client-callbacks',
    level: 'CLIENT',
    revisions: ALL,
    source: 'RFC 7591 §2 (redirect_uris); ChatGPT, Claude and MCP Inspector documentation',
    url: 'https://www.rfc-editor.org/rfc/rfc7591#section-2',
    text: '[A registration carrying the client\'s real redirect URIs, exactly as that client sends it, is accepted; an allow-list without them is the failure support hears most: "redirect_uri is not allowed".]',
  }),
  cimd: rule({
    id: 'cimd',
    level: 'SHOULD',
    revisions: FROM_2025_11,
    source: 'MCP 2025-11-25 Authorization §Client ID Metadata Documents',
    url: auth('2025-11-25', 'client-id-metadata-documents'),
    text: 'MCP clients and authorization servers SHOULD support OAuth Client ID Metadata Documents […] Authorization servers […] SHOULD advertise client_id_metadata_document_supported: true.',
  }),
  refresh: rule({
    id: 'refresh',
    level: 'SHOULD',
    revisions: ALL,
    source: 'OAuth 2.1 §4.3; ChatGPT and Claude connector behaviour',
    url: 'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1#section-4.3',
    text: '[Refresh tokens are optional in OAuth 2.1; without them ChatGPT and Claude report "Connection expired" when the first access token expires.]',
  }),
  issInResponse: rule({
    id: 'rfc9207-iss',
    level: 'SHOULD',
    revisions: ['2026-07-28'],
    source: 'MCP 2026-07-28 Authorization; RFC 9207 §2',
    url: 'https://www.rfc-editor.org/rfc/rfc9207#section-2',
    text: 'Authorization servers SHOULD include the iss parameter in authorization responses (RFC 9207); where they advertise authorization_response_iss_parameter_supported, RFC 9207 requires it: "the authorization server MUST send the iss parameter".',
  }),
  queryToken: rule({
    id: 'no-query-token',
    level: 'MUST',
    revisions: ALL,
    source: 'MCP 2025-11-25 Authorization §Access Token Usage; OAuth 2.1 §5.2',
    url: auth('2025-11-25', 'token-requirements'),
    text: 'Access tokens MUST NOT be included in the URI query string. [A resource server that accepts one invites clients to leak it.]',
  }),
  invalidToken401: rule({
    id: 'invalid-token-401',
    level: 'MUST',
    revisions: ALL,
    source: 'MCP 2025-11-25 Authorization §Token Handling',
    url: auth('2025-11-25', 'token-handling'),
    text: 'MCP servers MUST validate access tokens as described in OAuth 2.1 Section 5.2. If validation fails, servers MUST respond according to OAuth 2.1 Section 5.3 error handling requirements. Invalid or expired tokens MUST receive a HTTP 401 response.',
  }),
  audience: rule({
    id: 'token-audience',
    level: 'MUST',
    revisions: ALL,
    source: 'MCP 2025-11-25 Authorization §Token Handling',
    url: auth('2025-11-25', 'token-handling'),
    text: 'MCP servers MUST validate that access tokens were issued specifically for them as the intended audience, according to RFC 8707 Section 2.',
  }),
  unsupportedVersion: rule({
    id: 'protocol-version-400',
    level: 'MUST',
    revisions: ALL,
    source: 'MCP 2025-11-25 Transports §Protocol Version Header',
    url: transport('2025-11-25', 'protocol-version-header'),
    text: 'If the server receives a request with an invalid or unsupported MCP-Protocol-Version, it MUST respond with 400 Bad Request.',
  }),
  contentType: rule({
    id: 'answer-content-type',
    level: 'MUST',
    revisions: ALL,
    source: 'MCP 2025-11-25 Transports §Sending Messages to the Server',
    url: transport('2025-11-25', 'sending-messages-to-the-server'),
    text: 'If the input is a JSON-RPC request, the server MUST either return Content-Type: text/event-stream, to initiate an SSE stream, or Content-Type: application/json, to return one JSON object.',
  }),
  sessionIdAscii: rule({
    id: 'session-id',
    level: 'MUST',
    revisions: STATEFUL,
    source: 'MCP 2025-11-25 Transports §Session Management',
    url: transport('2025-11-25', 'session-management'),
    text: 'The session ID SHOULD be globally unique and cryptographically secure […] The session ID MUST only contain visible ASCII characters (ranging from 0x21 to 0x7E).',
  }),
  stateless: rule({
    id: 'stateless',
    level: 'MUST',
    revisions: ['2026-07-28'],
    source: 'MCP 2026-07-28 Base protocol; Versioning',
    url: 'https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning',
    text: 'There is no negotiation handshake. [Every request carries io.modelcontextprotocol/protocolVersion and clientCapabilities in _meta and is answered on its own: no initialize, no Mcp-Session-Id.]',
  }),
  discover: rule({
    id: 'server-discover',
    level: 'MUST',
    revisions: ['2026-07-28'],
    source: 'MCP 2026-07-28 server/discover',
    url: 'https://modelcontextprotocol.io/specification/2026-07-28/server/discover',
    text: '[A server answers server/discover with its supported versions, capabilities and server info; it is the only way left to advertise what the server supports.]',
  }),
  originInvalid403: rule({
    id: 'origin-403',
    level: 'MUST',
    revisions: FROM_2025_11,
    source: 'MCP 2025-11-25 Transports §Security Warning',
    url: transport('2025-11-25', 'security-warning'),
    text: 'Servers MUST validate the Origin header on all incoming connections to prevent DNS rebinding attacks. If the Origin header is present and invalid, servers MUST respond with HTTP 403 Forbidden.',
  }),
  originValidated0618: rule({
    id: 'origin-validated',
    level: 'MUST',
    revisions: ['2025-06-18'],
    source: 'MCP 2025-06-18 Transports §Security Warning',
    url: transport('2025-06-18', 'security-warning'),
    text: 'Servers MUST validate the Origin header on all incoming connections to prevent DNS rebinding attacks.',
  }),
  deterministicList: rule({
    id: 'tools-list-order',
    level: 'SHOULD',
    revisions: ['2026-07-28'],
    source: 'MCP 2026-07-28 Tools §Listing Tools',
    url: 'https://modelcontextprotocol.io/specification/2026-07-28/server/tools',
    text: '[tools/list MUST NOT vary per connection, MAY vary by authorization, and SHOULD come back in a deterministic order.]',
  }),
  inspectorCors: rule({
    id: 'inspector-cors',
    level: 'SHOULD',
    revisions: ALL,
    source: 'MCP Inspector documentation (browser-side OAuth)',
    url: 'https://github.com/modelcontextprotocol/inspector',
    text: '[The Inspector does discovery, registration and token requests from its page at http://localhost:6274: each endpoint answers its CORS preflight and exposes WWW-Authenticate and Mcp-Session-Id; without it only the Inspector\'s proxy mode connects.]',
  }),
  targetAnswers: rule({
    id: 'target-answers',
    level: 'MUST',
    revisions: ALL,
    source: 'RFC 9110 §15 [a server answers every request it accepts]',
    url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15',
    text: '[A well-formed request gets an HTTP answer; a server that stops answering stops every client after it.]',
  }),
} as const satisfies Record<string, SpecRule>;
