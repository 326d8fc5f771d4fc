/**
 * The MCP wire error for a resource that does not exist or that this caller may not see (the two
 * are indistinguishable on purpose, as for vendors' own 404s): code -32002 "Resource not found",
 * the code the MCP specification gives, with the URI in `data` as its example shows.
 */
import { McpError } from '@modelcontextprotocol/sdk/types.js';

export const RESOURCE_NOT_FOUND = -32002;

export function resourceNotFound(uri: string): McpError {
  return new McpError(RESOURCE_NOT_FOUND, `Resource not found: ${uri}`, { uri });
}
