/** Raw Streamable HTTP requests to the MCP endpoint, for checks the SDK client would not make. */
import { jsonRpcMessages } from '../../wire/jsonRpcMessages.ts';
import { initializeRequest } from '../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION } from '../../wire/protocolVersions.ts';

export const INITIALIZE = initializeRequest(LATEST_STATEFUL_REVISION, { name: 'raw-test', version: '1.0.0' });

export function mcpPost(mcpUrl: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(mcpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Initializes a session and returns its id (after the initialized notification). */
export async function openSession(mcpUrl: string, accessToken: string, protocolVersion = '2025-11-25'): Promise<string> {
  const auth = { authorization: `Bearer ${accessToken}` };
  const response = await mcpPost(mcpUrl, { ...INITIALIZE, params: { ...INITIALIZE.params, protocolVersion } }, auth);
  if (response.status !== 200) throw new Error(`initialize failed: ${response.status} ${await response.text()}`);
  await response.text();
  const sessionId = response.headers.get('mcp-session-id');
  if (!sessionId) throw new Error('no Mcp-Session-Id on the initialize response');
  const initialized = await mcpPost(mcpUrl, { jsonrpc: '2.0', method: 'notifications/initialized' }, { ...auth, 'mcp-session-id': sessionId, 'mcp-protocol-version': protocolVersion });
  if (initialized.status !== 202) throw new Error(`initialized notification got ${initialized.status}`);
  return sessionId;
}

/** Reads the JSON-RPC message out of a JSON or single-event SSE response body. */
export async function rpcResult(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  const [message] = jsonRpcMessages(text, response.headers.get('content-type') ?? '');
  if (!message) throw new Error(`no JSON-RPC message in the answer: ${text.slice(0, 200)}`);
  return message;
}
