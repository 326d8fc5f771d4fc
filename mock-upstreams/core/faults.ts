/**
 * Fault knobs of one mock vendor. Counted faults ("the next N requests") are consumed by the
 * requests they answer; switches stay on until changed or reset. Token actions (expire now, revoke)
 * live on the token store because they change tokens, not the next response.
 *
 * The patch schema is the admin API's contract: unknown knobs and out-of-range values are refused
 * with a message naming the field, so a typo in a test cannot silently set nothing.
 */
import { z } from 'zod';
import type { RequestArea } from './recording.ts';

const area = z.enum(['mcp', 'oauth', 'api']);

export const faultPatchSchema = z.strictObject({
  /** The next `count` requests (optionally only of one area) answer `status` (5xx). */
  serverErrors: z.strictObject({
    count: z.int().min(0).max(1000),
    status: z.int().min(500).max(599).default(503),
    area: area.optional(),
  }),
  /** The next `count` requests answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit: z.strictObject({
    count: z.int().min(0).max(1000),
    retryAfterSeconds: z.int().min(0).max(3600).default(30),
    area: area.optional(),
  }),
  /** Added before every answer (admin requests excluded). */
  latencyMs: z.int().min(0).max(60_000),
  /** The consent page answers Deny by itself: `error=access_denied` to the redirect URI. */
  consentAutoDeny: z.boolean(),
  /** Every refresh_token grant answers invalid_grant (the refresh token is not consumed). */
  refreshInvalidGrant: z.boolean(),
  /** The MCP endpoint answers 503 while OAuth and REST keep working. */
  mcpDown: z.boolean(),
  /**
   * RFC 9207 `iss` in the authorization responses of an authorization server that advertises it
   * (Atlassian's MCP server): `correct`; `other-issuer` (another server's); `trailing-slash` (the
   * issuer with a `/` added — equal only after a normalisation clients must not apply); `missing`
   * (left out while still advertised).
   */
  authorizationResponseIss: z.enum(['correct', 'other-issuer', 'trailing-slash', 'missing']),
  /**
   * Client ID Metadata Documents at Atlassian's MCP authorization server: `off` (not advertised,
   * URL client_ids unknown); `https` (advertised; https client_ids only, as the spec requires);
   * `https-and-loopback` — the explicit dev knob — also accepts http client_ids on 127.0.0.1,
   * localhost or [::1], so a gateway on a loopback http URL can prove the flow.
   */
  clientIdMetadataDocuments: z.enum(['off', 'https', 'https-and-loopback']),
}).partial();

export type FaultPatch = z.input<typeof faultPatchSchema>;

export interface FaultSettings {
  readonly serverErrors: { readonly count: number; readonly status: number; readonly area?: RequestArea | undefined };
  readonly rateLimit: { readonly count: number; readonly retryAfterSeconds: number; readonly area?: RequestArea | undefined };
  readonly latencyMs: number;
  readonly consentAutoDeny: boolean;
  readonly refreshInvalidGrant: boolean;
  readonly mcpDown: boolean;
  readonly authorizationResponseIss: 'correct' | 'other-issuer' | 'trailing-slash' | 'missing';
  readonly clientIdMetadataDocuments: 'off' | 'https' | 'https-and-loopback';
}

const NORMAL: FaultSettings = {
  serverErrors: { count: 0, status: 503 },
  rateLimit: { count: 0, retryAfterSeconds: 30 },
  latencyMs: 0,
  consentAutoDeny: false,
  refreshInvalidGrant: false,
  mcpDown: false,
  authorizationResponseIss: 'correct',
  clientIdMetadataDocuments: 'off',
};

export type InjectedFault =
  | { readonly name: 'mcpDown'; readonly status: 503 }
  | { readonly name: 'serverErrors'; readonly status: number }
  | { readonly name: 'rateLimit'; readonly status: 429; readonly retryAfterSeconds: number };

export class FaultKnobs {
  #settings: FaultSettings = NORMAL;

  get settings(): FaultSettings {
    return this.#settings;
  }

  /** Applies a patch after validating it; throws a ZodError (→ 400 at the admin API) when invalid. */
  apply(patch: unknown): FaultSettings {
    const parsed = faultPatchSchema.parse(patch);
    this.#settings = { ...this.#settings, ...parsed };
    return this.#settings;
  }

  reset(): void {
    this.#settings = NORMAL;
  }

  /** The fault that answers this request instead of the vendor, consuming one count if counted. */
  take(requestArea: RequestArea): InjectedFault | undefined {
    const s = this.#settings;
    if (requestArea === 'mcp' && s.mcpDown) return { name: 'mcpDown', status: 503 };
    if (s.serverErrors.count > 0 && (s.serverErrors.area === undefined || s.serverErrors.area === requestArea)) {
      this.#settings = { ...s, serverErrors: { ...s.serverErrors, count: s.serverErrors.count - 1 } };
      return { name: 'serverErrors', status: s.serverErrors.status };
    }
    if (s.rateLimit.count > 0 && (s.rateLimit.area === undefined || s.rateLimit.area === requestArea)) {
      this.#settings = { ...s, rateLimit: { ...s.rateLimit, count: s.rateLimit.count - 1 } };
      return { name: 'rateLimit', status: 429, retryAfterSeconds: s.rateLimit.retryAfterSeconds };
    }
    return undefined;
  }
}
