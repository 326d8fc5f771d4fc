/**
 * Hostile requests to the MCP endpoint (Streamable HTTP, 2025-11-25): the Bearer check (RFC 6750
 * §3.1, AUTH-02/07/10), the transport's own refusals (JSON-RPC error objects with the HTTP status
 * the transport prescribes) and, inside a valid session, JSON-RPC errors (-32600…-32700).
 */
import { junkBodies, type Expectation, type Probe, type ProbeContext } from './probe.ts';

/** The token with one character changed, at a position that carries whole bits of the signature. */
const flipped = (token: string, at: number) => `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;

const ACCEPT = 'application/json, text/event-stream';
const BEARER: Expectation = { classes: ['4xx'], codes: ['invalid_token', 'invalid_request', 'unauthorized', 'insufficient_scope'], json: true };
/** Transport-level refusals: parse error, invalid request, missing/unknown session, bad headers. */
const TRANSPORT: Expectation = { classes: ['4xx'], codes: [-32700, -32600, -32000, -32001, -32602, -32601, 'invalid_request'], json: true };
/** Inside a session: HTTP 200 (or 202 for a notification) carrying a JSON-RPC error. */
const IN_SESSION: Expectation = { classes: ['2xx', '4xx'], codes: [-32700, -32600, -32601, -32602, -32000] };

export function mcpProbes(c: ProbeContext): Probe[] {
  const auth = { authorization: `Bearer ${c.accessToken}`, accept: ACCEPT, 'content-type': 'application/json' };
  const session = { ...auth, 'mcp-session-id': c.sessionId, 'mcp-protocol-version': '2025-11-25' };
  const probes: Probe[] = [];
  const post = (label: string, body: string | Uint8Array, headers: Record<string, string>, expect: Expectation) => probes.push({ label: `mcp: ${label}`, method: 'POST', path: '/mcp', headers, body, expect });
  const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'probe', version: '1' } } });

  // Who is asking (RFC 6750 §3.1, AUTH-10)
  const bearerCases: [string, Record<string, string>][] = [
    ['no Authorization', {}],
    ['Basic credentials', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ['empty Bearer', { authorization: 'Bearer ' }],
    ['Bearer with spaces inside', { authorization: 'Bearer a b c' }],
    ['junk bearer', { authorization: 'Bearer not-a-token' }],
    ['JWT-shaped junk', { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' }],
    ['alg none token', { authorization: 'Bearer eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJ4IiwiY2xpZW50X2lkIjoieCIsInNjb3BlIjoibWNwOnRvb2xzIn0.' }],
    // Not the last character: its low bits are base64url padding, so flipping them can leave the signature intact.
    ['token with a flipped signature character', { authorization: `Bearer ${flipped(c.accessToken, c.accessToken.length - 10)}` }],
    ['token twice', { authorization: `Bearer ${c.accessToken} ${c.accessToken}` }],
    ['huge bearer', { authorization: `Bearer ${'a'.repeat(7000)}` }],
    ['lowercase scheme junk', { authorization: 'bearer !!!' }],
  ];
  for (const [label, headers] of bearerCases) post(`bearer: ${label}`, initialize, { accept: ACCEPT, 'content-type': 'application/json', ...headers }, BEARER);
  probes.push({ label: 'mcp: bearer: token in the query string', method: 'POST', path: `/mcp?access_token=${encodeURIComponent(c.accessToken)}`, headers: { accept: ACCEPT, 'content-type': 'application/json' }, body: initialize, expect: BEARER });
  probes.push({ label: 'mcp: bearer: GET without a token', method: 'GET', path: '/mcp', headers: { accept: 'text/event-stream' }, expect: BEARER });
  probes.push({ label: 'mcp: bearer: DELETE without a token', method: 'DELETE', path: '/mcp', headers: { 'mcp-session-id': c.sessionId }, expect: BEARER });

  // The transport (before any session)
  for (const junk of junkBodies()) post(`transport: ${junk.label}`, junk.body, { ...auth, ...junk.headers, accept: ACCEPT }, { ...TRANSPORT, classes: ['4xx'] });
  const transportCases: [string, string][] = [
    ['JSON null', 'null'],
    ['JSON array (batch)', `[${initialize}]`],
    ['empty batch', '[]'],
    ['JSON string', '"initialize"'],
    ['jsonrpc 1.0', JSON.stringify({ jsonrpc: '1.0', id: 1, method: 'initialize' })],
    ['no method', JSON.stringify({ jsonrpc: '2.0', id: 1 })],
    ['method not a string', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 42 })],
    ['tools/list without a session', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })],
    ['initialize with params null', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: null })],
    ['a response instead of a request', JSON.stringify({ jsonrpc: '2.0', id: 1, result: {} })],
  ];
  for (const [label, body] of transportCases) post(`transport: ${label}`, body, auth, TRANSPORT);
  post('transport: unknown session', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), { ...session, 'mcp-session-id': 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, TRANSPORT);
  post('transport: session id with control characters', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), { ...session, 'mcp-session-id': '../../etc/passwd' }, TRANSPORT);
  post('transport: unsupported protocol version', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), { ...session, 'mcp-protocol-version': '1999-01-01' }, TRANSPORT);
  post('transport: no Accept', initialize, { authorization: auth.authorization, 'content-type': 'application/json' }, TRANSPORT);
  post('transport: Accept text/html only', initialize, { ...auth, accept: 'text/html' }, TRANSPORT);
  post('transport: foreign Origin', initialize, { ...auth, origin: 'https://evil.example' }, { classes: ['4xx'] });
  post('transport: Origin null', initialize, { ...auth, origin: 'null' }, { classes: ['4xx'] });
  probes.push({ label: 'mcp: transport: PUT', method: 'PUT', path: '/mcp', headers: auth, body: initialize, expect: { classes: ['4xx'], codes: [-32000] } });
  probes.push({ label: 'mcp: transport: PATCH', method: 'PATCH', path: '/mcp', headers: auth, body: initialize, expect: { classes: ['4xx'], codes: [-32000] } });
  probes.push({ label: 'mcp: transport: GET without a session', method: 'GET', path: '/mcp', headers: { authorization: auth.authorization, accept: 'text/event-stream' }, expect: TRANSPORT });
  probes.push({ label: 'mcp: transport: GET with an unknown Last-Event-ID', method: 'GET', path: '/mcp', headers: { ...session, accept: 'text/event-stream', 'last-event-id': 'forged.999' }, expect: { classes: ['2xx', '4xx'], codes: TRANSPORT.codes! } });
  probes.push({ label: 'mcp: transport: DELETE an unknown session', method: 'DELETE', path: '/mcp', headers: { ...session, 'mcp-session-id': 'nope' }, expect: TRANSPORT });
  probes.push({ label: 'mcp: transport: OPTIONS from a foreign origin', method: 'OPTIONS', path: '/mcp', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' }, expect: { classes: ['4xx'] } });

  // Inside a valid session (JSON-RPC 2.0 §5.1)
  const rpc = (method: string, params?: unknown, id: unknown = 9) => JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
  const sessionCases: [string, string][] = [
    ['unknown method', rpc('admin/shutdown')],
    ['resources/list (no such capability)', rpc('resources/list')],
    ['tools/call without params', rpc('tools/call')],
    ['tools/call without a name', rpc('tools/call', { arguments: {} })],
    ['tools/call with a numeric name', rpc('tools/call', { name: 7 })],
    ['tools/call of an unknown tool', rpc('tools/call', { name: 'nope__nothing', arguments: {} })],
    ['tools/call with a traversal name', rpc('tools/call', { name: '../../whoami', arguments: {} })],
    ['tools/call with array arguments', rpc('tools/call', { name: 'whoami', arguments: [1] })],
    ['tools/call with a huge name', rpc('tools/call', { name: 'n'.repeat(100_000) })],
    ['tools/list with a junk cursor', rpc('tools/list', { cursor: '\u0000' })],
    ['id is an object', rpc('tools/list', undefined, { $gt: '' })],
    ['second initialize on the session', initialize],
    ['notification with an unknown method', JSON.stringify({ jsonrpc: '2.0', method: 'notifications/evil' })],
    ['logging/setLevel (no such capability)', rpc('logging/setLevel', { level: 'debug' })],
  ];
  for (const [label, body] of sessionCases) post(`session: ${label}`, body, session, IN_SESSION);
  return probes;
}
