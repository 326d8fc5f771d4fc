/**
 * Probes for a load balancer or an orchestrator (issue 14, part 4):
 *   GET /healthz  200 {"status":"ok"} while the process can answer at all (liveness);
 *   GET /readyz   200 when this replica should get traffic: the store answers and its schema holds
 *                 the newest migration this build knows; 503 otherwise, and at once when the replica
 *                 starts draining (server.ts) so nothing new is routed to it.
 * No authentication (they say nothing about users), never cached, and a 503 body names the reason in
 * a fixed word — never an error message or stack, which could carry the database URL.
 */
import type Koa from 'koa';
import type { Middleware } from 'koa';
import { migrations } from '../store/migrations.ts';
import type { GatewayStore } from '../store/store.ts';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';

const NEWEST_MIGRATION = Math.max(...migrations.map((migration) => migration.version));
/** A store that does not answer in this time is as good as down for a readiness probe. */
const STORE_PROBE_MS = 2000;

// Which Koa apps are draining: server.ts marks its app, the probe reads the mark.
const draining = new WeakSet<Koa>();

export function markDraining(app: Koa): void {
  draining.add(app);
}

type Readiness = { ready: true } | { ready: false; reason: 'draining' | 'store_unreachable' | 'migrations_pending' };

async function readiness(app: Koa, store: Pick<GatewayStore, 'migrations'>): Promise<Readiness> {
  if (draining.has(app)) return { ready: false, reason: 'draining' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STORE_PROBE_MS);
  });
  try {
    const applied = await Promise.race([store.migrations(), timeout]);
    if (applied === 'timeout') return { ready: false, reason: 'store_unreachable' };
    return applied.includes(NEWEST_MIGRATION) ? { ready: true } : { ready: false, reason: 'migrations_pending' };
  } catch {
    return { ready: false, reason: 'store_unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(store: Pick<GatewayStore, 'migrations'>): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === HEALTH_PATH) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { status: 'ok' };
      return;
    }
    if (ctx.path !== READY_PATH) return next();
    const state = await readiness(ctx.app, store);
    ctx.set('Cache-Control', 'no-store');
    if (state.ready) {
      ctx.body = { status: 'ready', schema: NEWEST_MIGRATION };
    } else {
      ctx.status = 503;
      ctx.body = { status: 'not_ready', reason: state.reason };
    }
  };
}
