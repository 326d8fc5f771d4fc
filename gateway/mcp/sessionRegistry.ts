/**
 * Live MCP sessions of this process (TRANSPORT-09, SEC-02). A session id is 192 random bits in
 * base64url (visible ASCII), bound to the user and client that created it: presenting it with
 * another user's token finds nothing (404), exactly like an id that never existed. Bounded — per
 * user and in total, oldest evicted — and idle sessions are closed, so abandoned clients cannot
 * grow memory without limit.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

export interface SessionOwner {
  readonly subject: string;
  readonly clientId: string;
}

export interface McpSession {
  readonly id: string;
  readonly owner: SessionOwner;
  readonly transport: WebStandardStreamableHTTPServerTransport;
  readonly server: Server;
  lastSeenAt: number;
}

export interface RegistryLimits {
  readonly maxPerUser: number;
  readonly maxTotal: number;
  readonly idleMs: number;
}

export const DEFAULT_LIMITS: RegistryLimits = { maxPerUser: 64, maxTotal: 10_000, idleMs: 30 * 60_000 };

export const newSessionId = () => randomBytes(24).toString('base64url');

export class SessionRegistry {
  readonly #sessions = new Map<string, McpSession>();

  readonly #limits: RegistryLimits;

  constructor(limits: RegistryLimits = DEFAULT_LIMITS) {
    this.#limits = limits;
  }

  /** The session, only when it exists and belongs to this owner. */
  find(id: string, owner: SessionOwner): McpSession | undefined {
    const session = this.#sessions.get(id);
    if (!session || session.owner.subject !== owner.subject || session.owner.clientId !== owner.clientId) return undefined;
    session.lastSeenAt = Date.now();
    return session;
  }

  add(session: McpSession): void {
    this.#sessions.set(session.id, session);
    const mine = this.forSubject(session.owner.subject);
    if (mine.length > this.#limits.maxPerUser) void this.close(mine[0]!.id);
    if (this.#sessions.size > this.#limits.maxTotal) void this.close(this.#sessions.keys().next().value as string);
  }

  remove(id: string): void {
    this.#sessions.delete(id);
  }

  /** Open sessions of one user, oldest first (the list_changed fan-out). */
  forSubject(subject: string): McpSession[] {
    return [...this.#sessions.values()].filter((s) => s.owner.subject === subject);
  }

  get size(): number {
    return this.#sessions.size;
  }

  async close(id: string): Promise<void> {
    const session = this.#sessions.get(id);
    this.#sessions.delete(id);
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
}
