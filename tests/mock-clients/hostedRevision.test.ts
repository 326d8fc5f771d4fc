/**
 * How a hosted look-alike's connection gets its MCP revision: the add-a-server forms' "MCP protocol
 * version" (absent → 2025-11-25; only the two a hosted client can be asked for; anything else is a
 * broken form, 400), the connection keeping it, and the unauthenticated probe speaking it —
 * `server/discover` with `_meta` and the routing headers in 2026-07-28, never `initialize`.
 */
import { describe, expect, it } from 'vitest';
import { ConnectionStore } from '../../mock-clients/core/connections/connection.ts';
import { checkServerRevision, revisionSelect } from '../../mock-clients/core/connections/revisionField.ts';
import { HttpError } from '../../mock-clients/core/http/httpError.ts';
import { probeMcpServer } from '../../mock-clients/core/oauth/discovery.ts';
import { cite } from '../support/requirements.ts';

describe('the MCP protocol version field', () => {
  it('defaults to 2025-11-25 and accepts 2026-07-28; anything else is refused with 400', () => {
    expect(checkServerRevision(null)).toBe('2025-11-25');
    expect(checkServerRevision('')).toBe('2025-11-25');
    expect(checkServerRevision('2026-07-28')).toBe('2026-07-28');
    for (const other of ['2025-06-18', '2024-11-05', '2026-07-28 ']) {
      expect(() => checkServerRevision(other), other).toThrow(HttpError);
    }
  });

  it('the select offers the two revisions, the chosen one selected', () => {
    const markup = String(revisionSelect('2026-07-28'));
    expect(markup).toContain('<label for="server-protocol-version">MCP protocol version</label>');
    expect(markup).toContain('<option value="2025-11-25">2025-11-25</option>');
    expect(markup).toContain('<option value="2026-07-28" selected>2026-07-28</option>');
    expect(String(revisionSelect())).toContain('<option value="2025-11-25" selected>');
  });

  it('a connection keeps the revision it was created with (2025-11-25 when none is given)', () => {
    const store = new ConnectionStore('app_');
    expect(store.create('a', { name: 'n', mcpUrl: 'https://gw.example/mcp', authentication: 'oauth' }).revision).toBe('2025-11-25');
    expect(store.create('a', { name: 'n', mcpUrl: 'https://gw.example/mcp', authentication: 'oauth', revision: '2026-07-28' }).revision).toBe('2026-07-28');
  });
});

describe('the first, unauthenticated request', () => {
  const sentBy = async (revision?: '2025-11-25' | '2026-07-28') => {
    const sent: { headers: Headers; body: { method: string; params: Record<string, unknown> } }[] = [];
    const fetchFn = async (_url: string | URL, init?: RequestInit) => {
      sent.push({ headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) as { method: string; params: Record<string, unknown> } });
      return new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer resource_metadata="https://gw.example/.well-known/oauth-protected-resource/mcp"' } });
    };
    const probe = await probeMcpServer('https://gw.example/mcp', { name: 'ChatGPT', version: '1' }, fetchFn, revision);
    expect(probe).toEqual({ kind: 'challenge', challenge: { resourceMetadataUrl: 'https://gw.example/.well-known/oauth-protected-resource/mcp' } });
    return sent[0]!;
  };

  it(`${cite('REV26-01', 'REV26-02')} in 2026-07-28 is server/discover with _meta and Mcp-Method, not initialize`, async () => {
    const { headers, body } = await sentBy('2026-07-28');
    expect(body.method).toBe('server/discover');
    expect(body.params._meta).toMatchObject({ 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} });
    expect(headers.get('mcp-method')).toBe('server/discover');
    expect(headers.get('mcp-protocol-version')).toBe('2026-07-28');
  });

  it('in 2025 (the default) is initialize, as before', async () => {
    for (const revision of [undefined, '2025-11-25'] as const) {
      const { headers, body } = await sentBy(revision);
      expect(body.method).toBe('initialize');
      expect(headers.get('mcp-method')).toBeNull();
    }
  });
});
