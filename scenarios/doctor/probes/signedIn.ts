/**
 * With the support engineer's token (--token): which revisions the target speaks, then a short
 * conversation in the newest of them. 2026-07-28 is tried first with `server/discover` (no
 * handshake, `_meta` on every request); then `initialize` for 2025-11-25 and 2025-06-18 — a
 * server answers with the version it chose. In a stateful revision: initialized, tools/list twice,
 * an unsupported version, a tampered token, the real token in the query string, then DELETE of
 * the session; in 2026-07-28 the same without a session.
 */
import { rpcMessages } from '../../../wire/jsonRpcMessages.ts';
import { discoverRequest, initializeRequest, mcpHeaders, rpcRequest, type JsonRpcRequest } from '../../../wire/mcpRequests.ts';
import { isSpecRevision, SPEC_REVISIONS, STATELESS_REVISION, type SpecRevision } from '../../../wire/protocolVersions.ts';
import { UNSUPPORTED_PROTOCOL_VERSION, withQueryToken } from './bearer.ts';
import { DOCTOR_CLIENT } from './discovery.ts';
import { probe, stage, type ProbeAnswer, type ProbeSession } from './probeSession.ts';

/** A token whose signature no longer matches: one character near its end changed. */
export function tamperedToken(token: string): string {
  const at = Math.max(0, token.length - 10);
  return `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
}

const resultOf = (answer: ProbeAnswer, id: number) => rpcMessages(answer.text).find((m) => m.id === id)?.result as Record<string, unknown> | undefined;

export interface SpokenRevisions {
  readonly revisions: SpecRevision[];
  readonly how: string;
}

export async function probeSignedIn(session: ProbeSession): Promise<SpokenRevisions | undefined> {
  const token = session.token;
  if (!token) return undefined;
  let spoken: SpokenRevisions | undefined;
  await stage(session, 'signed-in', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const post = (name: string, request: JsonRpcRequest | Record<string, unknown>, headers: Record<string, string>, url = session.mcpUrl) =>
      probe(session, name, url, { method: 'POST', headers, body: JSON.stringify(request) });

    const revisions: SpecRevision[] = [];
    const notes: string[] = [];
    const discover = discoverRequest(DOCTOR_CLIENT);
    const discovered = await post('discover', discover, { ...mcpHeaders(STATELESS_REVISION, discover), ...auth });
    if (discovered.status === 200 && resultOf(discovered, discover.id)) {
      revisions.push(STATELESS_REVISION);
      notes.push('server/discover answered');
    }
    let stateful: { revision: SpecRevision; sessionId: string | null } | undefined;
    for (const asked of ['2025-11-25', '2025-06-18'] as const) {
      const init = initializeRequest(asked, DOCTOR_CLIENT);
      const answer = await post(asked === '2025-11-25' ? 'initialize' : `initialize-${asked}`, init, { ...mcpHeaders(undefined, init), ...auth });
      const chosen = resultOf(answer, init.id)?.protocolVersion;
      if (answer.status === 200 && chosen === asked && isSpecRevision(chosen)) {
        revisions.push(chosen);
        notes.push(`initialize ${asked} → ${chosen}`);
        stateful ??= { revision: chosen, sessionId: answer.headers.get('mcp-session-id') };
      } else if (answer.status === 200 && typeof chosen === 'string') {
        notes.push(`initialize ${asked} → ${chosen}`);
      }
    }
    spoken = { revisions: SPEC_REVISIONS.filter((r) => revisions.includes(r)), how: notes.join('; ') || 'neither server/discover nor initialize was answered with your token' };

    // One conversation in the newest revision the target speaks.
    const revision = spoken.revisions.includes(STATELESS_REVISION) ? STATELESS_REVISION : stateful?.revision;
    if (!revision) return;
    const later = {
      ...auth,
      ...(stateful?.sessionId && revision !== STATELESS_REVISION ? { 'mcp-session-id': stateful.sessionId } : {}),
    };
    const headersFor = (request: JsonRpcRequest) => ({ ...mcpHeaders(revision, request), ...later });
    if (revision !== STATELESS_REVISION) await post('initialized', { jsonrpc: '2.0', method: 'notifications/initialized' }, { ...mcpHeaders(revision, undefined), ...later });
    const list = (id: number) => rpcRequest(revision, DOCTOR_CLIENT, 'tools/list', {}, id);
    await post('tools-list', list(2), headersFor(list(2)));
    await post('tools-list', list(3), headersFor(list(3)));
    await post('unsupported-version', list(4), { ...headersFor(list(4)), 'mcp-protocol-version': UNSUPPORTED_PROTOCOL_VERSION });
    await post('tampered-token', list(5), { ...headersFor(list(5)), authorization: `Bearer ${tamperedToken(token)}` });
    const { authorization: _, ...withoutHeader } = headersFor(list(6));
    await post('query-token', list(6), withoutHeader, withQueryToken(session.mcpUrl, token));
    await post('origin-signed-in', list(7), { ...headersFor(list(7)), origin: 'https://evil.example' });
    if (stateful?.sessionId && revision !== STATELESS_REVISION) await probe(session, 'end-session', session.mcpUrl, { method: 'DELETE', headers: headersFor(list(8)) });
  });
  return spoken;
}

