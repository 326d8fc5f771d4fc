/**
 * Bad input never crashes a look-alike: bad options stop startMockClients with a message naming the
 * option; bad forms re-render with the profile's own error text; unknown ids are 404 pages;
 * oversized or malformed bodies are 413/400; a stray callback is refused without a redirect; the
 * Inspector's traffic endpoint validates every report (and fingerprints what it keeps).
 */
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILURE_REASONS, INPUT_PROBLEMS, startMockClients, type MockClients } from '../../mock-clients/index.ts';

let clients: MockClients;
let dispatcher: Agent;
const secrets = new Set<string>();

beforeAll(async () => {
  clients = await startMockClients({ onSecret: (secret) => secrets.add(secret) });
  // The look-alikes' certificate is the CA; it covers 127.0.0.1, so https to listenUrl verifies.
  dispatcher = new Agent({ connect: { ca: clients.caPem } });
});
afterAll(async () => {
  await clients?.close();
  await dispatcher?.close();
});

/** A tiny browser: keeps the look-alike's account cookie, never follows redirects. */
function browser(baseUrl: string) {
  let cookie = '';
  return async (path: string, init: { method?: string; form?: Record<string, string>; body?: string; type?: string } = {}) => {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (cookie) headers.cookie = cookie;
    let body = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    if (init.type) headers['content-type'] = init.type;
    const response = await undiciFetch(`${baseUrl}${path}`, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body, redirect: 'manual', dispatcher });
    const set = response.headers.getSetCookie().find((line) => line.startsWith('mock_account='));
    if (set) cookie = set.split(';')[0]!;
    return { status: response.status, location: response.headers.get('location'), text: await response.text() };
  };
}

describe('startMockClients options', () => {
  it.each([
    [{ host: '0.0.0.0' }, /host must be a loopback/],
    [{ host: '10.0.0.1' }, /host must be a loopback/],
    [{ host: '127.0.0.300' }, /host must be a loopback/],
    [{ ports: { chatgpt: -1 } }, /ports\.chatgpt/],
    [{ ports: { claude: 1.5 } }, /ports\.claude/],
    [{ ports: { chatgpt: 4500, claude: 4500 } }, /must differ/],
    [{ ports: { copilot: 1 } as never }, /unknown profile in ports: copilot/],
    [{ tls: { cert: 'nope', key: 'nope' } }, /tls\.cert/],
    [{ onSecret: 'yes' as never }, /onSecret/],
  ])('%j is refused before any port is taken', async (options, message) => {
    await expect(startMockClients(options)).rejects.toThrow(message);
  });

  it('describes every profile and how to reach it', () => {
    expect(clients.profiles.chatgpt).toMatchObject({ origin: 'https://chatgpt.com', registrationStyle: 'cimd-or-dcr-per-app', redirectUris: ['https://chatgpt.com/connector/oauth/{callback_id}'] });
    expect(clients.profiles.claude).toMatchObject({ origin: 'https://claude.ai', registrationStyle: 'dcr-per-connection', redirectUris: ['https://claude.ai/api/mcp/auth_callback'] });
    expect(clients.profiles.inspector).toMatchObject({ origin: 'http://localhost:6274', redirectUris: ['http://localhost:6274/oauth/callback', 'http://localhost:6274/oauth/callback/debug'] });
    const port = (url: string) => new URL(url).port;
    expect(clients.hostResolverRules).toBe(
      `MAP chatgpt.com 127.0.0.1:${port(clients.profiles.chatgpt.listenUrl)}, MAP claude.ai 127.0.0.1:${port(clients.profiles.claude.listenUrl)}, MAP localhost:6274 127.0.0.1:${port(clients.profiles.inspector.listenUrl)}`,
    );
    expect(clients.connectTo).toEqual([`chatgpt.com:443=127.0.0.1:${port(clients.profiles.chatgpt.listenUrl)}`, `claude.ai:443=127.0.0.1:${port(clients.profiles.claude.listenUrl)}`]);
    expect(clients.caPem).toContain('BEGIN CERTIFICATE');
  });
});

describe('error texts', () => {
  it('every profile has a non-empty text for every failure reason and input problem; observed ones say where', () => {
    for (const table of Object.values(clients.errorTexts)) {
      for (const reason of FAILURE_REASONS) expect(table.reasons[reason].text.length, reason).toBeGreaterThan(0);
      for (const problem of INPUT_PROBLEMS) expect(table.input[problem].text.length, problem).toBeGreaterThan(0);
      for (const entry of [...Object.values(table.reasons), ...Object.values(table.input)]) if (entry.source === 'observed') expect(entry.seenIn, entry.text).toBeTruthy();
    }
    expect(clients.errorTexts.chatgpt.reasons['registration-unsupported'].text).toBe('Error fetching OAuth configuration');
  });
});

describe('ChatGPT look-alike', () => {
  it('Create app needs developer mode, then validates the form with ChatGPT\'s texts', async () => {
    const go = browser(clients.profiles.chatgpt.listenUrl);
    expect((await go('/settings/apps/create')).location).toBe('/settings/apps');
    expect((await go('/settings/apps/create', { form: { name: 'x', url: 'https://x.example/mcp', acknowledged: 'yes' } })).status).toBe(403);
    expect((await go('/settings/apps/advanced', { form: { developer_mode: 'maybe' } })).status).toBe(400);
    expect((await go('/settings/apps/advanced', { form: { developer_mode: 'on' } })).status).toBe(303);
    expect((await go('/settings/apps')).text).toContain('Create app');
    const noName = await go('/settings/apps/create', { form: { name: ' ', url: 'https://x.example/mcp', acknowledged: 'yes' } });
    expect(noName.status).toBe(400);
    expect(noName.text).toContain(clients.errorTexts.chatgpt.input['name-required'].text);
    for (const url of ['ftp://x.example', 'not a url', 'https://user:pw@x.example/mcp', '']) {
      const bad = await go('/settings/apps/create', { form: { name: 'App', url, acknowledged: 'yes' } });
      expect(bad.status, url).toBe(400);
      expect(bad.text).toContain('Enter a valid MCP server URL');
    }
    const noAck = await go('/settings/apps/create', { form: { name: 'App', url: 'https://x.example/mcp' } });
    expect(noAck.text).toContain(clients.errorTexts.chatgpt.input['acknowledgement-required'].text);
    const hostile = await go('/settings/apps/create', { form: { name: '<script>alert(1)</script>', url: 'bad' } });
    expect(hostile.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile.text).not.toContain('<script>alert(1)');
  });

  it('an unreachable server: "Error fetching OAuth configuration", and the app is not created', async () => {
    const go = browser(clients.profiles.chatgpt.listenUrl);
    await go('/settings/apps/advanced', { form: { developer_mode: 'on' } });
    const answer = await go('/settings/apps/create', { form: { name: 'Nowhere', url: 'http://127.0.0.1:9/mcp', acknowledged: 'yes' } });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('role="alert" class="error" data-testid="create-error">Error fetching OAuth configuration<');
    expect((await go('/settings/apps')).text).not.toContain('Nowhere');
    expect(clients.traffic.list({ profile: 'chatgpt', urlIncludes: '127.0.0.1:9' })[0]).toMatchObject({ phase: 'discovery', status: 0 });
  });

  it('unknown apps are 404 pages; another browser cannot open an app; a stray callback is refused without a redirect', async () => {
    const go = browser(clients.profiles.chatgpt.listenUrl);
    expect((await go('/settings/apps/app_doesnotexist')).status).toBe(404);
    expect((await go('/settings/apps/app_doesnotexist/refresh', { form: {} })).status).toBe(404);
    const stray = await go('/connector/oauth/cb_unknown?code=stolen-code-value-123&state=guess');
    expect(stray.status).toBe(400);
    expect(stray.location).toBeNull();
    expect(stray.text).toContain(clients.errorTexts.chatgpt.reasons['authorization-callback-invalid'].text);
    expect(stray.text).not.toContain('stolen-code-value-123');
    expect(clients.traffic.list({ kind: 'callback', connectionId: 'unknown' }).at(-1)!.url).not.toContain('stolen-code-value-123');
    expect((await go('/oauth/client-metadata/cb_unknown.json')).status).toBe(404);
    expect(clients.traffic.list({ kind: 'document-served' }).at(-1)).toMatchObject({ status: 404, connectionId: 'unknown', url: 'https://chatgpt.com/oauth/client-metadata/cb_unknown.json' });
    expect((await go('/oauth/client-metadata/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
  });

  it('bodies: wrong type → 400, too large → 413', async () => {
    const go = browser(clients.profiles.chatgpt.listenUrl);
    expect((await go('/settings/apps/advanced', { body: '{"developer_mode":"on"}', type: 'application/json' })).status).toBe(400);
    expect((await go('/settings/apps/advanced', { body: `developer_mode=on&pad=${'x'.repeat(70_000)}`, type: 'application/x-www-form-urlencoded' })).status).toBe(413);
  });
});

describe('Claude look-alike', () => {
  it('Add custom connector validates with Claude\'s texts; a stray callback gets "Authentication failed"', async () => {
    const go = browser(clients.profiles.claude.listenUrl);
    const bad = await go('/settings/connectors/new', { form: { name: 'Gangway', url: 'javascript:alert(1)' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(clients.errorTexts.claude.input['url-invalid'].text);
    expect((await go('/settings/connectors/new', { form: { name: 'Gangway', url: 'https://gw.example/mcp' } })).location).toBe('/settings/connectors');
    expect((await go('/settings/connectors')).text).toContain('Gangway');
    expect((await browser(clients.profiles.claude.listenUrl)('/settings/connectors')).text).not.toContain('Gangway');
    const stray = await go('/api/mcp/auth_callback?error=access_denied');
    expect(stray.status).toBe(400);
    expect(stray.text).toContain('Authentication failed. You can try connecting again.');
    expect((await go('/settings/connectors/conn_nope/call', { form: { tool: 'x' } })).status).toBe(404);
  });
});

describe('Inspector traffic reports', () => {
  const post = (body: string, type = 'application/json') => browser(clients.profiles.inspector.listenUrl)('/api/traffic', { body, type });
  const exchange = {
    connectionId: 'insp_test',
    phase: 'token',
    kind: 'http',
    method: 'POST',
    url: 'http://127.0.0.1:4000/token',
    requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
    requestBody: 'grant_type=authorization_code&code=browser-code-value-0001&code_verifier=browser-verifier-value-0001',
    status: 200,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: JSON.stringify({ access_token: 'browser-access-token-0001', refresh_token: 'browser-refresh-token-0001', token_type: 'Bearer' }),
    startedAt: Date.now(),
  };

  it('records a valid batch as browser-side exchanges, secrets fingerprinted', async () => {
    expect((await post(JSON.stringify({ exchanges: [exchange] }))).status).toBe(204);
    const [entry] = clients.traffic.list({ profile: 'inspector', connectionId: 'insp_test' });
    expect(entry).toMatchObject({ from: 'browser', phase: 'token', status: 200, params: { grant_type: 'authorization_code' }, responseBody: { token_type: 'Bearer' } });
    const text = JSON.stringify(clients.traffic.list());
    for (const secret of ['browser-code-value-0001', 'browser-verifier-value-0001', 'browser-access-token-0001', 'browser-refresh-token-0001']) {
      expect(text).not.toContain(secret);
      expect(secrets.has(secret)).toBe(true);
    }
  });

  it.each([
    ['not JSON', '{oops', 400],
    ['no exchanges', '{}', 400],
    ['a bad phase', JSON.stringify({ exchanges: [{ ...exchange, phase: 'teleport' }] }), 400],
    ['a relative URL', JSON.stringify({ exchanges: [{ ...exchange, url: '/token' }] }), 400],
    ['a bad connection id', JSON.stringify({ exchanges: [{ ...exchange, connectionId: '../x' }] }), 400],
    ['a form instead of JSON', 'exchanges=1', 400],
  ])('%s → %i, nothing recorded', async (_label, body, status) => {
    const before = clients.traffic.list({ profile: 'inspector' }).length;
    expect((await post(body, body.startsWith('exchanges=') ? 'application/x-www-form-urlencoded' : 'application/json')).status).toBe(status);
    expect(clients.traffic.list({ profile: 'inspector' })).toHaveLength(before);
  });

  it('serves its page at / and at the OAuth callback paths, and its bundled script', async () => {
    const go = browser(clients.profiles.inspector.listenUrl);
    for (const path of ['/', '/oauth/callback', '/oauth/callback/debug']) expect((await go(path)).text).toContain('Transport Type');
    const script = await go('/assets/inspector.js');
    expect(script.status).toBe(200);
    expect(script.text.length).toBeGreaterThan(10_000);
  });
});
