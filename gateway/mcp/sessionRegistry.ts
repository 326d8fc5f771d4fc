/**
 * Live MCP sessions of this process (TRANSPORT-09, SEC-02). A session id is 192 random bits in
 * base64url (visible ASCII), bound to the user and client that created it: presenting it with
 * another user's token finds nothing (404), exactly like an id that never existed. Bounded — per
 * user and in total, oldest evicted — and idle sessions are closed, so abandoned clients cannot
 * grow memory without limit.
 *
 * Indexed per user (issue 12): opening a session, evicting a user's oldest and the list_changed
 * fan-out touch only that user's sessions, never a scan of every session in the process. Both maps
 * keep insertion order, so "oldest" is simply the first key.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

export interface SessionOwner {
  readonly subject: string;
  readonly clientId: string;
  /** The endpoint (token audience) the session was opened on: a session of `/mcp/github` is not one of `/mcp`. */
  readonly resource: string;
}

export interface McpSession {
  readonly id: string;
  readonly owner: SessionOwner;
  readonly transport: WebStandardStreamableHTTPServerTransport;
  readonly server: Server;
  lastSeenAt: number;
  /**
   * This replica is where the client's GET stream was opened last (issue 14): it sends the
   * session's unsolicited notifications — live, or into the event log while the client reconnects.
   * Cleared when another replica announces it took the stream (sessionSharing.ts).
   */
  listening: boolean;
}

export interface RegistryLimits {
  readonly maxPerUser: number;
  readonly maxTotal: number;
  readonly idleMs: number;
}

export const DEFAULT_LIMITS: RegistryLimits = { maxPerUser: 64, maxTotal: 10_000, idleMs: 30 * 60_000 };

export const newSessionId = () => randomBytes(24).toString('base64url');

/** Any limit left out keeps its default; a limit that is not a positive integer is a programming error. */
function limitsFrom(overrides: Partial<RegistryLimits>): RegistryLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`session registry: ${name} must be a positive integer, got ${value}`);
  }
  return limits;
}

export class SessionRegistry {
  /** Every session, oldest first (the total cap evicts the first). */
  readonly #sessions = new Map<string, McpSession>();

  /** subject → that user's sessions, oldest first; a user with none has no entry. */
  readonly #bySubject = new Map<string, Map<string, McpSession>>();

  readonly #limits: RegistryLimits;

  constructor(limits: Partial<RegistryLimits> = {}) {
    this.#limits = limitsFrom(limits);
  }

  get limits(): RegistryLimits {
    return this.#limits;
  }

  /** The session, only when it exists and belongs to this owner. */
  find(id: string, owner: SessionOwner): McpSession | undefined {
    const session = this.#sessions.get(id);
    if (!session || session.owner.subject !== owner.subject || session.owner.clientId !== owner.clientId || session.owner.resource !== owner.resource) return undefined;
    session.lastSeenAt = Date.now();
    return session;
  }

  /** This process's copy of the session, whoever owns it (the cluster's messages name sessions by id only). */
  get(id: string): McpSession | undefined {
    return this.#sessions.get(id);
  }

  add(session: McpSession): void {
    // An id seen again replaces the old entry, and counts as the newest.
    this.#unindex(session.id);
    this.#sessions.set(session.id, session);
    let mine = this.#bySubject.get(session.owner.subject);
    if (!mine) this.#bySubject.set(session.owner.subject, (mine = new Map()));
    mine.set(session.id, session);
    if (mine.size > this.#limits.maxPerUser) void this.close(mine.keys().next().value as string);
    if (this.#sessions.size > this.#limits.maxTotal) void this.close(this.#sessions.keys().next().value as string);
  }

  remove(id: string): void {
    this.#unindex(id);
  }

  /** Open sessions of one user, oldest first; only one client's when `clientId` is given. */
  forSubject(subject: string, clientId?: string): McpSession[] {
    const mine = [...(this.#bySubject.get(subject)?.values() ?? [])];
    return clientId === undefined ? mine : mine.filter((session) => session.owner.clientId === clientId);
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** Users with at least one open session (the index holds nothing for anyone else). */
  get userCount(): number {
    return this.#bySubject.size;
  }

  async close(id: string): Promise<void> {
    const session = this.#unindex(id);
    await session?.transport.close().catch(() => undefined);
  }

  async closeIdle(now = Date.now()): Promise<void> {
    for (const session of [...this.#sessions.values()]) {
      if (now - session.lastSeenAt > this.#limits.idleMs) await this.close(session.id);
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#sessions.keys()].map((id) => this.close(id)));
  }

  /** Drops `id` from both maps (and the user's entry once empty, so departed users cost nothing); returns what it held. */
  #unindex(id: string): McpSession | undefined {
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    this.#sessions.delete(id);
    const mine = this.#bySubject.get(session.owner.subject);
    mine?.delete(id);
    if (mine?.size === 0) this.#bySubject.delete(session.owner.subject);
    return session;
  }
}
