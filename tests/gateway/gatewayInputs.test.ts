/**
 * The gateway's inputs (issue 12, item 4): it seeds exactly the directory users it is given — not
 * the demo directory of fixtures/, which only stack/ knows — and it needs a catalogue, given or
 * named by GANGWAY_CONNECTORS_FILE; without one, start-up stops with a message naming the setting.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { directoryUsers } from '../../fixtures/directory.ts';
import { startGateway, type DirectoryUser, type RunningGateway } from '../../gateway/index.ts';
import { testGatewaySetup, type TestGatewaySetup } from '../support/testGateway.ts';

const CATALOG = { connectors: [{ id: 'docs', displayName: 'Docs', mcpUrl: 'http://127.0.0.1:9/mcp', toolPrefix: 'docs', auth: { none: {} } }] };
const ADA: DirectoryUser = { id: 'usr_ada', email: 'ada@example.test', name: 'Ada Lovelace', department: 'Engineering', password: 'analytical-engine-42' };

let setup: TestGatewaySetup | undefined;
let running: RunningGateway | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
  setup?.cleanup();
  setup = undefined;
});

describe('Gateway inputs', () => {
  it('seeds the directory users it is given, and no demo user of its own', async () => {
    setup = testGatewaySetup();
    running = await startGateway(setup.config, { directory: [ADA], catalog: CATALOG, logger: setup.logger });
    expect(running.app.directory).toEqual([ADA]);
    const stored = await running.store.directory.findById(ADA.id);
    expect(stored).toMatchObject({ email: ADA.email, name: ADA.name, department: ADA.department });
    expect(stored?.passwordHash).not.toContain(ADA.password);
    const demo = directoryUsers(setup.config.directory.seed)[0]!;
    expect(await running.store.directory.findById(demo.id)).toBeUndefined();
    expect(running.app.catalog.connectors.map((connector) => connector.id)).toEqual(['docs']);
  });

  it('stops start-up naming GANGWAY_CONNECTORS_FILE when it has no catalogue', async () => {
    setup = testGatewaySetup();
    expect(setup.config.connectorsFile).toBeUndefined();
    await expect(startGateway(setup.config, { directory: [ADA], logger: setup.logger })).rejects.toThrow(/^Missing setting GANGWAY_CONNECTORS_FILE \(connectorsFile\)/);
  });
});
