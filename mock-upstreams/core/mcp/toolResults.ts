/**
 * What a mock tool returns: JSON text content on success; on a business failure (not found, not
 * visible to this account, missing scope) a `ToolFailure`, which McpServer turns into an
 * `isError: true` result with the message — the same shape as its own input-validation errors.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Caller } from '../callerAuth.ts';

export class ToolFailure extends Error {
  override readonly name = 'ToolFailure';
}

export function jsonResult(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] };
}

/** Throws the vendor's missing-scope message unless the caller holds one of `scopes`. */
export function requireScope(caller: Caller, scopes: readonly string[], message: (needed: string) => string): void {
  if (scopes.some((s) => caller.scopes.has(s))) return;
  throw new ToolFailure(message(scopes.join(' or ')));
}
