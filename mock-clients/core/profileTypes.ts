/**
 * The facts every client look-alike publishes about itself: which real host it stands in for,
 * where it actually listens, the redirect URIs it registers and how it registers (CLIENT-* ids).
 * Scenarios read these instead of hard-coding hosts and ports.
 */

export const CLIENT_PROFILE_IDS = ['chatgpt', 'claude', 'inspector'] as const;
export type ClientProfileId = (typeof CLIENT_PROFILE_IDS)[number];

/**
 * How a profile obtains its OAuth client:
 * - `cimd-or-dcr-per-app` — ChatGPT: a Client ID Metadata Document when the AS advertises
 *   `client_id_metadata_document_supported`, else one DCR per app, reused on reconnect (CLIENT-CHATGPT-02);
 * - `dcr-per-connection` — Claude: a new DCR client on every Connect, again on `invalid_client` (CLIENT-CLAUDE-02);
 * - `dcr-per-browser-session` — MCP Inspector: the SDK's DCR from the page, kept in sessionStorage.
 */
export type RegistrationStyle = 'cimd-or-dcr-per-app' | 'dcr-per-connection' | 'dcr-per-browser-session';

export interface ClientProfileInfo {
  readonly id: ClientProfileId;
  readonly displayName: string;
  /** The real origin the browser shows, e.g. https://chatgpt.com. */
  readonly origin: string;
  /** Where the look-alike listens on loopback; the browser reaches it through hostResolverRules. */
  readonly listenUrl: string;
  /** Where a person starts (the look-alike's home page, under the real origin). */
  readonly startUrl: string;
  /** Redirect URIs the client registers; `{callback_id}` stands for a per-app id. */
  readonly redirectUris: readonly string[];
  readonly registrationStyle: RegistrationStyle;
  /** ChatGPT only: the Client ID Metadata Document URL pattern (per app, `{callback_id}`). */
  readonly clientMetadataUrl?: string;
  /** The clientInfo name the client sends in MCP initialize. */
  readonly mcpClientName: string;
}
