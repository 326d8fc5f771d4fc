/**
 * Slack channel history as MCP resources: `slack://{team_id}/channels/{channel_id}/history`, the
 * conversations.history answer (newest first) as JSON, for the channels this token can read
 * (channelAccess.ts). Posting through `post_message` updates it, so subscribers hear about it.
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Caller } from '../core/callerAuth.ts';
import { resourceNotFound } from '../core/mcp/resourceErrors.ts';
import { readableChannels } from './channelAccess.ts';
import type { SlackWorkspace } from './workspace.ts';

export function channelHistoryUri(workspace: SlackWorkspace, channelId: string): string {
  return `slack://${workspace.fixture.team.id}/channels/${channelId}/history`;
}

export function registerSlackResources(server: McpServer, caller: Caller, workspace: SlackWorkspace): void {
  const template = new ResourceTemplate(`slack://${workspace.fixture.team.id}/channels/{channel_id}/history`, {
    list: () => ({
      resources: readableChannels(caller, workspace).map((c) => ({
        uri: channelHistoryUri(workspace, c.id),
        name: c.kind === 'im' ? `DM ${c.id}` : `#${c.name}`,
        description: c.topic || undefined,
        mimeType: 'application/json',
      })),
    }),
  });
  server.registerResource('channel_history', template, { title: 'Channel history', description: 'Messages of a channel or DM, newest first.', mimeType: 'application/json' }, (uri, { channel_id }) => {
    const channel = readableChannels(caller, workspace).find((c) => c.id === channel_id);
    if (!channel) throw resourceNotFound(uri.href);
    const messages = [...channel.messages].reverse().map((m) => ({ type: 'message', user: m.userId, ts: m.ts, text: m.text }));
    return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify({ ok: true, channel: { id: channel.id, name: channel.name }, messages }, null, 2) }] };
  });
}
