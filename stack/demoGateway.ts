/**
 * The gateway with the demo inputs it does not own: the directory users of fixtures/directory.ts for
 * the configured seed (GANGWAY_DIRECTORY_SEED), and — unless a catalogue is given or
 * GANGWAY_CONNECTORS_FILE names one — the catalogue of the mock upstreams at their default ports,
 * an ordinary catalogue file. Everything that starts a demo gateway (startStack, stack/gatewayMain.ts,
 * the scenario harness, tests) comes through here, so gateway/ never imports fixtures/.
 */
import { fileURLToPath } from 'node:url';
import { directoryUsers } from '../fixtures/directory.ts';
import { startGateway, type CatalogInput, type GatewayConfig, type Logger, type RunningGateway } from '../gateway/index.ts';

/** mockCatalog() of the mocks at their default ports (tests/gateway/connectorCatalog.test.ts keeps the two in step). */
export const MOCK_UPSTREAMS_CATALOG_FILE = fileURLToPath(new URL('../fixtures/connectors/mock-upstreams.json', import.meta.url));

export interface DemoGatewayOptions {
  readonly logger?: Logger;
  /** Used instead of any catalogue file. */
  readonly catalog?: CatalogInput;
}

export function startDemoGateway(config: GatewayConfig, options: DemoGatewayOptions = {}): Promise<RunningGateway> {
  const configured = options.catalog || config.connectorsFile ? config : { ...config, connectorsFile: MOCK_UPSTREAMS_CATALOG_FILE };
  return startGateway(configured, { directory: directoryUsers(config.directory.seed), catalog: options.catalog, logger: options.logger });
}
