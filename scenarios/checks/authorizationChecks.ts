/**
 * Registration, authorization and tokens as this client did them: its real redirect URI accepted
 * (AUTH-12, CLIENT-*-01), the authorization request with PKCE S256 and resource (AS-03, AS-04),
 * the code redeemed for an access token and a refresh token (AS-04, AUTH-11), rotation on refresh
 * (AUTH-11), and the token accepted by the MCP endpoint (AUTH-08).
 */
import { jsonOf } from '../../wire/jsonRpcMessages.ts';
import { formOf } from '../runner/proxy/exchange.ts';
import { check, shouldCheck, skipped, type CheckResult } from '../model/checkResult.ts';
import { authorizeRequests, hasStep, mcpExchanges, registrations, tokenExchanges, type CheckContext } from './checkContext.ts';

const CLIENT_IDS: Record<string, string> = { chatgpt: 'CLIENT-CHATGPT-01', claude: 'CLIENT-CLAUDE-01', inspector: 'CLIENT-INSPECTOR-01' };

export function authorizationChecks(context: CheckContext): CheckResult[] {
  const results: CheckResult[] = [];
  const clientRule = CLIENT_IDS[context.scenario.client]!;
  const authorize = authorizeRequests(context);
  const firstAuthorize = authorize[0];
  const redirectUri = firstAuthorize?.request.query.get('redirect_uri') ?? '';
  const regs = registrations(context);
  const refusedRegistration = regs.find((e) => e.response.status >= 400);
  const clientId = firstAuthorize?.request.query.get('client_id') ?? '';
  // An authorization server refuses an unregistered redirect URI on its own page, never by redirecting to it.
  const refusedAuthorize = authorize.find((e) => e.response.status >= 400 || /[?&]error=invalid_redirect_uri/.test(e.response.headers.location ?? ''));
  const cimd = clientId.startsWith('https://');

  results.push(
    check(
      'client-registered',
      cimd ? 'The client identified itself by its metadata document' : 'The client registered (dynamic registration)',
      ['AS-07', ...(cimd ? ['AS-05'] : [])],
      cimd ? Boolean(firstAuthorize) : regs.some((e) => e.response.status === 201 && Boolean((jsonOf(e.response.body) as { client_id?: string } | undefined)?.client_id)),
      cimd ? `client_id ${clientId}` : regs.map((e) => `POST ${e.request.path} → ${e.response.status}`).join('; ') || 'no registration request seen',
    ),
    check(
      'redirect-accepted',
      "The client's real redirect URI is accepted",
      ['AUTH-12', clientRule],
      !refusedRegistration && Boolean(firstAuthorize) && !refusedAuthorize && context.redirectUriPrefixes.some((prefix) => redirectUri.startsWith(prefix)),
      refusedRegistration
        ? `registration refused: ${refusedRegistration.response.status} ${refusedRegistration.response.body.slice(0, 200)}`
        : refusedAuthorize
          ? `the authorization request with redirect_uri ${redirectUri} was refused (${refusedAuthorize.response.status})`
        : firstAuthorize
          ? `redirect_uri ${redirectUri}`
          : 'the browser never reached the authorization endpoint',
    ),
    check(
      'authorize-pkce-resource',
      'The authorization request carries PKCE S256 and the resource',
      ['AS-03', 'AS-04'],
      Boolean(firstAuthorize) && firstAuthorize!.request.query.get('code_challenge_method') === 'S256' && firstAuthorize!.request.query.get('resource') === context.mcpUrl,
      firstAuthorize
        ? `code_challenge_method=${firstAuthorize.request.query.get('code_challenge_method')}; resource=${firstAuthorize.request.query.get('resource')}`
        : 'no authorization request seen',
    ),
  );

  const codeExchanges = tokenExchanges(context, 'authorization_code');
  const redeemed = codeExchanges.find((e) => e.response.status === 200);
  const tokens = redeemed ? (jsonOf(redeemed.response.body) as { access_token?: string; refresh_token?: string }) : undefined;
  const failedExchange = codeExchanges.find((e) => e.response.status !== 200);
  results.push(
    check(
      'code-redeemed',
      'The authorization code is redeemed for an access token, with resource',
      ['AS-04'],
      Boolean(tokens?.access_token) && formOf(redeemed!).get('resource') === context.mcpUrl,
      redeemed ? `resource=${formOf(redeemed).get('resource')}` : failedExchange ? `token endpoint answered ${failedExchange.response.status} ${failedExchange.response.body.slice(0, 200)}` : 'no code was redeemed',
    ),
    // Optional in OAuth 2.1: a warning here; a scenario that lets the token expire fails refresh-rotation instead.
    tokens
      ? shouldCheck('refresh-token-issued', 'A refresh token comes with the access token', ['AUTH-11'], Boolean(tokens.refresh_token), tokens.refresh_token ? 'refresh_token present' : 'no refresh_token in the token response')
      : check('refresh-token-issued', 'A refresh token comes with the access token', ['AUTH-11'], false, 'no token response'),
  );

  // A client that received tokens must stay known: "invalid_client" afterwards means registrations were lost.
  const allTokenExchanges = tokenExchanges(context);
  const servedClients = new Set(allTokenExchanges.filter((e) => e.response.status === 200).map((e) => formOf(e).get('client_id')));
  const forgotten = allTokenExchanges.find((e) => e.response.status >= 400 && (jsonOf(e.response.body) as { error?: string } | undefined)?.error === 'invalid_client' && servedClients.has(formOf(e).get('client_id')));
  results.push(
    check(
      'client-remembered',
      'A client the gateway issued tokens to is still known later (registrations persist)',
      ['AS-07'],
      !forgotten,
      forgotten ? `token endpoint answered invalid_client for a client it had served (${forgotten.request.path} → ${forgotten.response.status})` : `${servedClients.size} client(s) served, none forgotten`,
    ),
  );

  const authenticated = mcpExchanges(context).filter((e) => e.request.headers.authorization);
  const accepted = authenticated.filter((e) => e.response.status < 400);
  results.push(
    check(
      'token-accepted',
      'The MCP endpoint accepts the access token the authorization server issued',
      ['AUTH-08'],
      accepted.length > 0,
      `${accepted.length} of ${authenticated.length} authenticated MCP requests accepted${authenticated[0] && accepted.length === 0 ? `; first answer ${authenticated[0].response.status} ${authenticated[0].response.headers['www-authenticate'] ?? ''}` : ''}`,
    ),
  );

  if (hasStep(context, 'expire-access-token')) {
    const refreshes = tokenExchanges(context, 'refresh_token');
    const good = refreshes.filter((e) => e.response.status === 200);
    const first = good[0] ?? refreshes[0];
    const before = first ? formOf(first).get('refresh_token') : undefined;
    const after = good[0] ? (jsonOf(good[0].response.body) as { refresh_token?: string }).refresh_token : undefined;
    results.push(
      check(
        'refresh-rotation',
        'After the access token expired the client refreshed, and the refresh token rotated',
        ['AUTH-11'],
        good.length > 0 && Boolean(after) && after !== before,
        refreshes.length === 0 ? 'no refresh happened' : good.length === 0 ? `refresh answered ${refreshes[0]!.response.status} ${refreshes[0]!.response.body.slice(0, 160)}` : after ? 'a new refresh token was issued' : 'the refresh answer had no new refresh token',
      ),
    );
  } else {
    results.push(skipped('refresh-rotation', 'Refresh-token rotation', ['AUTH-11'], 'this scenario does not let the access token expire'));
  }
  return results;
}
