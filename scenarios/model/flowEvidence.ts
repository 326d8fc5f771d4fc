/**
 * What the user-side steps saw on the pages, as facts rather than step errors: a form whose button
 * stayed disabled, a message the gateway put on a tool's row, a tool the client did not list. The
 * failure catalogue's diagnosis reads these (scenarios/failures/symptomChecks.ts); they never hold a
 * secret, only what the pages showed.
 */
import type { UpstreamId } from './scenario.ts';

export interface FlowEvidence {
  /** The client's Create button stayed disabled; what the form still wanted. */
  createBlocked?: string;
  /** "Authorize tools" stayed disabled; the ticked tools that were not connected. */
  authorizeBlocked?: readonly UpstreamId[];
  /** Error messages the gateway showed on a tool's row (a refused key, a declined OAuth). */
  readonly rowErrors: { readonly upstream: UpstreamId; readonly text: string }[];
  /** Tools granted later that the client did not list when the user went to use them. */
  readonly unlistedTools: string[];
}

export const emptyEvidence = (): FlowEvidence => ({ rowErrors: [], unlistedTools: [] });
