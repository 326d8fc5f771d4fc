/**
 * The whole gateway on the PostgreSQL store (issue 14): a client registers, the user signs in and
 * consents, tokens are issued and refreshed — and what is at rest matches the embedded store's
 * promise (AUTH-11: no refresh or access token in plaintext). Two gateways on one database share
 * the signing keys: a token issued by one is accepted by the other.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';
import { testPostgres } from './storeUnderTest.ts';

let url: string;
let one: TestGateway;
let two: TestGateway;
beforeAll(async () => {
  url = await (await testPostgres()).newDatabase();
  // Replicas share the database and the vault key (the signing keys are stored sealed with it).
  const vaultKeys = `k1:${randomBytes(32).toString('base64url')}`;
  one = await startTestGateway({ databaseUrl: url, vaultKeys });
  // As behind a load balancer: one public URL (issuer, token audience), two processes.
  two = await startTestGateway({ databaseUrl: url, vaultKeys, publicUrl: one.current.url });
}, 60_000);
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
});

async function dumpDatabase(): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows;
    const parts: string[] = [];
    for (const { tablename } of tables) parts.push(JSON.stringify((await client.query(`SELECT * FROM ${pg.escapeIdentifier(tablename)}`)).rows));
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

describe('The gateway on PostgreSQL', () => {
  it(`${cite('AUTH-11')} signs a client in through one replica; the other accepts its token; no token at rest in plaintext`, async () => {
    expect(one.current.store.kind).toBe('postgres');
    const client = await connectClient(one.current.url, one.current.mcpUrl, one.current.app.directory[0]!);
    const accepted = await fetch(`${two.current.listenUrl}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${String(client.tokens.access_token)}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
    });
    expect(accepted.status).toBe(200);
    const dump = await dumpDatabase();
    expect(dump).toContain(client.clientId);
    expect(dump).not.toContain(String(client.tokens.refresh_token));
    expect(dump).not.toContain(String(client.tokens.access_token));
    expect(dump).not.toContain(one.current.app.directory[0]!.password);
  });
});
