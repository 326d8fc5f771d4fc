/**
 * Credentials and versions at the MCP endpoint, from bearerProbes.ts:
 * AUTH-10        a token in the query string is never accepted (a gateway that answers a made-up
 *                query token with error="invalid_token" read it)
 * TRANSPORT-10   an unsupported MCP-Protocol-Version gets 400 (seen without a token only if the
 *                gateway checks it before authentication)
 * With --token:  AUTH-07 a tampered token gets 401; AUTH-08 the token's audience is this MCP URL
 *                (JWTs only); LISTCHANGED-04 tools/list comes back in the same order twice.
 */
import type { CheckContext } from '../checks/checkContext.ts';
import { rpcMessages, type Exchange } from '../defects/exchange.ts';
import { check, skipped, type CheckResult } from '../model/checkResult.ts';
import { MADE_UP_TOKEN, UNSUPPORTED_PROTOCOL_VERSION } from './bearerProbes.ts';
import { probeExchanges } from './probeRequest.ts';

export const NEEDS_TOKEN = 'needs --token (an access token for this MCP URL)';
const authenticated = (e: Exchange) => Boolean(e.request.headers.authorization);

function queryTokenAccepted(e: Exchange): boolean {
  // No Authorization header was sent: a 401 that names invalid_token means the query value was read.
  return e.response.status < 400 || (e.response.status === 401 && /error="invalid_token"/.test(e.response.headers['www-authenticate'] ?? ''));
}

/** The `aud` claim of a JWT access token; undefined for an opaque token. */
function audienceOf(token: string): string[] | undefined {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return undefined;
  try {
    const aud = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { aud?: unknown }).aud;
    return typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.map(String) : [];
  } catch {
    return undefined;
  }
}

export function bearerChecks(context: CheckContext, token: string | undefined, targetUrl: string): CheckResult[] {
  const queryTokens = probeExchanges(context.exchanges, 'query-token');
  const accepted = queryTokens.filter(queryTokenAccepted);
  const versions = probeExchanges(context.exchanges, 'unsupported-version');
  const version = versions.find(authenticated) ?? versions.find((e) => e.response.status === 400);
  const results: CheckResult[] = [
    check(
      'query-token-refused',
      'A token in the query string is never accepted',
      ['AUTH-10'],
      queryTokens.length > 0 && accepted.length === 0,
      queryTokens.map((e) => `${token && e.request.query.get('access_token') !== MADE_UP_TOKEN ? 'your token' : 'a made-up token'} in ?access_token= → ${e.response.status}${accepted.includes(e) ? ' (read as a credential)' : ''}`).join('; ') || 'not probed',
    ),
    version
      ? check('unsupported-version-refused', `MCP-Protocol-Version ${UNSUPPORTED_PROTOCOL_VERSION} is refused with 400`, ['TRANSPORT-10'], version.response.status === 400, `→ ${version.response.status}`)
      : skipped('unsupported-version-refused', 'An unsupported MCP-Protocol-Version is refused with 400', ['TRANSPORT-10'], `the gateway authenticates first; ${NEEDS_TOKEN}`),
  ];
  if (!token) {
    results.push(
      skipped('tampered-token-refused', 'A tampered token is refused with 401', ['AUTH-07'], NEEDS_TOKEN),
      skipped('token-audience', 'The access token is for this MCP URL', ['AUTH-08'], NEEDS_TOKEN),
      skipped('tools-list-order', 'tools/list answers in the same order twice', ['LISTCHANGED-04'], NEEDS_TOKEN),
    );
    return results;
  }
  const tampered = probeExchanges(context.exchanges, 'tampered-token')[0];
  const audience = audienceOf(token);
  const lists = probeExchanges(context.exchanges, 'tools-list')
    .filter((e) => e.response.status === 200)
    .map((e) => rpcMessages(e.response.body).flatMap((m) => ((m.result as { tools?: { name: string }[] } | undefined)?.tools ?? []).map((t) => t.name)));
  results.push(
    tampered
      ? check('tampered-token-refused', 'A tampered token is refused with 401', ['AUTH-07'], tampered.response.status === 401, `→ ${tampered.response.status}`)
      : check('tampered-token-refused', 'A tampered token is refused with 401', ['AUTH-07'], false, 'not probed: initialize with your token failed'),
    audience === undefined
      ? skipped('token-audience', 'The access token is for this MCP URL', ['AUTH-08'], 'an opaque token: only the gateway can read its audience')
      : check('token-audience', 'The access token is for this MCP URL', ['AUTH-08'], audience.includes(targetUrl), `aud ${JSON.stringify(audience)}; MCP URL ${targetUrl}`),
    lists.length === 2
      ? check('tools-list-order', 'tools/list answers in the same order twice', ['LISTCHANGED-04'], JSON.stringify(lists[0]) === JSON.stringify(lists[1]), `${lists[0]!.length} tools`)
      : check('tools-list-order', 'tools/list answers in the same order twice', ['LISTCHANGED-04'], false, `${lists.length} of 2 tools/list requests answered`),
  );
  return results;
}
