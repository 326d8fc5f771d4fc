/**
 * The client back end's side of connecting to an MCP server, shared by the server-side profiles
 * (ChatGPT, Claude); each profile passes its policy — registration style, scope choice, resource
 * rule, redirect URI, whether invalid_client triggers a new registration.
 *
 *   connect   probe → discovery → registration → authorization URL (PKCE S256, `resource`, `state`)
 *   complete  callback: state (single use, same browser), `error`, RFC 9207 `iss` → redeem the code
 *             → first tools/list (failure here is real-world failure #5)
 *   listTools / callTool  short MCP sessions; a 401 triggers one refresh (rotation kept, single
 *             flight per connection) and one retry; a refused refresh means "reconnect" (#9)
 *
 * Every MCP request speaks the connection's revision (withRevisionSession): in 2026-07-28 the
 * probe is `server/discover` and each action a stateless request, so no `initialize` and no
 * `Mcp-Session-Id` is ever sent; in 2025 the short initialize … DELETE session as before.
 *
 * Every request goes through the recording fetch with its phase; the authorization URL and the
 * callback are recorded too. Tokens stay on the connection object, in memory.
 */
import { startAuthorization } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { asFlowFailure, FlowFailure, invalidInput, type FailureReason } from '../flowFailure.ts';
import { toolResultText, type McpClientIdentity } from '../mcp/mcpSession.ts';
import type { McpActions } from '../mcp/modern/mcpActions.ts';
import { withRevisionSession } from '../mcp/modern/revisionSession.ts';
import { parseToolArguments } from '../mcp/toolArguments.ts';
import { discoverAuthorization, probeMcpServer, type ResourceMatch } from '../oauth/discovery.ts';
import type { RegistrationStrategy } from '../oauth/registration.ts';
import { selectScope, type ScopePolicy } from '../oauth/scopeSelection.ts';
import { redeemCode, refreshTokenSet, tokenErrorKind } from '../oauth/tokenRequests.ts';
import type { ClientProfileId } from '../profileTypes.ts';
import type { ExchangeKind, TrafficPhase } from '../traffic/exchange.ts';
import { recordingFetch } from '../traffic/recordingFetch.ts';
import type { TrafficLog } from '../traffic/trafficLog.ts';
import type { ConnectionStatus, ConnectionStore, ServerConnection, ToolCallOutcome } from './connection.ts';
import { PendingAuthorizations } from './pendingAuthorizations.ts';

export interface ClientPolicy {
  readonly profile: ClientProfileId;
  readonly identity: McpClientIdentity;
  readonly resourceMatch: ResourceMatch;
  readonly scopePolicy: ScopePolicy;
  readonly registration: RegistrationStrategy;
  /** Register a new client as soon as the token endpoint says invalid_client (CLIENT-CLAUDE-02). */
  readonly reRegisterOnInvalidClient: boolean;
  redirectUri(connection: ServerConnection): string;
  /** DCR metadata without redirect_uris (added from redirectUri) and auth method (chosen from the AS). */
  clientMetadata(connection: ServerConnection): Omit<OAuthClientMetadata, 'redirect_uris'>;
  /** CIMD-capable profiles: the https URL of this connection's metadata document. */
  clientMetadataUrl?(connection: ServerConnection): string;
}

export type ConnectOutcome = { readonly kind: 'redirect'; readonly url: string } | { readonly kind: 'connected' };

export interface CallbackOutcome {
  readonly connection: ServerConnection | undefined;
  readonly failure: FlowFailure | undefined;
}

/** OAuth requests get a time limit; MCP requests use the SDK's own request timeout. */
const OAUTH_TIMEOUT_MS = 15_000;
const timedFetch: FetchLike = (url, init) => fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(OAUTH_TIMEOUT_MS)]) : AbortSignal.timeout(OAUTH_TIMEOUT_MS) });

export class ConnectionFlow {
  readonly #policy: ClientPolicy;
  readonly #log: TrafficLog;
  readonly #store: ConnectionStore;
  readonly #pending = new PendingAuthorizations();
  readonly #refreshing = new Map<string, Promise<void>>();

  constructor(policy: ClientPolicy, store: ConnectionStore, log: TrafficLog) {
    this.#policy = policy;
    this.#store = store;
    this.#log = log;
  }

  #fetch(connectionId: string, phase: TrafficPhase): FetchLike {
    return recordingFetch(this.#log, { profile: this.#policy.profile, connectionId, phase }, phase === 'mcp' ? fetch : timedFetch);
  }

  #recordNavigation(connectionId: string, kind: ExchangeKind, url: string): void {
    this.#log.record(this.#policy.profile, 'backend', { connectionId, phase: 'authorization', kind, method: 'GET', url, requestHeaders: {}, responseHeaders: {}, startedAt: Date.now() });
  }

  #needsReconnect(connection: ServerConnection): FlowFailure {
    connection.status = 'needs-reconnect';
    connection.tokens = undefined;
    connection.failure = 'reconnect-required';
    return new FlowFailure('reconnect-required', 'the authorization server refused the refresh token');
  }

  /** Starts (or restarts) the connection: where to send the browser, or connected already (no auth). */
  async connect(connection: ServerConnection): Promise<ConnectOutcome> {
    connection.failure = undefined;
    try {
      if (connection.authentication === 'none') {
        await this.#firstListing(connection);
        return { kind: 'connected' };
      }
      const probe = await probeMcpServer(connection.mcpUrl, this.#policy.identity, this.#fetch(connection.id, 'discovery'), connection.revision);
      if (probe.kind === 'open') {
        await this.#firstListing(connection);
        return { kind: 'connected' };
      }
      const discovery = await discoverAuthorization(connection.mcpUrl, probe.challenge, this.#policy.resourceMatch, this.#fetch(connection.id, 'discovery'));
      const scope = selectScope(this.#policy.scopePolicy, discovery);
      const redirectUri = this.#policy.redirectUri(connection);
      const client = await this.#policy.registration({
        discovery,
        existing: connection.client,
        clientMetadataUrl: this.#policy.clientMetadataUrl?.(connection),
        clientMetadata: { ...this.#policy.clientMetadata(connection), redirect_uris: [redirectUri] },
        scope,
        fetchFn: this.#fetch(connection.id, 'registration'),
      });
      connection.discovery = discovery;
      connection.client = { ...client, used: true };
      const state = this.#pending.newState();
      const { authorizationUrl, codeVerifier } = await startAuthorization(discovery.authorizationServerUrl, {
        metadata: discovery.metadata,
        clientInformation: client.information,
        redirectUrl: redirectUri,
        ...(scope ? { scope } : {}),
        state,
        resource: discovery.resource,
      });
      this.#pending.add(state, { connectionId: connection.id, accountId: connection.accountId, codeVerifier, redirectUri, discovery, client: connection.client });
      connection.status = 'authorizing';
      this.#recordNavigation(connection.id, 'browser-redirect', authorizationUrl.href);
      return { kind: 'redirect', url: authorizationUrl.href };
    } catch (error) {
      const failure = asFlowFailure(error, 'server-unreachable');
      connection.failure = failure.reason;
      throw failure;
    } finally {
      await this.#log.settled();
    }
  }

  /**
   * The browser is back at the redirect URI. The outcome names the connection the callback belongs
   * to (its status and failure set) — or none, when the callback cannot be tied to one this browser
   * started (unknown or used state, another browser, another app's callback id).
   */
  async complete(accountId: string, callbackUrl: string, expectedCallbackId?: string): Promise<CallbackOutcome> {
    const query = new URL(callbackUrl).searchParams;
    const state = query.get('state') ?? '';
    const pending = state ? this.#pending.take(state) : undefined;
    const found = pending && pending.accountId === accountId ? this.#store.get(accountId, pending.connectionId) : undefined;
    const connection = found && (expectedCallbackId === undefined || found.callbackId === expectedCallbackId) ? found : undefined;
    this.#recordNavigation(connection?.id ?? 'unknown', 'callback', callbackUrl);
    if (!pending || !connection) {
      return { connection: undefined, failure: new FlowFailure('authorization-callback-invalid', 'the callback carries no state this browser started') };
    }
    const fail = (reason: FailureReason, message: string, cause?: unknown): CallbackOutcome => {
      connection.failure = reason;
      if (connection.status === 'authorizing') connection.status = connection.tokens ? 'connected' : 'not-connected';
      return { connection, failure: new FlowFailure(reason, message, { cause }) };
    };
    if (query.has('error')) return fail('authorization-denied', `the authorization server answered error=${query.get('error')}`);
    const metadata = pending.discovery.metadata;
    const iss = query.get('iss');
    // RFC 9207: an AS that advertises `iss` must send it, and it must be the AS we talked to (mix-up defence).
    if ((iss !== null && iss !== metadata.issuer) || (iss === null && (metadata as Record<string, unknown>).authorization_response_iss_parameter_supported === true)) {
      return fail('authorization-callback-invalid', 'the callback `iss` is missing or is not the authorization server');
    }
    const code = query.get('code');
    if (!code) return fail('authorization-callback-invalid', 'the callback carries no code');
    try {
      connection.tokens = await redeemCode(pending.discovery, pending.client, { code, codeVerifier: pending.codeVerifier, redirectUri: pending.redirectUri }, this.#fetch(connection.id, 'token'));
    } catch (error) {
      if (tokenErrorKind(error) === 'invalid_client' && this.#policy.reRegisterOnInvalidClient) await this.#reRegister(connection);
      await this.#log.settled();
      return fail('token-exchange-failed', 'the code could not be redeemed', error);
    }
    connection.status = 'connected';
    connection.failure = undefined;
    try {
      await this.#firstListing(connection);
    } catch (error) {
      return { connection, failure: asFlowFailure(error, 'connection-failed') };
    }
    return { connection, failure: undefined };
  }

  /** Right after authorizing: the first authenticated request. Its failure is real-world failure #5. */
  async #firstListing(connection: ServerConnection): Promise<void> {
    try {
      await this.listTools(connection);
    } catch (error) {
      const failure = asFlowFailure(error, 'connection-failed');
      connection.failure = failure.reason === 'tool-list-failed' ? 'connection-failed' : failure.reason;
      if (connection.failure === 'connection-failed') connection.status = 'not-connected';
      throw new FlowFailure(connection.failure, failure.message, { cause: error });
    }
  }

  /** Re-lists tools (CLIENT-CHATGPT-07: hosted clients do this on Refresh, not on list_changed). */
  async listTools(connection: ServerConnection): Promise<Tool[]> {
    // The v2 client's Tool is the same JSON as v1's; the cast only crosses the two SDKs' declarations.
    const tools = (await this.session(connection, 'tool-list-failed', (mcp) => mcp.listTools())) as Tool[];
    connection.tools = tools;
    connection.toolsListedAt = Date.now();
    connection.status = 'connected';
    connection.failure = undefined;
    return tools;
  }

  async callTool(connection: ServerConnection, tool: string, argumentsText: string): Promise<ToolCallOutcome> {
    if (!connection.tools.some((t) => t.name === tool)) throw invalidInput('unknown-tool', 'choose one of the listed tools');
    const args = parseToolArguments(argumentsText);
    const result = await this.session(connection, 'tool-call-failed', (mcp) => mcp.callTool(tool, args));
    const outcome: ToolCallOutcome = { tool, argumentsText, ok: result.isError !== true, text: toolResultText(result as Parameters<typeof toolResultText>[0]) };
    connection.lastCall = outcome;
    return outcome;
  }

  /**
   * One short authorized MCP session for `action` (refresh and retry on 401, failures as FlowFailures
   * with `fallback`): also what the profiles' own panels use (ChatGPT's widgets, Claude's prompts).
   */
  async session<T>(connection: ServerConnection, fallback: FailureReason, action: (mcp: McpActions) => Promise<T>): Promise<T> {
    if (connection.status === 'needs-reconnect') throw new FlowFailure('reconnect-required', 'connect again first');
    try {
      return await withRevisionSession(connection.revision, connection.mcpUrl, this.#policy.identity, this.#authorizedFetch(connection), action);
    } catch (error) {
      // The status may have changed while the session ran (a refused refresh).
      if ((connection.status as ConnectionStatus) === 'needs-reconnect') throw new FlowFailure('reconnect-required', 'the connection needs to be authorized again', { cause: error });
      throw asFlowFailure(error, fallback);
    } finally {
      await this.#log.settled();
    }
  }

  /** Bearer on every MCP request; on 401 one refresh and one retry. */
  #authorizedFetch(connection: ServerConnection): FetchLike {
    const base = this.#fetch(connection.id, 'mcp');
    const send = (url: string | URL, init: RequestInit | undefined) => {
      const headers = new Headers(init?.headers);
      if (connection.tokens) headers.set('authorization', `Bearer ${connection.tokens.accessToken}`);
      return base(url, { ...init, headers });
    };
    return async (url, init) => {
      const first = await send(url, init);
      if (first.status !== 401 || !connection.tokens) return first;
      await first.body?.cancel().catch(() => undefined);
      await this.#refresh(connection);
      const second = await send(url, init);
      if (second.status === 401) this.#needsReconnect(connection);
      return second;
    };
  }

  /** One refresh at a time per connection: a second concurrent refresh would replay a rotated token. */
  #refresh(connection: ServerConnection): Promise<void> {
    const running = this.#refreshing.get(connection.id);
    if (running) return running;
    const refresh = (async () => {
      const { tokens, discovery, client } = connection;
      if (!tokens?.refreshToken || !discovery || !client) throw this.#needsReconnect(connection);
      try {
        connection.tokens = await refreshTokenSet(discovery, client, tokens.refreshToken, this.#fetch(connection.id, 'refresh'));
      } catch (error) {
        const kind = tokenErrorKind(error);
        if (kind === 'other') throw new FlowFailure('connection-failed', 'the token endpoint could not be reached', { cause: error });
        if (kind === 'invalid_client' && this.#policy.reRegisterOnInvalidClient) await this.#reRegister(connection);
        throw this.#needsReconnect(connection);
      }
    })().finally(() => this.#refreshing.delete(connection.id));
    this.#refreshing.set(connection.id, refresh);
    return refresh;
  }

  /** A fresh registration kept for the next Connect (the old client_id is gone at the AS). */
  async #reRegister(connection: ServerConnection): Promise<void> {
    const discovery = connection.discovery;
    if (!discovery) return;
    try {
      const client = await this.#policy.registration({
        discovery,
        existing: undefined,
        clientMetadataUrl: undefined,
        clientMetadata: { ...this.#policy.clientMetadata(connection), redirect_uris: [this.#policy.redirectUri(connection)] },
        scope: selectScope(this.#policy.scopePolicy, discovery),
        fetchFn: this.#fetch(connection.id, 'registration'),
      });
      connection.client = { ...client, used: false };
    } catch {
      // The next Connect registers again; the recording shows this attempt.
    }
  }
}
