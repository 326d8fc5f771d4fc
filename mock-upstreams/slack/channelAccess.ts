/**
 * Whether a caller may read a channel's history, by Slack's rules, shared by the history tool's
 * callers outside tools.ts (resources, prompts): the channel is visible, the token holds the
 * history scope for its kind, and a bot token is a member.
 */
import type { Caller } from '../core/callerAuth.ts';
import type { MutableChannel, SlackWorkspace } from './workspace.ts';

export const HISTORY_SCOPE: Record<MutableChannel['kind'], string> = { public_channel: 'channels:history', private_channel: 'groups:history', im: 'im:history' };

export function readableChannels(caller: Caller, workspace: SlackWorkspace): MutableChannel[] {
  return workspace.visibleChannels(caller).filter((c) => caller.scopes.has(HISTORY_SCOPE[c.kind]) && (caller.actor === 'user' || workspace.isMember(caller, c)));
}
