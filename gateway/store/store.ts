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
  /**
   * Stores a registration only while the stored one is still `replacing` (undefined: none yet), so
   * two replicas registering at once keep ONE: the tokens a user gets are issued to that client_id,
   * which must be the one every replica refreshes with. False when another replica stored first.
   */
  save(connectorId: string, sealedRegistration: string, atMs: number, replacing?: string): Promise<boolean>;
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

/**
 * An MCP session (TRANSPORT-09) as every replica sees it: who opened it on which endpoint, and what
 * the client said in `initialize`, so any replica can serve the session's next request (issue 14).
 */
export interface McpSessionRecord {
  readonly id: string;
  readonly subject: string;
  readonly clientId: string;
  /** The endpoint (token audience) it was opened on. */
  readonly resource: string;
  readonly protocolVersion: string;
  /** The client's `initialize` params as JSON (capabilities, clientInfo): replayed to rebuild the session. */
  readonly initialize: string;
  /** What the client set during the session (log level, resource subscriptions) as JSON; '{}' at first. */
  readonly state: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
}

export interface McpSessionStore {
  /** Stores a new session; evicts the subject's oldest beyond `maxPerSubject` and returns their ids. */
  create(record: McpSessionRecord, maxPerSubject: number): Promise<string[]>;
  find(id: string): Promise<McpSessionRecord | undefined>;
  setState(id: string, state: string): Promise<void>;
  touch(id: string, atMs: number): Promise<void>;
  /** Deletes the session and its events; true when it existed. */
  delete(id: string): Promise<boolean>;
  /** Deletes every session of (subject, client) — the user revoked the client — and their events; returns their ids. */
  deleteForClient(subject: string, clientId: string): Promise<string[]>;
  /** Deletes sessions last seen before `beforeMs` (and their events); returns their ids. */
  deleteIdle(beforeMs: number): Promise<string[]>;
}

/**
 * The resumable SSE event log of MCP sessions (TRANSPORT-08), shared so a stream broken on one
 * replica resumes on another. Sequence numbers are assigned by the store: unique across the
 * cluster and increasing in commit order.
 */
export interface McpEventStore {
  /** Appends one event of `streamId`; returns its sequence number. */
  append(sessionId: string, streamId: string, json: string): Promise<number>;
  /** The stream an event belongs to, when the event is still kept. */
  streamOf(sessionId: string, seq: number): Promise<string | undefined>;
  /** Events of the same session and stream after `seq`, oldest first. */
  after(sessionId: string, streamId: string, seq: number): Promise<{ seq: number; json: string }[]>;
  /** Keeps only the newest `maxEvents` events of the session, and drops older ones while their JSON exceeds `maxChars`. */
  trim(sessionId: string, maxEvents: number, maxChars: number): Promise<void>;
}

/** One failure-throttle entry (directory/failureThrottle.ts). */
export interface FailureEntry {
  readonly count: number;
  readonly lockedUntil: number;
  readonly lastFailureAt: number;
}

/**
 * Counters that must be cluster-wide (issue 14): tool-call token buckets (SEC-05), fixed windows for
 * the OAuth endpoints and the sign-in failure throttles. Each operation is atomic in the store, so
 * two replicas counting the same key never both get the last unit.
 */
export interface LimitStore {
  /** Token bucket: refills at `perMs`, holds at most `capacity`; takes one. Returns 0, or ms until one is available. */
  takeToken(key: string, capacity: number, perMs: number, nowMs: number): Promise<number>;
  /** Counts one hit in `key`'s fixed window; a window older than `windowMs` restarts. Returns the count and when the window started. */
  hitWindow(key: string, windowMs: number, nowMs: number): Promise<{ count: number; startedAt: number }>;
  failures(key: string): Promise<FailureEntry | undefined>;
  /** Records one failure, with the lock `lockFor` computes from the new count (atomic read-modify-write). */
  recordFailure(key: string, nowMs: number, lockFor: (count: number) => number): Promise<FailureEntry>;
  clearFailures(key: string): Promise<void>;
  /** Deletes what can no longer matter: buckets full again, ended windows, unlocked failures idle for `forgetAfterMs`. */
  sweep(nowMs: number, forgetAfterMs: number): Promise<number>;
}

/** The replicas of a cluster and where each can be reached by the others (issue 14). */
export interface ReplicaStore {
  /** Records (or refreshes) that replica `id` listens at `internalUrl`. */
  announce(id: string, internalUrl: string, atMs: number): Promise<void>;
  find(id: string): Promise<{ internalUrl: string; seenAt: number } | undefined>;
  /** A replica shutting down removes itself. */
  forget(id: string): Promise<void>;
}

/**
 * Messages to every replica that shares this store, this one included (issue 14): PostgreSQL
 * LISTEN/NOTIFY; on the embedded SQLite store, this process only. At most once, no history: a
 * replica that is down misses what was said meanwhile. Payloads are small (under 7,000 bytes).
 */
export interface StoreChannel {
  publish(topic: string, payload: string): Promise<void>;
  subscribe(topic: string, listener: (payload: string) => void): void;
}

export interface GatewayStore {
  readonly kind: 'sqlite' | 'postgres';
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
  readonly mcpSessions: McpSessionStore;
  readonly mcpEvents: McpEventStore;
  readonly limits: LimitStore;
  readonly replicas: ReplicaStore;
  readonly channel: StoreChannel;
  /**
   * A number that moves whenever ANOTHER process (or connection) commits to the store — SQLite's
   * `PRAGMA data_version`; on PostgreSQL, a count of change notifications from other replicas. Writes through this object do not move it: the read caches of this
   * process (storeCache.ts) see those themselves and clear everything when this number moves.
   */
  externalChanges(): number;
  /** Applied migration versions, oldest first. */
  migrations(): Promise<number[]>;
  close(): Promise<void>;
}
