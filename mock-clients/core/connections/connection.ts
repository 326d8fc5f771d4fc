/**
 * A server a person added to a client (a ChatGPT app, a Claude connector) and everything the
 * client's back end keeps about it: discovery results, its OAuth client, its tokens (memory only,
 * never rendered), the tools as last listed and the last tool call. Connections belong to the
 * browser account that created them (browserAccounts.ts) and are looked up within it.
 */
import { randomBytes } from 'node:crypto';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { FailureReason } from '../flowFailure.ts';
import type { ServerDiscovery } from '../oauth/discovery.ts';
import type { RegisteredClient } from '../oauth/registration.ts';
import type { TokenSet } from '../oauth/tokenRequests.ts';
import { LATEST_STATEFUL_REVISION, type SpecRevision } from '../../../wire/protocolVersions.ts';

export type ConnectionStatus = 'not-connected' | 'authorizing' | 'connected' | 'needs-reconnect';

export interface ToolCallOutcome {
  readonly tool: string;
  readonly argumentsText: string;
  /** False when the call failed or the tool answered isError. */
  readonly ok: boolean;
  /** The result's text (or JSON) as the server sent it, or the error text. */
  readonly text: string;
}

export interface ServerConnection {
  readonly id: string;
  readonly accountId: string;
  /** Per-connection callback id (ChatGPT's `connector/oauth/{callback_id}`). */
  readonly callbackId: string;
  readonly name: string;
  readonly mcpUrl: string;
  readonly authentication: 'oauth' | 'none';
  /** The MCP revision every request of this connection speaks (2026-07-28: stateless, no initialize). */
  readonly revision: SpecRevision;
  status: ConnectionStatus;
  /** The failure the page shows, until the next successful step. */
  failure: FailureReason | undefined;
  discovery: ServerDiscovery | undefined;
  client: RegisteredClient | undefined;
  tokens: TokenSet | undefined;
  tools: Tool[];
  toolsListedAt: number | undefined;
  lastCall: ToolCallOutcome | undefined;
}

export function randomId(prefix: string, bytes = 12): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export class ConnectionStore {
  readonly #byId = new Map<string, ServerConnection>();
  readonly #prefix: string;

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  create(accountId: string, fields: Pick<ServerConnection, 'name' | 'mcpUrl' | 'authentication'> & { readonly revision?: SpecRevision }): ServerConnection {
    const connection: ServerConnection = {
      id: randomId(this.#prefix),
      accountId,
      callbackId: randomId('cb_', 16),
      ...fields,
      revision: fields.revision ?? LATEST_STATEFUL_REVISION,
      status: 'not-connected',
      failure: undefined,
      discovery: undefined,
      client: undefined,
      tokens: undefined,
      tools: [],
      toolsListedAt: undefined,
      lastCall: undefined,
    };
    this.#byId.set(connection.id, connection);
    return connection;
  }

  /** The connection, only when it belongs to this account. */
  get(accountId: string, id: string): ServerConnection | undefined {
    const found = this.#byId.get(id);
    return found && found.accountId === accountId ? found : undefined;
  }

  /** Not bound to an account: the gateway, not the owner's browser, fetches a CIMD-published document. */
  byCallbackId(callbackId: string): ServerConnection | undefined {
    return [...this.#byId.values()].find((c) => c.callbackId === callbackId);
  }

  list(accountId: string): ServerConnection[] {
    return [...this.#byId.values()].filter((c) => c.accountId === accountId);
  }

  delete(accountId: string, id: string): boolean {
    return this.get(accountId, id) !== undefined && this.#byId.delete(id);
  }
}
