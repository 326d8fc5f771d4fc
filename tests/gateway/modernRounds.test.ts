/**
 * A 2026-07-28 tool call that spans several HTTP requests (input_required rounds): what the upstream
 * reports after the client answered — progress, log messages — reaches the client on the stream of
 * the round under way, not the first request's, which has ended. The upstream here is a stateful
 * 2025 SDK server whose tool asks a question, then works in three steps, and whose prompt asks
 * whom to greet — a question during prompts/get reaches the client too, in both revisions.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { ElicitRequestSchema, ElicitResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { textOf } from '../support/mcpClient.ts';
import { cite } from '../support/requirements.ts';
import { startStatefulUpstream, type StatefulUpstream } from '../support/statefulUpstream.ts';

/** A stateful upstream: a tool that asks a question then works in three steps, one that takes its question back, a prompt that asks. */
function startAskingUpstream() {
  return startStatefulUpstream('asking-upstream', (mcp) => {
    mcp.registerTool('ask_then_work', { description: 'Asks for a name, then works in three steps', inputSchema: {} }, async (_args, extra) => {
      const answer = await extra.sendRequest({ method: 'elicitation/create', params: { message: 'Which name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } }, ElicitResultSchema);
      const token = extra._meta?.progressToken;
      for (let step = 1; step <= 3; step++) {
        if (token !== undefined) await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: step, total: 3 } });
      }
      return { content: [{ type: 'text', text: `worked for ${String(answer.content?.name)}` }] };
    });
    mcp.registerTool('ask_then_cancel', { description: 'Asks twice, and takes the second question back', inputSchema: {} }, async (_args, extra) => {
      // The first question is answered at once. (The SDK's client ignores a cancellation of request
      // id 0 — `if (!requestId) return` — so the question taken back is the second.)
      await extra.sendRequest({ method: 'elicitation/create', params: { message: 'Ready?', requestedSchema: { type: 'object', properties: {} } } }, ElicitResultSchema);
      const giveUp = new AbortController();
      setTimeout(() => giveUp.abort(), 300);
      const answer = await extra
        .sendRequest({ method: 'elicitation/create', params: { message: 'Still there?', requestedSchema: { type: 'object', properties: {} } } }, ElicitResultSchema, { signal: giveUp.signal })
        .catch(() => undefined);
      return { content: [{ type: 'text', text: answer ? 'answered' : 'gave up waiting' }] };
    });
    mcp.registerPrompt('greeting', { description: 'Asks whom to greet' }, async (extra) => {
      const answer = await extra.sendRequest({ method: 'elicitation/create', params: { message: 'Greet whom?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } }, ElicitResultSchema);
      return { messages: [{ role: 'user', content: { type: 'text', text: `Say hello to ${String(answer.content?.name)}` } }] };
    });
  });
}

let upstream: StatefulUpstream;
let stack: GatewayStack;
let token: string;

beforeAll(async () => {
  upstream = await startAskingUpstream();
  stack = await startGatewayStack({
    catalog: (catalog) => ({ connectors: [...catalog.connectors, { id: 'asking', displayName: 'Asking', mcpUrl: upstream.mcpUrl, toolPrefix: 'asking', auth: { none: {} } }] }),
  });
  const gw = stack.gateway.current;
  token = String((await (await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!)).authorize({ tick: ['asking'] })).tokens!.access_token);
});
afterAll(async () => {
  await stack?.stop();
  await upstream?.close();
});

describe('A 2026-07-28 call over several rounds', () => {
  it(`${cite('REV26-03')} relays the progress the upstream reports after the client answered, on the retry's own stream`, async () => {
    const client = new Client({ name: 'rounds-test', version: '1.0.0' }, { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } } });
    client.setRequestHandler('elicitation/create', () => ({ action: 'accept', content: { name: 'Ada' } }));
    const authorized = (input: string | URL | Request, init?: RequestInit) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), authorization: `Bearer ${token}` } });
    await client.connect(new StreamableHTTPClientTransport(new URL(stack.gateway.current.mcpUrl), { fetch: authorized }));
    try {
      // The SDK client reports its own "Fulfilling input required" step too; the upstream's are the ones out of 3.
      const progress: number[] = [];
      const result = await client.callTool({ name: 'asking__ask_then_work', arguments: {} }, { onprogress: (p) => void (p.total === 3 && progress.push(p.progress)) });
      expect(textOf(result)).toBe('worked for Ada');
      expect(progress).toEqual([1, 2, 3]);
    } finally {
      await client.close();
    }
  });

  it(`${cite('REV26-03')} behind a round-robin balancer: the retry that reaches the other replica is passed to the one holding the upstream call (issue 14)`, async () => {
    const replica = await stack.startReplica();
    const replicas = [stack.gateway.current.listenUrl, replica.listenUrl];
    const hits: string[] = [];
    let next = 0;
    // Like nginx with no sticky sessions: each request to the next replica in turn.
    const roundRobin = (input: string | URL | Request, init?: RequestInit) => {
      const target = replicas[next++ % replicas.length]!;
      hits.push(target);
      const url = new URL(String(input instanceof Request ? input.url : input));
      return fetch(`${target}${url.pathname}`, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), authorization: `Bearer ${token}` } });
    };
    const client = new Client({ name: 'rounds-rr', version: '1.0.0' }, { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } } });
    client.setRequestHandler('elicitation/create', () => ({ action: 'accept', content: { name: 'Barbara' } }));
    await client.connect(new StreamableHTTPClientTransport(new URL(stack.gateway.current.mcpUrl), { fetch: roundRobin }));
    try {
      for (let call = 0; call < 2; call++) {
        const result = await client.callTool({ name: 'asking__ask_then_work', arguments: {} });
        expect(textOf(result)).toBe('worked for Barbara');
      }
      // Both replicas were used, so at least one retry reached the replica that did not hold its call.
      expect(new Set(hits).size).toBe(2);
    } finally {
      await client.close();
      await replica.close();
    }
  });

  it(`${cite('TRANSPORT-09')} behind a round-robin balancer: a 2025 client's answer that reaches the other replica is passed to the one that asked (issue 14)`, async () => {
    const replica = await stack.startReplica();
    const replicas = [stack.gateway.current.listenUrl, replica.listenUrl];
    const answeredAt: string[] = [];
    let next = 0;
    let calledAt = '';
    // Round-robin, except that every answer goes to the replica the call did NOT go to: the worst case of a balancer.
    const roundRobin = (input: string | URL | Request, init?: RequestInit) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { method?: string; result?: unknown }) : undefined;
      const answer = body !== undefined && body.method === undefined && body.result !== undefined;
      const target = answer ? replicas.find((url) => url !== calledAt)! : replicas[next++ % replicas.length]!;
      if (body?.method === 'tools/call') calledAt = target;
      if (answer) answeredAt.push(target);
      const url = new URL(String(input instanceof Request ? input.url : input));
      return fetch(`${target}${url.pathname}`, init);
    };
    const legacy = new LegacyClient({ name: 'answers-rr', version: '1.0.0' }, { capabilities: { elicitation: {} } });
    const askedIds: unknown[] = [];
    legacy.setRequestHandler(ElicitRequestSchema, (request, extra) => {
      askedIds.push(extra.requestId);
      return { action: 'accept', content: { name: 'Edsger' } };
    });
    await legacy.connect(new LegacyTransport(new URL(stack.gateway.current.mcpUrl), { fetch: roundRobin, requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    try {
      for (let call = 0; call < 3; call++) {
        const result = await legacy.callTool({ name: 'asking__ask_then_work', arguments: {} }, undefined, { timeout: 15_000 });
        expect(textOf(result)).toBe('worked for Edsger');
      }
      // Every answer reached the replica that had not asked; calls went to both.
      expect(answeredAt).toHaveLength(3);
      expect(new Set(answeredAt).size).toBe(2);
      // What the gateway asks carries the asking replica's id.
      for (const id of askedIds) expect(String(id)).toMatch(/^[A-Za-z0-9_-]{12}\.\d+$/);
    } finally {
      await legacy.close();
      await replica.close();
    }
  });

  it(`${cite('REV26-03')} relays an upstream's question during prompts/get: as input_required in 2026-07-28, on the request's stream in 2025-11-25`, async () => {
    const modern = new Client({ name: 'rounds-test', version: '1.0.0' }, { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } } });
    modern.setRequestHandler('elicitation/create', () => ({ action: 'accept', content: { name: 'Grace' } }));
    const authorized = (input: string | URL | Request, init?: RequestInit) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), authorization: `Bearer ${token}` } });
    await modern.connect(new StreamableHTTPClientTransport(new URL(stack.gateway.current.mcpUrl), { fetch: authorized }));
    try {
      const prompt = await modern.getPrompt({ name: 'asking__greeting' });
      expect(prompt.messages[0]!.content).toMatchObject({ text: 'Say hello to Grace' });
    } finally {
      await modern.close();
    }
    const legacy = new LegacyClient({ name: 'rounds-test-2025', version: '1.0.0' }, { capabilities: { elicitation: {} } });
    legacy.setRequestHandler(ElicitRequestSchema, () => ({ action: 'accept', content: { name: 'Linus' } }));
    await legacy.connect(new LegacyTransport(new URL(stack.gateway.current.mcpUrl), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    try {
      const prompt = await legacy.getPrompt({ name: 'asking__greeting' });
      expect(prompt.messages[0]!.content).toMatchObject({ text: 'Say hello to Linus' });
    } finally {
      await legacy.close();
    }
  });

  it('passes an upstream’s cancellation of its question on to the 2025 client, which stops being asked', async () => {
    const legacy = new LegacyClient({ name: 'cancel-test-2025', version: '1.0.0' }, { capabilities: { elicitation: {} } });
    let cancelled = false;
    legacy.setRequestHandler(ElicitRequestSchema, (request, extra) =>
      request.params.message === 'Ready?' ? { action: 'accept', content: {} } : new Promise((resolve) => {
        extra.signal.addEventListener('abort', () => {
          cancelled = true;
          resolve({ action: 'cancel' });
        });
      }),
    );
    await legacy.connect(new LegacyTransport(new URL(stack.gateway.current.mcpUrl), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    try {
      const result = await legacy.callTool({ name: 'asking__ask_then_cancel', arguments: {} });
      expect(textOf(result)).toBe('gave up waiting');
      await expect.poll(() => cancelled).toBe(true);
    } finally {
      await legacy.close();
    }
  });
});
