/**
 * The Streamable HTTP conversation: a random session id on initialize (TRANSPORT-09) — in a
 * 2026-07-28 scenario no initialize and no session at all (REV26-01) — the protocol
 * version header on later requests (TRANSPORT-10), answers as JSON or SSE (TRANSPORT-05), a foreign
 * Origin refused (TRANSPORT-02, from the harness's own probe), and CORS for browser clients
 * (CLIENT-INSPECTOR-02).
 */
import { STATELESS_REVISION } from '../../wire/protocolVersions.ts';
import { check, skipped, type CheckResult } from '../model/checkResult.ts';
import { scenarioRevision } from '../model/scenario.ts';
import { mcpExchanges, mcpPath, rpcMethod, type CheckContext } from './checkContext.ts';

export function transportChecks(context: CheckContext): CheckResult[] {
  const mcp = mcpExchanges(context).filter((e) => e.request.headers.authorization && e.response.status < 400);
  const initialize = mcp.find((e) => rpcMethod(e) === 'initialize');
  const sessionId = initialize?.response.headers['mcp-session-id'];
  const later = mcp.filter((e) => e !== initialize && e.request.method === 'POST' && rpcMethod(e) !== 'initialize');
  const withVersion = later.filter((e) => e.request.headers['mcp-protocol-version']);
  const badOrigin = context.exchanges.find((e) => e.request.headers.origin === 'https://evil.example' && e.request.path === mcpPath(context));
  const sessionHeaders = mcp.filter((e) => e.request.headers['mcp-session-id'] || e.response.headers['mcp-session-id']);
  // 2026-07-28: nobody (client or the harness's probe, signed in or not) sends initialize.
  const anyInitialize = mcpExchanges(context).some((e) => rpcMethod(e) === 'initialize');
  const results: CheckResult[] = [
    scenarioRevision(context.scenario) === STATELESS_REVISION
      ? check(
          'stateless',
          'In 2026-07-28 there is no initialize and no Mcp-Session-Id, in either direction',
          ['REV26-01'],
          mcp.length > 0 && !anyInitialize && sessionHeaders.length === 0,
          mcp.length === 0 ? 'no authenticated MCP exchange seen' : `${anyInitialize ? 'an initialize was sent; ' : ''}${sessionHeaders.length} of ${mcp.length} exchanges carried Mcp-Session-Id`,
        )
      : check(
          'session-id',
          'initialize returns a random, visible-ASCII session id (or none, statelessly)',
          ['TRANSPORT-09'],
          Boolean(initialize) && (sessionId === undefined || /^[\x21-\x7e]{16,}$/.test(sessionId)),
          initialize ? (sessionId ? `Mcp-Session-Id of ${sessionId.length} characters` : 'stateless (no session id)') : 'no successful initialize seen',
        ),
    check(
      'protocol-version-header',
      'Requests after initialize carry MCP-Protocol-Version and are answered',
      ['TRANSPORT-10'],
      later.length > 0 && withVersion.length === later.length,
      `${withVersion.length} of ${later.length} later requests carried the header`,
    ),
    check(
      'answer-content-type',
      'Requests are answered with application/json or text/event-stream',
      ['TRANSPORT-05'],
      mcp.filter((e) => e.request.method === 'POST' && e.response.status === 200).every((e) => /^(application\/json|text\/event-stream)/.test(e.response.headers['content-type'] ?? '')),
      `${mcp.length} authenticated MCP exchanges`,
    ),
    !badOrigin
      ? skipped('origin-refused', 'A foreign Origin is refused', ['TRANSPORT-02'], 'the harness did not probe the Origin check in this run')
      : badOrigin.response.status === 401
        ? // The probe carries no token: a server that authenticates first says nothing about Origin (gangway doctor --token judges it).
          skipped('origin-refused', 'A foreign Origin is refused', ['TRANSPORT-02'], 'the server authenticates before it checks Origin; gangway doctor --token judges it')
        : check('origin-refused', 'A request from a foreign browser origin is refused with 403', ['TRANSPORT-02'], badOrigin.response.status === 403, `Origin https://evil.example → ${badOrigin.response.status}`),
  ];
  if (context.scenario.client === 'inspector') {
    const preflights = context.exchanges.filter((e) => e.request.method === 'OPTIONS');
    // Requests the client's page made from its own origin with fetch.
    const clientOrigins = new Set(context.redirectUriPrefixes.map((prefix) => new URL(prefix).origin));
    const crossOrigin = context.exchanges.filter((e) => e.request.method !== 'OPTIONS' && clientOrigins.has(e.request.headers.origin ?? ''));
    const refused = crossOrigin.filter((e) => !e.response.headers['access-control-allow-origin']);
    results.push(
      check(
        'cors',
        'Browser-side requests from the Inspector pass CORS',
        ['CLIENT-INSPECTOR-02'],
        crossOrigin.length > 0 && refused.length === 0 && preflights.every((e) => e.response.status < 300),
        `${crossOrigin.length - refused.length} of ${crossOrigin.length} cross-origin requests allowed; ${preflights.length} preflights${
          refused.length ? `; refused: ${refused.map((e) => `${e.request.method} ${e.request.path} → ${e.response.status}`).join(', ')}` : ''
        }`,
      ),
    );
  }
  return results;
}
