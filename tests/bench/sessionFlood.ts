/**
 * Opens many MCP sessions on the gateway the way a client does (initialize, then
 * notifications/initialized, with a valid token) and leaves them open; then asks each for a ping
 * to count how many the gateway still holds (it keeps at most 64 per user and closes the oldest
 * beyond that, so with the eight directory users at most 512 stay open).
 */
import { RawMcpClient } from './rawMcpClient.ts';
import { throughput } from './sampling.ts';

const WORKERS = 8;

/** `count` sessions, the tokens taken in turn. */
export async function openSessions(mcpUrl: string, tokens: readonly string[], count: number): Promise<RawMcpClient[]> {
  const sessions: RawMcpClient[] = [];
  let opened = 0;
  await throughput(async () => sessions.push(await RawMcpClient.connect(mcpUrl, tokens[opened++ % tokens.length]!)), count, WORKERS);
  return sessions;
}

/** How many of `sessions` still answer a ping. */
export async function liveSessions(sessions: readonly RawMcpClient[]): Promise<number> {
  let live = 0;
  for (const session of sessions) {
    if (await session.request('ping').then(() => true, () => false)) live++;
  }
  return live;
}
