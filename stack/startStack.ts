/**
 * The whole stack on loopback: the three mock upstreams and the reference gateway in front of them,
 * its connector catalogue describing the mocks as they actually run. This is the composition root —
 * the one place that imports both the gateway and the mocks; they never import each other. npm
 * start, the tests and the scenario harness all start the stack through here; the gateway gets the
 * demo directory users through demoGateway.ts.
 */
import type { CatalogInput, GatewayConfig, Logger, RunningGateway } from '../gateway/index.ts';
import { startMockUpstreams, type RunningMockUpstreams, type StartMockUpstreamsOptions } from '../mock-upstreams/index.ts';
import { startDemoGateway } from './demoGateway.ts';
import { mockCatalog } from './mockCatalog.ts';

export interface StackOptions {
  readonly gateway: GatewayConfig;
  readonly mocks?: StartMockUpstreamsOptions;
  readonly logger?: Logger;
  /** Adjusts the catalogue before the gateway starts (e.g. switch a connector to discovery). */
  readonly catalog?: (catalog: CatalogInput) => CatalogInput;
}

export interface RunningStack {
  readonly gateway: RunningGateway;
  readonly mocks: RunningMockUpstreams;
  readonly catalog: CatalogInput | undefined;
  /** Restarts the gateway alone (same data directory, same port), the mocks keep running; optionally with other settings. */
  restartGateway(config?: GatewayConfig): Promise<RunningGateway>;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const mocks = await startMockUpstreams(options.mocks);
  // An explicit catalogue file wins; otherwise the catalogue describes the mocks just started.
  const generated = mockCatalog(mocks.vendors);
  const catalog = options.gateway.connectorsFile ? undefined : (options.catalog?.(generated) ?? generated);
  const start = (config: GatewayConfig) => startDemoGateway(config, { logger: options.logger, catalog });
  let gateway: RunningGateway;
  try {
    gateway = await start(options.gateway);
  } catch (error) {
    await mocks.close();
    throw error;
  }
  return {
    get gateway() {
      return gateway;
    },
    mocks,
    catalog,
    async restartGateway(config = options.gateway) {
      const port = Number(new URL(gateway.listenUrl).port);
      await gateway.close();
      gateway = await start({ ...config, port });
      return gateway;
    },
    async close() {
      await gateway.close();
      await mocks.close();
    },
  };
}
