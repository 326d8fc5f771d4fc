/**
 * Without GANGWAY_CONNECTORS_FILE the gateway offers the three mock upstreams at their default
 * loopback ports (npm start runs them): an ordinary catalogue file in fixtures/, nothing special.
 */
import { fileURLToPath } from 'node:url';

export const DEFAULT_CATALOG_FILE = fileURLToPath(new URL('../../fixtures/connectors/mock-upstreams.json', import.meta.url));
