/**
 * The gateway's one storage interface. Callers (the oidc-provider adapter, the portal, the
 * interaction routes) depend on these shapes only; the embedded SQLite store implements them today
 * and a Postgres store can follow without touching callers — the schema in migrations.ts is written
 * in the SQL both understand. Every method is async for that reason, even where SQLite is not.
 */

/** One oidc-provider model instance (Client, Grant, Session, RefreshToken, …). */
export interface OidcModelStore {
  upsert(model: string, id: string, payload: Record<string, unknown>, expiresInSeconds: number | undefined): Promise<void>;
  find(model: string, id: string): Promise<Record<string, unknown> | undefined>;
  findByUid(model: string, uid: string): Promise<Record<string, unknown> | undefined>;
  findByUserCode(model: string, userCode: string): Promise<Record<string, unknown> | undefined>;
  /**
   * Marks the instance consumed. Resolves true only for the one caller that consumed it: a second
   * concurrent consumer (a replayed code or rotated refresh token, AUTH-11) gets false.
   */
  consume(model: string, id: string): Promise<boolean>;
  destroy(model: string, id: string): Promise<void>;
  /** Removes the expiry of an instance: a registered client that got a grant is kept (issue 11). */
  keep(model: string, id: string): Promise<void>;
  /** Removes every instance of `model` issued under a grant (e.g. a refresh-token family). */
  revokeByGrantId(model: string, grantId: string): Promise<void>;
  count(model: string): Promise<number>;
  /** Deletes expired rows; returns how many. */
  sweepExpired(nowMs: number): Promise<number>;
}

export interface DirectoryUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly department: string;
  readonly passwordHash: string;
}

export interface DirectoryStore {
  upsertUser(user: DirectoryUser): Promise<void>;
  findById(id: string): Promise<DirectoryUser | undefined>;
  findByEmail(email: string): Promise<DirectoryUser | undefined>;
}

/** Signed-in browser sessions of the User Portal (also reused by the OAuth login step). */
export interface UserSessionStore {
  create(idHash: string, accountId: string, expiresAtMs: number): Promise<void>;
  find(idHash: string, nowMs: number): Promise<{ accountId: string } | undefined>;
  destroy(idHash: string): Promise<void>;
}

/**
 * What the user lets the enterprise tools ask of one client during a call (issue 13): questions to
 * the user (elicitation) and the client's AI model (sampling). Both allowed unless the user unticked
 * them on the consent page or the portal; an approval stored before migration 4 allows both.
 */
export interface ClientPermissions {
  readonly elicitation: boolean;
  readonly sampling: boolean;
}

export const ALL_PERMITTED: ClientPermissions = { elicitation: true, sampling: true };

/** AS-08: the per-user registry of client_ids the user approved, checked before consent is skipped. */
export interface ClientApprovalStore {
  find(accountId: string, clientId: string): Promise<{ grantId: string; approvedAt: number; permissions: ClientPermissions } | undefined>;
  /** Without `permissions` an existing approval keeps its own (a new one allows both). */
  save(accountId: string, clientId: string, grantId: string, approvedAtMs: number, permissions?: ClientPermissions): Promise<void>;
  /** Changes what an existing approval permits; false when there is no such approval. */
  setPermissions(accountId: string, clientId: string, permissions: ClientPermissions): Promise<boolean>;
  revoke(accountId: string, clientId: string): Promise<void>;
  listForAccount(accountId: string): Promise<{ clientId: string; grantId: string; approvedAt: number; permissions: ClientPermissions }[]>;
}

/** Named key material (signing keys, cookie keys) generated once and shared by every replica. */
export interface KeyMaterialStore {
  /** Returns the stored value, or stores and returns `create()` if none exists (first writer wins). */
  getOrCreate(name: string, create: () => string): Promise<string>;
  /** Replaces the value only while it is still `expected` (re-encryption on start, key rotation). */
  replace(name: string, expected: string, value: string): Promise<boolean>;
}

export type ConnectionMethod = 'api_key' | 'oauth';
export type ConnectionStatus = 'connected' | 'needs_reconnect';

/** A user's credential for one connector (UP-01). `secret` is always a sealed vault value. */
export interface UpstreamConnection {
  readonly accountId: string;
  readonly connectorId: string;
  readonly method: ConnectionMethod;
  readonly secret: string;
  readonly scopes: readonly string[];
  readonly status: ConnectionStatus;
  /** Access-token expiry (epoch ms); undefined for API keys and non-expiring tokens. */
  readonly expiresAt: number | undefined;
  readonly connectedAt: number;
  readonly lastUsedAt: number | undefined;
  /** Bumped on every write: a refresh only lands on the version it started from (UP-03). */
  readonly version: number;
}

export interface ConnectionStore {
  get(accountId: string, connectorId: string): Promise<UpstreamConnection | undefined>;
  listForAccount(accountId: string): Promise<UpstreamConnection[]>;
  /** Creates or replaces the connection (a fresh connect): status connected, new version. */
  save(connection: Omit<UpstreamConnection, 'version' | 'status' | 'lastUsedAt'>): Promise<void>;
  /**
   * Stores rotated tokens atomically: only when the row is still at `expectedVersion`, so two
   * refreshes can never both land. Returns whether it did.
   */
  replaceSecret(accountId: string, connectorId: string, expectedVersion: number, secret: string, expiresAt: number | undefined): Promise<boolean>;
  markNeedsReconnect(accountId: string, connectorId: string): Promise<void>;
  touch(accountId: string, connectorId: string, atMs: number): Promise<void>;
  delete(accountId: string, connectorId: string): Promise<void>;
  /** Takes the per-(user, connector) refresh lock until `untilMs` unless another holder has it. */
  tryLockRefresh(accountId: string, connectorId: string, nowMs: number, untilMs: number): Promise<boolean>;
  unlockRefresh(accountId: string, connectorId: string): Promise<void>;
}

/** Items of one kind a grant allows, by the upstream's own names: a list, or '*' for all of them (also those added later). */
export type GrantedItems = readonly string[] | '*';

/** Whether a grant's choice of one kind names this item (or is all of them). */
export const grantsItem = (items: GrantedItems, name: string): boolean => items === '*' || items.includes(name);

/**
 * What of a connector a user authorized for one client: its tools, prompts and resources. A grant
 * stored before migration 4 (when only tools could be chosen) has '*' for prompts and resources:
 * it meant "all of them", and still does.
 */
export interface ToolGrant {
  readonly accountId: string;
  readonly clientId: string;
  readonly connectorId: string;
  readonly tools: GrantedItems;
  /** Prompts by the upstream's prompt name. */
  readonly prompts: GrantedItems;
  /** Resources by the upstream's URI and resource templates by the upstream's URI template, in one list. */
  readonly resources: GrantedItems;
  readonly grantedAt: number;
}

/** What a writer gives for one connector; prompts and resources left out mean all of them. */
export type ToolGrantChoice = Pick<ToolGrant, 'connectorId' | 'tools'> & Partial<Pick<ToolGrant, 'prompts' | 'resources'>>;

export interface ToolGrantStore {
  listForClient(accountId: string, clientId: string): Promise<ToolGrant[]>;
  listForAccount(accountId: string): Promise<ToolGrant[]>;
  /** Replaces every grant of (user, client) in one transaction. */
  replaceForClient(accountId: string, clientId: string, grants: readonly ToolGrantChoice[], atMs: number): Promise<void>;
  deleteForClient(accountId: string, clientId: string): Promise<void>;
  deleteForConnector(accountId: string, connectorId: string): Promise<void>;
}

/** An upstream OAuth authorization in flight, found again by the hash of its `state` (UP-02). */
export interface PendingUpstreamAuthorization {
  readonly stateHash: string;
  readonly accountId: string;
  readonly connectorId: string;
  /** The gateway consent interaction it belongs to, or undefined when started from the portal. */
  readonly interactionUid: string | undefined;
  readonly returnTo: string;
  /** Sealed PKCE verifier. */
  readonly verifier: string;
  readonly redirectUri: string;
  readonly expiresAt: number;
}

export interface PendingAuthorizationStore {
  create(pending: PendingUpstreamAuthorization): Promise<void>;
  /** Returns and deletes it: a state works once. Expired ones are not returned. */
  take(stateHash: string, nowMs: number): Promise<PendingUpstreamAuthorization | undefined>;
}

/** Registrations the gateway made at upstream authorization servers by DCR (sealed JSON). */
export interface UpstreamClientStore {
  get(connectorId: string): Promise<string | undefined>;
  save(connectorId: string, sealedRegistration: string, atMs: number): Promise<void>;
}

/** What the user has ticked on a consent page so far, across the round trips to upstreams. */
export interface ConsentDraftStore {
  get(interactionUid: string, nowMs: number): Promise<{ accountId: string; draft: string } | undefined>;
  save(interactionUid: string, accountId: string, draft: string, expiresAtMs: number): Promise<void>;
  delete(interactionUid: string): Promise<void>;
}

export interface AuditEvent {
  readonly at: number;
  readonly event: string;
  readonly accountId?: string | undefined;
  readonly clientId?: string | undefined;
  readonly connectorId?: string | undefined;
  readonly tool?: string | undefined;
  readonly outcome: string;
  readonly latencyMs?: number | undefined;
  readonly detail?: Record<string, unknown> | undefined;
}

export interface AuditStore {
  append(event: AuditEvent): Promise<void>;
  /** Several events in one transaction (the audit log batches its writes). */
  appendMany(events: readonly AuditEvent[]): Promise<void>;
  list(filter: { accountId?: string; event?: string; limit?: number }): Promise<AuditEvent[]>;
}

export interface GatewayStore {
  readonly kind: 'sqlite';
  readonly oidc: OidcModelStore;
  readonly directory: DirectoryStore;
  readonly sessions: UserSessionStore;
  readonly approvals: ClientApprovalStore;
  readonly keys: KeyMaterialStore;
  readonly connections: ConnectionStore;
  readonly toolGrants: ToolGrantStore;
  readonly pendingAuthorizations: PendingAuthorizationStore;
  readonly upstreamClients: UpstreamClientStore;
  readonly consentDrafts: ConsentDraftStore;
  readonly audit: AuditStore;
  /**
   * A number that moves whenever ANOTHER process (or connection) commits to the store — SQLite's
   * `PRAGMA data_version`. Writes through this object do not move it: the read caches of this
   * process (storeCache.ts) see those themselves and clear everything when this number moves.
   */
  externalChanges(): number;
  /** Applied migration versions, oldest first. */
  migrations(): Promise<number[]>;
  close(): Promise<void>;
}
