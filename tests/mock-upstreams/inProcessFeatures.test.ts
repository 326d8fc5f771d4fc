/**
 * The talking tool calls (SSE answers, server-to-client requests) work in-process too: through msw's
 * setupServer, with no socket, run_workflow streams its progress and schedule_message's elicitation
 * answer POST reaches the call that is waiting for it.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyFor } from '../../fixtures/vendors/index.ts';
import { createMockUpstreams } from '../../mock-upstreams/index.ts';
import { TEST_ADMIN_SECRET } from './support/harness.ts';
import { authorizationFor, callOk, connectMcp } from './support/mcpSession.ts';

const upstreams = createMockUpstreams({
  adminSecret: TEST_ADMIN_SECRET,
  baseUrls: { atlassian: 'http://atlassian.mock.invalid', github: 'http://github.mock.invalid', slack: 'http://slack.mock.invalid' },
});
const server = setupServer(...upstreams.handlers);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => upstreams.reset());
afterAll(() => server.close());

describe('talking tool calls in-process (msw setupServer)', () => {
  it('streams run_workflow progress', async () => {
    const client = await connectMcp(upstreams.vendors.github.mcpUrl, authorizationFor(apiKeyFor(upstreams.fixtures.github, 'valid')));
    const steps: Progress[] = [];
    await client.callTool({ name: 'run_workflow', arguments: { owner: 'acme-corp', repo: 'gateway-service', workflow_id: 'ci.yml' } }, undefined, { onprogress: (p) => void steps.push(p) });
    expect(steps.map((s) => s.progress)).toEqual([1, 2, 3, 4, 5]);
    await client.close();
    expect(upstreams.vendors.github.control.recording({ tool: 'run_workflow' })).toHaveLength(1);
  });

  it('routes the elicitation answer back to the waiting schedule_message call', async () => {
    const client = new Client({ name: 'in-process', version: '1.0.0' }, { capabilities: { elicitation: {} } });
    const when = new Date(Date.now() + 7200_000).toISOString();
    client.setRequestHandler(ElicitRequestSchema, () => ({ action: 'accept', content: { post_at: when } }));
    const authorization = authorizationFor(apiKeyFor(upstreams.fixtures.slack, 'valid'));
    await client.connect(new StreamableHTTPClientTransport(new URL(upstreams.vendors.slack.mcpUrl), { requestInit: { headers: { authorization } } }));
    const general = upstreams.fixtures.slack.channels.find((c) => c.name === 'general')!;
    expect(await callOk(client, 'schedule_message', { channel: general.id, text: 'Later' })).toMatchObject({ ok: true, post_at: Math.floor(Date.parse(when) / 1000) });
    await client.close();
  });
});
