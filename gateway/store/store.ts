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

/** AS-08: the per-user registry of client_ids the user approved, checked before consent is skipped. */
export interface ClientApprovalStore {
  find(accountId: string, clientId: string): Promise<{ grantId: string; approvedAt: number } | undefined>;
  save(accountId: string, clientId: string, grantId: string, approvedAtMs: number): Promise<void>;
  revoke(accountId: string, clientId: string): Promise<void>;
  listForAccount(accountId: string): Promise<{ clientId: string; grantId: string; approvedAt: number }[]>;
}

/** Named key material (signing keys, cookie keys) generated once and shared by every replica. */
export interface KeyMaterialStore {
  /** Returns the stored value, or stores and returns `create()` if none exists (first writer wins). */
  getOrCreate(name: string, create: () => string): Promise<string>;
}

export interface GatewayStore {
  readonly kind: 'sqlite';
  readonly oidc: OidcModelStore;
  readonly directory: DirectoryStore;
  readonly sessions: UserSessionStore;
  readonly approvals: ClientApprovalStore;
  readonly keys: KeyMaterialStore;
  /** Applied migration versions, oldest first. */
  migrations(): Promise<number[]>;
  close(): Promise<void>;
}
