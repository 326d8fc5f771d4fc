/**
 * What an MCP session asks for when a client lists or calls tools. The request context carries who
 * is calling (from the verified token, never from the session); the catalogue decides what that
 * user and client may see (connectorToolCatalog.ts: the gateway's own tools plus each authorized
 * connector's).
 */
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';

export interface ToolCaller {
  readonly user: { readonly id: string; readonly name: string; readonly email: string };
  readonly client: { readonly id: string; readonly name: string };
  readonly scopes: readonly string[];
  /**
   * The per-connector endpoint (`/mcp/<connector>`): only this connector is visible to the caller.
   * Enforced where grants are read (liveGrants.ts), so every list, call, read and completion of the
   * request is scoped, whatever name it arrives with.
   */
  readonly onlyConnector?: string;
}

/** What a call may carry besides its arguments. */
export interface CallContext {
  /** The client asked for progress (a progressToken): report it here. */
  readonly onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
  /** The upstream asks the client something during the call (elicitation, sampling): the client's answer. */
  readonly onUpstreamRequest?: (method: string, params: Record<string, unknown>, signal?: AbortSignal) => Promise<Record<string, unknown>>;
  /** A log message the tool sent while it ran (`notifications/message` params). */
  readonly onLog?: (params: Record<string, unknown>) => void;
  /** Aborted when the client cancels the call (notifications/cancelled). */
  readonly signal?: AbortSignal;
}

/** What a prompts/get or resources/read may carry: the upstream may ask the client something on the way. */
export type UpstreamAsk = Pick<CallContext, 'onUpstreamRequest' | 'signal'>;

export interface GatewayTool {
  readonly definition: Tool;
  call(caller: ToolCaller, args: Record<string, unknown>, context?: CallContext): Promise<CallToolResult>;
}

export interface ToolCatalog {
  list(caller: ToolCaller): Promise<Tool[]>;
  /** Undefined when the tool does not exist for this caller. */
  find(caller: ToolCaller, name: string): Promise<GatewayTool | undefined>;
}
