/**
 * Connecting and disconnecting a user's enterprise tools — the actions behind the consent page's
 * rows and the portal's Connections page:
 * - an API key is checked with the vendor before it is sealed and saved (UP-04);
 * - "Connect via OAuth" sends the browser to the vendor with PKCE S256 and a random `state` whose
 *   hash names a single-use, ten-minute pending record bound to the user and, during consent, to
 *   the gateway interaction (UP-02); the issuer recorded from the upstream's metadata is sealed
 *   with the PKCE verifier, and the callback's RFC 9207 `iss` is checked against it before anything
 *   else is read or any code is exchanged (oauthIssuer.ts); then the tokens are saved sealed;
 * - disconnect revokes the token at the vendor where it can, deletes the credential (the tools it
 *   served disappear from every client's list) and tells the user's sessions their tools changed.
 *   The tool grants stay: connecting the tool again brings the same tools back.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit/auditLog.ts';
import type { Catalog } from '../connectors/catalog.ts';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { Logger } from '../logging/logger.ts';
import type { OutboundFetch } from '../net/outboundFetch.ts';
import type { GatewayStore, PendingUpstreamAuthorization } from '../store/store.ts';
import type { VaultCipher } from '../vault/vaultCipher.ts';
import { cleanPastedKey, validateApiKey, type KeyCheck } from './apiKeyValidation.ts';
import { openCredential, sealCredential } from './credentials.ts';
import { authorizationRequestUrl, exchangeCode, revokeToken, UpstreamOAuthError } from './oauthDialect.ts';
import { checkAuthorizationResponseIssuer, issuerRefusalMessage } from './oauthIssuer.ts';
import { openPendingRequest, sealPendingRequest } from './oauthPendingRequest.ts';
import type { OAuthResolver } from './oauthResolver.ts';

const PENDING_TTL_MS = 10 * 60_000;

export const hashState = (state: string) => createHash('sha256').update(state).digest('base64url');

export interface ConnectionChange {
  (accountId: string, connectorId: string): Promise<void>;
}

export interface ConnectionServiceDeps {
  readonly catalog: Catalog;
  readonly store: GatewayStore;
  readonly vault: VaultCipher;
  readonly fetch: OutboundFetch;
  readonly resolveOAuth: OAuthResolver;
  readonly audit: AuditLog;
  readonly logger: Logger;
  /** The gateway's one upstream OAuth callback URL. */
  readonly callbackUrl: string;
  /** Called after a connection appears, changes or goes (caches, list_changed, pooled sessions). */
  readonly onChange: ConnectionChange;
}

export type OAuthFinish =
  | { readonly ok: true; readonly pending: PendingUpstreamAuthorization; readonly connector: ConnectorConfig }
  | {
      readonly ok: false;
      readonly message: string;
      readonly pending?: PendingUpstreamAuthorization | undefined;
      readonly connector?: ConnectorConfig | undefined;
      /** The audit outcome, e.g. `denied`, `issuer_mismatch` (absent before a pending record was found). */
      readonly outcome?: string | undefined;
    };

export interface ConnectionService {
  saveApiKey(accountId: string, connector: ConnectorConfig, pastedKey: string, username?: string): Promise<KeyCheck>;
  beginOAuth(accountId: string, connector: ConnectorConfig, origin: { interactionUid?: string; returnTo: string }): Promise<string>;
  /** Redeems the callback. `ownedBy` decides whether this browser may finish that pending record. */
  finishOAuth(query: URLSearchParams, ownedBy: (pending: PendingUpstreamAuthorization) => Promise<boolean>): Promise<OAuthFinish>;
  disconnect(accountId: string, connectorId: string): Promise<void>;
}

export function createConnectionService(deps: ConnectionServiceDeps): ConnectionService {
  const { store, vault, fetch, audit, logger } = deps;

  return {
    async saveApiKey(accountId, connector, pastedKey, username) {
      const credential = { kind: 'api_key' as const, key: cleanPastedKey(pastedKey), username: username?.trim() || undefined };
      const check = await validateApiKey(connector, credential, fetch);
      if (!check.ok) {
        await audit.record({ event: 'connection.failed', accountId, connectorId: connector.id, outcome: 'key_refused', detail: { method: 'api_key' } });
        return check;
      }
      await store.connections.save({
        accountId,
        connectorId: connector.id,
        method: 'api_key',
        secret: sealCredential(vault, accountId, connector.id, credential),
        scopes: check.scopes,
        expiresAt: undefined,
        connectedAt: Date.now(),
      });
      await audit.record({ event: 'connection.connected', accountId, connectorId: connector.id, outcome: 'ok', detail: { method: 'api_key' } });
      await deps.onChange(accountId, connector.id);
      return check;
    },

    async beginOAuth(accountId, connector, origin) {
      const oauth = await deps.resolveOAuth(connector);
      const state = randomBytes(32).toString('base64url');
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      await store.pendingAuthorizations.create({
        stateHash: hashState(state),
        accountId,
        connectorId: connector.id,
        interactionUid: origin.interactionUid,
        returnTo: origin.returnTo,
        verifier: sealPendingRequest(vault, hashState(state), { verifier, issuer: oauth.issuer, issParameterSupported: oauth.issParameterSupported === true }),
        redirectUri: deps.callbackUrl,
        expiresAt: Date.now() + PENDING_TTL_MS,
      });
      return authorizationRequestUrl(oauth, { redirectUri: deps.callbackUrl, state, codeChallenge: challenge });
    },

    async finishOAuth(query, ownedBy) {
      const state = query.get('state');
      if (!state || state.length > 200) return { ok: false, message: 'The tool sent the browser back without the connection reference. Start the connection again.' };
      const pending = await store.pendingAuthorizations.take(hashState(state), Date.now());
      if (!pending) return { ok: false, message: 'This connection attempt expired or was already completed. Start it again.' };
      const connector = deps.catalog.byId(pending.connectorId);
      if (!connector) return { ok: false, message: 'This tool is no longer offered by the gateway.', pending };
      if (!(await ownedBy(pending))) {
        logger.warn('upstream.callback_owner_mismatch', { connector_id: connector.id });
        return { ok: false, message: 'This connection was started in another sign-in session. Start it again from this page.', connector };
      }
      const fail = async (message: string, outcome: string) => {
        await audit.record({ event: 'connection.failed', accountId: pending.accountId, connectorId: connector.id, outcome, detail: { method: 'oauth' } });
        return { ok: false as const, message, pending, connector, outcome };
      };
      const secrets = openPendingRequest(vault, pending.stateHash, pending.verifier);
      // Before `error` is believed or a code leaves the gateway: is this answer from the server we sent the user to?
      const issuer = checkAuthorizationResponseIssuer(secrets, query.get('iss'));
      if (!issuer.ok) {
        logger.warn('upstream.callback_issuer_refused', { connector_id: connector.id, reason: issuer.reason });
        return fail(issuerRefusalMessage(issuer, connector.displayName, secrets.issuer ?? ''), `issuer_${issuer.reason}`);
      }
      const error = query.get('error');
      if (error) {
        const described = query.get('error_description')?.slice(0, 200);
        return error === 'access_denied'
          ? fail(`You declined access at ${connector.displayName}. Connect again and choose Allow to use its tools.`, 'denied')
          : fail(`${connector.displayName} reported an error: ${error}${described ? ` (${described})` : ''}. Try connecting again.`, 'vendor_error');
      }
      const code = query.get('code');
      if (!code) return fail(`${connector.displayName} sent the browser back without an authorization code. Try connecting again.`, 'no_code');
      try {
        const oauth = await deps.resolveOAuth(connector);
        const tokens = await exchangeCode(oauth, code, pending.redirectUri, secrets.verifier, fetch);
        await store.connections.save({
          accountId: pending.accountId,
          connectorId: connector.id,
          method: 'oauth',
          secret: sealCredential(vault, pending.accountId, connector.id, { kind: 'oauth', accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }),
          scopes: tokens.scopes,
          expiresAt: tokens.expiresIn ? Date.now() + tokens.expiresIn * 1000 : undefined,
          connectedAt: Date.now(),
        });
      } catch (caught) {
        const reason = caught instanceof UpstreamOAuthError ? caught.message : 'the token exchange failed';
        logger.warn('upstream.code_exchange_failed', { connector_id: connector.id, error: (caught as Error)?.message });
        return fail(`Could not finish connecting ${connector.displayName}: ${reason}. Try again.`, 'exchange_failed');
      }
      await audit.record({ event: 'connection.connected', accountId: pending.accountId, connectorId: connector.id, outcome: 'ok', detail: { method: 'oauth' } });
      await deps.onChange(pending.accountId, connector.id);
      return { ok: true, pending, connector };
    },

    async disconnect(accountId, connectorId) {
      const connection = await store.connections.get(accountId, connectorId);
      const connector = deps.catalog.byId(connectorId);
      if (connection && connector && connection.method === 'oauth') {
        try {
          const credential = openCredential(vault, accountId, connectorId, connection.secret);
          if (credential.kind === 'oauth' && connector.auth.oauth) {
            const oauth = await deps.resolveOAuth(connector);
            await revokeToken(oauth, credential.refreshToken ?? credential.accessToken, fetch);
          }
        } catch (error) {
          logger.warn('upstream.revoke_failed', { connector_id: connectorId, error: (error as Error)?.message });
        }
      }
      await store.connections.delete(accountId, connectorId);
      await audit.record({ event: 'connection.disconnected', accountId, connectorId, outcome: 'ok' });
      await deps.onChange(accountId, connectorId);
    },
  };
}
