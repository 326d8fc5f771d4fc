/**
 * OAuth apps a mock vendor knows: the pre-registered ones from config (fixtures/vendors, with the
 * redirect URIs the caller configured) and, where the vendor offers it (Atlassian's MCP server),
 * dynamically registered clients (RFC 7591, with the OIDC `application_type` they declared — "web"
 * when omitted, as OIDC Registration defaults it) and clients known by their Client ID Metadata
 * Document (clientMetadataDocuments.ts fetches and checks it; kept here for ten minutes, so the
 * token endpoint knows the client the authorization request used). Client secrets are compared in
 * constant time.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { sameSecret } from '../constantTime.ts';
import { OAuthError, invalidClient } from './oauthError.ts';
import { redirectAllowed, registrableRedirect, type RedirectPolicy } from './redirectUris.ts';

export interface OAuthClient {
  readonly clientId: string;
  /** Absent for public clients (PKCE required, `token_endpoint_auth_method: none`). */
  readonly clientSecret?: string | undefined;
  readonly name: string;
  readonly redirectUris: RedirectPolicy;
  readonly origin: 'preregistered' | 'dynamic' | 'metadata-document';
  /** OIDC application_type from registration or the metadata document. */
  readonly applicationType?: 'web' | 'native' | undefined;
  readonly expiringUserTokens?: boolean | undefined;
  readonly tokenRotation?: boolean | undefined;
}

const registrationSchema = z.object({
  redirect_uris: z.array(z.string()).min(1),
  client_name: z.string().max(200).optional(),
  token_endpoint_auth_method: z.enum(['none', 'client_secret_post', 'client_secret_basic']).optional(),
  grant_types: z.array(z.enum(['authorization_code', 'refresh_token'])).optional(),
  response_types: z.array(z.literal('code')).optional(),
  scope: z.string().optional(),
  application_type: z.enum(['web', 'native']).optional(),
});

const METADATA_CLIENT_TTL_MS = 10 * 60_000;

export class ClientRegistry {
  readonly #preregistered: readonly OAuthClient[];
  #dynamic = new Map<string, OAuthClient>();
  #documents = new Map<string, { client: OAuthClient; at: number }>();

  constructor(preregistered: readonly OAuthClient[]) {
    this.#preregistered = preregistered;
  }

  find(clientId: string): OAuthClient | undefined {
    return this.#preregistered.find((c) => c.clientId === clientId) ?? this.#dynamic.get(clientId) ?? this.documentClient(clientId);
  }

  /** A client known from its metadata document, while the fetched document is fresh. */
  documentClient(clientId: string): OAuthClient | undefined {
    const entry = this.#documents.get(clientId);
    if (entry && Date.now() - entry.at < METADATA_CLIENT_TTL_MS) return entry.client;
    this.#documents.delete(clientId);
    return undefined;
  }

  rememberDocumentClient(client: OAuthClient): void {
    this.#documents.set(client.clientId, { client, at: Date.now() });
  }

  redirectAllowed(client: OAuthClient, redirectUri: string): boolean {
    return redirectAllowed(client.redirectUris, redirectUri);
  }

  /**
   * Client authentication at a token endpoint. A confidential client must send its secret; a public
   * client must not pretend to have one.
   */
  authenticate(clientId: string | undefined, clientSecret: string | undefined): OAuthClient {
    if (!clientId) throw invalidClient('client_id is required', 'unknown_client');
    const client = this.find(clientId);
    if (!client) throw invalidClient('the client_id is not registered', 'unknown_client');
    if (client.clientSecret === undefined) {
      if (clientSecret !== undefined) throw invalidClient('this public client has no client secret', 'client_secret');
      return client;
    }
    if (clientSecret === undefined || !sameSecret(client.clientSecret, clientSecret)) throw invalidClient('the client secret is wrong', 'client_secret');
    return client;
  }

  /** RFC 7591 registration; returns the client and the 201 body. */
  register(metadata: unknown, allowedScopes: readonly string[]): { client: OAuthClient; response: Record<string, unknown> } {
    const parsed = registrationSchema.safeParse(metadata);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new OAuthError('invalid_client_metadata', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
    }
    const m = parsed.data;
    const bad = m.redirect_uris.find((uri) => !registrableRedirect(uri));
    if (bad !== undefined) throw new OAuthError('invalid_redirect_uri', `redirect URI ${bad} must be https, or http on a loopback address, without a fragment`);
    const unknownScope = (m.scope ?? '').split(' ').filter(Boolean).find((s) => !allowedScopes.includes(s));
    if (unknownScope !== undefined) throw new OAuthError('invalid_client_metadata', `scope ${unknownScope} is not supported`);
    const method = m.token_endpoint_auth_method ?? 'none';
    const client: OAuthClient = {
      clientId: randomBytes(12).toString('base64url'),
      clientSecret: method === 'none' ? undefined : randomBytes(24).toString('base64url'),
      name: m.client_name ?? 'Unnamed MCP client',
      redirectUris: m.redirect_uris,
      origin: 'dynamic',
      applicationType: m.application_type ?? 'web',
    };
    this.#dynamic.set(client.clientId, client);
    const response: Record<string, unknown> = {
      client_id: client.clientId,
      client_id_issued_at: Math.floor(Date.now() / 1000),
      client_name: client.name,
      redirect_uris: m.redirect_uris,
      grant_types: m.grant_types ?? ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: method,
      application_type: client.applicationType,
      ...(m.scope ? { scope: m.scope } : {}),
      ...(client.clientSecret ? { client_secret: client.clientSecret, client_secret_expires_at: 0 } : {}),
    };
    return { client, response };
  }

  reset(): void {
    this.#dynamic = new Map();
    this.#documents = new Map();
  }
}
