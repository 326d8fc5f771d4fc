/**
 * withRevisionSession: the revision is chosen per connection, and the choice is what reaches the
 * wire — 2025-11-25 opens with initialize and a session, 2026-07-28 with server/discover and none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRevisionSession } from '../../mock-clients/core/mcp/modern/revisionSession.ts';
import { StatelessRevisionRefused } from '../../mock-clients/core/mcp/modern/statelessRefusal.ts';
import { cite } from '../support/requirements.ts';
import { startBothTargets, type TestServer } from './statelessTargets.ts';

const identity = { name: 'claude-ai', version: '1.0.0' };

describe('MCP revision chosen per connection', () => {
  let stateless: TestServer;
  let stateful: TestServer;
  beforeAll(async () => {
    ({ stateless, stateful } = await startBothTargets());
  });
  afterAll(async () => Promise.all([stateless.close(), stateful.close()]));

  it(cite('REV26-01') + ' 2025-11-25 initializes a session and ends it; 2026-07-28 discovers and holds none', async () => {
    const old = await withRevisionSession('2025-11-25', stateful.mcpUrl, identity, fetch, async (session) => ({ revision: session.revision, tools: await session.listTools() }));
    expect(old.revision).toBe('2025-11-25');
    expect(old.tools.map((t) => t.name)).toEqual(['echo', 'count_steps']);
    expect(stateful.received.map((r) => r.body?.method ?? r.httpMethod)).toEqual(['initialize', 'notifications/initialized', 'tools/list', 'DELETE']);
    expect(stateful.received.at(-2)?.headers['mcp-session-id']).toBeTruthy();

    const modern = await withRevisionSession('2026-07-28', stateless.mcpUrl, identity, fetch, async (session) => ({ revision: session.revision, tools: await session.listTools() }));
    expect(modern.revision).toBe('2026-07-28');
    expect(modern.tools.map((t) => t.name)).toContain('echo');
    expect(stateless.received.map((r) => r.body?.method)).toEqual(['server/discover', 'tools/list']);
    expect(stateless.received.every((r) => r.headers['mcp-session-id'] === undefined)).toBe(true);
  });

  it('resources and prompts answer the same through either revision', async () => {
    for (const [revision, target] of [['2025-11-25', stateful], ['2026-07-28', stateless]] as const) {
      const seen = await withRevisionSession(revision, target.mcpUrl, identity, fetch, async (session) => ({
        resources: (await session.listResources()).map((r) => r.uri),
        read: (await session.readResource('memo://readme')).contents[0],
        prompts: (await session.listPrompts()).map((p) => p.name),
        prompt: (await session.getPrompt('greet', { who: 'Ada' })).messages[0]?.content,
      }));
      expect(seen, revision).toEqual({ resources: ['memo://readme'], read: expect.objectContaining({ text: 'read me' }), prompts: ['greet'], prompt: { type: 'text', text: 'Say hello to Ada' } });
    }
  });

  it('progress reaches the same callback in either revision', async () => {
    for (const [revision, target] of [['2025-11-25', stateful], ['2026-07-28', stateless]] as const) {
      const steps: number[] = [];
      const result = await withRevisionSession(revision, target.mcpUrl, identity, fetch, (session) => session.callTool('count_steps', {}, { onProgress: (update) => steps.push(update.progress) }));
      expect(result.content[0], revision).toMatchObject({ text: 'counted' });
      expect(steps, revision).toEqual([1, 2, 3]);
    }
  });

  it(cite('REV26-01') + ' a connection set to 2026-07-28 does not fall back to a 2025 server', async () => {
    await expect(withRevisionSession('2026-07-28', stateful.mcpUrl, identity, fetch, async () => 'spoken')).rejects.toBeInstanceOf(StatelessRevisionRefused);
  });
});
