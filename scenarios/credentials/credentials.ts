/**
 * Who signs in and with which tool credentials: the reference seed's accounts by default, or a
 * credentials file (`gangway run --credentials FILE`, credentialsFile.ts) for a real gateway and
 * a real account. Every secret they hold is handed to the run's redactor before anything runs.
 */
import type { Person } from '../adapters/gateways/gatewayPageAdapter.ts';
import type { UpstreamId } from '../model/scenario.ts';

/** One tool to tick on the consent page and how to connect it. */
export type ToolCredential =
  | { readonly name: string; readonly method: 'api_key'; readonly apiKey: { readonly key: string; readonly username?: string | undefined } }
  | { readonly name: string; readonly method: 'oauth'; readonly vendorAccount: Person };

/** Which MCP tool to call, with which arguments. */
export interface ToolCall {
  readonly tool: string;
  readonly arguments: Readonly<Record<string, unknown>>;
}

export interface Credentials {
  /** The person who signs in at the gateway. */
  readonly person: Person;
  /** Their account at a tool vendor (for "Connect via OAuth"). */
  vendorAccount(upstream: UpstreamId): Person;
  /** Their personal API key for a tool (and the account email where the vendor wants one). */
  apiKey(upstream: UpstreamId): { key: string; username?: string | undefined };
  /**
   * A real key of the wrong kind for this tool — what people paste by mistake (a Slack bot token
   * where a user token is needed, another vendor's key). Only the failure catalogue asks for it.
   */
  mistakenApiKey?(upstream: UpstreamId): { key: string; username?: string | undefined };
  /** The tools the generic scenario ticks and connects, in order. */
  readonly tools?: readonly ToolCredential[];
  /** The tool the generic scenario calls (else the first that needs no arguments). */
  readonly call?: ToolCall | undefined;
  /** Every secret above, for the redactor. */
  readonly secrets?: readonly string[];
}
