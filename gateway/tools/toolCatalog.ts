/**
 * What an MCP session asks for when a client lists or calls tools. The request context carries who
 * is calling (from the verified token, never from the session); the catalogue decides what that
 * user and client may see. Today the catalogue is the gateway's own tools; the connector aggregator
 * (issue 4) implements the same interface.
 */
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';

export interface ToolCaller {
  readonly user: { readonly id: string; readonly name: string; readonly email: string };
  readonly client: { readonly id: string; readonly name: string };
  readonly scopes: readonly string[];
}

export interface GatewayTool {
  readonly definition: Tool;
  call(caller: ToolCaller, args: Record<string, unknown>): Promise<CallToolResult>;
}

export interface ToolCatalog {
  list(caller: ToolCaller): Promise<Tool[]>;
  /** Undefined when the tool does not exist for this caller. */
  find(caller: ToolCaller, name: string): Promise<GatewayTool | undefined>;
}

export function staticCatalog(tools: readonly GatewayTool[]): ToolCatalog {
  const byName = new Map(tools.map((tool) => [tool.definition.name, tool]));
  return {
    async list() {
      return [...byName.values()].map((tool) => tool.definition).sort((a, b) => a.name.localeCompare(b.name));
    },
    async find(_caller, name) {
      return byName.get(name);
    },
  };
}
