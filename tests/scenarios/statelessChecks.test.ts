/**
 * The 2026-07-28 conversation checks (scenarios/checks/statelessChecks.ts, REV26-02) on recorded
 * traffic: each passes on what a 2026-07-28 client sends through a gateway that speaks it, and
 * fails on traffic that lacks it — no server/discover (or one not listing 2026-07-28), a request
 * without `_meta`, a header that does not mirror the body. 2025 scenarios get none of them.
 */
import { describe, expect, it } from 'vitest';
import { FEATURE_SCENARIOS, SCENARIOS } from '../../scenarios/catalog/scenarios.ts';
import { emptyObservations, type CheckContext } from '../../scenarios/checks/checkContext.ts';
import { statelessChecks } from '../../scenarios/checks/statelessChecks.ts';
import { transportChecks } from '../../scenarios/checks/transportChecks.ts';
import type { Exchange } from '../../scenarios/runner/proxy/exchange.ts';
import { cite } from '../support/requirements.ts';

const MCP_URL = 'http://127.0.0.1:9/mcp';
const META = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {}, 'io.modelcontextprotocol/clientInfo': { name: 'x', version: '1' } };
let seq = 0;

interface Sent {
  readonly method: string;
  readonly params?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
  readonly result?: unknown;
}

/** A request as a 2026-07-28 client sends it (headers mirror the body) unless `headers` says otherwise. */
function exchange({ method, params = {}, headers, result = {} }: Sent): Exchange {
  const id = ++seq;
  const name = params.name ?? params.uri;
  const mirrored = { 'mcp-method': method, ...(typeof name === 'string' ? { 'mcp-name': name } : {}) };
  return {
    seq: id,
    at: Date.now(),
    durationMs: 1,
    request: {
      method: 'POST',
      path: '/mcp',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json', authorization: 'Bearer fp:x', 'mcp-protocol-version': '2026-07-28', ...(headers ?? mirrored) },
      body: JSON.stringify({ jsonrpc: '2.0', id, method, params: { _meta: META, ...params } }),
    },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id, result }) },
    stream: false,
    defect: undefined,
    fingerprint: (value) => value,
  };
}

const discover = (versions = ['2026-07-28', '2025-11-25']) => exchange({ method: 'server/discover', result: { supportedVersions: versions, capabilities: {} } });
const list = exchange({ method: 'tools/list', result: { tools: [] } });
const call = exchange({ method: 'tools/call', params: { name: 'github__list_repositories', arguments: {} }, result: { content: [] } });
const read = exchange({ method: 'resources/read', params: { uri: 'ui://atlassian__jira/issue-card.html' }, result: { contents: [] } });

const scenario = (id: string) => [...SCENARIOS, ...FEATURE_SCENARIOS].find((s) => s.id === id)!;
const context = (id: string, exchanges: Exchange[]): CheckContext => ({ mcpUrl: MCP_URL, exchanges, scenario: scenario(id), redirectUriPrefixes: [], observed: emptyObservations() });
const statuses = (id: string, exchanges: Exchange[]) => Object.fromEntries(statelessChecks(context(id, exchanges)).map((r) => [r.id, r.status]));

describe('2026-07-28 requests (REV26-02)', () => {
  const ok = { 'server-discover': 'SUCCESS', 'request-meta': 'SUCCESS', 'routing-headers': 'SUCCESS' };

  it(`${cite('REV26-02')} passes on server/discover, _meta on every request and headers that mirror the body`, () => {
    expect(statuses('happy-chatgpt-github-api-key-2026', [discover(), list, call, read])).toEqual(ok);
    expect(statuses('prompt-claude-github-2026', [discover(), exchange({ method: 'prompts/get', params: { name: 'github__summarize_pull_request', arguments: {} } })])).toEqual(ok);
  });

  it(`${cite('REV26-02')} fails without server/discover, or when it does not list 2026-07-28`, () => {
    expect(statuses('happy-chatgpt-github-api-key-2026', [list, call])['server-discover']).toBe('FAILURE');
    expect(statuses('happy-chatgpt-github-api-key-2026', [discover(['2025-11-25']), list])['server-discover']).toBe('FAILURE');
  });

  it(`${cite('REV26-02')} fails when a request carries no _meta, another version, or no capabilities`, () => {
    const bare = exchange({ method: 'tools/list' });
    const withoutMeta: Exchange = { ...bare, request: { ...bare.request, body: JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'tools/list', params: {} }) } };
    expect(statuses('happy-claude-slack-api-key-2026', [discover(), withoutMeta])['request-meta']).toBe('FAILURE');
    const older = exchange({ method: 'tools/list', params: { _meta: { ...META, 'io.modelcontextprotocol/protocolVersion': '2025-11-25' } } });
    expect(statuses('happy-claude-slack-api-key-2026', [discover(), older])['request-meta']).toBe('FAILURE');
    const { 'io.modelcontextprotocol/clientCapabilities': _dropped, ...noCapabilities } = META;
    expect(statuses('happy-claude-slack-api-key-2026', [discover(), exchange({ method: 'tools/list', params: { _meta: noCapabilities } })])['request-meta']).toBe('FAILURE');
    expect(statuses('happy-claude-slack-api-key-2026', [])['request-meta']).toBe('FAILURE');
  });

  it(`${cite('REV26-02')} fails when Mcp-Method or Mcp-Name is missing or does not mirror the body`, () => {
    const noMethod = exchange({ method: 'tools/list', headers: {} });
    expect(statuses('happy-chatgpt-github-api-key-2026', [discover(), noMethod])['routing-headers']).toBe('FAILURE');
    const wrongMethod = exchange({ method: 'tools/call', params: { name: 'github__list_repositories' }, headers: { 'mcp-method': 'tools/list', 'mcp-name': 'github__list_repositories' } });
    expect(statuses('happy-chatgpt-github-api-key-2026', [discover(), wrongMethod])['routing-headers']).toBe('FAILURE');
    const noName = exchange({ method: 'tools/call', params: { name: 'github__list_repositories' }, headers: { 'mcp-method': 'tools/call' } });
    expect(statuses('happy-chatgpt-github-api-key-2026', [discover(), noName])['routing-headers']).toBe('FAILURE');
    const otherUri = exchange({ method: 'resources/read', params: { uri: 'ui://atlassian__jira/issue-card.html' }, headers: { 'mcp-method': 'resources/read', 'mcp-name': 'ui://jira/issue-card.html' } });
    expect(statuses('widget-chatgpt-atlassian-2026', [discover(), otherUri])['routing-headers']).toBe('FAILURE');
  });

  it(`${cite('REV26-01')} an initialize fails the stateless check even when it is unauthenticated (the first probe of a 2025 client)`, () => {
    const stateless = (exchanges: Exchange[]) => transportChecks(context('happy-claude-slack-api-key-2026', exchanges)).find((r) => r.id === 'stateless')?.status;
    expect(stateless([discover(), list])).toBe('SUCCESS');
    const probe = exchange({ method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } } });
    const unauthenticated: Exchange = { ...probe, request: { ...probe.request, headers: { 'content-type': 'application/json' } }, response: { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: '' } };
    expect(stateless([unauthenticated, discover(), list])).toBe('FAILURE');
  });

  it(`${cite('REV26-01', 'TRANSPORT-09')} 2025 scenarios get none of these checks; 2026 ones declare REV26-01/02 in place of TRANSPORT-09`, () => {
    expect(statelessChecks(context('happy-chatgpt-github-api-key', [list]))).toEqual([]);
    for (const id of ['happy-chatgpt-github-api-key-2026', 'happy-claude-slack-api-key-2026', 'token-expiry-refresh-2026', 'widget-chatgpt-atlassian-2026', 'prompt-claude-github-2026']) {
      const declared = scenario(id);
      expect(declared.protocolRevision, id).toBe('2026-07-28');
      expect(declared.checks, id).toEqual(expect.arrayContaining(['REV26-01', 'REV26-02']));
      expect(declared.checks, id).not.toContain('TRANSPORT-09');
    }
  });
});
