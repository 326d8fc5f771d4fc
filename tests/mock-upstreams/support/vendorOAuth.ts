/**
 * Drives each vendor's OAuth endpoints from the metadata startMockUpstreams returns — the way a
 * gateway would: build the authorization URL (vendor extras, scope separator, Slack user_scope),
 * redeem the code in the vendor's request format, refresh, and read the vendor's answer shape.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { MockVendorHandle } from '../../../mock-upstreams/index.ts';
import { walkConsent } from './browserlessConsent.ts';

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeRequest {
  readonly redirectUri: string;
  readonly state: string;
  readonly challenge?: string | undefined;
  readonly scopes?: readonly string[] | undefined;
}

export function authorizationUrl(vendor: MockVendorHandle, request: AuthorizeRequest): string {
  const { oauth } = vendor;
  const url = new URL(oauth.authorizationUrl);
  url.searchParams.set('client_id', oauth.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('state', request.state);
  url.searchParams.set('scope', (request.scopes ?? oauth.scopes).join(oauth.scopeSeparator));
  if (oauth.userScopes) url.searchParams.set('user_scope', oauth.userScopes.join(','));
  if (request.challenge) {
    url.searchParams.set('code_challenge', request.challenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  for (const [key, value] of Object.entries(oauth.extraAuthorizeParams)) url.searchParams.set(key, value);
  return url.href;
}

export interface TokenAnswer {
  readonly status: number;
  readonly contentType: string;
  /** Parsed body (JSON, or form fields for GitHub without Accept: application/json). */
  readonly body: Record<string, unknown>;
}

async function post(vendor: MockVendorHandle, fields: Record<string, string>, acceptJson = true): Promise<TokenAnswer> {
  const { oauth } = vendor;
  const all = { client_id: oauth.clientId, client_secret: oauth.clientSecret, ...fields };
  const json = oauth.tokenRequestFormat === 'json';
  const response = await fetch(oauth.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded', ...(acceptJson ? { accept: 'application/json' } : {}) },
    body: json ? JSON.stringify(all) : new URLSearchParams(all),
  });
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  const body = contentType.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(text));
  return { status: response.status, contentType, body };
}

export function redeemCode(vendor: MockVendorHandle, code: string, redirectUri: string, verifier?: string, acceptJson = true): Promise<TokenAnswer> {
  return post(vendor, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...(verifier ? { code_verifier: verifier } : {}) }, acceptJson);
}

export function refreshWith(vendor: MockVendorHandle, refreshToken: string): Promise<TokenAnswer> {
  return post(vendor, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/** The access and refresh token a vendor answer carries (Slack: the user token under authed_user). */
export function tokensOf(vendor: MockVendorHandle, answer: TokenAnswer): { accessToken: string; refreshToken: string | undefined } {
  const body = vendor.id === 'slack' && typeof answer.body.authed_user === 'object' && answer.body.authed_user !== null && 'access_token' in answer.body.authed_user
    ? (answer.body.authed_user as Record<string, unknown>)
    : answer.body;
  if (typeof body.access_token !== 'string') throw new Error(`no access token in ${JSON.stringify(answer.body)}`);
  return { accessToken: body.access_token, refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined };
}

/** The vendor's error code for a failed token request, whatever its envelope. */
export function errorOf(answer: TokenAnswer): string | undefined {
  const error = answer.body.error;
  return typeof error === 'string' ? error : undefined;
}

/** The whole browserless flow for one account: authorize with PKCE, Allow, redeem. */
export async function completeFlow(
  vendor: MockVendorHandle,
  account: { email: string; password: string },
  redirectUri: string,
): Promise<{ accessToken: string; refreshToken: string | undefined; answer: TokenAnswer }> {
  const { verifier, challenge } = pkcePair();
  const callback = await walkConsent(authorizationUrl(vendor, { redirectUri, state: randomBytes(6).toString('hex'), challenge }), account, 'allow');
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`the flow ended without a code: ${callback.href}`);
  const answer = await redeemCode(vendor, code, redirectUri, verifier);
  return { ...tokensOf(vendor, answer), answer };
}
