/** SEC-05: tool calls are rate-limited per user; the limit says when to retry and refills over time. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../gateway/store/sqlite/openSqliteStore.ts';
import { createToolCallRateLimit } from '../../gateway/tools/toolCallRateLimit.ts';
import { connectClient } from '../support/oauthDriver.ts';
import { connectMcp, textOf } from '../support/mcpClient.ts';
import { cite } from '../support/requirements.ts';
import { storeKinds } from '../support/storeKinds.ts';
import { startTestGateway } from '../support/testGateway.ts';

describe('Tool-call rate limit', () => {
  it(`${cite('SEC-05')} allows a burst of a tenth of the per-minute rate, then refills at that rate, per user`, async () => {
    let now = 0;
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'gangway-rate-')));
    const limit = createToolCallRateLimit(store.limits, 60, () => now);
    for (let i = 0; i < 6; i++) expect(await limit.take('alice')).toBe(0);
    expect(await limit.take('alice')).toBe(1);
    expect(await limit.take('bob')).toBe(0);
    now += 1000;
    expect(await limit.take('alice')).toBe(0);
    expect(await limit.take('alice')).toBeGreaterThan(0);
    await store.close();
  });

  it.each(storeKinds())(`${cite('SEC-05')} answers calls over the limit with a tool error that says when to retry ($kind store)`, async (kind) => {
    const gw = await startTestGateway({ toolCallsPerMinute: 30, ...(await kind.settings()) });
    try {
      const token = String((await connectClient(gw.current.url, gw.current.mcpUrl, gw.current.app.directory[0]!)).tokens.access_token);
      const mcp = await connectMcp(gw.current.mcpUrl, token);
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await mcp.client.callTool({ name: 'whoami', arguments: {} }));
      expect(results.slice(0, 3).every((r) => !r.isError)).toBe(true);
      expect(results[3]!.isError).toBe(true);
      expect(textOf(results[3]!)).toMatch(/Too many tool calls; try again in \d+ s/);
      await mcp.close();
    } finally {
      await gw.stop();
      await kind.cleanup();
    }
  });
});
