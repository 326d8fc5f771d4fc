/**
 * RFC 9207 as the 2026-07-28 authorization spec applies it to the gateway's upstream callbacks
 * ("Authorization Response Validation"): before a code goes to any token endpoint — and before an
 * `error` is believed — the response's `iss` is compared, as a plain string (no case folding,
 * trailing-slash or port normalisation), with the issuer recorded from the validated metadata when
 * the authorization started:
 *   advertised + present → compare · advertised + absent → reject
 *   not advertised + present → compare · not advertised + absent → proceed.
 * Connectors configured with endpoints (no discovery) have no validated issuer, so nothing is
 * recorded and the check cannot apply to them.
 */
export interface ExpectedIssuer {
  /** The `issuer` of the authorization server's metadata, recorded with the PKCE verifier. */
  readonly issuer?: string | undefined;
  /** Its `authorization_response_iss_parameter_supported`. */
  readonly issParameterSupported: boolean;
}

export type IssuerVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: 'mismatch' | 'missing'; readonly received?: string };

export function checkAuthorizationResponseIssuer(expected: ExpectedIssuer, iss: string | null): IssuerVerdict {
  if (expected.issuer === undefined) return { ok: true };
  if (iss === null) return expected.issParameterSupported ? { ok: false, reason: 'missing' } : { ok: true };
  return iss === expected.issuer ? { ok: true } : { ok: false, reason: 'mismatch', received: iss };
}

/** What the user is told: what happened, that nothing was exchanged, and what to do. */
export function issuerRefusalMessage(verdict: Exclude<IssuerVerdict, { ok: true }>, connectorName: string, expectedIssuer: string): string {
  const what =
    verdict.reason === 'missing'
      ? `${connectorName}'s sign-in server promises to name itself in its answers (RFC 9207 "iss"), but the answer that came back did not`
      : `The answer that came back names a different sign-in server (${(verdict.received ?? '').slice(0, 120)}) than ${connectorName}'s (${expectedIssuer})`;
  return `${what}. The gateway did not use it, so nothing was exchanged and ${connectorName} is not connected. Connect again; if this keeps happening, tell your gateway administrator — it can mean another server is passing its answer off as ${connectorName}'s.`;
}
