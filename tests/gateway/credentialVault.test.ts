/**
 * The credential vault (UP-01): AES-256-GCM, owner-bound, rotating keys; and the proof that nothing
 * the user connected rests in plaintext in the data directory or reaches a log — after a restart the
 * stored credentials still work.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyFor, seededSecrets } from '../../fixtures/vendors/index.ts';
import { createVaultCipher, VaultError } from '../../gateway/vault/vaultCipher.ts';
import { loadVaultKeys } from '../../gateway/vault/vaultKeys.ts';
import { createLogger } from '../../gateway/logging/logger.ts';
import { openCredential } from '../../gateway/upstream/credentials.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, textOf } from '../support/mcpClient.ts';
import { cite } from '../support/requirements.ts';

describe('Vault cipher', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it(`${cite('UP-01')} seals with AES-256-GCM and opens only for the same owner`, () => {
    const vault = createVaultCipher({ active: 'k1', keys: new Map([['k1', k1]]) });
    const sealed = vault.seal('ghp_secret', 'alice:github');
    expect(sealed).not.toContain('ghp_secret');
    expect(sealed.startsWith('v1.k1.')).toBe(true);
    expect(vault.open(sealed, 'alice:github')).toBe('ghp_secret');
    expect(() => vault.open(sealed, 'bob:github')).toThrow(VaultError);
    const [v, kid, iv, ct, tag] = sealed.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => vault.open([v, kid, iv, flipped.toString('base64url'), tag].join('.'), 'alice:github')).toThrow(/failed authentication/);
    expect(vault.seal('same', 'x')).not.toBe(vault.seal('same', 'x'));
  });

  it(`${cite('UP-01')} rotates keys: new values use the active key, old ones still open, a missing key is named`, () => {
    const before = createVaultCipher({ active: 'k1', keys: new Map([['k1', k1]]) });
    const old = before.seal('token-1', 'owner');
    const after = createVaultCipher({ active: 'k2', keys: new Map([['k2', k2], ['k1', k1]]) });
    expect(after.open(old, 'owner')).toBe('token-1');
    expect(after.keyIdOf(after.seal('token-2', 'owner'))).toBe('k2');
    const withoutOld = createVaultCipher({ active: 'k2', keys: new Map([['k2', k2]]) });
    expect(() => withoutOld.open(old, 'owner')).toThrow(/vault key k1 is not configured/);
  });

  it('reads GANGWAY_VAULT_KEYS and refuses malformed keys, naming the setting', () => {
    const logger = createLogger('silent');
    const keys = loadVaultKeys(`k2:${k2.toString('base64url')},k1:${k1.toString('base64url')}`, '/nonexistent', logger);
    expect(keys.active).toBe('k2');
    expect(keys.keys.size).toBe(2);
    expect(() => loadVaultKeys('k1:short', '/nonexistent', logger)).toThrow(/GANGWAY_VAULT_KEYS/);
  });
});

describe('Credentials at rest and across a restart', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack();
  });
  afterAll(async () => stack?.stop());

  it(`${cite('UP-01', 'AS-07')} keeps no plaintext key or token in the data directory or the logs, and they still work after a restart`, async () => {
    const gw = stack.gateway.current;
    const person = gw.app.directory[0]!;
    const session = await ConsentSession.open(gw.url, gw.mcpUrl, person);
    await session.saveKey('github', apiKeyFor(stack.mocks.fixtures.github, 'valid', 0).secret);
    await session.connectOAuth('slack', stack.mocks.fixtures.slack.accounts[0]!);
    await session.connectOAuth('atlassian', stack.mocks.fixtures.atlassian.accounts[0]!);
    const result = await session.authorize();
    const accessToken = String(result.tokens!.access_token);

    const vaultKeys = loadVaultKeys(undefined, join(stack.gateway.dataDir, '..', 'vault.key'), createLogger('silent'));
    const vault = createVaultCipher(vaultKeys);
    const upstreamSecrets: string[] = [];
    for (const connection of await gw.store.connections.listForAccount(person.id)) {
      const credential = openCredential(vault, person.id, connection.connectorId, connection.secret);
      if (credential.kind === 'api_key') upstreamSecrets.push(credential.key);
      else upstreamSecrets.push(credential.accessToken, ...(credential.refreshToken ? [credential.refreshToken] : []));
    }
    expect(upstreamSecrets.length).toBeGreaterThanOrEqual(5);

    const secrets = [...seededSecrets(stack.mocks.fixtures).map((s) => s.secret), ...upstreamSecrets, accessToken, String(result.tokens!.refresh_token)];
    const dump = readdirSync(stack.gateway.dataDir)
      .map((name) => readFileSync(join(stack.gateway.dataDir, name)).toString('latin1'))
      .join('\n');
    expect(dump.length).toBeGreaterThan(10_000);
    const logs = stack.gateway.logs.join('\n');
    for (const secret of secrets) {
      expect(dump.includes(secret), 'a secret is in the data directory').toBe(false);
      expect(logs.includes(secret), 'a secret is in the logs').toBe(false);
    }

    await stack.gateway.restart();
    const mcp = await connectMcp(stack.gateway.current.mcpUrl, accessToken);
    for (const tool of ['github__list_repositories', 'slack__list_channels', 'atlassian__confluence_search']) {
      const called = await mcp.client.callTool({ name: tool, arguments: tool.startsWith('atlassian') ? { query: 'onboarding' } : {} });
      expect(called.isError, `${tool}: ${textOf(called)}`).toBeFalsy();
    }
    await mcp.close();
  });

  it('records the audit trail: sign-in, connect, consent and tool calls, without secret values', async () => {
    const wanted = ['user.signed_in', 'connection.connected', 'consent.granted', 'tool.call'];
    // Audit rows are written in batches a few milliseconds apart.
    const recorded = async () => new Set((await stack.gateway.current.store.audit.list({ limit: 200 })).map((e) => e.event));
    await expect.poll(async () => {
      const names = await recorded();
      return wanted.filter((name) => !names.has(name));
    }).toEqual([]);
    const events = await stack.gateway.current.store.audit.list({ limit: 200 });
    const call = events.find((event) => event.event === 'tool.call')!;
    expect(call).toMatchObject({ outcome: 'ok', clientId: expect.any(String), connectorId: expect.any(String), tool: expect.any(String) });
    expect(call.latencyMs).toBeGreaterThanOrEqual(0);
    const serialized = JSON.stringify(events);
    for (const secret of seededSecrets(stack.mocks.fixtures).map((s) => s.secret)) expect(serialized.includes(secret)).toBe(false);
  });
});
