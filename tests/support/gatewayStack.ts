/**
 * The stack (stack/startStack.ts) for a test: the three mock upstreams on free ports, the gateway in
 * front of them with a temporary data directory and captured logs.
 */
import type { SettingName } from '../../gateway/config/settings.ts';
import type { CatalogInput } from '../../gateway/connectors/catalogSchema.ts';
import type { RunningMockUpstreams } from '../../mock-upstreams/index.ts';
import type { RunningGateway } from '../../gateway/server.ts';
import { startDemoGateway } from '../../stack/demoGateway.ts';
import { startStack } from '../../stack/startStack.ts';
import { testGatewaySetup, type TestGateway } from './testGateway.ts';

export interface GatewayStack {
  readonly gateway: TestGateway;
  readonly mocks: RunningMockUpstreams;
  /** A second gateway on the same store and keys, serving the same public URL: another replica. */
  startReplica(): Promise<RunningGateway>;
  stop(): Promise<void>;
}

export interface StackOptions {
  readonly gateway?: Partial<Record<SettingName, unknown>>;
  readonly catalog?: (catalog: CatalogInput) => CatalogInput;
}

export async function startGatewayStack(options: StackOptions = {}): Promise<GatewayStack> {
  const setup = testGatewaySetup(options.gateway);
  const stack = await startStack({ gateway: setup.config, logger: setup.logger, mocks: { seed: 20261124 }, ...(options.catalog ? { catalog: options.catalog } : {}) });
  let stopped = false;
  const replicas: RunningGateway[] = [];
  const gateway: TestGateway = {
    get current() {
      return stack.gateway;
    },
    logs: setup.logs,
    dataDir: setup.dataDir,
    restart: () => stack.restartGateway(),
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const replica of replicas) await replica.close();
      await stack.close();
      setup.cleanup();
    },
  };
  return {
    gateway,
    mocks: stack.mocks,
    async startReplica() {
      const replica = await startDemoGateway({ ...setup.config, port: 0, publicUrl: stack.gateway.url }, { logger: setup.logger, ...(stack.catalog ? { catalog: stack.catalog } : {}) });
      replicas.push(replica);
      return replica;
    },
    stop: () => gateway.stop(),
  };
}
