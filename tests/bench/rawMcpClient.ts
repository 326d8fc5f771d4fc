/**
 * The load generator's MCP client: JSON-RPC over fetch, nothing else — no SDK Client (its zod
 * validation and its per-request abort listeners, which pile up past Node's warning limit under
 * this load, would make the load generator itself the bottleneck on a 2-core machine). It
 * initializes once, keeps the session id, and reads a single answer whether it comes as JSON or
 * as one SSE event. The same client talks to the upstream directly and to the gateway.
 * `RawMcpClient.stateless` speaks 2026-07-28 instead: no initialize, no session; each request
 * carries the `_meta` envelope and the Mcp-Method / Mcp-Name headers.
 */
import { jsonRpcMessages } from '../../wire/jsonRpcMessages.ts';
import { initializeRequest } from '../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION, META_CLIENT_CAPABILITIES, META_CLIENT_INFO, META_PROTOCOL_VERSION, STATELESS_REVISION } from '../../wire/protocolVersions.ts';

const ENVELOPE = { [META_PROTOCOL_VERSION]: STATELESS_REVISION, [META_CLIENT_INFO]: { name: 'fair-bench', version: '1' }, [META_CLIENT_CAPABILITIES]: {} };

interface JsonRpcAnswer {
  readonly result?: { readonly isError?: boolean; readonly tools?: readonly { name: string }[] } & Record<string, unknown>;
  readonly error?: { readonly code: number; readonly message: string };
}

function parseAnswer(contentType: string, body: string): JsonRpcAnswer {
  const messages = jsonRpcMessages(body, contentType);
  const answer = messages.find((message) => 'id' in message) ?? messages[0];
  if (!answer) throw new Error(`no JSON-RPC answer in the body: ${body.slice(0, 200)}`);
  return answer as JsonRpcAnswer;
}

export class RawMcpClient {
  readonly #url: string;
  readonly #headers: Record<string, string>;
  readonly #stateless: boolean;
  #nextId = 1;

  private constructor(url: string, headers: Record<string, string>, stateless = false) {
    this.#url = url;
    this.#headers = headers;
    this.#stateless = stateless;
  }

  /** A 2026-07-28 client: nothing to open, every request stands alone. */
  static stateless(url: string, token?: string): RawMcpClient {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': STATELESS_REVISION,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    return new RawMcpClient(url, headers, true);
  }

  static async connect(url: string, token?: string): Promise<RawMcpClient> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const client = new RawMcpClient(url, headers);
    const init = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(initializeRequest(LATEST_STATEFUL_REVISION, { name: 'fair-bench', version: '1' }, 0)),
    });
    const answer = parseAnswer(init.headers.get('content-type') ?? '', await init.text());
    if (!answer.result) throw new Error(`initialize failed (${init.status}): ${JSON.stringify(answer.error)}`);
    headers['mcp-protocol-version'] = String(answer.result.protocolVersion);
    const sessionId = init.headers.get('mcp-session-id');
    if (sessionId) headers['mcp-session-id'] = sessionId;
    await (await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) })).text();
    return client;
  }

  /** One request; throws on a JSON-RPC error or a tool error, so a failing side cannot look fast. */
  async request(method: string, params: Record<string, unknown> = {}): Promise<NonNullable<JsonRpcAnswer['result']>> {
    const [headers, body] = this.#stateless
      ? [{ ...this.#headers, 'mcp-method': method, ...(typeof params.name === 'string' ? { 'mcp-name': params.name } : {}) }, { ...params, _meta: ENVELOPE }]
      : [this.#headers, params];
    const response = await fetch(this.#url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: this.#nextId++, method, params: body }) });
    const answer = parseAnswer(response.headers.get('content-type') ?? '', await response.text());
    if (!answer.result) throw new Error(`${method} failed (${response.status}): ${JSON.stringify(answer.error)}`);
    if (answer.result.isError) throw new Error(`${method} answered a tool error: ${JSON.stringify(answer.result.content)}`);
    return answer.result;
  }

  callTool(name: string): Promise<unknown> {
    return this.request('tools/call', { name, arguments: {} });
  }

  async listTools(): Promise<string[]> {
    return ((await this.request('tools/list')).tools ?? []).map((tool) => tool.name);
  }

  /** Ends the session (DELETE), as a client closing does; an upstream without sessions answers 405. */
  async close(): Promise<void> {
    if (!this.#headers['mcp-session-id']) return;
    await (await fetch(this.#url, { method: 'DELETE', headers: this.#headers })).text();
  }
}
