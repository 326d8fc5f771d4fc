/**
 * The MCP endpoint itself: tokens only in the header (AUTH-10), unsupported versions refused
 * (TRANSPORT-10), and with --token: the token accepted and tampered ones refused (AUTH-07, AUTH-08),
 * answers as JSON or SSE (TRANSPORT-05), a random session id or none (TRANSPORT-09), and in
 * 2026-07-28 server/discover and requests without a session (REV26-01, REV26-02), tools/list in a
 * deterministic order (LISTCHANGED-04).
 */
import { jsonOf, rpcMessages } from '../../../wire/jsonRpcMessages.ts';
import type { Exchange } from '../../runner/proxy/exchange.ts';
import { toolNamesIn } from '../../checks/checkContext.ts';
import type { DoctorCheck, Evidence } from '../doctorCheck.ts';
import { MADE_UP_TOKEN } from '../probes/bearer.ts';
import { RULES } from '../spec/specRules.ts';

export const NEEDS_TOKEN = 'needs --token (an access token for this MCP URL)';
const authenticated = (x: Exchange) => Boolean(x.request.headers.authorization);
const ok = (x: Exchange | undefined) => Boolean(x && x.response.status >= 200 && x.response.status < 300);

/** The first answered opening request of the signed-in conversation (server/discover or initialize). */
function opening(e: Evidence): Exchange | undefined {
  return [...e.byProbe('discover'), ...e.byProbe('initialize'), ...e.byProbe('initialize-2025-06-18')].find(ok);
}

/** The `aud` claim of a JWT access token; undefined for an opaque token. */
function audienceOf(token: string): string[] | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const payload = jsonOf(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { aud?: unknown } | undefined;
  if (!payload) return undefined;
  return typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud.map(String) : [];
}


export const mcpEndpointChecks: readonly DoctorCheck[] = [
  {
    id: 'query-token-refused',
    title: 'A token in the query string is never accepted',
    requirementIds: ['AUTH-10'],
    rules: [RULES.queryToken],
    needs: ['bearer'],
    fix: 'Read access tokens only from the Authorization header; never treat ?access_token= as a credential.',
    evaluate(e) {
      const probes = e.byProbe('query-token');
      if (probes.length === 0) return { notApplicable: 'not probed' };
      // Accepted means answered as if authenticated; any 4xx refused it, whatever its error code says.
      const accepted = probes.filter((x) => x.response.status < 400 && !(e.session.discovery.challenge && e.session.discovery.challenge.status < 400));
      return {
        pass: accepted.length === 0,
        details: probes.map((x) => `${x.request.query.get('access_token') === MADE_UP_TOKEN ? 'a made-up token' : 'your token'} in ?access_token= → ${x.response.status}${accepted.includes(x) ? ' (accepted)' : ''}`).join('; '),
      };
    },
  },
  {
    id: 'invalid-token-refused',
    title: 'A made-up bearer token is refused with 401',
    requirementIds: ['AUTH-07'],
    rules: [RULES.invalidToken401],
    needs: ['bearer'],
    fix: 'Answer a token that fails validation with 401 and WWW-Authenticate: Bearer error="invalid_token" — never 5xx.',
    evaluate(e) {
      const answer = e.byProbe('made-up-token')[0];
      if (!answer) return { notApplicable: 'not probed' };
      if (e.session.discovery.challenge && e.session.discovery.challenge.status < 400) return { notApplicable: 'the MCP endpoint does not require authorization' };
      return { pass: answer.response.status === 401, details: `Authorization: Bearer ${MADE_UP_TOKEN} → ${answer.response.status}${answer.response.headers['www-authenticate'] ? ` (${answer.response.headers['www-authenticate']})` : ''}` };
    },
  },
  {
    id: 'unsupported-version-refused',
    title: 'An unsupported MCP-Protocol-Version is refused with 400',
    requirementIds: ['TRANSPORT-10'],
    rules: [RULES.unsupportedVersion],
    needs: ['bearer'],
    fix: 'Answer a request with an MCP-Protocol-Version you do not support with 400.',
    evaluate(e) {
      const probes = e.byProbe('unsupported-version');
      const judged = probes.find(authenticated) ?? probes.find((x) => x.response.status === 400);
      if (!judged) return { notApplicable: `the server authenticates before it reads the version; ${NEEDS_TOKEN}` };
      return { pass: judged.response.status === 400, details: `→ ${judged.response.status}` };
    },
  },
  {
    id: 'token-accepted',
    title: 'The MCP endpoint accepts a valid access token',
    requirementIds: ['AUTH-08'],
    rules: [RULES.audience],
    needs: ['signed-in'],
    fix: 'Accept the tokens your authorization server issues for this MCP URL: check issuer, signature and aud = the MCP URL (not the bare origin).',
    evaluate(e) {
      if (!e.session.token) return { notApplicable: NEEDS_TOKEN };
      const first = [...e.byProbe('discover'), ...e.byProbe('initialize')].filter(authenticated);
      return { pass: Boolean(opening(e)), details: first.map((x) => `${x.request.headers['x-gangway-probe']} → ${x.response.status}${x.response.status === 401 ? ` ${x.response.headers['www-authenticate'] ?? ''}` : ''}`).join('; ') || 'not probed' };
    },
  },
  {
    id: 'tampered-token-refused',
    title: 'A tampered token is refused with 401',
    requirementIds: ['AUTH-07'],
    rules: [RULES.invalidToken401],
    needs: ['signed-in'],
    fix: 'Verify token signatures; answer an invalid token with 401 and error="invalid_token".',
    evaluate(e) {
      if (!e.session.token) return { notApplicable: NEEDS_TOKEN };
      const tampered = e.byProbe('tampered-token')[0];
      if (!tampered) return { notApplicable: 'your token opened no conversation' };
      return { pass: tampered.response.status === 401, details: `→ ${tampered.response.status}` };
    },
  },
  {
    id: 'token-audience',
    title: 'The endpoint accepts only tokens whose audience is this MCP URL',
    requirementIds: ['AUTH-08'],
    rules: [RULES.audience],
    needs: ['signed-in'],
    fix: 'Issue access tokens whose aud is the MCP URL the client sent as resource, and refuse others.',
    evaluate(e) {
      const token = e.session.token;
      if (!token) return { notApplicable: NEEDS_TOKEN };
      const audience = audienceOf(token);
      if (audience === undefined) return { notApplicable: 'an opaque token: only the server can read its audience' };
      // The resource a client asks for is the one Protected Resource Metadata names; when that is
      // not the MCP URL, prm-resource already fails and this check does not count it twice.
      const target = e.session.proxy.real(e.session.mcpUrl);
      const named = e.session.discovery.prm?.document?.resource;
      const resources = [target, ...(typeof named === 'string' ? [e.session.proxy.real(named)] : [])];
      const accepted = Boolean(opening(e));
      return { pass: audience.some((a) => resources.includes(a)) || !accepted, details: `aud ${JSON.stringify(audience)}; resource ${[...new Set(resources)].join(' or ')}; ${accepted ? 'accepted' : 'refused'}` };
    },
  },
  {
    id: 'answer-content-type',
    title: 'Requests are answered with application/json or text/event-stream',
    requirementIds: ['TRANSPORT-05'],
    rules: [RULES.contentType],
    needs: ['signed-in'],
    fix: 'Answer MCP POST requests with Content-Type application/json or text/event-stream.',
    evaluate(e) {
      if (!e.session.token) return { notApplicable: NEEDS_TOKEN };
      const answered = [...e.byProbe('discover'), ...e.byProbe('initialize'), ...e.byProbe('tools-list')].filter((x) => x.response.status === 200);
      if (answered.length === 0) return { notApplicable: 'your token opened no conversation' };
      const wrong = answered.filter((x) => !/^(application\/json|text\/event-stream)/.test(x.response.headers['content-type'] ?? ''));
      return { pass: wrong.length === 0, details: `${answered.length} answers; ${wrong.length ? `wrong: ${wrong.map((x) => x.response.headers['content-type'] ?? '(none)').join(', ')}` : 'all JSON or SSE'}` };
    },
  },
  {
    id: 'session-id',
    title: 'initialize returns a visible-ASCII, unguessable session id (or none)',
    requirementIds: ['TRANSPORT-09'],
    rules: [RULES.sessionIdAscii],
    needs: ['signed-in'],
    fix: 'Return a cryptographically random, visible-ASCII Mcp-Session-Id on initialize (or none, statelessly).',
    evaluate(e) {
      if (!e.session.token) return { notApplicable: NEEDS_TOKEN };
      const init = e.byProbe('initialize').find(ok);
      if (!init) return { notApplicable: 'initialize was not answered with your token' };
      const id = init.response.headers['mcp-session-id'];
      return { pass: id === undefined || /^[\x21-\x7e]{16,}$/.test(id), details: id ? `Mcp-Session-Id of ${id.length} characters` : 'stateless (no session id)' };
    },
  },
  {
    id: 'server-discover',
    title: 'server/discover answers with the server\'s versions and capabilities',
    requirementIds: ['REV26-02'],
    rules: [RULES.discover],
    needs: ['signed-in'],
    fix: 'Answer server/discover (2026-07-28) with supportedVersions, capabilities and serverInfo.',
    evaluate(e) {
      if (!e.session.token) return { notApplicable: NEEDS_TOKEN };
      const answer = e.byProbe('discover')[0];
      const result = answer ? (rpcMessages(answer.response.body).find((m) => 'result' in m)?.result as Record<string, unknown> | undefined) : undefined;
      return { pass: ok(answer) && Boolean(result), details: answer ? `→ ${answer.response.status}${result ? `: ${Object.keys(result).join(', ')}` : ''}` : 'not probed' };
    },
  },
  {
    id: 'stateless-requests',
    title: 'Requests are answered without initialize or a session (2026-07-28)',
    requirementIds: ['REV26-01'],
    rules: [RULES.stateless],
    needs: ['signed-in'],
    fix: 'Answer every 2026-07-28 request on its own, from its _meta, without an initialize handshake or Mcp-Session-Id.',
    evaluate(e) {
      if (!e.session.token) return { notApplicable: NEEDS_TOKEN };
      if (!e.spoken?.revisions.includes('2026-07-28')) return { pass: false, details: `the server does not speak 2026-07-28 (${e.spoken?.how ?? 'no answer'})` };
      const lists = e.byProbe('tools-list');
      const sessionless = lists.filter((x) => !x.request.headers['mcp-session-id']);
      return { pass: sessionless.length > 0 && sessionless.every(ok), details: sessionless.map((x) => `tools/list without a session → ${x.response.status}`).join('; ') || 'no request without a session was made' };
    },
  },
  {
    id: 'tools-list-order',
    title: 'tools/list answers in the same order twice',
    requirementIds: ['LISTCHANGED-04'],
    rules: [RULES.deterministicList],
    needs: ['signed-in'],
    fix: 'Return tools/list in a deterministic order for the same user and grants.',
    evaluate(e) {
      if (!e.session.token) return { notApplicable: NEEDS_TOKEN };
      const lists = e.byProbe('tools-list').filter(ok).map(toolNamesIn);
      if (lists.length < 2) return { pass: false, details: `${lists.length} of 2 tools/list requests answered` };
      return { pass: JSON.stringify(lists[0]) === JSON.stringify(lists[1]), details: `${lists[0]!.length} tools` };
    },
  },
];
