/**
 * The authorization and token endpoints without a sign-in:
 * AS-04, AS-03, AUTH-12  an authorization request with resource, PKCE S256 and a registered real
 *                        callback is not refused (it goes on to sign-in)
 * AS-03                  PKCE plain is refused
 * AS-04                  a made-up code with resource fails invalid_grant, not invalid_target
 * A missing prerequisite (no client could register) is a failure; a CIMD-only gateway is skipped,
 * since the doctor cannot host a metadata document the gateway could fetch.
 */
import { asMetadataOf, type CheckContext } from '../checks/checkContext.ts';
import { jsonOf, type Exchange } from '../defects/exchange.ts';
import { check, skipped, type CheckResult } from '../model/checkResult.ts';
import { offersOnlyCimd } from './asMetadataLocations.ts';
import { authorizeProbe } from './authorizationProbes.ts';
import { CLIENT_CALLBACKS } from './clientCallbacks.ts';
import { probeExchanges } from './probeRequest.ts';

/** Why an authorization request was refused (an error page, or an error sent back to the client), if it was. */
function refusal(exchange: Exchange): string | undefined {
  if (exchange.response.status >= 400) return `${exchange.response.status} ${exchange.response.body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120)}`;
  const location = exchange.response.headers.location;
  const error = location ? URL.parse(location, 'http://relative.invalid')?.searchParams.get('error') : undefined;
  return error ? `${exchange.response.status} → ${error}` : undefined;
}

export function authorizationEndpointChecks(context: CheckContext): CheckResult[] {
  const metadata = asMetadataOf(context);
  const authorizations = CLIENT_CALLBACKS.flatMap((callbacks) => probeExchanges(context.exchanges, authorizeProbe(callbacks)).map((e) => ({ callbacks, exchange: e })));
  const plain = probeExchanges(context.exchanges, 'authorize-pkce-plain')[0];
  const token = probeExchanges(context.exchanges, 'token-made-up-code')[0];
  const cimdOnly = offersOnlyCimd(metadata);
  const missing = (id: string, title: string, ids: string[]) =>
    cimdOnly
      ? skipped(id, title, ids, 'needs a registered client; this gateway offers only Client ID Metadata Documents')
      : check(id, title, ids, false, metadata?.authorization_endpoint ? 'no client could register, so no request could be made' : 'no authorization server metadata, so no authorization endpoint');

  const authorizeTitle = 'An authorization request with resource and PKCE S256 goes on to sign-in';
  const refused = authorizations.map((a) => ({ ...a, why: refusal(a.exchange) })).filter((a) => a.why);
  const tokenError = token ? (jsonOf(token.response.body) as { error?: string; error_description?: string } | undefined) : undefined;
  return [
    authorizations.length === 0
      ? missing('authorize-accepted', authorizeTitle, ['AS-04', 'AS-03', 'AUTH-12'])
      : check(
          'authorize-accepted',
          authorizeTitle,
          ['AS-04', 'AS-03', 'AUTH-12'],
          refused.length === 0,
          refused.length ? refused.map((a) => `${a.callbacks.name} (${a.exchange.request.query.get('redirect_uri')}): ${a.why}`).join('; ') : `${authorizations.length} client(s): ${authorizations.map((a) => `${a.callbacks.name} → ${a.exchange.response.status}`).join(', ')}`,
        ),
    plain
      ? check('pkce-plain-refused', 'An authorization request with PKCE plain is refused', ['AS-03'], Boolean(refusal(plain)), refusal(plain) ?? `accepted (${plain.response.status}${plain.response.headers.location ? ` → ${plain.response.headers.location.slice(0, 80)}` : ''})`)
      : missing('pkce-plain-refused', 'An authorization request with PKCE plain is refused', ['AS-03']),
    token
      ? check(
          'token-resource-accepted',
          'The token endpoint accepts resource (a made-up code fails invalid_grant, not invalid_target)',
          ['AS-04'],
          tokenError?.error === 'invalid_grant',
          `${token.response.status} ${tokenError?.error ?? token.response.body.slice(0, 120)}${tokenError?.error_description ? `: ${tokenError.error_description}` : ''}`,
        )
      : missing('token-resource-accepted', 'The token endpoint accepts resource (a made-up code fails invalid_grant, not invalid_target)', ['AS-04']),
  ];
}
