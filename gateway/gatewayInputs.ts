/**
 * What a gateway is given rather than owns: the people of its directory and, optionally, its
 * connector catalogue. The composition root (stack/) passes the demo directory and the catalogue of
 * the mock upstreams; nothing under gateway/ imports fixtures/ (tests/gateway/publicSurface.test.ts).
 */
import type { CatalogInput } from './connectors/catalogSchema.ts';
import type { DirectoryUser } from './directory/seedDirectory.ts';

export interface GatewayInputs {
  /** Seeded into the store at start-up; an empty list leaves whoever is stored already. */
  readonly directory: readonly DirectoryUser[];
  /** A connector catalogue, validated like GANGWAY_CONNECTORS_FILE and used instead of it. */
  readonly catalog?: CatalogInput;
}
