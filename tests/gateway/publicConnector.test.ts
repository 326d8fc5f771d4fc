/**
 * A connector with no credential (`auth: { none: {} }`): a public MCP server an administrator exposes
 * through the gateway. Ticking it on the consent page is enough ("No sign-in needed"), its tools are
 * listed and called with no Authorization header at all — never the client's gateway token (AUTH-09)
 * — nothing is stored for the user, and the portal offers nothing to connect or disconnect. A public
 * server that asks for a credential anyway is the administrator's problem, and the tool error says
 * so. A bad `none` value stops start-up naming the connector and the field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../gateway/config/loadConfig.ts';
import { parseCatalog } from '../../gateway/connectors/loadCatalog.ts';
import { startGateway } from '../../gateway/server.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { startCustomUpstream, type CustomUpstream } from '../support/customUpstream.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, textOf } from '../support/mcpClient.ts';
import { portalSession } from '../support/portalDriver.ts';
import { cite } from '../support/requirements.ts';
import { testGatewaySetup } from '../support/testGateway.ts';

const publicEntry = (id: string, mcpUrl: string) => ({ id, displayName: `Public ${id}`, mcpUrl, toolPrefix: id.replace(/-/g, '_'), auth: { none: {} } });

describe('A public connector (auth.none)', () => {
  let open: CustomUpstream;
  let locked: CustomUpstream;
  let stack: GatewayStack;

  beforeAll(async () => {
    open = await startCustomUpstream(undefined, [{ name: 'lookup', description: 'Looks a word up', reply: 'a public answer' }]);
    // Configured as public, but it wants a key: an administrator's mistake the user cannot fix.
    locked = await startCustomUpstream('a-key-nobody-has', [{ name: 'lookup', description: 'Looks a word up', reply: 'never seen' }]);
    stack = await startGatewayStack({
      catalog: (catalog) => ({ connectors: [...catalog.connectors, publicEntry('public-docs', open.mcpUrl), publicEntry('locked', locked.mcpUrl)] }),
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await open?.close();
    await locked?.close();
  });

  it(`${cite('AUTH-09', 'UP-06')} needs no connect step, lists and calls its tools with no credential, and stores nothing`, async () => {
    const gw = stack.gateway.current;
    const person = gw.app.directory[0]!;
    const session = await ConsentSession.open(gw.url, gw.mcpUrl, person);

    const row = /<li class="connector" id="connector-public-docs"[\s\S]*?<\/li>/.exec(await session.page())![0];
    expect(row).toContain('data-connected="true"');
    expect(row).toMatch(/id="status-public-docs" role="status">No sign-in needed</);
    expect(row).not.toMatch(/API key|Connect via OAuth|name="method:public-docs"/);
    expect(row).toMatch(/name="tools:public-docs" value="lookup"/);

    // Only ticked, never connected: Authorize tools goes through.
    const result = await session.authorize({ tick: ['public-docs'] });
    expect(result.tokens?.access_token).toBeTruthy();
    const accessToken = String(result.tokens!.access_token);

    const mcp = await connectMcp(gw.mcpUrl, accessToken);
    expect((await mcp.client.listTools()).tools.map((t) => t.name)).toContain('public_docs__lookup');
    const called = await mcp.client.callTool({ name: 'public_docs__lookup', arguments: {} });
    expect(called.isError, textOf(called)).toBeFalsy();
    expect(textOf(called)).toBe('a public answer');
    await mcp.close();

    expect(open.authorizations.length).toBeGreaterThan(0);
    expect(open.authorizations.filter((value) => value !== undefined)).toEqual([]);
    expect(await gw.store.connections.listForAccount(person.id)).toEqual([]);
  });

  it('the portal says it needs no sign-in and offers nothing to connect or disconnect', async () => {
    const gw = stack.gateway.current;
    const portal = await portalSession(gw.url, gw.app.directory[1]!);
    const row = /<li class="connector" id="connector-public-docs"[\s\S]*?<\/li>/.exec(await portal.page())![0];
    expect(row).toMatch(/role="status">No sign-in needed</);
    expect(row).not.toMatch(/<form/);
  });

  it(`${cite('UP-05')} a public server that asks for a credential is a tool error for the administrator, not a reconnect`, async () => {
    const gw = stack.gateway.current;
    const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[2]!);
    const result = await session.authorize({ tick: ['locked'] });
    const mcp = await connectMcp(gw.mcpUrl, String(result.tokens!.access_token));
    const called = await mcp.client.callTool({ name: 'locked__lookup', arguments: {} });
    expect(called.isError).toBe(true);
    expect(textOf(called)).toBe('Public locked asked for a sign-in, but this gateway offers it without one. Ask your gateway administrator to check the Public locked connector.');
    expect(called._meta).toBeUndefined();
    await mcp.close();
    expect(locked.authorizations.filter((value) => value !== undefined)).toEqual([]);
  });
});

describe('A bad auth.none value', () => {
  const catalogWith = (auth: unknown) => ({ connectors: [{ ...publicEntry('public-docs', 'http://127.0.0.1:9/mcp'), auth }] });
  const refusal = (auth: unknown) => {
    try {
      parseCatalog(catalogWith(auth), 'connectors.json', {});
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected the catalogue to be refused');
  };

  it('is refused with the connector and the field named', () => {
    expect(refusal({ none: true })).toBe('Invalid connector catalogue connectors.json (connector public-docs): connectors[0].auth.none must be {} (an empty object): the connector needs no credential');
    expect(refusal({ none: { apiKey: 'x' } })).toMatch(/connector public-docs.*auth\.none must be \{\}/);
    expect(refusal({ none: {}, apiKey: { scheme: 'bearer', validation: { url: 'http://127.0.0.1:9/me' }, docsUrl: 'https://docs.example/' } })).toMatch(/connector public-docs.*auth none cannot be combined with apiKey or oauth/);
  });

  it('stops start-up before the first request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gangway-public-'));
    const file = join(dir, 'connectors.json');
    writeFileSync(file, JSON.stringify(catalogWith({ none: 'yes' })));
    const setup = testGatewaySetup({ connectorsFile: file });
    try {
      await expect(startGateway(setup.config, { directory: [], logger: setup.logger })).rejects.toThrow(`Invalid connector catalogue ${file} (connector public-docs): connectors[0].auth.none must be {}`);
    } finally {
      setup.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
