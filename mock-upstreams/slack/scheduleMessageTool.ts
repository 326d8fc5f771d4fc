/**
 * `schedule_message` (Slack's chat.scheduleMessage): schedules a message for `post_at` (Unix
 * seconds). Without `post_at` it asks the user when, through elicitation (a date-time field); a
 * declined or cancelled question schedules nothing and says so. A client that did not declare
 * elicitation gets a tool error asking for `post_at`. Slack's own errors otherwise: time_in_past,
 * time_too_far (more than 120 days ahead), not_in_channel, missing_scope.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { elicit, type McpCallContext, type ToolExtra } from '../core/mcp/clientFeatures.ts';
import { jsonResult, requireScope, ToolFailure } from '../core/mcp/toolResults.ts';
import type { MutableChannel, SlackWorkspace } from './workspace.ts';

export const ELICITING_TOOLS = ['schedule_message'];
const MAX_AHEAD_SECONDS = 120 * 24 * 3600;

async function askWhen(context: McpCallContext, extra: ToolExtra, channel: MutableChannel): Promise<number> {
  let answer;
  try {
    answer = await elicit(context, extra, {
      message: `When should the message to #${channel.name} be sent?`,
      requestedSchema: { type: 'object', properties: { post_at: { type: 'string', format: 'date-time', title: 'Send at', description: 'Date and time, e.g. 2026-12-24T09:00:00Z' } }, required: ['post_at'] },
    });
  } catch (error) {
    if (error instanceof ToolFailure) throw new ToolFailure(`${error.message}. Pass post_at (Unix seconds) instead.`);
    throw error;
  }
  if (answer.action !== 'accept') throw new ToolFailure(`cancelled: you ${answer.action === 'decline' ? 'declined' : 'cancelled'} choosing a time; nothing was scheduled`);
  const postAt = Date.parse(String(answer.content?.post_at ?? ''));
  if (Number.isNaN(postAt)) throw new ToolFailure('invalid_time: the time given is not a date-time such as 2026-12-24T09:00:00Z');
  return Math.floor(postAt / 1000);
}

export function registerScheduleMessageTool(server: McpServer, context: McpCallContext, workspace: SlackWorkspace): void {
  const { caller } = context;
  server.registerTool(
    'schedule_message',
    {
      description: 'Schedule a message to a channel for later. Without post_at, asks you when (elicitation).',
      inputSchema: z.strictObject({
        channel: z.string().regex(/^[CDG][A-Z0-9]{8,12}$/, 'must be a channel id such as C0123ABCDE'),
        text: z.string().min(1).max(4000),
        post_at: z.int().min(0).optional().describe('When to send, Unix seconds'),
      }),
      annotations: { readOnlyHint: false, destructiveHint: false },
    },
    async ({ channel: id, text, post_at }, extra) => {
      requireScope(caller, ['chat:write'], (s) => `missing_scope: this token needs ${s}`);
      const channel = workspace.visibleChannel(caller, id);
      if (!channel) throw new ToolFailure(`channel_not_found: ${id} does not exist or is not visible to this token`);
      if (!workspace.isMember(caller, channel)) throw new ToolFailure(`not_in_channel: this token is not a member of ${channel.name}`);
      const postAt = post_at ?? (await askWhen(context, extra, channel));
      const now = Math.floor(Date.now() / 1000);
      if (postAt <= now) throw new ToolFailure('time_in_past: post_at is in the past');
      if (postAt > now + MAX_AHEAD_SECONDS) throw new ToolFailure('time_too_far: post_at is more than 120 days ahead');
      const scheduled = workspace.schedule(channel, workspace.memberId(caller), text, postAt);
      return jsonResult({ ok: true, channel: channel.id, scheduled_message_id: scheduled.id, post_at: scheduled.postAt, message: { text, user: scheduled.userId } });
    },
  );
}
