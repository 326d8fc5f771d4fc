/**
 * The shared connection core without a browser: discovery from the 401 (each failure a named
 * reason), scope choice per profile, registration styles (CIMD when advertised, DCR once per app,
 * DCR per connection), against an in-process fake server; then the whole ChatGPT and Claude
 * connection flows against a real reference gateway, the browser's part walked by cookie jar.
 */
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatgptPolicy } from '../../mock-clients/chatgpt/profile.ts';
import { claudePolicy, CLAUDE_REDIRECT_URI } from '../../mock-clients/claude/profile.ts';
import { ConnectionStore } from '../../mock-clients/core/connections/connection.ts';
import { ConnectionFlow } from '../../mock-clients/core/connections/connectionFlow.ts';
import { FlowFailure } from '../../mock-clients/core/flowFailure.ts';
import { parseToolArguments } from '../../mock-clients/core/mcp/toolArguments.ts';
import { discoverAuthorization, probeMcpServer, resourceMatches, type ServerDiscovery } from '../../mock-clients/core/oauth/discovery.ts';
import { cimdOrDcrPerApp, dcrPerConnection, tokenEndpointAuthMethod, type RegistrationContext } from '../../mock-clients/core/oauth/registration.ts';
import { selectScope } from '../../mock-clients/core/oauth/scopeSelection.ts';
import { createFingerprinter } from '../../wire/fingerprint.ts';
import { TrafficLog } from '../../mock-clients/core/traffic/trafficLog.ts';
import { CookieJar, walkAuthorization } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

const MCP = 'https://mcp.example/v1/mcp';
const AS = 'https://auth.example';

interface FakeServer {
  prm?: Record<string, unknown> | undefined;
  asMetadata?: Record<string, unknown> | undefined;
  challenge?: string | undefined;
  mcpStatus?: number;
  registrations: Record<string, unknown>[];
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function fakeServer(overrides: Partial<FakeServer> = {}): { server: FakeServer; fetchFn: FetchLike } {
  const server: FakeServer = {
    prm: { resource: MCP, authorization_servers: [AS], scopes_supported: ['mcp:tools'] },
    asMetadata: {
      issuer: AS,
      authorization_endpoint: `${AS}/authorize`,
      token_endpoint: `${AS}/token`,
      registration_endpoint: `${AS}/register`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access', 'mcp:tools', 'admin'],
      token_endpoint_auth_methods_supported: ['none'],
    },
    challenge: `Bearer resource_metadata="https://mcp.example/.well-known/oauth-protected-resource/v1/mcp", scope="mcp:tools"`,
    mcpStatus: 401,
    registrations: [],
    ...overrides,
  };
  const fetchFn: FetchLike = async (input, init) => {
    const url = new URL(String(input));
    if (url.href === MCP) return new Response('{}', { status: server.mcpStatus ?? 401, headers: server.challenge ? { 'www-authenticate': server.challenge } : {} });
    if (url.pathname.startsWith('/.well-known/oauth-protected-resource')) return server.prm ? json(server.prm) : new Response('no', { status: 404 });
    if (url.origin === AS && url.pathname.startsWith('/.well-known/')) return server.asMetadata ? json(server.asMetadata) : new Response('no', { status: 404 });
    if (url.href === `${AS}/register`) {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      server.registrations.push(body);
      return json({ ...body, client_id: `client-${server.registrations.length}` }, 201);
    }
    return new Response('not found', { status: 404 });
  };
  return { server, fetchFn };
}

async function discover(overrides: Partial<FakeServer> = {}, rule: 'exact' | 'prefix' = 'prefix'): Promise<ServerDiscovery> {
  const { fetchFn } = fakeServer(overrides);
  const probe = await probeMcpServer(MCP, { name: 't', version: '1' }, fetchFn);
  if (probe.kind !== 'challenge') throw new Error('expected a challenge');
  return discoverAuthorization(MCP, probe.challenge, rule, fetchFn);
}

async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FlowFailure);
  return (error as FlowFailure).reason;
}

describe('discovery (MCP authorization 2025-11-25)', () => {
  it(`${cite('AUTH-02', 'AUTH-01')} follows the 401 challenge to PRM and AS metadata`, async () => {
    const found = await discover();
    expect(found).toMatchObject({ resource: MCP, authorizationServerUrl: AS, challenge: { scope: 'mcp:tools' }, metadata: { issuer: AS } });
  });

  it('an open server is reported as open, an unreachable one as server-unreachable', async () => {
    const { fetchFn } = fakeServer({ mcpStatus: 200 });
    expect(await probeMcpServer(MCP, { name: 't', version: '1' }, fetchFn)).toEqual({ kind: 'open' });
    const refused: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await failureOf(probeMcpServer(MCP, { name: 't', version: '1' }, refused))).toBe('server-unreachable');
    expect(await failureOf(probeMcpServer(MCP, { name: 't', version: '1' }, fakeServer({ mcpStatus: 500 }).fetchFn))).toBe('mcp-endpoint-error');
  });

  it.each([
    ['no PRM anywhere (real-world failure #1/#2)', { prm: undefined }, 'protected-resource-metadata'],
    ['PRM for another URL (#2)', { prm: { resource: 'https://mcp.example/other', authorization_servers: [AS] } }, 'resource-mismatch'],
    ['PRM without authorization servers', { prm: { resource: MCP } }, 'authorization-server-metadata'],
    ['no AS metadata (#3)', { asMetadata: undefined }, 'authorization-server-metadata'],
    ['an AS without PKCE S256', { asMetadata: { issuer: AS, authorization_endpoint: `${AS}/a`, token_endpoint: `${AS}/t`, response_types_supported: ['code'], code_challenge_methods_supported: ['plain'] } }, 'pkce-unsupported'],
  ] as const)('%s → %s', async (_label, overrides, reason) => {
    expect(await failureOf(discover(overrides as Partial<FakeServer>))).toBe(reason);
  });

  it('without resource_metadata in the challenge, the well-known PRM location is used', async () => {
    expect((await discover({ challenge: 'Bearer realm="x"' })).resource).toBe(MCP);
  });

  it(`${cite('CLIENT-CLAUDE-03', 'AUTH-04')} the resource rule: Claude wants the typed URL exactly, the SDK rule accepts a parent`, () => {
    expect(resourceMatches(MCP, 'https://mcp.example', 'prefix')).toBe(true);
    expect(resourceMatches(MCP, 'https://mcp.example', 'exact')).toBe(false);
    expect(resourceMatches(MCP, `${MCP}/`, 'exact')).toBe(true);
    expect(resourceMatches(MCP, 'not a url', 'prefix')).toBe(false);
  });
});

describe('scope selection', () => {
  it(`${cite('CLIENT-CHATGPT-04')} ChatGPT asks for every advertised OIDC scope plus the challenged scope; Claude for the challenge only`, async () => {
    const found = await discover();
    expect(selectScope('oidc-and-challenge', found)).toBe('openid profile email offline_access mcp:tools');
    expect(selectScope('challenge-or-prm', found)).toBe('mcp:tools');
    expect(selectScope('challenge-or-prm', { ...found, challenge: {} })).toBe('mcp:tools');
    expect(selectScope('challenge-or-prm', { ...found, challenge: {}, resourceMetadata: { resource: MCP } })).toBeUndefined();
  });
});

describe('registration styles', () => {
  const context = async (overrides: Partial<FakeServer>, extra: Partial<RegistrationContext> = {}) => {
    const fake = fakeServer(overrides);
    const probe = await probeMcpServer(MCP, { name: 't', version: '1' }, fake.fetchFn);
    if (probe.kind !== 'challenge') throw new Error('expected a challenge');
    const discovery = await discoverAuthorization(MCP, probe.challenge, 'prefix', fake.fetchFn);
    const ctx: RegistrationContext = { discovery, existing: undefined, clientMetadataUrl: 'https://chatgpt.com/oauth/client-metadata/cb_1.json', clientMetadata: { client_name: 'ChatGPT', redirect_uris: ['https://chatgpt.com/connector/oauth/cb_1'] }, scope: 'mcp:tools', fetchFn: fake.fetchFn, ...extra };
    return { ctx, server: fake.server };
  };
  const withCimd = (on: boolean) => ({ asMetadata: { ...fakeServer().server.asMetadata, client_id_metadata_document_supported: on } });

  it(`${cite('CLIENT-CHATGPT-02', 'AS-05')} ChatGPT: the metadata document URL is the client_id when CIMD is advertised`, async () => {
    const { ctx, server } = await context(withCimd(true));
    expect(await cimdOrDcrPerApp(ctx)).toMatchObject({ via: 'cimd', information: { client_id: 'https://chatgpt.com/oauth/client-metadata/cb_1.json' } });
    expect(server.registrations).toEqual([]);
  });

  it(`${cite('CLIENT-CHATGPT-02')} ChatGPT: DCR when CIMD is not advertised, and the app's client is reused afterwards`, async () => {
    const { ctx, server } = await context(withCimd(false));
    const first = await cimdOrDcrPerApp(ctx);
    expect(first).toMatchObject({ via: 'dcr', issuer: AS, information: { client_id: 'client-1' } });
    expect(server.registrations[0]).toMatchObject({ client_name: 'ChatGPT', token_endpoint_auth_method: 'none', scope: 'mcp:tools' });
    const existing = { ...first, used: true };
    expect(await cimdOrDcrPerApp({ ...ctx, existing })).toBe(existing);
    expect(server.registrations).toHaveLength(1);
  });

  it(`${cite('CLIENT-CLAUDE-02')} Claude: a new client on every connect, except one registered ahead and not yet used`, async () => {
    const { ctx, server } = await context({});
    const first = await dcrPerConnection(ctx);
    const second = await dcrPerConnection({ ...ctx, existing: { ...first, used: true } });
    expect(second.information.client_id).not.toBe(first.information.client_id);
    const pending = await dcrPerConnection({ ...ctx, existing: { ...second, used: false } });
    expect(pending.information.client_id).toBe(second.information.client_id);
    expect(server.registrations).toHaveLength(2);
  });

  it('neither CIMD nor DCR → registration-unsupported (real-world failure #8)', async () => {
    const metadata = { ...fakeServer().server.asMetadata };
    delete metadata.registration_endpoint;
    const { ctx } = await context({ asMetadata: metadata });
    expect(await failureOf(cimdOrDcrPerApp(ctx))).toBe('registration-unsupported');
    expect(await failureOf(dcrPerConnection(ctx))).toBe('registration-unsupported');
  });

  it('a refused registration → registration-failed', async () => {
    const { ctx } = await context({});
    const refusing: FetchLike = async (input, init) => (String(input).endsWith('/register') ? json({ error: 'invalid_redirect_uri' }, 400) : ctx.fetchFn(input, init));
    expect(await failureOf(dcrPerConnection({ ...ctx, fetchFn: refusing }))).toBe('registration-failed');
  });

  it('token endpoint auth: none when allowed, else the secret method the AS lists', () => {
    expect(tokenEndpointAuthMethod(undefined)).toBe('none');
    expect(tokenEndpointAuthMethod(['client_secret_basic', 'none'])).toBe('none');
    expect(tokenEndpointAuthMethod(['client_secret_basic', 'client_secret_post'])).toBe('client_secret_post');
    expect(tokenEndpointAuthMethod(['client_secret_basic'])).toBe('client_secret_basic');
  });
});

describe('tool arguments typed into a form', () => {
  it('accept a JSON object or nothing; anything else is invalid input, not a crash', () => {
    expect(parseToolArguments('')).toEqual({});
    expect(parseToolArguments(' {"q": 1} ')).toEqual({ q: 1 });
    for (const bad of ['[1]', '"text"', '{bad json', 'null', 'x'.repeat(70_000)]) {
      expect(() => parseToolArguments(bad), bad.slice(0, 10)).toThrow(FlowFailure);
    }
  });
});

describe('the connection flow against the reference gateway (browser part walked by cookie jar)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ cimdEnabled: false });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const setup = (policy = claudePolicy) => {
    const log = new TrafficLog(createFingerprinter());
    const store = new ConnectionStore('conn_');
    return { log, store, flow: new ConnectionFlow(policy, store, log) };
  };

  it(`${cite('CLIENT-CLAUDE-01', 'CLIENT-CLAUDE-03', 'AS-03')} Claude: connect → authorize → callback → tools; the callback is single-use`, async () => {
    const { log, store, flow } = setup();
    const connection = store.create('acct-1', { name: 'Gangway', mcpUrl: gateway.current.mcpUrl, authentication: 'oauth' });
    const outcome = await flow.connect(connection);
    if (outcome.kind !== 'redirect') throw new Error('expected a redirect');
    const authorization = new URL(outcome.url);
    expect(authorization.searchParams.get('redirect_uri')).toBe(CLAUDE_REDIRECT_URI);
    expect(authorization.searchParams.get('resource')).toBe(gateway.current.mcpUrl);
    expect(connection.status).toBe('authorizing');
    const walked = await walkAuthorization(new CookieJar(), outcome.url, CLAUDE_REDIRECT_URI, gateway.current.app.directory[0]!);
    const callback = walked.redirectedTo!;
    expect(await flow.complete('acct-2', callback)).toMatchObject({ connection: undefined, failure: { reason: 'authorization-callback-invalid' } });
    // The other account's attempt used the state up: state is single-use even when refused.
    expect((await flow.complete('acct-1', callback)).connection).toBeUndefined();

    const again = await flow.connect(connection);
    if (again.kind !== 'redirect') throw new Error('expected a redirect');
    const back = (await walkAuthorization(new CookieJar(), again.url, CLAUDE_REDIRECT_URI, gateway.current.app.directory[0]!)).redirectedTo!;
    const done = await flow.complete('acct-1', back);
    expect(done.failure).toBeUndefined();
    expect(connection.status).toBe('connected');
    expect(connection.tools.map((t) => t.name)).toContain('whoami');
    const call = await flow.callTool(connection, 'whoami', '{}');
    expect(call).toMatchObject({ ok: true, tool: 'whoami' });
    expect(call.text).toContain(gateway.current.app.directory[0]!.email);
    await expect(flow.callTool(connection, 'nope', '{}')).rejects.toMatchObject({ reason: 'invalid-input', problem: 'unknown-tool' });
    expect(log.list({ phase: 'registration' })).toHaveLength(2);
    expect(log.list({ kind: 'callback' })).toHaveLength(3);
  });

  it('a denied authorization, a forged iss and a missing code each end on the connection with a reason', async () => {
    const { store, flow } = setup(chatgptPolicy);
    const connection = store.create('acct-1', { name: 'Gangway', mcpUrl: gateway.current.mcpUrl, authentication: 'oauth' });
    const redirectUri = chatgptPolicy.redirectUri(connection);
    const start = async () => {
      const outcome = await flow.connect(connection);
      if (outcome.kind !== 'redirect') throw new Error('expected a redirect');
      return new URL(outcome.url).searchParams.get('state')!;
    };
    const first = await flow.connect(connection);
    if (first.kind !== 'redirect') throw new Error('expected a redirect');
    const denied = (await walkAuthorization(new CookieJar(), first.url, redirectUri, gateway.current.app.directory[1]!, 'deny')).redirectedTo!;
    expect((await flow.complete('acct-1', denied, connection.callbackId)).failure?.reason).toBe('authorization-denied');
    expect(connection).toMatchObject({ status: 'not-connected', failure: 'authorization-denied' });
    const forged = `${redirectUri}?code=abc&state=${await start()}&iss=${encodeURIComponent('https://evil.example')}`;
    expect((await flow.complete('acct-1', forged, connection.callbackId)).failure?.reason).toBe('authorization-callback-invalid');
    const missingCode = `${redirectUri}?state=${await start()}&iss=${encodeURIComponent(gateway.current.url)}`;
    expect((await flow.complete('acct-1', missingCode, connection.callbackId)).failure?.reason).toBe('authorization-callback-invalid');
    const wrongApp = `${redirectUri}?code=abc&state=${await start()}&iss=${encodeURIComponent(gateway.current.url)}`;
    expect((await flow.complete('acct-1', wrongApp, 'cb_other')).connection).toBeUndefined();
    const badCode = `${redirectUri}?code=abc&state=${await start()}&iss=${encodeURIComponent(gateway.current.url)}`;
    expect((await flow.complete('acct-1', badCode, connection.callbackId)).failure?.reason).toBe('token-exchange-failed');
  });

  it('an unreachable server fails connect with server-unreachable and records the attempt', async () => {
    const { log, store, flow } = setup();
    const connection = store.create('acct-1', { name: 'Nowhere', mcpUrl: 'http://127.0.0.1:9/mcp', authentication: 'oauth' });
    await expect(flow.connect(connection)).rejects.toMatchObject({ reason: 'server-unreachable' });
    expect(connection.failure).toBe('server-unreachable');
    expect(log.list()[0]).toMatchObject({ phase: 'discovery', status: 0 });
  });
});
