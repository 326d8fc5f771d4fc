/**
 * The Inspector page's 2026-07-28 mode: the SDK's v2 client in the page, pinned to 2026-07-28
 * (no initialize, no Mcp-Session-Id, server/discover, `_meta` and Mcp-Method / Mcp-Name on every
 * request, `input_required` answered through the elicitation handler, progress on the POST's
 * SSE). The real Inspector 2.x is built on that client; in 2025 mode the page keeps the v1 SDK.
 *
 * Chosen per server URL with `?protocolVersion=2026-07-28` (as `?transport=` and `?serverUrl=`
 * prefill the sidebar) and remembered in sessionStorage, because the OAuth callback comes back to
 * `/?transport=…&serverUrl=…` without it. A server that does not offer 2026-07-28 is refused
 * (StatelessRevisionRefused, reason connection-failed), never spoken to in 2025.
 */
import { UnauthorizedError as StatelessUnauthorizedError, type FetchLike, type OAuthClientProvider } from '@modelcontextprotocol/client';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { STATELESS_REVISION } from '../../../wire/protocolVersions.ts';
import { openStatelessSession, type ElicitationHandler, type OpenStatelessSession } from '../../core/mcp/modern/statelessSession.ts';
import { INSPECTOR_IDENTITY } from '../profile.ts';

export { StatelessRevisionRefused } from '../../core/mcp/modern/statelessRefusal.ts';

export const PROTOCOL_VERSION_PARAM = 'protocolVersion';

type ModeStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const modeKey = (serverUrl: string) => `mcp-inspector:${serverUrl}:protocol-version`;

/** Whether the page speaks 2026-07-28 to `serverUrl`: the query decides when it names a version, else what it decided before. */
export function statelessModeChosen(serverUrl: string, query: URLSearchParams, storage: ModeStorage): boolean {
  const asked = query.get(PROTOCOL_VERSION_PARAM);
  if (asked === STATELESS_REVISION) storage.setItem(modeKey(serverUrl), asked);
  else if (asked !== null) storage.removeItem(modeKey(serverUrl));
  return storage.getItem(modeKey(serverUrl)) === STATELESS_REVISION;
}

export interface StatelessPageDeps {
  /** The page's sessionStorage OAuth provider (the v2 transport runs the SDK's auth() on a 401). */
  readonly authProvider?: OAuthClientProvider;
  /** The traffic reporter's fetch, so every exchange is recorded as in 2025 mode. */
  readonly fetch: FetchLike;
  /** The page's elicitation form: declares `elicitation.form` and answers `input_required`. */
  readonly onElicitation?: ElicitationHandler;
  /** Per-request timeout (a tool may wait for a person's form); the SDK's default is 60 s. */
  readonly timeoutMs?: number;
}

/** Connects as the Inspector (`mcp-inspector` clientInfo) and keeps the connection until `close()`. */
export function connectStateless(serverUrl: string, deps: StatelessPageDeps): Promise<OpenStatelessSession> {
  return openStatelessSession(
    serverUrl,
    INSPECTOR_IDENTITY,
    deps.authProvider ? { fetch: deps.fetch, authProvider: deps.authProvider } : { fetch: deps.fetch },
    { ...(deps.onElicitation ? { onElicitation: deps.onElicitation } : {}), ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}) },
  );
}

/** The OAuth gave up (no redirect to follow): v1's error in 2025 mode, v2's in this one. */
export const isUnauthorized = (error: unknown) => error instanceof UnauthorizedError || error instanceof StatelessUnauthorizedError;
