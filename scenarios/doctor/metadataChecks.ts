/**
 * What authorization server metadata promises, beyond the scenario discovery checks:
 * AS-02   the metadata answers at every location clients try, not only one of them
 * AUTH-11 refresh is offered (grant_types_supported has refresh_token; offline_access noted) —
 *         as far as metadata shows: rotation itself needs a signed-in run
 * AS-05   Client ID Metadata Documents are advertised (SHOULD; ChatGPT prefers them)
 */
import { asMetadataOf, type CheckContext } from '../checks/checkContext.ts';
import { jsonOf } from '../defects/exchange.ts';
import { check, type CheckResult } from '../model/checkResult.ts';
import { asMetadataLocations, issuerOf, metadataAnswerAt } from './asMetadataLocations.ts';

export function metadataChecks(context: CheckContext): CheckResult[] {
  const issuer = issuerOf(context) ?? new URL(context.mcpUrl).origin;
  const foreignIssuer = new URL(issuer).origin !== new URL(context.mcpUrl).origin;
  const located = asMetadataLocations(issuer).map((location) => {
    const path = new URL(location).pathname;
    const answer = metadataAnswerAt(context, path);
    const ok = answer?.response.status === 200 && typeof (jsonOf(answer.response.body) as { issuer?: unknown } | undefined)?.issuer === 'string';
    return { path, ok, status: answer?.response.status };
  });
  const metadata = asMetadataOf(context) as (ReturnType<typeof asMetadataOf> & { grant_types_supported?: string[] }) | undefined;
  const grants = metadata?.grant_types_supported;
  const offline = metadata?.scopes_supported?.includes('offline_access');
  return [
    check(
      'as-metadata-every-location',
      'Authorization server metadata answers at every location clients try',
      ['AS-02'],
      !foreignIssuer && located.every((l) => l.ok),
      foreignIssuer
        ? `the authorization server ${issuer} is on another origin, which the doctor does not observe; run it against that origin too`
        : located.map((l) => `${l.path}: ${l.status ?? 'no answer'}${l.status === 200 && !l.ok ? ' (not metadata JSON)' : ''}`).join('; '),
    ),
    check(
      'refresh-advertised',
      'Refresh tokens are offered (grant_types_supported lists refresh_token)',
      ['AUTH-11'],
      Boolean(grants?.includes('refresh_token')),
      `grant_types_supported: ${JSON.stringify(grants ?? '(absent: authorization_code only)')}; offline_access ${offline ? 'advertised' : 'not advertised'}`,
    ),
    check(
      'cimd-advertised',
      'Client ID Metadata Documents are advertised',
      ['AS-05'],
      metadata?.client_id_metadata_document_supported === true,
      `client_id_metadata_document_supported: ${String(metadata?.client_id_metadata_document_supported ?? '(absent)')}`,
    ),
  ];
}
