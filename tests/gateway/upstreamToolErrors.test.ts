/**
 * UP-05, issue 11 #8: a failed tool call says what really happened. An upstream that runs out of
 * time says so with the limit, a 413 says the request was too large for that tool (not "try again
 * later"), a 429 says it is rate-limited and when to retry, a 5xx is "unavailable", another 4xx is
 * a refusal; and a `tools/call` whose params do not fit is -32602 with one line naming the field,
 * never -32603 with a zod dump.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, textOf, type ConnectedClient } from '../support/mcpClient.ts';
import { mcpPost, openSession, rpcResult } from '../support/mcpRequests.ts';
import { cite } from '../support/requirements.ts';

/** How each tool's tools/call is answered: an HTTP status (with headers), or a delay before a normal answer. */
const BEHAVIOUR: Record<string, { status?: number; headers?: Record<string, string>; delayMs?: number }> = {
  too_big: { status: 413 },
  limited: { status: 429, headers: { 'retry-after': '7' } },
  limited_no_hint: { status: 429 },
  broken: { status: 502 },
  refused: { status: 400 },
  // Longer than the gateway's outbound limit (5 s) but inside the connector's own (10 s default).
  slow: { delayMs: 6000 },
  // Longer than the 2 s limit of the `strict` connector below.
  sluggish: { delayMs: 3000 },
  fine: {},
};

async function startFaultyUpstream(): Promise<{ mcpUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw ? (JSON.parse(raw) as { method?: string; params?: { name?: string } }) : undefined;
      const behaviour = body?.method === 'tools/call' ? BEHAVIOUR[body.params?.name ?? ''] : undefined;
      if (behaviour?.status) {
        res.writeHead(behaviour.status, { 'content-type': 'text/plain', ...behaviour.headers }).end('refused by the test upstream');
        return;
      }
      if (behaviour?.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
      if (res.destroyed) return;
      const mcp = new McpServer({ name: 'faulty-upstream', version: '1.0.0' });
      for (const name of Object.keys(BEHAVIOUR)) mcp.registerTool(name, { description: `answers ${name}`, inputSchema: {} }, async () => ({ content: [{ type: 'text', text: `${name} answered` }] }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => void transport.close());
      await mcp.connect(transport);
      await transport.handleRequest(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    mcpUrl: `${origin}/mcp`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let upstream: Awaited<ReturnType<typeof startFaultyUpstream>>;
let stack: GatewayStack;
let mcp: ConnectedClient;
let accessToken: string;

beforeAll(async () => {
  upstream = await startFaultyUpstream();
  stack = await startGatewayStack({
    catalog: (catalog) => ({
      connectors: [
        ...catalog.connectors,
        { id: 'faulty', displayName: 'Faulty', mcpUrl: upstream.mcpUrl, toolPrefix: 'faulty', auth: { none: {} } },
        { id: 'strict', displayName: 'Strict', mcpUrl: upstream.mcpUrl, toolPrefix: 'strict', timeoutMs: 2000, auth: { none: {} } },
      ],
    }),
  });
  const gw = stack.gateway.current;
  const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
  const result = await session.authorize({ tick: ['faulty', 'strict'] });
  accessToken = String(result.tokens!.access_token);
  mcp = await connectMcp(gw.mcpUrl, accessToken);
}, 60_000);
afterAll(async () => {
  await mcp?.close();
  await stack?.stop();
  await upstream?.close();
});

const call = async (name: string) => {
  const result = await mcp.client.callTool({ name, arguments: {} }, undefined, { timeout: 30_000 });
  return { isError: result.isError === true, text: textOf(result) };
};

describe('Upstream failures as tool errors (UP-05)', () => {
  it(`${cite('UP-05')} a working tool still answers (the faults below are per tool)`, async () => {
    expect(await call('faulty__fine')).toEqual({ isError: false, text: 'fine answered' });
  });

  it(`${cite('UP-05')} 413 → the request was too large for that tool; nothing says "try again later"`, async () => {
    const { isError, text } = await call('faulty__too_big');
    expect(isError).toBe(true);
    expect(text).toMatch(/^The request was too large for faulty__too_big: Faulty refused it \(HTTP 413\)\./);
    expect(text).not.toMatch(/try again later|unavailable/i);
  });

  it(`${cite('UP-05')} 429 → rate-limited, with the upstream's Retry-After as the hint (or a minute without one)`, async () => {
    expect(await call('faulty__limited')).toEqual({ isError: true, text: 'Faulty is rate-limiting requests (HTTP 429). Try again in 7 s.' });
    expect(await call('faulty__limited_no_hint')).toEqual({ isError: true, text: 'Faulty is rate-limiting requests (HTTP 429). Wait a minute and try again.' });
    // The session survived the 429: the next call works without a new upstream session.
    expect((await call('faulty__fine')).isError).toBe(false);
  });

  it(`${cite('UP-05')} 5xx → unavailable; another 4xx → refused, not "unavailable"`, async () => {
    expect(await call('faulty__broken')).toEqual({ isError: true, text: 'Faulty is unavailable right now (HTTP 502). Try again later.' });
    const refused = await call('faulty__refused');
    expect(refused.text).toMatch(/^Faulty refused the request to faulty__refused \(HTTP 400\)\./);
    expect(refused.text).not.toMatch(/unavailable|try again later/i);
  });

  it(`${cite('UP-05')} the outbound time limit running out → "did not answer within 5 s", not "unavailable"`, { timeout: 30_000 }, async () => {
    const { isError, text } = await call('faulty__slow');
    expect(isError).toBe(true);
    expect(text).toBe('Faulty did not answer within 5 s. Try again in a moment.');
  });

  it(`${cite('UP-05')} the connector's own time limit running out → "did not answer within" that limit`, { timeout: 30_000 }, async () => {
    expect(await call('strict__sluggish')).toEqual({ isError: true, text: 'Strict did not answer within 2 s. Try again in a moment.' });
  });

  it('records each outcome in the audit trail by its own name', async () => {
    const outcomes = stack.gateway.logs.filter((line) => line.includes('"event":"audit.tool.call"')).map((line) => (JSON.parse(line) as { tool: string; outcome: string }));
    const of = (tool: string) => outcomes.find((entry) => entry.tool === tool)?.outcome;
    expect([of('too_big'), of('limited'), of('broken'), of('refused'), of('slow'), of('sluggish')]).toEqual(['too_large', 'rate_limited', 'unavailable', 'rejected', 'timeout', 'timeout']);
  });
});

describe('tools/call params (JSON-RPC 2.0 §5.1: -32602 Invalid params)', () => {
  const cases: [string, unknown, RegExp][] = [
    ['no params', undefined, /^Invalid params: tools\/call needs params with the name of the tool to call$/],
    ['params without name', { arguments: {} }, /^Invalid params: params\.name is required \(the name of the tool to call\)$/],
    ['name not a string', { name: 42 }, /^Invalid params: params\.name must be a non-empty string/],
    ['arguments not an object', { name: 'whoami', arguments: [1, 2] }, /^Invalid params: params\.arguments must be an object/],
    ['empty name', { name: '' }, /^Invalid params: params\.name must be a non-empty string/],
  ];
  for (const [label, params, message] of cases) {
    it(`${cite('SEC-05')} ${label} → -32602 with a one-line message naming the field`, async () => {
      const gw = stack.gateway.current;
      const sessionId = await openSession(gw.mcpUrl, accessToken);
      const response = await mcpPost(
        gw.mcpUrl,
        { jsonrpc: '2.0', id: 7, method: 'tools/call', ...(params === undefined ? {} : { params }) },
        { authorization: `Bearer ${accessToken}`, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' },
      );
      expect(response.status).toBe(200);
      const reply = (await rpcResult(response)) as { id: number; error?: { code: number; message: string } };
      expect(reply.id).toBe(7);
      expect(reply.error?.code).toBe(-32602);
      expect(reply.error?.message).toMatch(message);
      expect(reply.error?.message).not.toContain('\n');
    });
  }

  it('a well-formed call on the same kind of session still works', async () => {
    const gw = stack.gateway.current;
    const sessionId = await openSession(gw.mcpUrl, accessToken);
    const response = await mcpPost(
      gw.mcpUrl,
      { jsonrpc: '2.0', id: 8, method: 'tools/call', params: { name: 'whoami', arguments: {} } },
      { authorization: `Bearer ${accessToken}`, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' },
    );
    const reply = (await rpcResult(response)) as { result?: { isError?: boolean } };
    expect(reply.result?.isError).toBeFalsy();
  });
});
