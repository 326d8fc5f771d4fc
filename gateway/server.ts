/**
 * Starts a gateway: opens the store, listens (port 0 picks a free one — tests run many gateways
 * side by side), fixes the public URL from the real port, then builds the app from the inputs it is
 * given (directory users, optionally a catalogue: gatewayInputs.ts). Returns a handle that closes
 * everything in order.
 */
import { createServer, type Server } from 'node:http';
import { listen } from '../web/listen.ts';
import { resolveConfig, type GatewayConfig, type ResolvedConfig } from './config/loadConfig.ts';
import { createGatewayApp, type GatewayApp } from './app.ts';
import type { GatewayInputs } from './gatewayInputs.ts';
import { createLogger, type Logger } from './logging/logger.ts';
import { openSqliteStore } from './store/sqlite/openSqliteStore.ts';
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
  close(): Promise<void>;
}

export interface StartOptions extends GatewayInputs {
  readonly logger?: Logger;
}

export async function startGateway(config: GatewayConfig, options: StartOptions): Promise<RunningGateway> {
  // Keeps RSS near the live heap under sustained load (issue 11 #9; runtime/heapGrowth.ts).
  boundHeapGrowth();
  const logger = options.logger ?? createLogger(config.log.level);
  const store = openSqliteStore(config.dataDir);
  const server: Server = createServer();
  try {
    const bound = await listen(server, config.port, config.host);
    const resolved = resolveConfig(config, bound.port);
    const app = await createGatewayApp(resolved, store, logger, { directory: options.directory, catalog: options.catalog });
    server.on('request', app.koa.callback());
    // SSE streams are long-lived; keep header/request timeouts but not a whole-request timeout.
    server.requestTimeout = 0;
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
    };
  } catch (error) {
    server.close();
    await store.close();
    throw error;
  }
}
