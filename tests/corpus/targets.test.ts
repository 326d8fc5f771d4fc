/**
 * Smoke test of the foreign corpus: every target starts in its own process, its MCP URL refuses an
 * unauthenticated POST with 401 + a Bearer challenge (MCP authorization: "MUST return HTTP 401" without
 * a valid token), stop() ends the process, and kill() really kills it.
 */
import { describe, expect, it } from 'vitest';
import { startCorpusTarget, type RunningTarget } from './corpusTarget.ts';
import { CORPUS_TARGETS } from './targets.ts';
import { initializeRequest } from '../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION } from '../../wire/protocolVersions.ts';

const INITIALIZE = initializeRequest(LATEST_STATEFUL_REVISION, { name: 'corpus-smoke', version: '1.0.0' });

function isAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0); // the whole process group: tsx and the server it runs
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return !isAlive(pid);
}

describe('foreign corpus targets', () => {
  for (const { id } of CORPUS_TARGETS) {
    it(`${id}: starts, answers an unauthenticated POST with 401, stops cleanly`, { timeout: 60_000 }, async () => {
      const target: RunningTarget = await startCorpusTarget(id);
      try {
        expect(target.mcpUrl).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):\d+\//);
        const response = await fetch(target.mcpUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: JSON.stringify(INITIALIZE),
        });
        expect(response.status, target.stderrTail()).toBe(401);
        expect(response.headers.get('www-authenticate') ?? '').toMatch(/^Bearer\b/i);
      } finally {
        await target.stop();
      }
      expect(await waitForExit(target.pid)).toBe(true);
      await expect(fetch(target.mcpUrl, { method: 'POST' })).rejects.toThrow();
    });
  }

  it('kill() ends a target at once (SIGKILL) and its URL stops answering', { timeout: 60_000 }, async () => {
    const target = await startCorpusTarget('sdk-example-split-as');
    target.kill();
    expect(await waitForExit(target.pid)).toBe(true);
    await expect(fetch(target.mcpUrl, { method: 'POST' })).rejects.toThrow();
  });

  it('a target that does not announce in time fails with a clear error', { timeout: 30_000 }, async () => {
    await expect(startCorpusTarget('oidc-provider-path-issuer', { timeoutMs: 1 })).rejects.toThrow(
      /oidc-provider-path-issuer did not announce its MCP URL within 1 ms; stderr tail/,
    );
  });
});
