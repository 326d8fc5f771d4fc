/**
 * Issue 14 part 4, in one gateway process: /healthz and /readyz, and the graceful drain that SIGTERM
 * runs (stack/gatewayMain.ts → RunningGateway.drain): not ready at once, answers in flight finish
 * with `Connection: close`, the listener refuses new connections, a bounded wait.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../gateway/store/migrations.ts';
import type { GatewayStore } from '../../gateway/store/store.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';
import { httpGet } from './httpGet.ts';

const NEWEST = Math.max(...migrations.map((m) => m.version));
let gateway: TestGateway | undefined;

afterEach(async () => {
  await gateway?.stop().catch(() => {});
  gateway = undefined;
});

/** Makes the store's migrations() answer as given (storeCache passes the call through to this object). */
function storeAnswers(store: GatewayStore, answer: () => Promise<number[]>): void {
  (store as { migrations: GatewayStore['migrations'] }).migrations = answer;
}

const refused = (url: string) => httpGet(url).then(() => 'answered', (error: NodeJS.ErrnoException) => error.code);

describe('Health probes', () => {
  it('/healthz answers 200 {"status":"ok"}, never cached, without credentials', async () => {
    gateway = await startTestGateway();
    const response = await httpGet(`${gateway.current.listenUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('/readyz answers 200 when the store answers with the newest migration applied', async () => {
    gateway = await startTestGateway();
    const response = await httpGet(`${gateway.current.listenUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ready', schema: NEWEST });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('/readyz answers 503 naming the reason: a schema behind this build, or a store that fails — never the error itself', async () => {
    gateway = await startTestGateway();
    const { store, listenUrl } = gateway.current;
    storeAnswers(store, async () => migrations.map((m) => m.version).filter((v) => v !== NEWEST));
    let response = await httpGet(`${listenUrl}/readyz`);
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toEqual({ status: 'not_ready', reason: 'migrations_pending' });

    storeAnswers(store, async () => {
      throw new Error('connect ECONNREFUSED postgres://gangway:s3cret@10.0.0.5:5432/gangway');
    });
    response = await httpGet(`${listenUrl}/readyz`);
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toEqual({ status: 'not_ready', reason: 'store_unreachable' });
    expect(response.body).not.toContain('s3cret');
    // Liveness is not readiness: the process still answers.
    expect((await httpGet(`${listenUrl}/healthz`)).status).toBe(200);
  });
});

describe('Graceful drain (SIGTERM)', () => {
  it('turns /readyz 503 at once and says Connection: close while it still accepts', async () => {
    gateway = await startTestGateway();
    const { listenUrl } = gateway.current;
    const drained = gateway.current.drain({ notReadyGraceMs: 1500 });
    const ready = await httpGet(`${listenUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: 'not_ready', reason: 'draining' });
    expect(ready.headers.connection).toBe('close');
    const health = await httpGet(`${listenUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.connection).toBe('close');
    expect(await drained).toMatchObject({ abandoned: 0 });
    expect(await refused(`${listenUrl}/healthz`)).toBe('ECONNREFUSED');
    expect(gateway.logs.filter((line) => line.includes('"gateway.draining"')).map((line) => JSON.parse(line).phase)).toEqual([
      'not_ready',
      'listener_closed',
      'requests_done',
      'streams_closed',
    ]);
  });

  it('lets a request in flight finish (with Connection: close) while refusing new connections', async () => {
    gateway = await startTestGateway();
    const { store, listenUrl } = gateway.current;
    storeAnswers(store, () => new Promise((resolve) => setTimeout(() => resolve(migrations.map((m) => m.version)), 1200)));
    const slow = httpGet(`${listenUrl}/readyz`);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the slow probe is now inside the gateway
    const drained = gateway.current.drain({ timeoutMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await refused(`${listenUrl}/healthz`)).toBe('ECONNREFUSED');
    const answered = await slow;
    expect(answered.status).toBe(200); // it was admitted before the drain began
    expect(answered.headers.connection).toBe('close');
    expect(await drained).toMatchObject({ abandoned: 0 });
    expect(gateway.logs.some((line) => line.includes('"gateway.stopped"') && line.includes('"graceful":true'))).toBe(true);
  });

  it('waits no longer than its timeout: a request still running then is cut and counted', async () => {
    gateway = await startTestGateway();
    const { store, listenUrl } = gateway.current;
    storeAnswers(store, () => new Promise((resolve) => setTimeout(() => resolve(migrations.map((m) => m.version)), 3000)));
    const slow = httpGet(`${listenUrl}/readyz`).then(() => 'answered', () => 'cut');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const report = await gateway.current.drain({ timeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(report.abandoned).toBe(1);
    expect(await slow).toBe('cut');
  });

  it('takes its timeout from GANGWAY_DRAIN_TIMEOUT_SECONDS when SIGTERM gives none', async () => {
    gateway = await startTestGateway({ drainTimeoutSeconds: 1 });
    const { store, listenUrl } = gateway.current;
    storeAnswers(store, () => new Promise((resolve) => setTimeout(() => resolve(migrations.map((m) => m.version)), 6000)));
    const slow = httpGet(`${listenUrl}/readyz`).then(() => 'answered', () => 'cut');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const report = await gateway.current.drain();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(report.abandoned).toBe(1);
    expect(await slow).toBe('cut');
  });
});
