/**
 * A real gateway for a test: its own temporary data directory and vault key, a free port, logs
 * captured in memory (so tests can assert what was — and was not — logged). restart() stops it and
 * starts it again on the same data directory and port, as after a process restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type GatewayConfig } from '../../gateway/config/loadConfig.ts';
import type { SettingName } from '../../gateway/config/settings.ts';
import { createLogger, type Logger } from '../../gateway/logging/logger.ts';
import type { RunningGateway } from '../../gateway/server.ts';
import { startDemoGateway } from '../../stack/demoGateway.ts';

export interface TestGateway {
  readonly current: RunningGateway;
  readonly logs: string[];
  readonly dataDir: string;
  restart(): Promise<RunningGateway>;
  stop(): Promise<void>;
}

export interface TestGatewaySetup {
  readonly config: GatewayConfig;
  readonly logger: Logger;
  readonly logs: string[];
  readonly dataDir: string;
  /** Removes the temporary directories. */
  cleanup(): void;
}

export function testGatewaySetup(overrides: Partial<Record<SettingName, unknown>> = {}): TestGatewaySetup {
  const root = mkdtempSync(join(tmpdir(), 'gangway-test-'));
  const dataDir = join(root, 'data');
  const logs: string[] = [];
  return {
    config: loadConfig({ env: {}, overrides: { port: 0, dataDir, vaultKeyFile: join(root, 'vault.key'), logLevel: 'debug', ...overrides } }),
    logger: createLogger('debug', (line) => logs.push(line)),
    logs,
    dataDir,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export async function startTestGateway(overrides: Partial<Record<SettingName, unknown>> = {}): Promise<TestGateway> {
  const setup = testGatewaySetup(overrides);
  let current = await startDemoGateway(setup.config, { logger: setup.logger });
  let stopped = false;
  return {
    get current() {
      return current;
    },
    logs: setup.logs,
    dataDir: setup.dataDir,
    async restart() {
      const port = Number(new URL(current.listenUrl).port);
      await current.close();
      current = await startDemoGateway({ ...setup.config, port }, { logger: setup.logger });
      return current;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await current.close();
      setup.cleanup();
    },
  };
}
