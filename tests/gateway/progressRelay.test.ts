/**
 * Issue 13, item 1 (progress): a client's tools/call with a progressToken gets the upstream's
 * `notifications/progress` on the call's own stream, under the client's token — the upstream sees
 * a token of the gateway's, never the client's — and a call without one stays on the JSON lane.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyFor } from '../../fixtures/vendors/index.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, textOf, type ConnectedClient } from '../support/mcpClient.ts';
import { cite } from '../support/requirements.ts';

let stack: GatewayStack;
let mcp: ConnectedClient;
let accessToken: string;
const RUN = { name: 'github__run_workflow', arguments: { owner: 'acme-corp', repo: 'gateway-service', workflow_id: 'ci.yml' } };

beforeAll(async () => {
  stack = await startGatewayStack();
  const gw = stack.gateway.current;
  const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
  await session.saveKey('github', apiKeyFor(stack.mocks.fixtures.github, 'valid', 0).secret);
  const result = await session.authorize();
  accessToken = String(result.tokens!.access_token);
  mcp = await connectMcp(gw.mcpUrl, accessToken);
});
afterAll(async () => {
  await mcp?.close();
  await stack?.stop();
});

describe('Progress through the gateway', () => {
  it(`relays each upstream progress report to the client, under the client's progressToken`, async () => {
    const reports: { progress: number; total?: number; message?: string }[] = [];
    const result = await mcp.client.callTool(RUN, undefined, { onprogress: (progress) => void reports.push(progress) });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(reports.map((report) => [report.progress, report.total])).toEqual([[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
    expect(reports.every((report) => typeof report.message === 'string' && report.message.length > 0)).toBe(true);
    const runs = stack.mocks.vendors.github.control.recording({ area: 'mcp', tool: 'run_workflow' });
    expect(runs.at(-1)!.status).toBe(200);
  });

  it(`${cite('TRANSPORT-05')} streams the answer (SSE) only when the call asks for progress; otherwise one JSON message`, async () => {
    const post = (params: Record<string, unknown>) =>
      fetch(stack.gateway.current.mcpUrl, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${accessToken}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-session-id': (mcp.client.transport as { sessionId?: string }).sessionId!,
          'mcp-protocol-version': '2025-11-25',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 41, method: 'tools/call', params }),
      });
    const streamed = await post({ ...RUN, _meta: { progressToken: 'client-token-7' } });
    expect(streamed.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await streamed.text();
    expect(events.match(/"method":"notifications\/progress"/g)).toHaveLength(5);
    expect(events).toContain('"progressToken":"client-token-7"');
    expect(events).not.toContain('gangway-progress');
    const plain = await post(RUN);
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await plain.json()) as { id: number }).id).toBe(41);
  });
});
