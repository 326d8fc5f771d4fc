/**
 * Clock skew, played honestly by the proxy: in front of the gateway stands what a second replica of
 * its resource server would be if its clock ran fast (NTP broken on one host). The gateway issues
 * tokens by its own, correct clock; this replica judges them by a clock `skewSeconds` ahead, so a
 * token whose lifetime is shorter than the skew is already "expired" when it arrives. Nothing inside
 * the gateway changes: the proxy only remembers when each issued token expires (from the token
 * response's `expires_in`) and answers as such a replica does — 401 invalid_token, "expired".
 */
import type { Defect } from '../defects/defect.ts';
import { jsonOf } from '../../wire/jsonRpcMessages.ts';
import { isTokenRequest, jsonAnswer } from './proxy/exchange.ts';

/** Ten minutes: longer than the reference gateway's default access-token lifetime (300 s). */
const DEFAULT_SKEW_SECONDS = 600;

export function fastClockReplica(skewSeconds = DEFAULT_SKEW_SECONDS): Defect {
  const expiresAt = new Map<string, number>();
  return {
    id: 'fast-clock-replica',
    title: `A resource-server replica whose clock runs ${skewSeconds} s fast validates the tokens`,
    requirementIds: ['AUTH-08'],
    symptom: 'Authorization failed',
    onResponse(request, response) {
      if (!isTokenRequest(request) || response.status !== 200) return response;
      const tokens = jsonOf(response.body) as { access_token?: unknown; expires_in?: unknown } | undefined;
      if (typeof tokens?.access_token === 'string' && typeof tokens.expires_in === 'number') expiresAt.set(tokens.access_token, Date.now() + tokens.expires_in * 1000);
      return response;
    },
    onRequest(request) {
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const expiry = token ? expiresAt.get(token) : undefined;
      if (expiry === undefined || Date.now() + skewSeconds * 1000 < expiry) return undefined;
      const description = 'The access token expired';
      return jsonAnswer(401, { error: 'invalid_token', error_description: description }, { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` });
    },
  };
}
