/**
 * RFC 9207 `iss` on the authorization responses (code and error alike) of a flow whose
 * authorization server advertises `authorization_response_iss_parameter_supported`; flows without
 * an issuer (GitHub, Slack, Atlassian 3LO, which publish no metadata) send none, as the vendors do.
 * The `authorizationResponseIss` knob sends another issuer, the issuer with a trailing slash (equal
 * only after a normalisation a client must not apply), or nothing.
 */
import type { VendorCore } from '../vendorCore.ts';
import type { PendingAuthorization } from './authorizationRequests.ts';

/** The issuer a wrong `iss` names: some other authorization server. */
export const OTHER_ISSUER = 'https://auth.mix-up.example';

export function issParameter(core: VendorCore, pending: Pick<PendingAuthorization, 'issuer'>): { iss?: string } {
  if (pending.issuer === undefined) return {};
  switch (core.faults.settings.authorizationResponseIss) {
    case 'missing':
      return {};
    case 'other-issuer':
      return { iss: OTHER_ISSUER };
    case 'trailing-slash':
      return { iss: `${pending.issuer}/` };
    default:
      return { iss: pending.issuer };
  }
}
