/**
 * Issue 14, "done when" 4: a rolling restart of both replicas (cluster.rollingRestart(): one at a
 * time out of rotation, drained, started again, back in) under a steady, bounded load of MCP tool
 * calls through nginx loses no call. Four SDK clients, each in its own session, loop tools/call
 * (whoami) for the whole restart; the figures are printed as `rolling restart: sent N, answered N,
 * failed 0`. Every replica really restarted (its pid changed), and each session went on through the
 * restart on whichever replica was up (sessions are the store's).
 */
import { describe, expect, it } from 'vitest';
import { balancedRequests, perReplica, clusterForFile, withClusterLogs } from '../support/clusterClient.ts';
import { connectMcp, textOf, type ConnectedClient } from '../support/mcpClient.ts';
import { connectClient } from '../support/oauthDriver.ts';

const CLIENTS = 4;
/** Hard caps on the load: calls per client, and time after which the clients stop whatever happens. */
const MAX_CALLS_PER_CLIENT = 2500;
const MAX_LOAD_MS = 60_000;
/** A call unanswered this long counts as failed (the SDK's default would wait 60 s). */
const CALL_TIMEOUT_MS = 15_000;

const started = clusterForFile();

describe('Rolling restart under load', () => {
  it(
    'restarts both replicas one at a time while 4 clients call tools: every call sent is answered, none fails',
    withClusterLogs(
      () => started().cluster,
      async () => {
        const { cluster } = started();
        const clients: ConnectedClient[] = [];
        for (let i = 0; i < CLIENTS; i++) {
          const signedIn = await connectClient(cluster.url, cluster.mcpUrl, started().person(4 + i));
          clients.push(await connectMcp(cluster.mcpUrl, String(signedIn.tokens.access_token), `load-${i}`));
        }
        const pidsBefore = cluster.replicas.map((replica) => replica.pid);
        const figures = { sent: 0, answered: 0, failed: 0 };
        const failures: string[] = [];
        let running = true;
        let slowestMs = 0;
        const loadStarted = Date.now();
        const from = cluster.balancer.accessLog().length;
        const loop = async (client: ConnectedClient) => {
          for (let n = 0; running && n < MAX_CALLS_PER_CLIENT && Date.now() - loadStarted < MAX_LOAD_MS; n++) {
            figures.sent++;
            const callStarted = Date.now();
            try {
              const result = await client.client.callTool({ name: 'whoami', arguments: {} }, undefined, { timeout: CALL_TIMEOUT_MS });
              if (result.isError) {
                figures.failed++;
                failures.push(`tool error: ${textOf(result).slice(0, 160)} (at ${callStarted - loadStarted} ms, took ${Date.now() - callStarted} ms)`);
              } else figures.answered++;
              slowestMs = Math.max(slowestMs, Date.now() - callStarted);
            } catch (error) {
              figures.failed++;
              failures.push(`${(error as Error).message.replace(/\s+/g, ' ').slice(0, 160)} (at ${callStarted - loadStarted} ms, took ${Date.now() - callStarted} ms)`);
            }
          }
        };
        try {
          const load = clients.map(loop);
          // Some steady load before the first replica leaves, and some after the last one is back.
          await new Promise((resolve) => setTimeout(resolve, 1000));
          const restartStarted = Date.now();
          await cluster.rollingRestart();
          const restartMs = Date.now() - restartStarted;
          await new Promise((resolve) => setTimeout(resolve, 1000));
          running = false;
          await Promise.all(load);
          const pidsAfter = cluster.replicas.map((replica) => replica.pid);
          const spread = perReplica(
            balancedRequests(cluster, from).filter((r) => r.method === 'POST' && r.uri === '/mcp'),
            cluster.replicas.length,
          );
          const retried = balancedRequests(cluster, from).filter((r) => r.tried > 1).length;
          process.stdout.write(
            `rolling restart: sent ${figures.sent}, answered ${figures.answered}, failed ${figures.failed} ` +
              `(restart ${restartMs} ms, load ${Date.now() - loadStarted} ms, slowest answer ${slowestMs} ms, calls per replica ${spread.join('/')}, passed on by nginx ${retried}, pids ${pidsBefore.join(',')} → ${pidsAfter.join(',')})\n`,
          );
          if (failures.length > 0) process.stdout.write(`failures by kind:\n${summarize(failures)}\n`);
          expect(failures.slice(0, 5)).toEqual([]);
          expect(figures.failed).toBe(0);
          expect(figures.answered).toBe(figures.sent);
          // The load really ran across the restart: calls on both replicas, far more than a handful.
          expect(figures.sent).toBeGreaterThan(100);
          expect(spread.every((count) => count > 0)).toBe(true);
          for (const [index, pid] of pidsAfter.entries()) {
            expect(pid, `replica ${index} is running`).toBeDefined();
            expect(pid, `replica ${index} restarted`).not.toBe(pidsBefore[index]);
          }
        } finally {
          running = false;
          await Promise.all(clients.map((client) => client.close().catch(() => {})));
        }
      },
    ),
    120_000,
  );
});

/** Failures grouped by message: how many, and when the first and last failing call was sent (ms into the load). */
function summarize(failures: readonly string[]): string {
  const kinds = new Map<string, number[]>();
  for (const failure of failures) {
    const [, message = failure, at = '0'] = /^(.*) \(at (\d+) ms/.exec(failure) ?? [];
    kinds.set(message, [...(kinds.get(message) ?? []), Number(at)]);
  }
  return [...kinds].map(([message, times]) => `  ${times.length}× ${message} (sent at ${Math.min(...times)}–${Math.max(...times)} ms)`).join('\n');
}
