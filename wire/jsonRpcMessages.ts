/**
 * Reading JSON-RPC off the MCP wire: a body is plain JSON (one message or a batch) or an SSE stream
 * of `data:` events, and a request names a method (and, for tools/call, a tool). One reader for the
 * checks, the doctor, the mock clients' recordings, the mock upstreams' recorder and the proxies,
 * so none of them reads a stream differently from the others.
 */

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON value of a text, or undefined when it is not JSON. */
export function jsonOf(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `data:` payloads of an SSE body, one per event (multi-line data joined with newlines). */
function sseData(body: string): string[] {
  return body
    .split(/\r?\n\r?\n/)
    .map((event) =>
      event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n'),
    )
    .filter(Boolean);
}

/** Every JSON object carried by the body, whether plain JSON (object or batch) or SSE events. */
export function jsonRpcMessages(body: string, contentType: string): JsonObject[] {
  const values = /event-stream/i.test(contentType) ? sseData(body).map(jsonOf) : [jsonOf(body)];
  return values.flatMap((value) => (Array.isArray(value) ? value : [value])).filter(isJsonObject);
}

/** The same when the content type is not at hand: a body that starts as JSON is JSON, anything else SSE. */
export const rpcMessages = (body: string): JsonObject[] => jsonRpcMessages(body, /^\s*[[{]/.test(body) ? 'application/json' : 'text/event-stream');

export interface RpcRequestFacts {
  readonly method?: string;
  readonly id?: string | number;
  /** The tool a `tools/call` names. */
  readonly tool?: string;
}

/** Method, id and tool of a JSON-RPC request (the first of a batch); empty for anything else. */
export function rpcRequestFacts(message: unknown): RpcRequestFacts {
  const first = Array.isArray(message) ? message[0] : message;
  if (!isJsonObject(first)) return {};
  const params = isJsonObject(first.params) ? first.params : {};
  return {
    ...(typeof first.method === 'string' ? { method: first.method } : {}),
    ...(typeof first.id === 'string' || typeof first.id === 'number' ? { id: first.id } : {}),
    ...(first.method === 'tools/call' && typeof params.name === 'string' ? { tool: params.name } : {}),
  };
}
