/**
 * The part of an MCP session its client changes after `initialize` — the log level it set and the
 * resources it subscribed to — as the JSON the store keeps with the session (issue 14), so a
 * replica that rebuilds the session serves it exactly as the one that had it.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { LoggingLevelSchema } from '@modelcontextprotocol/sdk/types.js';
import { levelOf, restoreLevel } from './sessionLogging.ts';
import { restoreSubscriptions, subscriptionsOf } from './resourceSubscriptions.ts';

export const EMPTY_STATE = '{}';

export function snapshotState(server: Server): string {
  const level = levelOf(server);
  const subscriptions = subscriptionsOf(server);
  return JSON.stringify({ ...(level ? { level } : {}), ...(subscriptions.length ? { subscriptions } : {}) });
}

/** Applies saved state; anything malformed is ignored (the client can set it again), never thrown. */
export function restoreState(server: Server, json: string): void {
  let saved: { level?: unknown; subscriptions?: unknown } = {};
  try {
    saved = JSON.parse(json) as typeof saved;
  } catch {
    saved = {};
  }
  const level = LoggingLevelSchema.safeParse(saved.level);
  restoreLevel(server, level.success ? level.data : undefined);
  const pairs = Array.isArray(saved.subscriptions) ? saved.subscriptions.filter((pair): pair is [string, string] => Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') : [];
  restoreSubscriptions(server, pairs);
}
