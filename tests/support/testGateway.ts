/**
 * A real gateway for a test: its own temporary data directory, a free port, logs captured in memory
 * (so tests can assert what was — and was not — logged). restart() stops it and starts a new
 * process-equivalent on the same data directory and port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type GatewayConfig } from '../../gateway/config/loadConfig.ts';
import type { SettingName } from '../../gateway/config/settings.ts';
import { createLogger } from '../../gateway/logging/logger.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';

export interface TestGateway {
  readonly current: RunningGateway;
  readonly logs: string[];
  readonly dataDir: string;
  restart(): Promise<RunningGateway>;
  stop(): Promise<void>;
}

export async function startTestGateway(overrides: Partial<Record<SettingName, unknown>> = {}): Promise<TestGateway> {
  const root = mkdtempSync(join(tmpdir(), 'gangway-test-'));
  const dataDir = join(root, 'data');
  const logs: string[] = [];
  const logger = createLogger('debug', (line) => logs.push(line));
  const config: GatewayConfig = loadConfig({ env: {}, overrides: { port: 0, dataDir, vaultKeyFile: join(root, 'vault.key'), logLevel: 'debug', ...overrides } });
  let current = await startGateway(config, { logger });
  let stopped = false;
  return {
    get current() {
      return current;
    },
    logs,
    dataDir,
    async restart() {
      const port = new URL(current.url).port;
      await current.close();
      current = await startGateway({ ...config, port: Number(port) }, { logger });
      return current;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await current.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
