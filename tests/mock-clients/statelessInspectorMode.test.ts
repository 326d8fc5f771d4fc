/**
 * The Inspector page's 2026-07-28 mode (mock-clients/inspector/browser/statelessMode.ts): how the
 * page chooses it, that it bundles for the browser the way the page is bundled, and that it talks
 * 2026-07-28 as the Inspector to a real v2 server, OAuth provider included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthClientProvider } from '@modelcontextprotocol/client';
import { StatelessRevisionRefused } from '../../mock-clients/core/mcp/modern/statelessRefusal.ts';
import { connectStateless, statelessModeChosen } from '../../mock-clients/inspector/browser/statelessMode.ts';
import { inspectorBundle } from '../../mock-clients/inspector/pageBundle.ts';
import { cite } from '../support/requirements.ts';
import { startBothTargets, type TestServer } from './statelessTargets.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
}

/** A provider holding a token already (as after the page's callback): the transport must send it. */
function providerWithToken(accessToken: string): OAuthClientProvider {
  return {
    redirectUrl: 'http://localhost:6274/oauth/callback',
    clientMetadata: { redirect_uris: ['http://localhost:6274/oauth/callback'], client_name: 'MCP Inspector' },
    clientInformation: () => ({ client_id: 'inspector-test' }),
    tokens: () => ({ access_token: accessToken, token_type: 'Bearer' }),
    saveTokens: () => undefined,
    redirectToAuthorization: () => {
      throw new Error('no authorization expected: the server did not answer 401');
    },
    saveCodeVerifier: () => undefined,
    codeVerifier: () => 'unused',
  };
}

describe('Inspector 2026-07-28 mode: choosing it', () => {
  it('is chosen by ?protocolVersion=2026-07-28, survives the OAuth round trip without it, and a 2025 value unchooses it', () => {
    const storage = memoryStorage();
    const url = 'http://127.0.0.1:4000/mcp';
    expect(statelessModeChosen(url, new URLSearchParams(''), storage)).toBe(false);
    expect(statelessModeChosen(url, new URLSearchParams('transport=streamable-http&protocolVersion=2026-07-28'), storage)).toBe(true);
    expect(statelessModeChosen(url, new URLSearchParams('transport=streamable-http&serverUrl=x'), storage)).toBe(true); // back from /oauth/callback
    expect(statelessModeChosen('http://127.0.0.1:4000/other', new URLSearchParams(''), storage)).toBe(false); // per server URL
    expect(statelessModeChosen(url, new URLSearchParams('protocolVersion=2025-11-25'), storage)).toBe(false);
    expect(statelessModeChosen(url, new URLSearchParams(''), storage)).toBe(false);
  });

  it('is in the page bundle the look-alike serves (esbuild, platform browser), with no Node built-ins from the v2 client', async () => {
    const code = await inspectorBundle();
    expect(code).toContain('server/discover'); // the v2 client's probe: only the 2026 mode sends it
    expect(code).toContain(':protocol-version'); // statelessMode.ts's remembered choice
    expect(code).not.toMatch(/from\s*"node:|require\("node:/);
  });
});

describe('Inspector 2026-07-28 mode against a v2 server', () => {
  let stateless: TestServer;
  let stateful: TestServer;
  beforeAll(async () => {
    ({ stateless, stateful } = await startBothTargets());
  });
  afterAll(async () => Promise.all([stateless.close(), stateful.close()]));

  it(cite('REV26-01', 'REV26-02', 'REV26-03') + ' connects as mcp-inspector with the bearer, lists, shows progress and answers an elicitation, with no session', async () => {
    const progress: number[] = [];
    const session = await connectStateless(stateless.mcpUrl, {
      fetch,
      authProvider: providerWithToken('inspector-token'),
      onElicitation: async () => ({ action: 'accept', content: { time: '20:00' } }),
    });
    try {
      expect((await session.listTools()).map((t) => t.name)).toContain('count_steps');
      await session.callTool('count_steps', {}, { onProgress: (update) => progress.push(update.progress) });
      const booked = await session.callTool('book_table', { restaurant: 'Inspector Bistro' });
      expect(booked.content[0]).toMatchObject({ text: 'booked Inspector Bistro at 20:00 (state booking:Inspector Bistro)' });
    } finally {
      await session.close();
    }
    expect(progress).toEqual([1, 2, 3]);
    expect(stateless.received.map((r) => r.body?.method)).toEqual(['server/discover', 'tools/list', 'tools/call', 'tools/call', 'tools/call']);
    for (const request of stateless.received) {
      expect(request.headers.authorization).toBe('Bearer inspector-token');
      expect(request.headers['mcp-session-id']).toBeUndefined();
      expect((request.body?.params?._meta as Record<string, unknown>)['io.modelcontextprotocol/clientInfo']).toEqual({ name: 'mcp-inspector', version: '0.17.0' });
    }
  });

  it(cite('REV26-01') + ' refuses a 2025-only server instead of falling back', async () => {
    await expect(connectStateless(stateful.mcpUrl, { fetch })).rejects.toBeInstanceOf(StatelessRevisionRefused);
    expect(stateful.received.map((r) => r.body?.method)).toEqual(['server/discover']);
  });
});
