/**
 * What one action of a hosted look-alike may do on an MCP connection, whatever revision the
 * connection speaks: pages and flows code against this once (revisionSession.ts picks the session).
 */
import type { CallToolResult, GetPromptResult, Prompt, ReadResourceResult, Resource, Tool } from '@modelcontextprotocol/client';
import type { SpecRevision } from '../../../../wire/protocolVersions.ts';

/** What the person sees of a progress notification (spec basic/patterns/progress). */
export interface ProgressUpdate {
  readonly progress: number;
  readonly total?: number;
  readonly message?: string;
}

export interface CallOptions {
  /** Sends a progressToken; each notifications/progress of this call reaches the callback. */
  readonly onProgress?: (update: ProgressUpdate) => void;
}

export interface McpActions {
  /** The revision this connection was asked to speak (the stateful path may settle on an older 2025 one). */
  readonly revision: SpecRevision;
  listTools(): Promise<Tool[]>;
  callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<CallToolResult>;
  listResources(): Promise<Resource[]>;
  readResource(uri: string): Promise<ReadResourceResult>;
  listPrompts(): Promise<Prompt[]>;
  getPrompt(name: string, args?: Record<string, string>): Promise<GetPromptResult>;
}
