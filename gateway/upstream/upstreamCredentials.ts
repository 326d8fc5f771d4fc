/**
 * The one place that hands out a user's upstream credential, refreshing OAuth tokens when needed
 * (UP-03):
 * - before expiry (a minute's margin) and when the upstream said 401 to the version just used;
 * - at most one refresh in flight per (user, connector): in-process callers share one promise, and
 *   across processes the store's lease lock admits one refresher while the others wait for the new
 *   version to appear;
 * - a rotated refresh token is saved in the same conditional write as the access token, so a
 *   refresh never lands on top of another;
 * - no refresh token, or invalid_grant → the connection is marked "needs reconnect";
 * - a public connector (`auth.none`) gets a lease with no credential and never touches the store;
 *   if it refuses the call anyway, only its administrator can fix that (PublicUpstreamRefused).
 */
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { Logger } from '../logging/logger.ts';
import type { OutboundFetch } from '../net/outboundFetch.ts';
import type { ConnectionStore, UpstreamConnection } from '../store/store.ts';
import type { VaultCipher } from '../vault/vaultCipher.ts';
import { needsNoCredential } from './connectionStatus.ts';
import { openCredential, sealCredential, type PresentedCredential, type UpstreamCredential } from './credentials.ts';
import { refreshTokens, UpstreamOAuthError } from './oauthDialect.ts';
import type { OAuthResolver } from './oauthResolver.ts';

export class NotConnected extends Error {
  override readonly name = 'NotConnected';
}

/** The user must connect this tool again (revoked, refresh refused, no refresh token). */
export class NeedsReconnect extends Error {
  override readonly name: string = 'NeedsReconnect';
}

/** The upstream wants more than the connection grants (403 insufficient_scope): connect again, granting it. */
export class NeedsMorePermission extends NeedsReconnect {
  override readonly name = 'NeedsMorePermission';
}

/** A connector configured as needing no credential asked for one (401/403): nothing the user can connect fixes it. */
export class PublicUpstreamRefused extends Error {
  override readonly name = 'PublicUpstreamRefused';
}

export interface CredentialLease {
  readonly credential: PresentedCredential;
  /** The connection version this credential came from; pass it back when the upstream said 401. */
  readonly version: number;
}

const NO_CREDENTIAL: CredentialLease = { credential: { kind: 'none' }, version: 0 };

const EXPIRY_MARGIN_MS = 60_000;
const LOCK_MS = 10_000;
const WAIT_STEP_MS = 50;
const WAIT_LIMIT_MS = 12_000;

export interface UpstreamCredentialsDeps {
  readonly connections: ConnectionStore;
  readonly vault: VaultCipher;
  readonly resolveOAuth: OAuthResolver;
  readonly fetch: OutboundFetch;
  readonly logger: Logger;
  /**
   * The hot path's read of a connection (storeCache.ts: cached, dropped by every write to it). The
   * refresh protocol always reads the store itself: it waits for other processes' writes.
   */
  readonly readConnection?: (accountId: string, connectorId: string) => Promise<UpstreamConnection | undefined>;
  /** Told about every refresh attempt (tests count them; the audit log records them). */
  readonly onRefresh?: (accountId: string, connectorId: string, outcome: 'refreshed' | 'needs_reconnect') => void;
}

export interface UpstreamCredentials {
  lease(accountId: string, connector: ConnectorConfig): Promise<CredentialLease>;
  /** After a 401 with `failedVersion`: refresh unless someone already did, then lease again. */
  renew(accountId: string, connector: ConnectorConfig, failedVersion: number): Promise<CredentialLease>;
  /** The upstream refused even a fresh credential (or wants more permission): the user has to connect again. */
  requireReconnect(accountId: string, connector: ConnectorConfig, reason?: 'refused' | 'permission'): Promise<never>;
}

const publicRefused = (connector: ConnectorConfig) => new PublicUpstreamRefused(`${connector.displayName} asked for a credential, but the gateway is configured to reach it without one (auth.none)`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createUpstreamCredentials(deps: UpstreamCredentialsDeps): UpstreamCredentials {
  const { connections, vault, logger } = deps;
  const inFlight = new Map<string, Promise<CredentialLease>>();

  const load = async (accountId: string, connectorId: string, read = connections.get.bind(connections)): Promise<UpstreamConnection> => {
    const connection = await read(accountId, connectorId);
    if (!connection) throw new NotConnected(`not connected to ${connectorId}`);
    if (connection.status === 'needs_reconnect') throw new NeedsReconnect(`the connection to ${connectorId} must be renewed`);
    return connection;
  };
  // One decryption per stored version of a connection: the cached read hands out the same object
  // until a write replaces it, and then this entry goes with the old object.
  const opened = new WeakMap<UpstreamConnection, CredentialLease>();
  const leaseOf = (connection: UpstreamConnection): CredentialLease => {
    let lease = opened.get(connection);
    if (!lease) {
      lease = { credential: openCredential(vault, connection.accountId, connection.connectorId, connection.secret), version: connection.version };
      opened.set(connection, lease);
    }
    return lease;
  };
  const readConnection = deps.readConnection ?? ((accountId: string, connectorId: string) => connections.get(accountId, connectorId));

  const refreshOnce = async (accountId: string, connector: ConnectorConfig, staleVersion: number): Promise<CredentialLease> => {
    const started = Date.now();
    for (;;) {
      const current = await load(accountId, connector.id);
      if (current.version !== staleVersion) return leaseOf(current);
      if (await connections.tryLockRefresh(accountId, connector.id, Date.now(), Date.now() + LOCK_MS)) {
        const locked = await load(accountId, connector.id);
        if (locked.version !== staleVersion) {
          await connections.unlockRefresh(accountId, connector.id);
          return leaseOf(locked);
        }
        const credential = leaseOf(locked).credential;
        if (credential.kind !== 'oauth' || !credential.refreshToken) {
          await connections.markNeedsReconnect(accountId, connector.id);
          deps.onRefresh?.(accountId, connector.id, 'needs_reconnect');
          throw new NeedsReconnect(`${connector.displayName} gave no refresh token; connect again`);
        }
        try {
          const tokens = await refreshTokens(await deps.resolveOAuth(connector), credential.refreshToken, deps.fetch);
          const renewed: UpstreamCredential = {
            kind: 'oauth',
            accessToken: tokens.accessToken,
            refreshToken: tokens.refreshToken ?? credential.refreshToken,
            tokenType: credential.tokenType,
          };
          const expiresAt = tokens.expiresIn ? Date.now() + tokens.expiresIn * 1000 : undefined;
          const landed = await connections.replaceSecret(accountId, connector.id, staleVersion, sealCredential(vault, accountId, connector.id, renewed), expiresAt);
          if (!landed) continue;
          deps.onRefresh?.(accountId, connector.id, 'refreshed');
          logger.info('upstream.token_refreshed', { account_id: accountId, connector_id: connector.id });
          return { credential: renewed, version: staleVersion + 1 };
        } catch (error) {
          if (error instanceof UpstreamOAuthError && error.code === 'invalid_grant') {
            await connections.markNeedsReconnect(accountId, connector.id);
            deps.onRefresh?.(accountId, connector.id, 'needs_reconnect');
            logger.info('upstream.refresh_refused', { account_id: accountId, connector_id: connector.id, error: error.code });
            throw new NeedsReconnect(`${connector.displayName} refused to renew the connection`);
          }
          await connections.unlockRefresh(accountId, connector.id);
          throw error;
        }
      }
      if (Date.now() - started > WAIT_LIMIT_MS) throw new Error(`waited too long for another refresh of ${connector.id}`);
      await sleep(WAIT_STEP_MS);
    }
  };

  const refresh = (accountId: string, connector: ConnectorConfig, staleVersion: number): Promise<CredentialLease> => {
    const key = `${accountId}\n${connector.id}\n${staleVersion}`;
    let pending = inFlight.get(key);
    if (!pending) {
      pending = refreshOnce(accountId, connector, staleVersion).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };

  return {
    async lease(accountId, connector) {
      if (needsNoCredential(connector)) return NO_CREDENTIAL;
      const connection = await load(accountId, connector.id, readConnection);
      const expiring = connection.method === 'oauth' && connection.expiresAt !== undefined && connection.expiresAt - Date.now() < EXPIRY_MARGIN_MS;
      return expiring ? refresh(accountId, connector, connection.version) : leaseOf(connection);
    },
    async renew(accountId, connector, failedVersion) {
      if (needsNoCredential(connector)) throw publicRefused(connector);
      const connection = await load(accountId, connector.id);
      if (connection.version !== failedVersion) return leaseOf(connection);
      if (connection.method !== 'oauth') {
        await connections.markNeedsReconnect(accountId, connector.id);
        throw new NeedsReconnect(`${connector.displayName} no longer accepts the saved key`);
      }
      return refresh(accountId, connector, failedVersion);
    },
    async requireReconnect(accountId, connector, reason = 'refused') {
      if (needsNoCredential(connector)) throw publicRefused(connector);
      await connections.markNeedsReconnect(accountId, connector.id);
      deps.onRefresh?.(accountId, connector.id, 'needs_reconnect');
      if (reason === 'permission') throw new NeedsMorePermission(`${connector.displayName} needs more permission than the connection grants`);
      throw new NeedsReconnect(`${connector.displayName} refused the connection`);
    },
  };
}
