/**
 * Issue 14 part 3: the cluster started by one call (stack/cluster/startCluster.ts) — two gateway
 * replicas as child processes on one store, nginx round-robin in front — and what a platform team
 * does to it: SIGTERM (graceful drain), SIGKILL (a crash), a rolling restart. Everything goes through
 * the balancer's URL as a client would, except where a test needs to pin a call to one replica.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryUsers } from '../../fixtures/directory.ts';
import { startCluster, type RunningCluster } from '../../stack/cluster/startCluster.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { connectMcp, textOf } from '../support/mcpClient.ts';
import { saveValidKeys } from '../support/validKeys.ts';
import { httpGet } from './httpGet.ts';

const SEED = 20261124;
let cluster: RunningCluster;
let startedInMs = 0;

/** The replica (by index) that answered each access-log line from `from` on, as nginx saw it: the last upstream tried. */
function answeredBy(from: number): { replica: number; tried: number }[] {
  const ports = cluster.replicas.map((replica) => new URL(replica.listenUrl).port);
  return cluster.balancer
    .accessLog()
    .slice(from)
    .map((line) => {
      const tried = / upstream=(.*?) upstream_status=/.exec(line)?.[1]?.split(', ') ?? [];
      return { replica: ports.indexOf(tried.at(-1)?.split(':')[1] ?? ''), tried: tried.length };
    });
}

const register = (name: string) =>
  fetch(`${cluster.url}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: name, redirect_uris: ['http://127.0.0.1:33418/callback'], token_endpoint_auth_method: 'none' }),
    signal: AbortSignal.timeout(15_000),
  });

/** Requests through the balancer from `workers` loops — discovery GETs and registration POSTs — until stop(). */
function steadyLoad(workers = 4): { stop(): Promise<{ sent: number; answered: number; failures: string[] }> } {
  let running = true;
  const figures = { sent: 0, answered: 0, failures: [] as string[] };
  const loop = async (id: number) => {
    for (let n = 0; running; n++) {
      figures.sent++;
      try {
        const response =
          n % 2 ? await register(`load-${id}-${n}`) : await fetch(`${cluster.url}/.well-known/oauth-protected-resource/mcp`, { signal: AbortSignal.timeout(15_000) });
        await response.body?.cancel();
        if (response.status === 200 || response.status === 201) figures.answered++;
        else figures.failures.push(`HTTP ${response.status}`);
      } catch (error) {
        figures.failures.push((error as Error).message);
      }
    }
  };
  const loops = Array.from({ length: workers }, (_, id) => loop(id));
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return figures;
    },
  };
}

beforeAll(async () => {
  const started = Date.now();
  cluster = await startCluster({
    mockOptions: { seed: SEED },
    // The rolling-restart load registers clients; the default per-IP window would refuse them.
    gatewayEnv: { GANGWAY_REGISTRATIONS_PER_IP: '100000', GANGWAY_DIRECTORY_SEED: String(SEED) },
  });
  startedInMs = Date.now() - started;
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

function dumpLogsOnFailure(run: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await run();
    } catch (error) {
      process.stderr.write(`--- cluster logs (tail) ---\n${cluster.logs().split('\n').slice(-80).join('\n')}\n--- nginx ---\n${cluster.balancer.errorLog().slice(-2000)}\n`);
      throw error;
    }
  };
}

describe('Cluster launcher: two replicas behind nginx', () => {
  it(
    'starts two replicas and the balancer; requests alternate between the replicas (round-robin, no stickiness)',
    dumpLogsOnFailure(async () => {
      process.stdout.write(`cluster started in ${startedInMs} ms (2 replicas, nginx, mocks)\n`);
      expect(cluster.replicas).toHaveLength(2);
      expect(cluster.mcpUrl).toBe(`${cluster.url}/mcp`);
      expect(cluster.databaseUrl).toMatch(/^postgres(ql)?:\/\//); // the cluster's own PostgreSQL
      const from = cluster.balancer.accessLog().length;
      for (let i = 0; i < 6; i++) expect((await httpGet(`${cluster.url}/healthz`)).status).toBe(200);
      const order = answeredBy(from).map((entry) => entry.replica);
      expect(order).toHaveLength(6);
      expect(new Set(order)).toEqual(new Set([0, 1]));
      for (let i = 1; i < order.length; i++) expect(order[i], `request ${i}: ${order.join(',')}`).not.toBe(order[i - 1]);
    }),
  );

  it(
    'serves /healthz and /readyz through the balancer and on each replica; the balancer URL is every replica\'s issuer',
    dumpLogsOnFailure(async () => {
      for (const base of [cluster.url, ...cluster.replicas.map((replica) => replica.listenUrl)]) {
        expect(JSON.parse((await httpGet(`${base}/healthz`)).body)).toEqual({ status: 'ok' });
        const ready = await httpGet(`${base}/readyz`);
        expect(ready.status, base).toBe(200);
      }
      for (let i = 0; i < 2; i++) {
        const metadata = (await (await fetch(`${cluster.url}/.well-known/oauth-authorization-server`)).json()) as { issuer: string };
        expect(metadata.issuer).toBe(cluster.url);
      }
    }),
  );

  it(
    'SIGTERM: a slow tool call in flight finishes, new requests go to the other replica, the replica exits 0',
    dumpLogsOnFailure(async () => {
      // Sign-in and consent through the balancer: the pages alternate between replicas on the shared store.
      const person = directoryUsers(SEED)[0]!;
      const consent = await ConsentSession.open(cluster.url, cluster.mcpUrl, person);
      await saveValidKeys(consent, cluster.mocks.fixtures, ['github']);
      const granted = await consent.authorize({ untick: ['atlassian', 'slack'] });
      const token = String(granted.tokens?.access_token);
      // The call is pinned to replica 0, the one we stop.
      const [draining, other] = cluster.replicas as [RunningCluster['replicas'][0], RunningCluster['replicas'][0]];
      const mcp = await connectMcp(`${draining.listenUrl}/mcp`, token);
      try {
        cluster.mocks.vendors.github.control.setFaults({ latencyMs: 2500 });
        const call = mcp.client.callTool({ name: 'github__list_repositories', arguments: {} });
        call.catch(() => {}); // awaited below; a failed check before that must not leave it unhandled
        await new Promise((resolve) => setTimeout(resolve, 500));
        draining.kill('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, 200));
        // While it drains: refused at its own port, and everything through nginx lands on the other replica.
        expect(await httpGet(`${draining.listenUrl}/healthz`).then(() => 'answered', (error: NodeJS.ErrnoException) => error.code)).toBe('ECONNREFUSED');
        const from = cluster.balancer.accessLog().length;
        for (let i = 0; i < 4; i++) expect((await httpGet(`${cluster.url}/healthz`)).status).toBe(200);
        expect(answeredBy(from).map((entry) => entry.replica), cluster.balancer.accessLog().slice(from).join('\n')).toEqual([other.index, other.index, other.index, other.index]);
        const result = await call;
        expect(result.isError ?? false).toBe(false);
        expect(textOf(result)).toContain('full_name');
        expect(await draining.exited()).toBe(0);
        expect(cluster.logs()).toMatch(/\[replica-0\] .*"gateway\.stopped".*"graceful":true/);
      } finally {
        cluster.mocks.vendors.github.control.setFaults({ latencyMs: 0 });
        await mcp.close().catch(() => {});
        await draining.exited();
        await draining.start();
      }
      expect((await httpGet(`${draining.listenUrl}/readyz`)).status).toBe(200);
    }),
    60_000,
  );

  it(
    'SIGKILL: requests through nginx — registrations (POST) too — still succeed; nginx passes the refused connection on',
    dumpLogsOnFailure(async () => {
      const killed = cluster.replicas[1]!;
      killed.kill('SIGKILL');
      expect(await killed.exited()).toBeNull();
      const from = cluster.balancer.accessLog().length;
      try {
        for (let i = 0; i < 6; i++) {
          const response = await register(`after-kill-${i}`);
          expect(response.status).toBe(201);
          await response.body?.cancel();
        }
        const entries = answeredBy(from);
        expect(entries.every((entry) => entry.replica === 0), cluster.balancer.accessLog().slice(from).join('\n')).toBe(true);
        // At least one POST was first sent toward the dead replica and passed on (refused: nothing of it was sent).
        expect(entries.some((entry) => entry.tried === 2)).toBe(true);
      } finally {
        // Restarted while nginx keeps trying it (a crashed replica coming back, unannounced): a
        // request must never land on its port before it can answer.
        const load = steadyLoad();
        await killed.start();
        await new Promise((resolve) => setTimeout(resolve, 2500)); // past nginx's fail_timeout: it is tried again
        const figures = await load.stop();
        process.stdout.write(`restart after SIGKILL: requests sent ${figures.sent}, answered ${figures.answered}, failed ${figures.failures.length}\n`);
        expect(figures.failures.slice(0, 5), `${figures.failures.length} failed`).toEqual([]);
      }
      const again = cluster.balancer.accessLog().length;
      await new Promise((resolve) => setTimeout(resolve, 2100)); // nginx's fail_timeout for the refused replica
      for (let i = 0; i < 4; i++) expect((await httpGet(`${cluster.url}/healthz`)).status).toBe(200);
      expect(new Set(answeredBy(again).map((entry) => entry.replica))).toEqual(new Set([0, 1]));
    }),
    60_000,
  );

  it(
    'rolling restart (each replica out of rotation, drained, restarted, back) under steady load loses no request',
    dumpLogsOnFailure(async () => {
      const load = steadyLoad();
      const started = Date.now();
      await cluster.rollingRestart();
      const restartMs = Date.now() - started;
      const figures = await load.stop();
      process.stdout.write(`rolling restart: ${restartMs} ms; requests sent ${figures.sent}, answered ${figures.answered}, failed ${figures.failures.length}\n`);
      expect(figures.failures.slice(0, 5), `${figures.failures.length} failed`).toEqual([]);
      expect(figures.answered).toBe(figures.sent);
      expect(figures.sent).toBeGreaterThan(20);
      for (const replica of cluster.replicas) expect((await httpGet(`${replica.listenUrl}/readyz`)).status).toBe(200);
    }),
    120_000,
  );
});
