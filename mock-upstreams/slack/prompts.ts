/**
 * Slack prompts: `summarize_channel(channel)` puts a channel's recent messages (oldest first, with
 * author names) in a user message asking for a catch-up summary. `channel` takes a name (with or
 * without #) or an id and completes to the names of channels this token can read.
 */
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Caller } from '../core/callerAuth.ts';
import { readableChannels } from './channelAccess.ts';
import type { SlackWorkspace } from './workspace.ts';

const RECENT = 50;

export function registerSlackPrompts(server: McpServer, caller: Caller, workspace: SlackWorkspace): void {
  const named = () => readableChannels(caller, workspace).filter((c) => c.kind !== 'im');
  server.registerPrompt(
    'summarize_channel',
    {
      title: 'Summarize a channel',
      description: 'Catch up on a Slack channel: a summary of its recent messages.',
      argsSchema: {
        channel: completable(z.string().describe('Channel name such as general, or a channel id'), (value) => {
          const prefix = value.replace(/^#/, '').toLowerCase();
          return named().map((c) => c.name).filter((n) => n.toLowerCase().startsWith(prefix)).sort();
        }),
      },
    },
    ({ channel: wanted }) => {
      const key = wanted.replace(/^#/, '').toLowerCase();
      const channel = readableChannels(caller, workspace).find((c) => c.id.toLowerCase() === key || c.name.toLowerCase() === key);
      if (!channel) throw new McpError(ErrorCode.InvalidParams, `channel_not_found: ${wanted} does not exist or is not readable with this token`);
      const lines = channel.messages.slice(-RECENT).map((m) => `[${m.ts}] ${workspace.user(m.userId)?.name ?? m.userId}: ${m.text}`);
      const text = [`Summarize the recent conversation in #${channel.name} for someone catching up: decisions, open questions, who is waiting on whom.`, '', ...lines].join('\n');
      return { description: `Catch-up on #${channel.name}`, messages: [{ role: 'user', content: { type: 'text', text } }] };
    },
  );
}
