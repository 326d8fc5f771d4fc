/**
 * AUTH-12, AS-07, CLIENT-*-01: each real client's callbacks are accepted by dynamic registration
 * (201 with a client_id). A gateway without a registration endpoint but with CIMD is not failed
 * here: registration-available and cimd-advertised cover it.
 */
import { asMetadataOf, type CheckContext } from '../checks/checkContext.ts';
import { jsonOf } from '../defects/exchange.ts';
import { check, skipped, type CheckResult } from '../model/checkResult.ts';
import { offersOnlyCimd } from './asMetadataLocations.ts';
import { CLIENT_CALLBACKS } from './clientCallbacks.ts';
import { probeExchanges } from './probeRequest.ts';
import { registrationProbe } from './registrationProbes.ts';

export function registrationChecks(context: CheckContext): CheckResult[] {
  const metadata = asMetadataOf(context);
  return CLIENT_CALLBACKS.map((callbacks) => {
    const id = registrationProbe(callbacks);
    const title = `Dynamic registration accepts ${callbacks.name}'s real callbacks`;
    const ids = ['AUTH-12', 'AS-07', callbacks.requirementId];
    if (offersOnlyCimd(metadata)) {
      return skipped(id, title, ids, 'no registration endpoint; the gateway relies on Client ID Metadata Documents');
    }
    const answer = probeExchanges(context.exchanges, id)[0];
    const body = answer ? (jsonOf(answer.response.body) as { client_id?: unknown; error?: string; error_description?: string } | undefined) : undefined;
    return check(
      id,
      title,
      ids,
      answer?.response.status === 201 && typeof body?.client_id === 'string',
      !answer
        ? 'no registration endpoint to register at'
        : `${callbacks.redirectUris.join(', ')} → ${answer.response.status}${body?.error ? ` ${body.error}${body.error_description ? `: ${body.error_description}` : ''}` : ''}`,
    );
  });
}
