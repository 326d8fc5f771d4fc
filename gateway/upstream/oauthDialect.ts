/**
 * The OAuth conversation with an upstream vendor, in that vendor's dialect (UP-02): authorization
 * URL with PKCE S256, `state`, vendor extras (Atlassian's audience and prompt, Slack's user_scope)
 * and `resource` for MCP upstreams; token requests as form or JSON with the client's auth method;
 * answers parsed per vendor (RFC 6749 JSON, GitHub's 200-with-error, Slack's `ok` envelope with the
 * user token under `authed_user`).
 */
import { readLimitedBody, type OutboundFetch } from '../net/outboundFetch.ts';

export interface ResolvedOAuth {
  readonly authorizationUrl: string;
  readonly tokenUrl: string;
  readonly revocationUrl?: string | undefined;
  readonly clientId: string;
  readonly clientSecret?: string | undefined;
  readonly clientAuthMethod: 'client_secret_post' | 'client_secret_basic' | 'none';
  readonly tokenRequestFormat: 'form' | 'json';
  readonly tokenResponse: 'standard' | 'slack';
  readonly scopes: readonly string[];
  readonly scopeSeparator: ' ' | ',';
  readonly userScopes?: readonly string[] | undefined;
  readonly extraAuthorizeParams: Readonly<Record<string, string>>;
  readonly pkce: boolean;
  /** RFC 8707 resource: the upstream MCP server, when the authorization server is MCP-aware. */
  readonly resource?: string | undefined;
  /** The `issuer` of validated authorization server metadata (discovery only): what a callback's RFC 9207 `iss` must equal. */
  readonly issuer?: string | undefined;
  /** The metadata's `authorization_response_iss_parameter_supported`: a callback without `iss` is refused. */
  readonly issParameterSupported?: boolean | undefined;
}

export interface TokenSet {
  readonly accessToken: string;
  readonly refreshToken?: string | undefined;
  readonly expiresIn?: number | undefined;
  readonly scopes: readonly string[];
}

/** An upstream refused a token request; `code` is its OAuth error (invalid_grant → reconnect). */
export class UpstreamOAuthError extends Error {
  override readonly name = 'UpstreamOAuthError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export function authorizationRequestUrl(oauth: ResolvedOAuth, request: { redirectUri: string; state: string; codeChallenge: string }): string {
  const url = new URL(oauth.authorizationUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', oauth.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('state', request.state);
  if (oauth.scopes.length) url.searchParams.set('scope', oauth.scopes.join(oauth.scopeSeparator));
  if (oauth.userScopes?.length) url.searchParams.set('user_scope', oauth.userScopes.join(oauth.scopeSeparator));
  if (oauth.pkce) {
    url.searchParams.set('code_challenge', request.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  if (oauth.resource) url.searchParams.set('resource', oauth.resource);
  for (const [name, value] of Object.entries(oauth.extraAuthorizeParams)) url.searchParams.set(name, value);
  return url.href;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function parseTokenSet(body: Record<string, unknown>, style: ResolvedOAuth['tokenResponse'], separator: string): TokenSet {
  // Slack puts the user token (acting as the person, which is what a gateway wants) under authed_user.
  const source = style === 'slack' && body.authed_user && typeof body.authed_user === 'object' && asString((body.authed_user as Record<string, unknown>).access_token)
    ? (body.authed_user as Record<string, unknown>)
    : body;
  const accessToken = asString(source.access_token);
  if (!accessToken) throw new UpstreamOAuthError('invalid_response', 'the token response has no access_token');
  const expiresIn = Number(source.expires_in);
  return {
    accessToken,
    refreshToken: asString(source.refresh_token),
    expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : undefined,
    scopes: (asString(source.scope) ?? '').split(separator === ',' ? /[,\s]+/ : /\s+/).filter(Boolean),
  };
}

async function tokenRequest(oauth: ResolvedOAuth, params: Record<string, string>, fetch: OutboundFetch): Promise<TokenSet> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const body: Record<string, string> = { ...params };
  if (oauth.clientAuthMethod === 'client_secret_basic') {
    const encode = (value: string) => encodeURIComponent(value);
    headers.authorization = `Basic ${Buffer.from(`${encode(oauth.clientId)}:${encode(oauth.clientSecret ?? '')}`).toString('base64')}`;
  } else {
    body.client_id = oauth.clientId;
    if (oauth.clientAuthMethod === 'client_secret_post' && oauth.clientSecret) body.client_secret = oauth.clientSecret;
  }
  headers['content-type'] = oauth.tokenRequestFormat === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  let response: Response;
  try {
    response = await fetch(oauth.tokenUrl, {
      method: 'POST',
      headers,
      body: oauth.tokenRequestFormat === 'json' ? JSON.stringify(body) : new URLSearchParams(body).toString(),
    });
  } catch {
    throw new UpstreamOAuthError('temporarily_unavailable', 'the token endpoint could not be reached');
  }
  const text = (await readLimitedBody(response, 64 * 1024)).toString('utf8');
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = Object.fromEntries(new URLSearchParams(text));
  }
  const error = asString(parsed.error) ?? (oauth.tokenResponse === 'slack' && parsed.ok === false ? 'invalid_request' : undefined);
  if (error || !response.ok || (oauth.tokenResponse === 'slack' && parsed.ok !== true)) {
    const code = error === 'invalid_refresh_token' || error === 'bad_verification_code' || error === 'invalid_code' ? 'invalid_grant' : (error ?? `http_${response.status}`);
    throw new UpstreamOAuthError(code, asString(parsed.error_description) ?? asString(parsed.warning) ?? `the token endpoint answered ${error ?? response.status}`);
  }
  return parseTokenSet(parsed, oauth.tokenResponse, oauth.scopeSeparator);
}

export function exchangeCode(oauth: ResolvedOAuth, code: string, redirectUri: string, verifier: string, fetch: OutboundFetch): Promise<TokenSet> {
  return tokenRequest(
    oauth,
    { grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...(oauth.pkce ? { code_verifier: verifier } : {}), ...(oauth.resource ? { resource: oauth.resource } : {}) },
    fetch,
  );
}

export function refreshTokens(oauth: ResolvedOAuth, refreshToken: string, fetch: OutboundFetch): Promise<TokenSet> {
  return tokenRequest(oauth, { grant_type: 'refresh_token', refresh_token: refreshToken, ...(oauth.resource ? { resource: oauth.resource } : {}) }, fetch);
}

/** RFC 7009 revocation where the vendor offers it; failures are the vendor's problem, not the user's. */
export async function revokeToken(oauth: ResolvedOAuth, token: string, fetch: OutboundFetch): Promise<boolean> {
  if (!oauth.revocationUrl) return false;
  const body = new URLSearchParams({ token, client_id: oauth.clientId, ...(oauth.clientSecret ? { client_secret: oauth.clientSecret } : {}) });
  try {
    const response = await fetch(oauth.revocationUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
