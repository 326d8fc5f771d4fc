/**
 * Issue 12: the MCP session registry is indexed per user. Opening a session, evicting a user's
 * oldest at the per-user cap and the list_changed fan-out touch only that user's sessions — proven
 * by sessions whose owner counts how often it is read, so a scan of every session would show — and
 * closing or removing a session keeps the index consistent (a user with no session leaves nothing
 * behind). The end-to-end cap over HTTP stays in boundedMemory.test.ts.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, SessionRegistry, type McpSession, type SessionOwner } from '../../gateway/mcp/sessionRegistry.ts';
import { cite } from '../support/requirements.ts';

interface FakeSession extends McpSession {
  /** How often the registry read `owner` — a scan of every session reads it once per session. */
  readonly ownerReads: () => number;
  readonly closed: () => boolean;
}

let serial = 0;
const MCP = 'http://127.0.0.1:1/mcp';

/** A session whose transport records being closed and whose owner records being read. */
function fakeSession(subject: string, clientId = 'client-a', onClose?: (id: string) => void): FakeSession {
  const id = `session-${++serial}`;
  const owner: SessionOwner = { subject, clientId, resource: MCP };
  let reads = 0;
  let closed = false;
  const transport = {
    close: async () => {
      closed = true;
      onClose?.(id); // the SDK transport's onclose calls registry.remove(id), as mcpRoutes wires it
    },
  } as unknown as WebStandardStreamableHTTPServerTransport;
  return {
    id,
    get owner() {
      reads++;
      return owner;
    },
    transport,
    server: {} as Server,
    lastSeenAt: Date.now(),
    listening: false,
    ownerReads: () => reads,
    closed: () => closed,
  };
}

const ids = (sessions: readonly McpSession[]) => sessions.map((session) => session.id);

describe('The session registry, indexed per user (TRANSPORT-09, SEC-02)', () => {
  it(`${cite('TRANSPORT-09')} evicts the user's own oldest session at the cap and leaves other users' sessions untouched`, () => {
    const registry = new SessionRegistry({ maxPerUser: 3 });
    const alice = [1, 2, 3].map(() => fakeSession('alice'));
    const bob = [1, 2, 3].map(() => fakeSession('bob'));
    // Interleaved, so Bob's sessions are older than some of Alice's: only per-user age may decide.
    for (let i = 0; i < 3; i++) {
      registry.add(bob[i]!);
      registry.add(alice[i]!);
    }
    const fourth = fakeSession('alice');
    registry.add(fourth);

    expect(alice[0]!.closed()).toBe(true);
    expect(ids(registry.forSubject('alice'))).toEqual([alice[1]!.id, alice[2]!.id, fourth.id]);
    expect(bob.map((session) => session.closed())).toEqual([false, false, false]);
    expect(ids(registry.forSubject('bob'))).toEqual(ids(bob));
    expect(registry.size).toBe(6);
  });

  it(`${cite('TRANSPORT-09')} opens a session and lists a user's sessions without reading any other user's sessions`, () => {
    const registry = new SessionRegistry({ maxPerUser: 2 });
    const others = Array.from({ length: 500 }, (_, n) => fakeSession(`user-${n % 50}`));
    for (const session of others) registry.add(session);
    const readsBefore = others.map((session) => session.ownerReads());

    const mine = [fakeSession('carol'), fakeSession('carol'), fakeSession('carol')];
    for (const session of mine) registry.add(session);
    const listed = registry.forSubject('carol');

    expect(ids(listed)).toEqual([mine[1]!.id, mine[2]!.id]);
    expect(mine[0]!.closed()).toBe(true);
    expect(others.map((session) => session.ownerReads())).toEqual(readsBefore);
  });

  it(`${cite('SEC-02')} fans out to that user's sessions only, and to one client's when asked`, () => {
    const registry = new SessionRegistry();
    const web = fakeSession('dave', 'web');
    const cli = fakeSession('dave', 'cli');
    const stranger = fakeSession('erin', 'web');
    for (const session of [web, stranger, cli]) registry.add(session);

    expect(ids(registry.forSubject('dave'))).toEqual([web.id, cli.id]);
    expect(ids(registry.forSubject('dave', 'cli'))).toEqual([cli.id]);
    expect(ids(registry.forSubject('erin'))).toEqual([stranger.id]);
    expect(registry.forSubject('nobody')).toEqual([]);
  });

  it('keeps the index consistent through remove, close, the transport closing itself and idle closing', async () => {
    const registry = new SessionRegistry({ maxPerUser: 2 });
    const remove = (id: string) => registry.remove(id);
    const [a1, a2, b1] = [fakeSession('frank', 'c', remove), fakeSession('frank', 'c', remove), fakeSession('grace', 'c', remove)];
    for (const session of [a1, a2, b1]) registry.add(session);
    expect(registry.userCount).toBe(2);

    registry.remove(a1.id);
    expect(ids(registry.forSubject('frank'))).toEqual([a2.id]);
    // The freed slot is really free: a new session does not evict Frank's remaining one.
    const a3 = fakeSession('frank', 'c', remove);
    registry.add(a3);
    expect(a2.closed()).toBe(false);
    expect(ids(registry.forSubject('frank'))).toEqual([a2.id, a3.id]);

    await registry.close(a2.id);
    await registry.close(a3.id);
    expect(registry.forSubject('frank')).toEqual([]);
    expect(registry.find(a2.id, { subject: 'frank', clientId: 'c', resource: MCP })).toBeUndefined();
    expect(registry.userCount).toBe(1);
    expect(registry.size).toBe(1);

    await registry.closeIdle(Date.now() + DEFAULT_LIMITS.idleMs + 1);
    expect(b1.closed()).toBe(true);
    expect(registry.size).toBe(0);
    expect(registry.userCount).toBe(0);
  });

  it(`${cite('TRANSPORT-09')} evicts the oldest session overall at the total cap and updates that user's index`, () => {
    const registry = new SessionRegistry({ maxPerUser: 10, maxTotal: 3 });
    const [h1, i1, h2, i2] = [fakeSession('heidi'), fakeSession('ivan'), fakeSession('heidi'), fakeSession('ivan')];
    for (const session of [h1, i1, h2, i2]) registry.add(session);

    expect(h1.closed()).toBe(true);
    expect(registry.size).toBe(3);
    expect(ids(registry.forSubject('heidi'))).toEqual([h2.id]);
    expect(ids(registry.forSubject('ivan'))).toEqual([i1.id, i2.id]);
  });

  it('takes its limits as an optional argument, keeping the defaults for the rest, and refuses nonsense', () => {
    expect(new SessionRegistry().limits).toEqual(DEFAULT_LIMITS);
    expect(new SessionRegistry({ maxPerUser: 200 }).limits).toEqual({ ...DEFAULT_LIMITS, maxPerUser: 200 });
    expect(() => new SessionRegistry({ maxPerUser: 0 })).toThrow(/maxPerUser/);
    expect(() => new SessionRegistry({ idleMs: Number.NaN })).toThrow(/idleMs/);
  });

  it('finds a session only for its owner', () => {
    const registry = new SessionRegistry();
    const session = fakeSession('judy', 'web');
    registry.add(session);
    expect(registry.find(session.id, { subject: 'judy', clientId: 'web', resource: MCP })).toBe(session);
    expect(registry.find(session.id, { subject: 'judy', clientId: 'cli', resource: MCP })).toBeUndefined();
    expect(registry.find(session.id, { subject: 'mallory', clientId: 'web', resource: MCP })).toBeUndefined();
    // A session opened on the aggregated endpoint is not one of a connector's endpoint (issue 13).
    expect(registry.find(session.id, { subject: 'judy', clientId: 'web', resource: `${MCP}/github` })).toBeUndefined();
  });
});
