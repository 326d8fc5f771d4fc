/**
 * The test-facing controls of one mock vendor — fault knobs, token actions, recording, reset. The
 * admin API (adminRoutes.ts) is a thin HTTP layer over exactly this object, so in-process tests and
 * loopback tests drive the same code.
 */
import { z } from 'zod';
import type { FaultPatch, FaultSettings } from './faults.ts';
import type { RecordedRequest, RecordingFilter } from './recording.ts';
import type { VendorCore } from './vendorCore.ts';

export const tokenActionSchema = z.strictObject({
  /** Limit the action to one vendor account id; all accounts when absent. */
  accountId: z.string().min(1).optional(),
  /** Revoke also affects the account's API keys (a user deleting their keys). */
  apiKeys: z.boolean().optional(),
});
export type TokenAction = z.input<typeof tokenActionSchema>;

export interface VendorControl {
  faults(): FaultSettings;
  /** Validates and merges a patch; throws a ZodError naming the bad field. */
  setFaults(patch: FaultPatch): FaultSettings;
  /** Knob "access token expired now": returns how many tokens expired. */
  expireAccessTokens(action?: TokenAction): { expired: number };
  /** Knob "token revoked": grants (access + refresh tokens) and optionally API keys. */
  revokeTokens(action?: TokenAction): { grants: number; apiKeys: number };
  recording(filter?: RecordingFilter): RecordedRequest[];
  /** Sequence numbers of recorded requests that carried this secret; [] when it never arrived. */
  requestsCarrying(secret: string): number[];
  clearRecording(): void;
  /** Faults off, tokens/sessions/dynamic clients gone, seeded data and key states restored, recording cleared. */
  reset(): void;
}

export function createVendorControl(core: VendorCore, resetData: () => void): VendorControl {
  return {
    faults: () => core.faults.settings,
    setFaults: (patch) => core.faults.apply(patch),
    expireAccessTokens: (action = {}) => {
      const { accountId } = tokenActionSchema.parse(action);
      return { expired: core.tokens.expireAccessTokens({ accountId }) };
    },
    revokeTokens: (action = {}) => {
      const { accountId, apiKeys } = tokenActionSchema.parse(action);
      return { grants: core.tokens.revoke({ accountId }), apiKeys: apiKeys ? core.apiKeys.revoke(accountId) : 0 };
    },
    recording: (filter) => core.recording.list(filter),
    requestsCarrying: (secret) => core.recording.requestsCarrying(secret),
    clearRecording: () => core.recording.clear(),
    reset: () => {
      core.reset();
      resetData();
    },
  };
}
