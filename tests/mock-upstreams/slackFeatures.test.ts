/**
 * Slack's MCP features beyond tools: channel history as resources (list, read, visibility), a
 * subscription told by `notifications/resources/updated` when post_message changes the channel, the
 * summarize_channel prompt with channel-name completion, and schedule_message's elicitation:
 * accepted, declined, cancelled, and a clear tool error for a client without the capability.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema, ResourceUpdatedNotificationSchema, type ElicitRequest, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { connectCapable } from './support/capableClient.ts';
import { connectAs } from './support/connectAs.ts';
import { useMockUpstreams } from './support/harness.ts';
import { apiKeyFor } from '../../fixtures/vendors/index.ts';
import { authorizationFor, callOk, callTool } from './support/mcpSession.ts';

const mocks = useMockUpstreams();
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function as(index: number): Promise<Client> {
  const client = await connectAs(mocks.current, 'slack', index);
  clients.push(client);
  return client;
}

const fixture = () => mocks.current.fixtures.slack;
const channelNamed = (name: string) => fixture().channels.find((c) => c.name === name)!;
const historyUri = (id: string) => `slack://${fixture().team.id}/channels/${id}/history`;

async function eliciting(answer: (request: ElicitRequest['params']) => ElicitResult, asked: ElicitRequest['params'][] = []): Promise<Client> {
  const client = await connectCapable(mocks.current, 'slack', { elicitation: { form: {} } }, (c) =>
    c.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params);
      return answer(request.params);
    }),
  );
  clients.push(client);
  return client;
}

describe('channel history as resources', () => {
  it('lists the channels this token can read, private ones only for members', async () => {
    const member = (await (await as(0)).listResources()).resources.map((r) => r.uri);
    expect(member).toContain(historyUri(channelNamed('general').id));
    expect(member).toContain(historyUri(channelNamed('leadership').id));
    const outsider = (await (await as(2)).listResources()).resources.map((r) => r.uri);
    expect(outsider).toContain(historyUri(channelNamed('general').id));
    expect(outsider).not.toContain(historyUri(channelNamed('leadership').id));
    await expect((await as(2)).readResource({ uri: historyUri(channelNamed('leadership').id) })).rejects.toMatchObject({ code: -32002 });
  });

  it('reads a channel’s seeded history, newest first', async () => {
    const general = channelNamed('general');
    const read = (await (await as(0)).readResource({ uri: historyUri(general.id) })).contents[0] as { mimeType: string; text: string };
    expect(read.mimeType).toBe('application/json');
    const body = JSON.parse(read.text) as { messages: { ts: string; text: string }[] };
    expect(body.messages.map((m) => m.ts)).toEqual([...general.messages].reverse().map((m) => m.ts));
  });

  it('tells a subscriber when post_message adds to the channel, and stops after unsubscribe', async () => {
    const client = await as(0);
    expect(client.getServerCapabilities()?.resources).toEqual({ subscribe: true, listChanged: false });
    const updated: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updated.push(n.params.uri));
    const general = channelNamed('general');
    await client.subscribeResource({ uri: historyUri(general.id) });
    await callOk(client, 'post_message', { channel: general.id, text: 'Deploy is done' });
    await callOk(client, 'post_message', { channel: channelNamed('random').id, text: 'Not this one' });
    expect(updated).toEqual([historyUri(general.id)]);
    const body = JSON.parse(((await client.readResource({ uri: historyUri(general.id) })).contents[0] as { text: string }).text) as { messages: { text: string }[] };
    expect(body.messages[0]!.text).toBe('Deploy is done');
    await client.unsubscribeResource({ uri: historyUri(general.id) });
    await callOk(client, 'post_message', { channel: general.id, text: 'Again' });
    expect(updated).toHaveLength(1);
  });
});

describe('summarize_channel prompt', () => {
  it('renders the channel’s messages and completes channel names', async () => {
    const client = await as(0);
    const got = await client.getPrompt({ name: 'summarize_channel', arguments: { channel: '#engineering' } });
    const text = (got.messages[0]!.content as { text: string }).text;
    expect(text).toContain('#engineering');
    for (const m of channelNamed('engineering').messages.slice(-50)) expect(text).toContain(m.text);
    const ref = { type: 'ref/prompt' as const, name: 'summarize_channel' };
    expect((await client.complete({ ref, argument: { name: 'channel', value: 'e' } })).completion.values).toEqual(['engineering']);
    expect((await client.complete({ ref, argument: { name: 'channel', value: '' } })).completion.values).toEqual(['engineering', 'general', 'leadership', 'random']);
    expect((await (await as(2)).complete({ ref, argument: { name: 'channel', value: 'l' } })).completion.values).toEqual([]);
  });
});

describe('schedule_message elicitation', () => {
  const general = () => channelNamed('general');
  const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

  it('schedules directly when post_at is given, without asking', async () => {
    const asked: ElicitRequest['params'][] = [];
    const client = await eliciting(() => ({ action: 'cancel' }), asked);
    const postAt = Math.floor(Date.now() / 1000) + 600;
    expect(await callOk(client, 'schedule_message', { channel: general().id, text: 'Stand-up', post_at: postAt })).toMatchObject({ ok: true, post_at: postAt, scheduled_message_id: 'Q0000000001' });
    expect(asked).toEqual([]);
  });

  it('asks when, and schedules at the accepted time', async () => {
    const asked: ElicitRequest['params'][] = [];
    const when = inAnHour();
    const client = await eliciting(() => ({ action: 'accept', content: { post_at: when } }), asked);
    const result = await callOk<{ post_at: number }>(client, 'schedule_message', { channel: general().id, text: 'Retro in 5' });
    expect(result.post_at).toBe(Math.floor(Date.parse(when) / 1000));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.message).toContain('#general');
    expect((asked[0] as { requestedSchema: { required: string[] } }).requestedSchema.required).toEqual(['post_at']);
  });

  it('schedules nothing when the user declines or cancels', async () => {
    for (const action of ['decline', 'cancel'] as const) {
      const answer = await callTool(await eliciting(() => ({ action })), 'schedule_message', { channel: general().id, text: 'Maybe' });
      expect(answer.isError).toBe(true);
      expect(answer.text).toContain(action === 'decline' ? 'you declined' : 'you cancelled');
    }
    const later = await callOk(await eliciting(() => ({ action: 'accept', content: { post_at: inAnHour() } })), 'schedule_message', { channel: general().id, text: 'Now' });
    expect(later).toMatchObject({ scheduled_message_id: 'Q0000000001' });
  });

  it('takes the answer only from the credential the question went to', async () => {
    const other = authorizationFor(apiKeyFor(fixture(), 'valid', 1));
    const forged: number[] = [];
    const client = await connectCapable(mocks.current, 'slack', { elicitation: {} }, (c) =>
      c.setRequestHandler(ElicitRequestSchema, async (_request, extra) => {
        const answer = { jsonrpc: '2.0', id: extra.requestId, result: { action: 'accept', content: { post_at: '2001-01-01T00:00:00Z' } } };
        const response = await fetch(mocks.current.vendors.slack.mcpUrl, { method: 'POST', headers: { authorization: other, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify(answer) });
        forged.push(response.status);
        return { action: 'accept', content: { post_at: inAnHour() } };
      }),
    );
    clients.push(client);
    expect(await callOk(client, 'schedule_message', { channel: general().id, text: 'Mine' })).toMatchObject({ ok: true });
    expect(forged).toEqual([400]);
  });

  it('refuses a time in the past with Slack’s error', async () => {
    const answer = await callTool(await eliciting(() => ({ action: 'accept', content: { post_at: '2001-01-01T00:00:00Z' } })), 'schedule_message', { channel: general().id, text: 'Late' });
    expect(answer.text).toContain('time_in_past');
  });

  it('fails clearly when the client did not declare elicitation', async () => {
    const answer = await callTool(await as(0), 'schedule_message', { channel: general().id, text: 'When?' });
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain('did not declare the elicitation (form) capability');
    expect(answer.text).toContain('post_at');
  });
});
