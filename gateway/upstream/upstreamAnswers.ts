/**
 * What of an upstream's answer the gateway passes on, and in what shape: list entries a client can
 * use (a tool needs a name and an input schema, a resource its URI), and progress reports as the
 * spec shapes them. Entries that do not fit are dropped, not passed on to break a client.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { isJsonObject, type JsonObject } from '../../wire/jsonRpcMessages.ts';

/** `notifications/progress` params, without the token (each side has its own). */
export interface Progress {
  readonly progress: number;
  readonly total?: number;
  readonly message?: string;
}

/** A progress report as the spec shapes it: a number, and optionally a total and a message. */
export const progressOf = (params: unknown): Progress | undefined => {
  if (!isJsonObject(params) || typeof params.progress !== 'number') return undefined;
  return {
    progress: params.progress,
    ...(typeof params.total === 'number' ? { total: params.total } : {}),
    ...(typeof params.message === 'string' ? { message: params.message.slice(0, 1000) } : {}),
  };
};

/** Entries of `field` that are objects carrying a non-empty string `key` (a prompt's name, a resource's uri, a template's uriTemplate). */
export const entriesWith =
  <T>(field: string, key: string) =>
  (result: JsonObject): T[] =>
    (Array.isArray(result[field]) ? result[field] : []).filter((entry): entry is T => isJsonObject(entry) && typeof entry[key] === 'string' && entry[key] !== '');

/** Tools as the upstream listed them, minus entries no client could use (no name, no input schema). */
export const usableTools = (result: JsonObject): Tool[] =>
  (Array.isArray(result.tools) ? result.tools : []).filter((tool): tool is Tool => isJsonObject(tool) && typeof tool.name === 'string' && tool.name !== '' && isJsonObject(tool.inputSchema));
