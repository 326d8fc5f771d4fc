/**
 * Starts a gateway: opens the store the configuration names (openStore.ts), listens (port 0 picks a
 * free one — tests run many gateways side by side), fixes the public URL from the real port, then
 * builds the app from the inputs it is given (directory users, optionally a catalogue:
 * gatewayInputs.ts). Returns a handle that closes everything in order: close() at once (tests),
 * drain() gracefully (SIGTERM; issue 14 part 4), one log line per phase:
 *   1. /readyz answers 503 and every response says `Connection: close`;
 *   2. the listener stops accepting (at once, or after notReadyGraceMs) — behind nginx a refused
 *      connection is passed to another replica, even a POST, because nothing of it was sent here;
 *   3. requests being answered finish (bounded by timeoutMs), idle keep-alive connections closed;
 *   4. MCP sessions close, which ends their GET event streams: the client reconnects through the
 *      balancer and resumes with Last-Event-ID on another replica;
 *   5. the remaining connections are cut and the store closes.
 */
import { createServer, type Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import { listen } from '../web/listen.ts';
import { resolveConfig, type GatewayConfig, type ResolvedConfig } from './config/loadConfig.ts';
import { createGatewayApp, type GatewayApp } from './app.ts';
import type { GatewayInputs } from './gatewayInputs.ts';
import { createLogger, type Logger } from './logging/logger.ts';
import { markDraining } from './http/health.ts';
import { trackInFlight } from './http/inFlightRequests.ts';
import { openStore } from './store/openStore.ts';
import type { GatewayStore } from './store/store.ts';
import { boundHeapGrowth } from './runtime/heapGrowth.ts';

export interface RunningGateway {
  readonly config: ResolvedConfig;
  /** The public URL (issuer). */
  readonly url: string;
  /** Where this process actually listens, which differs from url behind a proxy. */
  readonly listenUrl: string;
  readonly mcpUrl: string;
  readonly portalUrl: string;
  readonly store: GatewayStore;
  readonly app: GatewayApp;
  /** Stops at once: streams and requests are cut (tests, a failed start). */
  close(): Promise<void>;
  /** Stops gracefully (SIGTERM): see the phases above. Safe to call twice. */
  drain(options?: DrainOptions): Promise<DrainReport>;
}

export interface DrainOptions {
  /** Longest wait for requests being answered (default GANGWAY_DRAIN_TIMEOUT_SECONDS, 10 s); what is left is cut. */
  readonly timeoutMs?: number;
  /**
   * How long /readyz answers 503 while the listener still accepts, before it closes (default GANGWAY_DRAIN_GRACE_SECONDS, 0).
   * nginx needs none — it learns from the refused connection; a balancer that polls /readyz
   * (Kubernetes, HAProxy) wants its poll interval here, so it stops routing before connections fail.
   */
  readonly notReadyGraceMs?: number;
}

export interface DrainReport {
  /** Requests still running when the wait ended (0 = every answer went out). */
  readonly abandoned: number;
  readonly durationMs: number;
}

export interface StartOptions extends GatewayInputs {
  readonly logger?: Logger;
}

export async function startGateway(config: GatewayConfig, options: StartOptions): Promise<RunningGateway> {
  // Keeps RSS near the live heap under sustained load (issue 11 #9; runtime/heapGrowth.ts).
  boundHeapGrowth();
  const logger = options.logger ?? createLogger(config.log.level);
  const store = await openStore(config, { logger });
  const server: Server = createServer();
  let built: GatewayApp | undefined;
  try {
    // A fixed port is bound only once the app can answer: behind a balancer, a port that accepts
    // before that takes requests nobody answers (a replica restarting). Port 0 is bound first —
    // nobody knows it yet — because the public URL may need the port the kernel picks.
    const early = config.port === 0 ? await listen(server, 0, config.host) : undefined;
    const resolved = resolveConfig(config, early?.port ?? config.port);
    const app = await createGatewayApp(resolved, store, logger, { directory: options.directory, catalog: options.catalog });
    built = app;
    const inFlight = trackInFlight(server, app.koa.callback());
    const bound = early ?? (await listen(server, config.port, config.host));
    // SSE streams are long-lived; keep header/request timeouts but not a whole-request timeout.
    server.requestTimeout = 0;
    let drained: Promise<DrainReport> | undefined;
    logger.info('gateway.started', { issuer: resolved.issuer, mcp_url: resolved.mcpUrl, store: store.kind, data_dir: config.dataDir });
    return {
      config: resolved,
      url: resolved.publicUrl,
      listenUrl: `http://${bound.urlHost}:${bound.port}`,
      mcpUrl: resolved.mcpUrl,
      portalUrl: app.portalUrl,
      store,
      app,
      async close() {
        await app.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await store.close();
      },
      drain(options = {}) {
        drained ??= drainGateway(options.timeoutMs ?? config.shutdown.drainTimeoutSeconds * 1000, options.notReadyGraceMs ?? config.shutdown.notReadyGraceSeconds * 1000);
        return drained;
      },
    };

    async function drainGateway(timeoutMs: number, notReadyGraceMs: number): Promise<DrainReport> {
      const started = Date.now();
      markDraining(app.koa);
      inFlight.closeConnections();
      logger.info('gateway.draining', { phase: 'not_ready', answering: inFlight.answering(), timeout_ms: timeoutMs, grace_ms: notReadyGraceMs });
      if (notReadyGraceMs > 0) await new Promise((resolve) => setTimeout(resolve, notReadyGraceMs));
      // Closed right after an event-loop poll accepted what the kernel had queued (a queued
      // connection is reset by the close, after nginx sent its request), and with net.Server's
      // close, not http.Server's: that one also runs closeIdleConnections(), which cuts connections
      // whose request is still on its way in. A connection arriving after the close is refused,
      // which nginx passes to another replica.
      await new Promise((resolve) => setImmediate(resolve));
      const listenerClosed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
      logger.info('gateway.draining', { phase: 'listener_closed', answering: inFlight.answering() });
      // A keep-alive connection that goes idle after its answer is closed at once, not left to time out.
      const idleSweep = setInterval(() => inFlight.closeIdleKeepAlive(), 100);
      const allAnswered = await inFlight.settled(Math.max(0, timeoutMs - notReadyGraceMs));
      clearInterval(idleSweep);
      const abandoned = inFlight.answering();
      logger.info('gateway.draining', { phase: 'requests_done', abandoned, waited_ms: Date.now() - started });
      await app.close();
      logger.info('gateway.draining', { phase: 'streams_closed' });
      server.closeAllConnections();
      await listenerClosed;
      await store.close();
      logger.info('gateway.stopped', { graceful: allAnswered, duration_ms: Date.now() - started });
      return { abandoned, durationMs: Date.now() - started };
    }
  } catch (error) {
    server.close();
    await built?.close();
    await store.close();
    throw error;
  }
}
