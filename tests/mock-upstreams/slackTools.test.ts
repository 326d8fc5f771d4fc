/**
 * Slack MCP tools over the seeded workspace: every tool's happy path and a bad-argument call,
 * messages posted then read back, DM and private-channel visibility per account, bot vs user
 * tokens and scopes.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { connectAs } from './support/connectAs.ts';
import { useMockUpstreams } from './support/harness.ts';
import { callOk, callTool } from './support/mcpSession.ts';

const mocks = useMockUpstreams();
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const fixture = () => mocks.current.fixtures.slack;
const channel = (name: string) => fixture().channels.find((c) => c.name === name)!;
const dm01 = () => fixture().channels.find((c) => c.kind === 'im' && c.members.includes(fixture().accounts[0]!.id))!;

async function as(who: number | 'bot'): Promise<Client> {
  const key = who === 'bot' ? fixture().apiKeys.find((k) => k.kind === 'bot-token')! : who;
  const client = await connectAs(mocks.current, 'slack', key);
  clients.push(client);
  return client;
}

interface Listed {
  channels: { id: string; name: string; is_private: boolean; is_im: boolean }[];
}

describe('list_channels', () => {
  it('lists public channels by default, and the private channels and DMs the caller is in', async () => {
    const client = await as(0);
    const publicOnly = await callOk<Listed>(client, 'list_channels', {});
    expect(publicOnly.channels.map((c) => c.name).sort()).toEqual(['engineering', 'general', 'random']);
    const all = await callOk<Listed>(client, 'list_channels', { types: ['public_channel', 'private_channel', 'im'] });
    expect(all.channels.map((c) => c.id)).toEqual(expect.arrayContaining([channel('leadership').id, dm01().id]));
  });

  it('a bad type is refused', async () => {
    expect((await callTool(await as(0), 'list_channels', { types: ['mpim'] })).text).toContain('types');
  });
});

describe('per-account visibility (private channel, DMs)', () => {
  it('the third account sees neither #leadership nor the first two accounts’ DM', async () => {
    const outsider = await as(2);
    const all = await callOk<Listed>(outsider, 'list_channels', { types: ['public_channel', 'private_channel', 'im'] });
    expect(all.channels.map((c) => c.id)).not.toContain(channel('leadership').id);
    expect(all.channels.map((c) => c.id)).not.toContain(dm01().id);
    expect(all.channels.filter((c) => c.is_im)).toHaveLength(1);
    const history = await callTool(outsider, 'channel_history', { channel: dm01().id });
    expect(history).toMatchObject({ isError: true });
    expect(history.text).toContain('channel_not_found');
    const search = await callOk<{ messages: { matches: { channel: { id: string } }[] } }>(outsider, 'search_messages', { query: 'the', count: 100 });
    expect(search.messages.matches.some((m) => m.channel.id === dm01().id || m.channel.id === channel('leadership').id)).toBe(false);
    expect((await callTool(outsider, 'post_message', { channel: dm01().id, text: 'hi' })).text).toContain('channel_not_found');
  });

  it('a member reads the DM', async () => {
    const history = await callOk<{ messages: { ts: string }[] }>(await as(1), 'channel_history', { channel: dm01().id });
    expect(history.messages.map((m) => m.ts)).toEqual(dm01().messages.map((m) => m.ts).reverse());
  });
});

describe('post_message and channel_history (writes are seen by later reads)', () => {
  it('a posted message is the newest in the history and found by search', async () => {
    const client = await as(1);
    const posted = await callOk<{ ok: boolean; ts: string; channel: string }>(client, 'post_message', { channel: channel('engineering').id, text: 'Deploy window moved to 14:00' });
    expect(posted.ok).toBe(true);
    const history = await callOk<{ messages: { ts: string; text: string; user: string }[] }>(await as(0), 'channel_history', { channel: channel('engineering').id, limit: 2 });
    expect(history.messages[0]).toMatchObject({ ts: posted.ts, text: 'Deploy window moved to 14:00', user: fixture().accounts[1]!.id });
    expect(Number(posted.ts)).toBeGreaterThan(Number(channel('engineering').messages.at(-1)!.ts));
    const found = await callOk<{ messages: { matches: { ts: string }[] } }>(await as(0), 'search_messages', { query: 'in:#engineering deploy window' });
    expect(found.messages.matches.map((m) => m.ts)).toEqual([posted.ts]);
  });

  it('posting outside one’s channels or with bad arguments is refused', async () => {
    const outsider = await as(2);
    expect((await callTool(outsider, 'post_message', { channel: channel('engineering').id, text: 'hi' })).text).toContain('not_in_channel');
    expect((await callTool(outsider, 'post_message', { channel: '#general', text: 'hi' })).text).toContain('must be a channel id');
    expect((await callTool(outsider, 'post_message', { channel: channel('general').id, text: '' })).isError).toBe(true);
  });

  it('channel_history refuses a bad limit', async () => {
    expect((await callTool(await as(0), 'channel_history', { channel: channel('general').id, limit: 0 })).text).toContain('limit');
  });
});

describe('search_messages', () => {
  it('supports from:@user and words over visible channels', async () => {
    const message = channel('general').messages[0]!;
    const author = fixture().accounts.find((a) => a.id === message.userId)!;
    const word = message.text.split(/[^A-Za-z]+/).find((w) => w.length > 5)!;
    const found = await callOk<{ messages: { matches: { ts: string; user: string }[] } }>(await as(0), 'search_messages', { query: `from:@${author.login} ${word}` });
    expect(found.messages.matches.map((m) => m.ts)).toContain(message.ts);
    expect(found.messages.matches.every((m) => m.user === author.id)).toBe(true);
  });

  it('bot tokens cannot search (search:read is a user scope); bad modifiers are refused', async () => {
    expect((await callTool(await as('bot'), 'search_messages', { query: 'deploy' })).text).toBe('missing_scope: this token needs search:read');
    expect((await callTool(await as(0), 'search_messages', { query: 'has:link' })).text).toContain('has: is not supported');
    expect((await callTool(await as(0), 'search_messages', { query: 'x', count: 1000 })).text).toContain('count');
  });
});

describe('get_user', () => {
  it('returns members and the bot', async () => {
    const person = fixture().accounts[2]!;
    const got = await callOk<{ user: Record<string, unknown> }>(await as(0), 'get_user', { user: person.id });
    expect(got.user).toMatchObject({ id: person.id, name: person.login, real_name: person.name, is_bot: false });
    expect((await callOk<{ user: { is_bot: boolean } }>(await as(0), 'get_user', { user: fixture().bot.userId })).user.is_bot).toBe(true);
  });

  it('bad or unknown ids are refused', async () => {
    expect((await callTool(await as(0), 'get_user', { user: 'selmer' })).text).toContain('must be a user id');
    expect((await callTool(await as(0), 'get_user', { user: 'U0ZZZZZZZZZ' })).text).toContain('user_not_found');
  });
});

describe('bot token', () => {
  it('acts as the bot user: posts where invited, is refused where not', async () => {
    const bot = await as('bot');
    const posted = await callOk<{ message: { user: string } }>(bot, 'post_message', { channel: channel('general').id, text: 'Build passed' });
    expect(posted.message.user).toBe(fixture().bot.userId);
    expect((await callTool(bot, 'post_message', { channel: channel('random').id, text: 'hi' })).text).toContain('not_in_channel');
    expect((await callTool(bot, 'channel_history', { channel: channel('random').id })).text).toContain('not_in_channel');
  });
});
