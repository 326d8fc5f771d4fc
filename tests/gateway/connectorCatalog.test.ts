/**
 * The connector catalogue is admin configuration: validated at start-up with messages that name the
 * connector and the field; the default catalogue is an ordinary file that matches the mock
 * upstreams npm start runs; and a connector can be added without code — including one whose OAuth
 * is discovered from its MCP server and registered dynamically.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../gateway/config/loadConfig.ts';
import { parseCatalog } from '../../gateway/connectors/loadCatalog.ts';
import { createMockUpstreams, DEFAULT_PORTS } from '../../mock-upstreams/index.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, textOf } from '../support/mcpClient.ts';
import { MOCK_UPSTREAMS_CATALOG_FILE } from '../../stack/demoGateway.ts';
import { mockCatalog } from '../../stack/mockCatalog.ts';
import { atlassianByDiscovery } from '../support/discoveredAtlassian.ts';
import { cite } from '../support/requirements.ts';

const base = () => structuredClone(mockCatalog(createMockUpstreams({ baseUrls: { atlassian: 'http://127.0.0.1:1', github: 'http://127.0.0.1:2', slack: 'http://127.0.0.1:3' } }).vendors)) as { connectors: Record<string, unknown>[] };

const refusal = (catalog: unknown, env: NodeJS.ProcessEnv = {}) => {
  try {
    parseCatalog(catalog, 'connectors.json', env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the catalogue to be refused');
};

describe('Connector catalogue', () => {
  it('accepts the catalogue of the three mock upstreams', () => {
    expect(parseCatalog(base(), 'x').connectors.map((c) => c.id)).toEqual(['atlassian', 'github', 'slack']);
  });

  it('refuses bad entries with the connector and the field named', () => {
    const duplicatePrefix = base();
    duplicatePrefix.connectors[1]!.toolPrefix = 'atlassian';
    expect(refusal(duplicatePrefix)).toMatch(/connector github.*toolPrefix duplicate toolPrefix atlassian/);

    const noAuth = base();
    noAuth.connectors[0]!.auth = {};
    expect(refusal(noAuth)).toMatch(/connector atlassian.*auth needs apiKey, oauth, or both — or none: \{\} for a public server/);

    const badUrl = base();
    badUrl.connectors[2]!.mcpUrl = 'not a url';
    expect(refusal(badUrl)).toMatch(/connector slack.*mcpUrl must be an absolute http\(s\) URL/);

    const badPrefix = base();
    badPrefix.connectors[1]!.toolPrefix = 'Git__Hub';
    expect(refusal(badPrefix)).toMatch(/toolPrefix must be lower-case/);

    const unknownField = base();
    unknownField.connectors[0]!.colour = 'blue';
    expect(refusal(unknownField)).toMatch(/connector atlassian/);

    const oauthIncomplete = base();
    (oauthIncomplete.connectors[1]!.auth as { oauth: Record<string, unknown> }).oauth = { scopes: ['repo'] };
    expect(refusal(oauthIncomplete)).toMatch(/needs authorizationUrl, tokenUrl and clientId, or discovery/);
  });

  it('reads client secrets from the environment with env:NAME, and names a missing variable', () => {
    const catalog = base();
    (catalog.connectors[1]!.auth as { oauth: Record<string, unknown> }).oauth.clientSecret = 'env:GITHUB_APP_SECRET';
    expect(parseCatalog(catalog, 'x', { GITHUB_APP_SECRET: 's3cret' }).connectors[1]!.auth.oauth!.clientSecret).toBe('s3cret');
    expect(refusal(catalog)).toMatch(/connector github: auth\.oauth\.clientSecret refers to environment variable GITHUB_APP_SECRET/);
  });

  it('ships a default catalogue that matches the mock upstreams at their default ports', () => {
    const mocks = createMockUpstreams({
      baseUrls: { atlassian: `http://127.0.0.1:${DEFAULT_PORTS.atlassian}`, github: `http://127.0.0.1:${DEFAULT_PORTS.github}`, slack: `http://127.0.0.1:${DEFAULT_PORTS.slack}` },
    });
    expect(JSON.parse(readFileSync(MOCK_UPSTREAMS_CATALOG_FILE, 'utf8'))).toEqual(JSON.parse(JSON.stringify(mockCatalog(mocks.vendors))));
  });
});

describe('A connector added by configuration alone: OAuth discovered from the MCP server', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack({
      catalog: atlassianByDiscovery,
    });
  });
  afterAll(async () => stack?.stop());

  it(`${cite('UP-02')} discovers the authorization server (RFC 9728 → RFC 8414), registers by DCR once, sends resource, and calls the tools`, async () => {
    const gw = stack.gateway.current;
    const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
    const page = await session.connectOAuth('atlassian', stack.mocks.fixtures.atlassian.accounts[0]!);
    expect(page).toMatch(/id="status-atlassian" role="status">Connected/);
    const atlassian = stack.mocks.vendors.atlassian.control;
    expect(atlassian.recording({ path: '/.well-known/oauth-protected-resource/v1/mcp' }).length).toBeGreaterThan(0);
    expect(atlassian.recording({ method: 'POST', path: '/v1/register' })).toHaveLength(1);
    expect(await gw.store.upstreamClients.get('atlassian')).toBeDefined();

    const result = await session.authorize();
    const mcp = await connectMcp(gw.mcpUrl, String(result.tokens!.access_token));
    const found = await mcp.client.callTool({ name: 'atlassian__jira_search_issues', arguments: { jql: 'project = ENG' } });
    expect(found.isError, textOf(found)).toBeFalsy();
    await mcp.close();

    const again = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[1]!);
    await again.connectOAuth('atlassian', stack.mocks.fixtures.atlassian.accounts[1]!);
    expect(atlassian.recording({ method: 'POST', path: '/v1/register' })).toHaveLength(1);
  });
});
