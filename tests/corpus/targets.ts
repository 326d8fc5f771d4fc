/**
 * The corpus of FOREIGN targets as data: MCP servers and authorization servers this project did not
 * write, installed from the npm registry (devDependencies, exact versions) and started on loopback by
 * tests/corpus/targets/<id>.server.ts. What each really does on the wire is in tests/corpus/README.md.
 */

import type { SpecRevision as KnownRevision } from '../../wire/protocolVersions.ts';

/** What a foreign server may negotiate: the revisions Gangway knows (wire/protocolVersions.ts) and the older 2025-03-26. */
export type SpecRevision = KnownRevision | '2025-03-26';

export interface CorpusTarget {
  id: string;
  /** The foreign packages that do the protocol work, as installed (package@version). */
  packages: readonly string[];
  framework: string;
  /** Where the authorization server lives relative to the MCP server. */
  authorizationServerOrigin: 'same' | 'other';
  /** The issuer's path ('' for an issuer at the origin root). */
  issuerPath: string;
  /** MCP revisions the server negotiates (initialize / server/discover), newest first. */
  specRevisions: readonly SpecRevision[];
  /** HTML sign-in / consent pages a browser can walk, with the account that works there. */
  signIn?: { signInPage: boolean; consentPage: boolean; username?: string; password?: string; howTo: string };
  /** Why no client can get a token here (a target whose flow is broken on purpose), if so. */
  noToken?: string;
  /** A tool that needs no setup, for a tool call after authorization. */
  tool: { name: string; arguments: Record<string, unknown> };
}

export const CORPUS_TARGETS = [
  {
    id: 'sdk-example-split-as',
    packages: ['@modelcontextprotocol/sdk@1.32.2'],
    framework: 'official TypeScript SDK v1 example (express), dist/esm/examples/server/simpleStreamableHttp.js --oauth',
    authorizationServerOrigin: 'other',
    issuerPath: '',
    specRevisions: ['2025-11-25', '2025-06-18', '2025-03-26'],
    tool: { name: 'greet', arguments: { name: 'corpus' } },
  },
  {
    id: 'oidc-provider-path-issuer',
    packages: ['oidc-provider@9.13.3', '@modelcontextprotocol/sdk@1.32.2'],
    framework: 'oidc-provider (issuer mounted at /oidc, devInteractions) + official SDK v1 resource-server pieces',
    authorizationServerOrigin: 'same',
    issuerPath: '/oidc',
    specRevisions: ['2025-11-25', '2025-06-18', '2025-03-26'],
    signIn: {
      signInPage: true,
      consentPage: true,
      username: 'corpus-user',
      password: 'any-password',
      howTo:
        'oidc-provider devInteractions: "Sign-in" page (inputs name=login / name=password, placeholders "Enter any login" / "and password", no <label>; any values are accepted), then "Authorize" page with a "Continue" button; then 303 to the redirect_uri with code, state and iss',
    },
    tool: { name: 'echo', arguments: { text: 'corpus' } },
  },
  {
    id: 'sdk-v2-stateless-2026',
    packages: ['@modelcontextprotocol/server@2.4.0', '@modelcontextprotocol/node@2.1.2', 'oauth2-mock-server@9.3.0'],
    framework: 'official TypeScript SDK v2 (createMcpHandler + requireBearerAuth + oauthMetadataResponse, toNodeHandler) with oauth2-mock-server as AS',
    authorizationServerOrigin: 'other',
    issuerPath: '',
    // server/discover answers supportedVersions ["2026-07-28"]; initialize (stateless fallback) answers 2025-11-25.
    specRevisions: ['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26'],
    tool: { name: 'echo', arguments: { text: 'corpus' } },
  },
  {
    id: 'fastmcp-oauth-proxy',
    packages: ['fastmcp@4.20.16', 'oauth2-mock-server@9.3.0'],
    framework: 'fastmcp (Hono + SDK v1 transport) with its OAuthProxy authorization server; upstream IdP oauth2-mock-server',
    authorizationServerOrigin: 'same',
    issuerPath: '',
    specRevisions: ['2025-11-25', '2025-06-18', '2025-03-26'],
    signIn: {
      signInPage: false,
      consentPage: true,
      howTo:
        'no sign-in (the upstream oauth2-mock-server approves at once as "johndoe"); fastmcp consent page "Authorization Request" at /oauth/authorize: a form POST /oauth/consent with buttons "Deny" and "Approve" (name=action); Approve → 302 upstream /authorize → 302 /oauth/callback → 302 redirect_uri?code&state (no iss). Sessionful: initialize returns Mcp-Session-Id',
    },
    tool: { name: 'echo', arguments: { text: 'corpus' } },
  },
  {
    id: 'better-auth-path-issuer',
    packages: ['better-auth@1.7.5', '@better-auth/oauth-provider@1.7.5', '@modelcontextprotocol/sdk@1.32.2'],
    framework: 'better-auth OAuth 2.1 provider plugin (basePath /api/auth, memory adapter, jwt plugin) + official SDK v1 resource-server pieces',
    authorizationServerOrigin: 'same',
    issuerPath: '/api/auth',
    specRevisions: ['2025-11-25', '2025-06-18', '2025-03-26'],
    signIn: {
      signInPage: false,
      consentPage: false,
      username: 'corpus-user@example.test',
      password: 'corpus-password-1',
      howTo:
        'headless: authorize redirects to /sign-in?… and then /consent?… on the origin, which this target does not serve (404). By API: POST /api/auth/sign-in/email {email,password} (session cookie), authorize again → 302 /consent?<signed query>, POST /api/auth/oauth2/consent {accept:true, oauth_query} → 200 {"redirect":true,"url":"<redirect_uri>?code&state&iss"}; the token request must not carry the session cookie (else 403 MISSING_OR_NULL_ORIGIN)',
    },
    tool: { name: 'echo', arguments: { text: 'corpus' } },
  },
  {
    id: 'better-auth-unlinked-clients',
    packages: ['better-auth@1.7.5', '@better-auth/oauth-provider@1.7.5', '@modelcontextprotocol/sdk@1.32.2'],
    framework: 'better-auth-path-issuer with better-auth\'s default for registered clients: linked to no resource (clientRegistrationDefaultResources unset)',
    noToken: 'every registered client is refused with invalid_target: that is the defect this variant shows',
    authorizationServerOrigin: 'same',
    issuerPath: '/api/auth',
    specRevisions: ['2025-11-25', '2025-06-18', '2025-03-26'],
    tool: { name: 'echo', arguments: { text: 'corpus' } },
  },
] as const satisfies readonly CorpusTarget[];

export type CorpusTargetId = (typeof CORPUS_TARGETS)[number]['id'];

export function corpusTarget(id: CorpusTargetId): CorpusTarget {
  const target = CORPUS_TARGETS.find((candidate) => candidate.id === id);
  if (!target) throw new Error(`unknown corpus target ${id}`);
  return target;
}
