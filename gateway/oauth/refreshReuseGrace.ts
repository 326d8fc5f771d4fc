/**
 * AUTH-11 with a reuse grace window (issue 11, point 4). Refresh tokens rotate on every use and a
 * rotated token presented again revokes the grant (oidc-provider) — but a client whose response
 * was lost, or a gateway killed after rotating, retries with the previous token, and must not be
 * logged out for good. So, within `graceSeconds` of a rotation, the previous token returns the SAME
 * new pair again (an idempotent retry) when:
 *   - the same client presents it, with valid client credentials;
 *   - the new refresh token has not been used yet (once the client moved on, the old token can
 *     only be a copy: it goes to oidc-provider, which revokes the grant);
 *   - the grant still exists.
 * After the window the old token goes to oidc-provider as before: reuse revokes the grant.
 *
 * The answer is stored sealed with the vault key, keyed by the hash of the old token, so a copy of
 * the database alone holds no usable token. Concurrent requests with one token are serialized in
 * this process, so a concurrent retry gets the same pair; across replicas the store's atomic
 * consume still lets only one rotation win (the other gets invalid_grant, the grant is kept).
 */
import type { Context, Middleware, Next } from 'koa';
import type Provider from 'oidc-provider';
import type { OidcModelStore } from '../store/store.ts';
import { digest } from '../store/oidcAdapter.ts';
import type { VaultCipher } from '../vault/vaultCipher.ts';
import { OAUTH_ROUTES } from './createProvider.ts';
import { readRequestText } from './requestBody.ts';
import { isAuthenticatedClient } from './tokenClientAuth.ts';

const REPLAY_MODEL = 'RefreshReplay';
/** oidc-provider's own body limit for token requests. */
const TOKEN_BODY_LIMIT = 56 * 1024;

interface TokenBody {
  readonly access_token?: unknown;
  readonly refresh_token?: unknown;
  readonly expires_in?: unknown;
}

export interface RefreshReuseGraceDeps {
  readonly provider: Provider;
  readonly tokens: OidcModelStore;
  readonly vault: VaultCipher;
  readonly graceSeconds: number;
  readonly now?: () => number;
}

export function refreshReuseGrace({ provider, tokens, vault, graceSeconds, now = Date.now }: RefreshReuseGraceDeps): Middleware {
  const inFlight = new Map<string, Promise<void>>();

  const replayFor = async (ctx: Context, key: string, form: URLSearchParams): Promise<TokenBody | undefined> => {
    const row = await tokens.find(REPLAY_MODEL, key);
    if (!row || typeof row.sealed !== 'string' || typeof row.clientId !== 'string' || typeof row.grantId !== 'string') return undefined;
    if (!(await isAuthenticatedClient(provider, row.clientId, form, ctx.get('authorization')))) return undefined;
    const { body, issuedAt } = JSON.parse(vault.open(row.sealed, key)) as { body: TokenBody; issuedAt: number };
    const newest = await tokens.find('RefreshToken', digest(String(body.refresh_token)));
    if (!newest || newest.consumed || !(await tokens.find('Grant', row.grantId))) return undefined;
    const elapsed = Math.floor((now() - issuedAt) / 1000);
    return typeof body.expires_in === 'number' ? { ...body, expires_in: Math.max(0, body.expires_in - elapsed) } : body;
  };

  const remember = async (key: string, body: TokenBody) => {
    const rotated = await tokens.find('RefreshToken', digest(String(body.refresh_token)));
    if (!rotated || typeof rotated.grantId !== 'string' || typeof rotated.clientId !== 'string') return;
    const sealed = vault.seal(JSON.stringify({ body, issuedAt: now() }), key);
    await tokens.upsert(REPLAY_MODEL, key, { sealed, grantId: rotated.grantId, clientId: rotated.clientId }, graceSeconds);
  };

  const handle = async (ctx: Context, next: Next, key: string, presented: string, form: URLSearchParams) => {
    const replay = await replayFor(ctx, key, form);
    if (replay) {
      ctx.status = 200;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = replay;
      return;
    }
    await next();
    const body = ctx.body as TokenBody | undefined;
    if (ctx.status === 200 && typeof body?.refresh_token === 'string' && body.refresh_token !== presented) await remember(key, body);
  };

  return async (ctx, next) => {
    if (graceSeconds === 0 || ctx.method !== 'POST' || ctx.path !== OAUTH_ROUTES.token || !ctx.is('application/x-www-form-urlencoded')) {
      return next();
    }
    const form = new URLSearchParams(await readRequestText(ctx, TOKEN_BODY_LIMIT));
    const presented = form.get('refresh_token');
    if (form.get('grant_type') !== 'refresh_token' || !presented) return next();
    const key = digest(presented);
    const run = (inFlight.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => handle(ctx, next, key, presented, form));
    inFlight.set(key, run);
    try {
      await run;
    } finally {
      if (inFlight.get(key) === run) inFlight.delete(key);
    }
  };
}
