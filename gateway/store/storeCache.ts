/**
 * Read caches for the tool-call hot path (issue 12): the grant behind an access token, the directory
 * user, the user's tool grants for a client and the user's connections. A proxied call used to ask
 * the store for each of these every time; they change only when something writes them, so the
 * cache is invalidated by the write itself:
 *
 * - `store` is the store everyone else in the gateway uses: reads pass through untouched, and every
 *   write to one of the cached tables drops exactly the entries it can affect, before it resolves;
 * - a write by another process on the same database (a second gateway on the SQLite file, a CLI)
 *   moves `externalChanges()`, and the next cached read then starts from an empty cache.
 *
 * So a revoked grant, a disconnect, a changed tool selection or a rotated credential takes effect on
 * the very next call. Entries are promises (concurrent readers share one query; a failed read is
 * forgotten) in bounded maps, oldest first out.
 */
import type { ConnectionStore, DirectoryStore, DirectoryUser, GatewayStore, OidcModelStore, ToolGrant, ToolGrantStore, UpstreamConnection } from './store.ts';

const MAX_ENTRIES = 20_000;
const EXTERNAL_CHECK_MS = 5;

class BoundedReads<V> {
  readonly #entries = new Map<string, Promise<V>>();

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.#entries.get(key);
    if (hit) return hit;
    const value = load();
    this.#entries.set(key, value);
    value.catch(() => {
      if (this.#entries.get(key) === value) this.#entries.delete(key);
    });
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value as string);
    return value;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Drops every key that starts with `prefix` (one user's entries). */
  deletePrefix(prefix: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}

export interface StoreCache {
  /** The store with write-through invalidation: give this one to every part of the gateway. */
  readonly store: GatewayStore;
  /** The oidc-provider Grant `id`, undefined when it does not exist (revoked) or has expired. */
  grant(id: string): Promise<Record<string, unknown> | undefined>;
  user(id: string): Promise<DirectoryUser | undefined>;
  toolGrants(accountId: string, clientId: string): Promise<ToolGrant[]>;
  connections(accountId: string): Promise<UpstreamConnection[]>;
  connection(accountId: string, connectorId: string): Promise<UpstreamConnection | undefined>;
  /** Called after any write that dropped entries of `accountId` (undefined: everything was dropped). */
  onInvalidate(listener: (accountId: string | undefined) => void): void;
}

export function createStoreCache(inner: GatewayStore): StoreCache {
  const grants = new BoundedReads<Record<string, unknown> | undefined>();
  const users = new BoundedReads<DirectoryUser | undefined>();
  const toolGrants = new BoundedReads<ToolGrant[]>();
  const connections = new BoundedReads<UpstreamConnection[]>();
  const listeners: ((accountId: string | undefined) => void)[] = [];
  let seen = inner.externalChanges();

  const dropAll = () => {
    grants.clear();
    users.clear();
    toolGrants.clear();
    connections.clear();
    for (const listener of listeners) listener(undefined);
  };
  const dropAccount = (accountId: string) => {
    toolGrants.deletePrefix(`${accountId}\n`);
    connections.delete(accountId);
    for (const listener of listeners) listener(accountId);
  };
  /**
   * Before a cached read: if another process wrote, nothing cached can be trusted. Asked at most
   * every few milliseconds (the pragma was ~1 % of a proxied call): another process's write is
   * seen by a request that starts that much after it — on a human's timescale, the next call.
   */
  let checkedAt = -1;
  const fresh = () => {
    const time = performance.now();
    if (time - checkedAt < EXTERNAL_CHECK_MS) return;
    checkedAt = time;
    const now = inner.externalChanges();
    if (now !== seen) {
      seen = now;
      dropAll();
    }
  };
  /** Runs a write, then drops what it affected (also when it failed half-way: better a miss than a stale hit). */
  const writing = async <T>(write: Promise<T>, drop: () => void): Promise<T> => {
    try {
      return await write;
    } finally {
      drop();
    }
  };

  const oidc: OidcModelStore = {
    ...bind(inner.oidc),
    upsert: (model, id, payload, ttl) => writing(inner.oidc.upsert(model, id, payload, ttl), () => model === 'Grant' && grants.delete(id)),
    consume: (model, id) => writing(inner.oidc.consume(model, id), () => model === 'Grant' && grants.delete(id)),
    destroy: (model, id) => writing(inner.oidc.destroy(model, id), () => model === 'Grant' && grants.delete(id)),
    keep: (model, id) => writing(inner.oidc.keep(model, id), () => model === 'Grant' && grants.delete(id)),
    revokeByGrantId: (model, grantId) => writing(inner.oidc.revokeByGrantId(model, grantId), () => grants.delete(grantId)),
    sweepExpired: (nowMs) => writing(inner.oidc.sweepExpired(nowMs), () => grants.clear()),
  };
  const directory: DirectoryStore = {
    ...bind(inner.directory),
    upsertUser: (user) => writing(inner.directory.upsertUser(user), () => users.delete(user.id)),
  };
  const grantStore: ToolGrantStore = {
    ...bind(inner.toolGrants),
    replaceForClient: (accountId, clientId, list, atMs) => writing(inner.toolGrants.replaceForClient(accountId, clientId, list, atMs), () => dropAccount(accountId)),
    deleteForClient: (accountId, clientId) => writing(inner.toolGrants.deleteForClient(accountId, clientId), () => dropAccount(accountId)),
    deleteForConnector: (accountId, connectorId) => writing(inner.toolGrants.deleteForConnector(accountId, connectorId), () => dropAccount(accountId)),
  };
  const connectionStore: ConnectionStore = {
    ...bind(inner.connections),
    save: (connection) => writing(inner.connections.save(connection), () => dropAccount(connection.accountId)),
    replaceSecret: (accountId, connectorId, version, secret, expiresAt) =>
      writing(inner.connections.replaceSecret(accountId, connectorId, version, secret, expiresAt), () => dropAccount(accountId)),
    markNeedsReconnect: (accountId, connectorId) => writing(inner.connections.markNeedsReconnect(accountId, connectorId), () => dropAccount(accountId)),
    touch: (accountId, connectorId, atMs) => writing(inner.connections.touch(accountId, connectorId, atMs), () => dropAccount(accountId)),
    delete: (accountId, connectorId) => writing(inner.connections.delete(accountId, connectorId), () => dropAccount(accountId)),
  };

  const store: GatewayStore = {
    ...inner,
    oidc,
    directory,
    toolGrants: grantStore,
    connections: connectionStore,
    externalChanges: () => inner.externalChanges(),
    migrations: () => inner.migrations(),
    close: () => inner.close(),
  };

  const isLive = (grant: Record<string, unknown> | undefined) => grant !== undefined && (typeof grant.exp !== 'number' || grant.exp * 1000 > Date.now());

  const connectionsOf = (accountId: string) => {
    fresh();
    return connections.get(accountId, () => inner.connections.listForAccount(accountId));
  };

  // Plain functions, not methods: callers pass them around unbound.
  return {
    store,
    async grant(id) {
      fresh();
      const grant = await grants.get(id, () => inner.oidc.find('Grant', id));
      return isLive(grant) ? grant : undefined;
    },
    user(id) {
      fresh();
      return users.get(id, () => inner.directory.findById(id));
    },
    toolGrants(accountId, clientId) {
      fresh();
      return toolGrants.get(`${accountId}\n${clientId}`, () => inner.toolGrants.listForClient(accountId, clientId));
    },
    connections: connectionsOf,
    async connection(accountId, connectorId) {
      return (await connectionsOf(accountId)).find((connection) => connection.connectorId === connectorId);
    },
    onInvalidate(listener) {
      listeners.push(listener);
    },
  };
}

/** The table's methods bound to it, so the decorated object can spread them and override the writes. */
function bind<T extends object>(table: T): T {
  const bound: Record<string, unknown> = {};
  for (const key of Object.keys(table) as (keyof T & string)[]) {
    const value = table[key];
    bound[key] = typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(table) : value;
  }
  return bound as T;
}
