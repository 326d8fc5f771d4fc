/**
 * MCP logging through the gateway (issue 13): a client that sends `logging/setLevel` gets the
 * upstreams' `notifications/message` from its tool calls, at that level or above, each tagged with
 * the connector it came from (`logger: "<connector>/<upstream's logger>"`). A client that never set
 * a level gets none — and its calls stay on the JSON lane. The level is also passed on to the
 * upstreams (logLevelFanOut.ts), so theirs send what the client asked for.
 */
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { SetLevelRequestSchema, type LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import { atLeast } from '../../wire/logLevels.ts';
import { stateChanged } from './sessionStateWatch.ts';

const levels = new WeakMap<Server, LoggingLevel>();

/** Answers logging/setLevel for this session's server, remembers the level and passes it on upstream (`fanOut`). */
export function handleSetLevel(server: Server, fanOut: (level: LoggingLevel, authInfo: AuthInfo | undefined) => Promise<void>): void {
  server.setRequestHandler(SetLevelRequestSchema, async (request, extra) => {
    levels.set(server, request.params.level);
    stateChanged(server);
    await fanOut(request.params.level, extra.authInfo);
    return {};
  });
}

/** The client asked for log messages (its calls then stream). */
export const wantsLogs = (server: Server): boolean => levels.has(server);

/** A message at `level` is as severe as the client asked for, or more. */
export function passesLevel(server: Server, level: unknown): boolean {
  return atLeast(level, levels.get(server));
}

/** The level this session's client set, if any (saved with the session: sessionState.ts). */
export const levelOf = (server: Server): LoggingLevel | undefined => levels.get(server);

/** Gives a session rebuilt on this replica the level its client set elsewhere. */
export function restoreLevel(server: Server, level: LoggingLevel | undefined): void {
  if (level === undefined) levels.delete(server);
  else levels.set(server, level);
}
