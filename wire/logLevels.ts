/**
 * MCP's log levels (RFC 5424 severities as the spec orders them, least severe first), for everyone
 * who compares them: a session's filter, the level passed on to upstreams, a 2026-07-28 request's
 * own level.
 */
import { LoggingLevelSchema } from '@modelcontextprotocol/sdk/types.js';

const SEVERITY = new Map<string, number>(LoggingLevelSchema.options.map((level, index) => [level, index]));

/** The level's rank (higher is more severe); undefined for anything that is not an MCP log level. */
export const logSeverity = (level: unknown): number | undefined => (typeof level === 'string' ? SEVERITY.get(level) : undefined);

/** A message at `level` is at least as severe as `threshold` (both MCP levels). */
export function atLeast(level: unknown, threshold: unknown): boolean {
  const severity = logSeverity(level);
  const floor = logSeverity(threshold);
  return severity !== undefined && floor !== undefined && severity >= floor;
}
