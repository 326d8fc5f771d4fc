/**
 * Slack MCP tools bound to one caller, with Slack's scopes and Slack's error names in the message
 * (`channel_not_found`, `not_in_channel`, `missing_scope`). search:read exists only on user tokens,
 * so a bot token cannot search — as on Slack.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { notifyResourceUpdated, type McpCallContext } from '../core/mcp/clientFeatures.ts';
import { jsonResult, requireScope, ToolFailure } from '../core/mcp/toolResults.ts';
import { HISTORY_SCOPE } from './channelAccess.ts';
import { channelHistoryUri } from './resources.ts';
import type { MutableChannel, SlackWorkspace } from './workspace.ts';

const channelId = z.string().regex(/^[CDG][A-Z0-9]{8,12}$/, 'must be a channel id such as C0123ABCDE');
const READ_SCOPE: Record<MutableChannel['kind'], string> = { public_channel: 'channels:read', private_channel: 'groups:read', im: 'im:read' };

export function registerSlackTools(server: McpServer, context: McpCallContext, workspace: SlackWorkspace): void {
  const { caller } = context;
  const scope = (needed: string) => requireScope(caller, [needed], (s) => `missing_scope: this token needs ${s}`);
  const channelOf = (id: string) => {
    const channel = workspace.visibleChannel(caller, id);
    if (!channel) throw new ToolFailure(`channel_not_found: ${id} does not exist or is not visible to this token`);
    return channel;
  };
  const message = (channel: MutableChannel, m: MutableChannel['messages'][number]) => ({
    channel: { id: channel.id, name: channel.name },
    user: m.userId,
    username: workspace.user(m.userId)?.name,
    ts: m.ts,
    text: m.text,
  });

  server.registerTool(
    'list_channels',
    {
      description: 'List conversations visible to this token: public channels, and private channels and DMs it belongs to.',
      inputSchema: z.strictObject({
        types: z.array(z.enum(['public_channel', 'private_channel', 'im'])).min(1).max(3).default(['public_channel']),
        limit: z.int().min(1).max(1000).default(100),
      }),
      annotations: { readOnlyHint: true },
    },
    ({ types, limit }) => {
      for (const type of new Set(types)) scope(READ_SCOPE[type]);
      const channels = workspace
        .visibleChannels(caller)
        .filter((c) => types.includes(c.kind))
        .slice(0, limit)
        .map((c) => ({ id: c.id, name: c.name, is_private: c.kind !== 'public_channel', is_im: c.kind === 'im', is_member: workspace.isMember(caller, c), topic: c.topic, num_members: c.members.length }));
      return jsonResult({ ok: true, channels });
    },
  );

  server.registerTool(
    'post_message',
    {
      description: 'Post a message to a channel or DM this token is a member of.',
      inputSchema: z.strictObject({ channel: channelId, text: z.string().min(1).max(4000) }),
      annotations: { readOnlyHint: false, destructiveHint: false },
    },
    async ({ channel: id, text }, extra) => {
      scope('chat:write');
      const channel = channelOf(id);
      if (!workspace.isMember(caller, channel)) throw new ToolFailure(`not_in_channel: this token is not a member of ${channel.name}`);
      const posted = workspace.post(channel, workspace.memberId(caller), text);
      await notifyResourceUpdated(context, extra, channelHistoryUri(workspace, channel.id));
      return jsonResult({ ok: true, channel: channel.id, ts: posted.ts, message: { user: posted.userId, text: posted.text, ts: posted.ts } });
    },
  );

  server.registerTool(
    'search_messages',
    {
      description: 'Search messages (user tokens only). Supports in:#channel, from:@user and words.',
      inputSchema: z.strictObject({ query: z.string().min(1).max(500), count: z.int().min(1).max(100).default(20) }),
      annotations: { readOnlyHint: true },
    },
    ({ query, count }) => {
      scope('search:read');
      let inChannel: string | undefined;
      let from: string | undefined;
      const words: string[] = [];
      for (const token of query.split(/\s+/).filter(Boolean)) {
        if (token.startsWith('in:')) inChannel = token.slice(3).replace(/^#/, '').toLowerCase();
        else if (token.startsWith('from:')) from = token.slice(5).replace(/^@/, '').toLowerCase();
        else if (/^[a-z]+:/i.test(token)) throw new ToolFailure(`invalid_arguments: the search modifier ${token.split(':')[0]}: is not supported`);
        else words.push(token.toLowerCase());
      }
      const matches = workspace
        .visibleChannels(caller)
        .filter((c) => inChannel === undefined || c.name.toLowerCase() === inChannel || c.id.toLowerCase() === inChannel)
        .flatMap((c) => c.messages.map((m) => ({ c, m })))
        .filter(({ m }) => from === undefined || workspace.user(m.userId)?.name.toLowerCase() === from || m.userId.toLowerCase() === from)
        .filter(({ m }) => words.every((w) => m.text.toLowerCase().includes(w)))
        .sort((a, b) => Number(b.m.ts) - Number(a.m.ts))
        .map(({ c, m }) => message(c, m));
      return jsonResult({ ok: true, query, messages: { total: matches.length, matches: matches.slice(0, count) } });
    },
  );

  server.registerTool(
    'get_user',
    {
      description: 'Get a workspace member by user id.',
      inputSchema: z.strictObject({ user: z.string().regex(/^[UW][A-Z0-9]{8,12}$/, 'must be a user id such as U0123ABCDE') }),
      annotations: { readOnlyHint: true },
    },
    ({ user: id }) => {
      scope('users:read');
      const user = workspace.user(id);
      if (!user) throw new ToolFailure(`user_not_found: no member ${id} in this workspace`);
      return jsonResult({ ok: true, user: { id: user.id, team_id: workspace.fixture.team.id, name: user.name, real_name: user.realName, is_bot: user.isBot, profile: { display_name: user.name, real_name: user.realName } } });
    },
  );

  server.registerTool(
    'channel_history',
    {
      description: 'Read the newest messages of a channel or DM, newest first.',
      inputSchema: z.strictObject({ channel: channelId, limit: z.int().min(1).max(1000).default(100) }),
      annotations: { readOnlyHint: true },
    },
    ({ channel: id, limit }) => {
      const channel = channelOf(id);
      scope(HISTORY_SCOPE[channel.kind]);
      if (!workspace.isMember(caller, channel) && caller.actor === 'bot') throw new ToolFailure(`not_in_channel: the bot is not a member of ${channel.name}`);
      const newest = [...channel.messages].reverse();
      return jsonResult({ ok: true, messages: newest.slice(0, limit).map((m) => ({ type: 'message', user: m.userId, ts: m.ts, text: m.text })), has_more: newest.length > limit });
    },
  );
}
