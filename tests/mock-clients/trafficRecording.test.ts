/**
 * The traffic recording: what an exchange keeps, that no secret survives in it (only keyed
 * fingerprints that still compare equal), ordering by request start, clear() and settled(), and the
 * recording fetch around a real request/response pair.
 */
import { describe, expect, it } from 'vitest';
import { describeExchange, sanitizeUrl } from '../../mock-clients/core/traffic/describeExchange.ts';
import { createFingerprinter } from '../../wire/fingerprint.ts';
import { summarizeJsonRpcAnswer } from '../../mock-clients/core/traffic/jsonRpcSummary.ts';
import { classifyPhase, type RawExchange } from '../../mock-clients/core/traffic/rawExchange.ts';
import { recordingFetch } from '../../mock-clients/core/traffic/recordingFetch.ts';
import { TrafficLog } from '../../mock-clients/core/traffic/trafficLog.ts';
import { cite } from '../support/requirements.ts';

const SECRETS = {
  access: 'eyJhbGciOiJSUzI1NiJ9.access-token-value.signature',
  refresh: 'refresh-token-value-0123456789',
  rotated: 'refresh-token-value-rotated-9876',
  code: 'authorization-code-value-abcdef',
  verifier: 'pkce-verifier-value-0123456789abcdef0123456789',
  clientSecret: 'client-secret-value-xyz-0123456789',
  idToken: 'eyJhbGciOiJSUzI1NiJ9.id-token-value.signature',
};

const base: Omit<RawExchange, 'phase' | 'method' | 'url'> = { connectionId: 'app_test', kind: 'http', requestHeaders: {}, responseHeaders: {}, startedAt: Date.UTC(2026, 10, 24) };

function expectNoSecret(value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of Object.values(SECRETS)) expect(text, secret).not.toContain(secret);
}

describe('describeExchange: secrets become fingerprints', () => {
  const seen: string[] = [];
  const fp = createFingerprinter((secret) => seen.push(secret));

  it('a token request keeps public parameters and fingerprints code, verifier and client secret', () => {
    const entry = describeExchange(
      {
        ...base,
        phase: 'token',
        method: 'post',
        url: 'https://gw.example/token',
        requestHeaders: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${btoa(`client:${SECRETS.clientSecret}`)}` },
        requestBody: new URLSearchParams({ grant_type: 'authorization_code', code: SECRETS.code, code_verifier: SECRETS.verifier, redirect_uri: 'https://chatgpt.com/connector/oauth/cb_1', resource: 'https://gw.example/mcp', client_id: 'client', client_secret: SECRETS.clientSecret }).toString(),
        status: 200,
        responseHeaders: { 'content-type': 'application/json', 'set-cookie': 'session=abc', 'x-other': 'dropped' },
        responseBody: JSON.stringify({ access_token: SECRETS.access, refresh_token: SECRETS.refresh, id_token: SECRETS.idToken, token_type: 'Bearer', expires_in: 300, scope: 'mcp:tools' }),
      },
      fp,
    );
    expect(entry).toMatchObject({
      method: 'POST',
      phase: 'token',
      status: 200,
      params: { grant_type: 'authorization_code', redirect_uri: 'https://chatgpt.com/connector/oauth/cb_1', resource: 'https://gw.example/mcp', client_id: 'client' },
      responseBody: { token_type: 'Bearer', expires_in: 300, scope: 'mcp:tools' },
      responseHeaders: { 'content-type': 'application/json' },
    });
    expect(entry.params.code).toBe(fp(SECRETS.code));
    expect(entry.params.code_verifier).toMatch(/^fp:[\w-]{22}$/);
    expect(entry.requestHeaders.authorization).toMatch(/^Basic fp:/);
    expect((entry.responseBody as Record<string, string>).refresh_token).toBe(fp(SECRETS.refresh));
    expect(entry.responseHeaders).not.toHaveProperty('set-cookie');
    expect(entry.at).toBe('2026-11-24T00:00:00.000Z');
    expectNoSecret(entry);
    expect(seen).toEqual(expect.arrayContaining([SECRETS.code, SECRETS.verifier, SECRETS.refresh, SECRETS.access]));
  });

  it('equal secrets give equal prints, different secrets different ones: "the refresh token changed" stays checkable', () => {
    expect(fp(SECRETS.refresh)).toBe(fp(SECRETS.refresh));
    expect(fp(SECRETS.refresh)).not.toBe(fp(SECRETS.rotated));
    expect(createFingerprinter()(SECRETS.refresh)).not.toBe(fp(SECRETS.refresh));
  });

  it('URLs keep OAuth parameters and fingerprint everything else, fragments and credentials included', () => {
    const url = sanitizeUrl(`https://user:pw@chatgpt.com/connector/oauth/cb_1?code=${SECRETS.code}&state=s1&iss=https%3A%2F%2Fgw.example&session=${SECRETS.access}#access_token=${SECRETS.access}`, fp);
    const parsed = new URL(url);
    expect(parsed.searchParams.get('state')).toBe('s1');
    expect(parsed.searchParams.get('iss')).toBe('https://gw.example');
    expect(parsed.searchParams.get('code')).toBe(fp(SECRETS.code));
    expect(parsed.searchParams.get('session')).toMatch(/^fp:/);
    expect(parsed.username).toMatch(/^fp/);
    expectNoSecret(url);
    expect(sanitizeUrl('not a url', fp)).toBe('[unparsable URL]');
  });

  it('a Location header is sanitized like a URL, relative ones resolved first', () => {
    const entry = describeExchange({ ...base, phase: 'authorization', method: 'GET', url: 'https://gw.example/authorize', status: 303, responseHeaders: { location: `/cb?code=${SECRETS.code}` } }, fp);
    expect(entry.responseHeaders.location).toBe(`https://gw.example/cb?code=${encodeURIComponent(fp(SECRETS.code))}`);
  });

  it('registration: the request and response JSON are kept, client_secret fingerprinted', () => {
    const entry = describeExchange(
      {
        ...base,
        phase: 'registration',
        method: 'POST',
        url: 'https://gw.example/register',
        requestHeaders: { 'content-type': 'application/json' },
        requestBody: JSON.stringify({ client_name: 'Claude', redirect_uris: ['https://claude.ai/api/mcp/auth_callback'] }),
        status: 201,
        responseHeaders: { 'content-type': 'application/json' },
        responseBody: JSON.stringify({ client_id: 'c1', client_secret: SECRETS.clientSecret, nested: [{ registration_access_token: SECRETS.access }] }),
      },
      fp,
    );
    expect(entry.requestBody).toEqual({ client_name: 'Claude', redirect_uris: ['https://claude.ai/api/mcp/auth_callback'] });
    expect(entry.responseBody).toMatchObject({ client_id: 'c1', client_secret: fp(SECRETS.clientSecret) });
    expectNoSecret(entry);
  });

  it('MCP requests: method, tool, session and protocol version; the bearer fingerprinted; answers summarized, not stored', () => {
    const entry = describeExchange(
      {
        ...base,
        phase: 'mcp',
        method: 'POST',
        url: 'https://gw.example/mcp',
        requestHeaders: { authorization: `Bearer ${SECRETS.access}`, 'mcp-protocol-version': '2025-11-25', 'mcp-session-id': 'sess-1' },
        requestBody: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'github__list_repositories', arguments: { token: SECRETS.refresh } } }),
        status: 200,
        responseHeaders: { 'content-type': 'text/event-stream' },
        responseBody: `event: message\ndata: {"jsonrpc":"2.0","id":7,"result":{"content":[{"type":"text","text":"${SECRETS.code}"}]}}\n\n`,
      },
      fp,
    );
    expect(entry.mcp).toEqual({ method: 'tools/call', requestId: 7, tool: 'github__list_repositories', protocolVersion: '2025-11-25', sessionId: 'sess-1', result: { isError: false } });
    expect(entry.requestHeaders.authorization).toBe(`Bearer ${fp(SECRETS.access)}`);
    expect(entry).not.toHaveProperty('responseBody');
    expectNoSecret(entry);
  });

  it(`${cite('REV26-02')} 2026-07-28 requests: the Mcp-Method and Mcp-Name routing headers are kept for the checks`, () => {
    const entry = describeExchange(
      {
        ...base,
        phase: 'mcp',
        method: 'POST',
        url: 'https://gw.example/mcp',
        requestHeaders: { Authorization: `Bearer ${SECRETS.access}`, 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'resources/read', 'Mcp-Name': 'ui://atlassian__jira/issue-card.html', 'Mcp-Param-Other': 'dropped' },
        requestBody: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'resources/read', params: { uri: 'ui://atlassian__jira/issue-card.html' } }),
        status: 200,
        responseHeaders: { 'content-type': 'application/json' },
        responseBody: JSON.stringify({ jsonrpc: '2.0', id: 3, result: { contents: [] } }),
      },
      fp,
    );
    expect(entry.requestHeaders).toEqual({
      authorization: `Bearer ${fp(SECRETS.access)}`,
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'resources/read',
      'mcp-name': 'ui://atlassian__jira/issue-card.html',
    });
    expect(entry.mcp).toMatchObject({ method: 'resources/read', protocolVersion: '2026-07-28' });
  });

  it('an OAuth error body on the MCP endpoint is kept (it is not a JSON-RPC answer)', () => {
    const entry = describeExchange(
      {
        ...base,
        phase: 'discovery',
        method: 'POST',
        url: 'https://gw.example/mcp',
        requestBody: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: {} }),
        status: 401,
        responseHeaders: { 'content-type': 'application/json', 'www-authenticate': 'Bearer resource_metadata="https://gw.example/.well-known/oauth-protected-resource/mcp"' },
        responseBody: JSON.stringify({ error: 'invalid_token', error_description: 'no token' }),
      },
      fp,
    );
    expect(entry.responseBody).toEqual({ error: 'invalid_token', error_description: 'no token' });
    expect(entry.responseHeaders['www-authenticate']).toContain('resource_metadata=');
    expect(entry.mcp).toEqual({ method: 'initialize', requestId: 0 });
  });
});

describe('summarizeJsonRpcAnswer', () => {
  it('reads tools/list, initialize and errors from JSON and SSE bodies', () => {
    expect(summarizeJsonRpcAnswer('{"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"a"},{"name":"b"}],"nextCursor":"c2"}}', 'application/json', 1)).toEqual({ tools: ['a', 'b'], nextCursor: 'c2' });
    expect(summarizeJsonRpcAnswer('data: {"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{"listChanged":true}}}}\n\n', 'text/event-stream', 0)).toEqual({ protocolVersion: '2025-11-25', toolsListChanged: true });
    expect(summarizeJsonRpcAnswer('{"jsonrpc":"2.0","id":2,"error":{"code":-32602,"message":"bad"}}', 'application/json', 2)).toEqual({ error: { code: -32602, message: 'bad' } });
    expect(summarizeJsonRpcAnswer('{"jsonrpc":"2.0","id":3,"result":{"content":[],"isError":true}}', 'application/json', 3, 'tools/call')).toEqual({ isError: true });
  });

  it('ignores what is not a JSON-RPC answer', () => {
    expect(summarizeJsonRpcAnswer('not json', 'application/json', 1)).toBeUndefined();
    expect(summarizeJsonRpcAnswer('{"error":"invalid_token"}', 'application/json', 1)).toBeUndefined();
    expect(summarizeJsonRpcAnswer('', 'text/event-stream', 1)).toBeUndefined();
  });
});

describe('classifyPhase (browser-side requests)', () => {
  const mcp = 'https://gw.example/mcp';
  it.each([
    ['https://gw.example/mcp', 'POST', {}, '{"jsonrpc":"2.0"}', 'discovery'],
    ['https://gw.example/mcp', 'POST', { authorization: 'Bearer x' }, '{"jsonrpc":"2.0"}', 'mcp'],
    ['https://gw.example/.well-known/oauth-protected-resource/mcp', 'GET', {}, undefined, 'discovery'],
    ['https://gw.example/register', 'POST', {}, '{"redirect_uris":["x"]}', 'registration'],
    ['https://gw.example/token', 'POST', {}, 'grant_type=authorization_code&code=x', 'token'],
    ['https://gw.example/token', 'POST', {}, 'grant_type=refresh_token&refresh_token=x', 'refresh'],
  ] as const)('%s %s → %s', (url, method, headers, body, phase) => {
    expect(classifyPhase(url, method, headers, body, mcp)).toBe(phase);
  });
});

describe('TrafficLog', () => {
  const raw = (url: string): RawExchange => ({ ...base, phase: 'discovery', method: 'GET', url, status: 200 });

  it('lists in the order requests started, filters, and clear() drops what started before it', () => {
    const log = new TrafficLog(createFingerprinter());
    const first = log.reserve();
    log.record('claude', 'backend', raw('https://gw.example/second'));
    log.record('chatgpt', 'backend', raw('https://gw.example/first'), first);
    expect(log.list().map((e) => e.url)).toEqual(['https://gw.example/first', 'https://gw.example/second']);
    expect(log.list({ profile: 'claude' })).toHaveLength(1);
    expect(log.list({ urlIncludes: 'first', from: 'backend', phase: 'discovery' })).toHaveLength(1);
    const late = log.reserve();
    log.clear();
    expect(log.record('chatgpt', 'backend', raw('https://gw.example/late'), late)).toBeUndefined();
    expect(log.list()).toEqual([]);
  });

  it('list() hands out copies', () => {
    const log = new TrafficLog(createFingerprinter());
    log.record('chatgpt', 'backend', raw('https://gw.example/a'));
    (log.list()[0]!.params as Record<string, string>).x = 'changed';
    expect(log.list()[0]!.params).toEqual({});
  });

  it('settled() waits for answers still being read', async () => {
    const log = new TrafficLog(createFingerprinter());
    let done = false;
    log.track(new Promise((resolve) => setTimeout(resolve, 50)).then(() => (done = true)));
    await log.settled();
    expect(done).toBe(true);
  });
});

describe('recordingFetch', () => {
  it('records the request and the answer (JSON body read from a copy) without disturbing the caller', async () => {
    const log = new TrafficLog(createFingerprinter());
    const upstream = async () => new Response(JSON.stringify({ access_token: SECRETS.access, token_type: 'Bearer' }), { status: 200, headers: { 'content-type': 'application/json' } });
    const fetchFn = recordingFetch(log, { profile: 'chatgpt', connectionId: 'app_1', phase: 'refresh' }, upstream);
    const response = await fetchFn('https://gw.example/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: SECRETS.refresh }) });
    expect(await response.json()).toEqual({ access_token: SECRETS.access, token_type: 'Bearer' });
    await log.settled();
    const [entry] = log.list();
    expect(entry).toMatchObject({ profile: 'chatgpt', connectionId: 'app_1', phase: 'refresh', from: 'backend', status: 200, params: { grant_type: 'refresh_token' }, responseBody: { token_type: 'Bearer' } });
    expectNoSecret(log.list());
  });

  it('records a network failure as status 0 and rethrows it', async () => {
    const log = new TrafficLog(createFingerprinter());
    const failing = async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    };
    await expect(recordingFetch(log, { profile: 'claude', connectionId: 'conn_1', phase: 'discovery' }, failing)('https://gw.example/mcp')).rejects.toThrow('fetch failed');
    expect(log.list()[0]).toMatchObject({ status: 0, error: 'network error (ECONNREFUSED)', method: 'GET' });
  });
});
