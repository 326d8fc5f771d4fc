/**
 * One JSON-RPC request to an upstream MCP server over Streamable HTTP, without the SDK's client
 * (issue 12: its transport, WHATWG streams and zod re-validation of every answer were most of a
 * proxied call). The request goes over the outbound policy's pooled keep-alive connections with ONE
 * deadline timer; the answer is read as plain JSON or from the SSE stream up to the response with
 * our id (the stream is then let go); nothing is re-parsed beyond JSON.
 *
 * Failures are typed for upstreamToolErrors.ts to word: UpstreamTimedOut (the deadline),
 * UpstreamRateLimited (429 with its Retry-After), UpstreamHttpError (any other non-2xx, with the
 * status), UpstreamRpcError (a JSON-RPC error answer), UpstreamMalformed (not an MCP answer).
 */
import { isJsonObject, jsonRpcMessages, type JsonObject } from '../../wire/jsonRpcMessages.ts';
import { OutboundFetchError, readLimitedChunks, type LeanResponse, type OutboundFetch } from '../net/outboundFetch.ts';
import { retryAfterSeconds, UpstreamCancelled, UpstreamHttpError, UpstreamMalformed, UpstreamRateLimited, UpstreamRpcError, UpstreamTimedOut } from './upstreamRefusals.ts';

/** An upstream answer larger than this is refused, not buffered (a tool result is text, not a file). */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

export interface RpcTarget {
  readonly url: URL;
  /** The user's upstream credential as headers (credentials.ts), nothing else of the caller's. */
  readonly credentialHeaders: Record<string, string>;
  readonly sessionId?: string | undefined;
  readonly protocolVersion?: string | undefined;
  readonly timeoutMs: number;
}

export interface RpcMessage {
  readonly id?: number;
  readonly method: string;
  readonly params?: Record<string, unknown>;
}

/** What the caller wants to hear of an answer's stream before the response itself arrives. */
export interface StreamListeners {
  /** A notification (progress, list_changed, …), as it arrives. */
  readonly onNotification?: (message: JsonObject) => void;
  /**
   * A request from the upstream to the client (elicitation, sampling), answered with postReply. The
   * deadline does not run out while one is outstanding: a person may be answering it.
   */
  readonly onRequest?: (message: JsonObject) => Promise<void>;
  /** The client cancelled: stop waiting (the caller tells the upstream with notifications/cancelled). */
  readonly signal?: AbortSignal;
}

export interface RpcAnswer {
  /** The response's `result`; undefined for an accepted notification (202). */
  readonly result: JsonObject | undefined;
  /** Mcp-Session-Id the upstream assigned (initialize). */
  readonly sessionId: string | undefined;
}

const headerOf = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Reads the SSE stream until the response to `id` has arrived. Each complete event is read once, as
 * it arrives: notifications before the response are handed to `onNotification` at once (progress
 * reaches the client while the call still runs).
 */
async function responseFromStream(body: AsyncIterable<Buffer>, id: number | undefined, listeners: StreamListeners, outstanding: { count: number }): Promise<JsonObject | undefined> {
  let pending = '';
  let size = 0;
  const take = (events: string): JsonObject | undefined => {
    for (const message of jsonRpcMessages(events, 'text/event-stream')) {
      if (message.id === id && ('result' in message || 'error' in message)) return message;
      if (typeof message.method !== 'string') continue;
      if (message.id === undefined) listeners.onNotification?.(message);
      else if (listeners.onRequest) {
        outstanding.count++;
        void listeners.onRequest(message).finally(() => outstanding.count--);
      }
    }
    return undefined;
  };
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_ANSWER_BYTES) throw new UpstreamMalformed(`the answer exceeds ${MAX_ANSWER_BYTES} bytes`);
    // SSE lines may end in CRLF; a CR and its LF can arrive in different chunks.
    pending = (pending + chunk.toString('utf8')).replace(/\r\n/g, '\n');
    const complete = pending.lastIndexOf('\n\n');
    if (complete < 0) continue;
    const events = pending.slice(0, complete);
    pending = pending.slice(complete + 2);
    const response = take(events);
    if (response) return response;
  }
  return take(pending);
}

/** Reads a stream that answers no request of ours (the standalone GET stream) to its end, event by event. */
export async function readEventStream(body: AsyncIterable<Buffer>, listeners: StreamListeners): Promise<void> {
  await responseFromStream(body, undefined, listeners, { count: 0 });
}

async function responseFromJson(response: LeanResponse): Promise<JsonObject | undefined> {
  const body = await readLimitedChunks(response.body, headerOf(response.headers, 'content-length'), MAX_ANSWER_BYTES, async () => response.body.destroy()).catch((error: unknown) => {
    throw error instanceof OutboundFetchError ? new UpstreamMalformed(error.message) : error;
  });
  const messages = jsonRpcMessages(body.toString('utf8'), 'application/json');
  return messages.length === 1 ? messages[0] : undefined;
}

export const headersOf = (target: RpcTarget): Record<string, string> => {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...target.credentialHeaders };
  if (target.sessionId) headers['mcp-session-id'] = target.sessionId;
  if (target.protocolVersion) headers['mcp-protocol-version'] = target.protocolVersion;
  return headers;
};

/** Posts the client's answer to an upstream request (a JSON-RPC response: result or error); the upstream acknowledges it (202). */
export async function postReply(fetch: OutboundFetch, target: RpcTarget, reply: { readonly id: unknown; readonly result?: unknown; readonly error?: { code: number; message: string } }): Promise<void> {
  const limitMs = Math.min(target.timeoutMs, fetch.timeoutMs);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limitMs);
  try {
    const response = await fetch.request(target.url, { method: 'POST', headers: headersOf(target), body: JSON.stringify({ jsonrpc: '2.0', ...reply }), signal: deadline.signal });
    await response.body.dump();
    if (response.statusCode < 200 || response.statusCode >= 300) throw new UpstreamHttpError(response.statusCode);
  } catch (error) {
    if (deadline.signal.aborted) throw new UpstreamTimedOut(limitMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export async function postRpc(fetch: OutboundFetch, target: RpcTarget, message: RpcMessage, listeners: StreamListeners = {}): Promise<RpcAnswer> {
  const headers = headersOf(target);
  // One deadline: the connector's limit or the outbound policy's, whichever is shorter.
  const limitMs = Math.min(target.timeoutMs, fetch.timeoutMs);
  const deadline = new AbortController();
  const outstanding = { count: 0 };
  const expire = () => {
    if (outstanding.count > 0) timer = setTimeout(expire, limitMs);
    else deadline.abort();
  };
  let timer = setTimeout(expire, limitMs);
  const cancel = () => deadline.abort();
  listeners.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const response = await fetch.request(target.url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', ...message }), signal: deadline.signal });
    const status = response.statusCode;
    const sessionId = headerOf(response.headers, 'mcp-session-id');
    if (status === 202 || (status >= 200 && status < 300 && message.id === undefined)) {
      await response.body.dump();
      return { result: undefined, sessionId };
    }
    if (status === 429) {
      await response.body.dump();
      throw new UpstreamRateLimited(retryAfterSeconds(headerOf(response.headers, 'retry-after') ?? null));
    }
    if (status < 200 || status >= 300) {
      await response.body.dump();
      throw new UpstreamHttpError(status);
    }
    const type = headerOf(response.headers, 'content-type') ?? '';
    let answer: JsonObject | undefined;
    if (/text\/event-stream/i.test(type)) {
      answer = await responseFromStream(response.body, message.id, listeners, outstanding);
      // Our answer is in; whatever else the stream would carry is not for this request.
      response.body.destroy();
    } else if (/application\/json/i.test(type)) {
      answer = await responseFromJson(response);
    } else {
      await response.body.dump();
      throw new UpstreamMalformed(`the answer is ${type || 'untyped'}, not JSON or an event stream`);
    }
    if (!answer || answer.id !== message.id) throw new UpstreamMalformed('the answer holds no response to the request');
    if (isJsonObject(answer.error)) {
      const { code, message: text } = answer.error;
      throw new UpstreamRpcError(typeof code === 'number' ? code : 0, typeof text === 'string' ? text : 'an error without a message');
    }
    if (!isJsonObject(answer.result)) throw new UpstreamMalformed('the response has no result object');
    return { result: answer.result, sessionId };
  } catch (error) {
    if (listeners.signal?.aborted) throw new UpstreamCancelled('the client cancelled the request');
    if (deadline.signal.aborted) throw new UpstreamTimedOut(limitMs);
    throw error;
  } finally {
    clearTimeout(timer);
    listeners.signal?.removeEventListener('abort', cancel);
  }
}
