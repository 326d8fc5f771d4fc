/**
 * The token-signing key at rest (issue 11, point 5): sealed with the vault key in the store, a
 * plaintext key from an older version sealed on start, re-sealed when the vault key rotates — and
 * the MCP endpoint refuses a token whose `sub` or `client_id` is not its grant's, so a key copied
 * from somewhere cannot mint tokens for another user under an existing grant.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_JWKS } from '../../gateway/oauth/signingKeys.ts';
import type { RunningGateway } from '../../gateway/server.ts';
import { openSqliteStore } from '../../gateway/store/sqlite/openSqliteStore.ts';
import { INITIALIZE, mcpPost } from '../support/mcpRequests.ts';
import { connectClient } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, testGatewaySetup, type TestGateway, type TestGatewaySetup } from '../support/testGateway.ts';
import { forgeToken } from '../support/tokenForge.ts';
import { startDemoGateway } from '../../stack/demoGateway.ts';

/** Every byte the data directory holds (the SQLite file, and its WAL if one is left). */
const dataDirText = (dataDir: string) =>
  readdirSync(dataDir)
    .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
    .join('\n');

const vaultKey = () => randomBytes(32).toString('base64url');
const storedSigningValue = (gateway: RunningGateway) => gateway.store.keys.getOrCreate(SIGNING_JWKS, () => '');

describe('Signing key at rest', () => {
  let setup: TestGatewaySetup | undefined;
  let running: RunningGateway | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
    setup?.cleanup();
  });

  it(`${cite('AUTH-08')} keeps no private JWK in the data directory, and start-up works again after a restart`, async () => {
    setup = testGatewaySetup();
    running = await startDemoGateway(setup.config, { logger: setup.logger });
    const client = await connectClient(running.url, running.mcpUrl, running.app.directory[0]!);
    expect(await storedSigningValue(running)).toMatch(/^v1\.k1\./);
    const port = Number(new URL(running.listenUrl).port);
    await running.close();
    expect(dataDirText(setup.dataDir)).not.toContain('"d":');

    running = await startDemoGateway({ ...setup.config, port }, { logger: setup.logger });
    const stillValid = await mcpPost(running.mcpUrl, INITIALIZE, { authorization: `Bearer ${String(client.tokens.access_token)}` });
    expect(stillValid.status).toBe(200);
  });

  it(`${cite('AUTH-08')} seals a plaintext key left by an older version on start, keeping the same key`, async () => {
    setup = testGatewaySetup();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const legacy = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: 'legacy-key', alg: 'RS256', use: 'sig' };
    const old = openSqliteStore(setup.dataDir);
    await old.keys.getOrCreate(SIGNING_JWKS, () => JSON.stringify({ keys: [legacy] }));
    await old.close();
    expect(dataDirText(setup.dataDir)).toContain('"d":');

    running = await startDemoGateway(setup.config, { logger: setup.logger });
    expect(await storedSigningValue(running)).toMatch(/^v1\.k1\./);
    const jwks = (await (await fetch(`${running.url}/jwks`)).json()) as { keys: JWK[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual(['legacy-key']);
    await running.close();
    running = undefined;
    expect(dataDirText(setup.dataDir)).not.toContain('"d":');
  });

  it(`${cite('AUTH-08')} re-seals the key with the new active vault key when the vault key rotates`, async () => {
    const k1 = `k1:${vaultKey()}`;
    setup = testGatewaySetup({ vaultKeys: k1 });
    running = await startDemoGateway(setup.config, { logger: setup.logger });
    const kidBefore = ((await (await fetch(`${running.url}/jwks`)).json()) as { keys: JWK[] }).keys[0]!.kid;
    await running.close();

    running = await startDemoGateway({ ...setup.config, vault: { ...setup.config.vault, keys: `k2:${vaultKey()},${k1}` } }, { logger: setup.logger });
    expect(await storedSigningValue(running)).toMatch(/^v1\.k2\./);
    expect(((await (await fetch(`${running.url}/jwks`)).json()) as { keys: JWK[] }).keys[0]!.kid).toBe(kidBefore);
  });

  it('stops start-up with a message naming the setting when the vault key that sealed the signing key is gone', async () => {
    setup = testGatewaySetup({ vaultKeys: `k1:${vaultKey()}` });
    running = await startDemoGateway(setup.config, { logger: setup.logger });
    await running.close();
    running = undefined;
    await expect(startDemoGateway({ ...setup.config, vault: { ...setup.config.vault, keys: `k1:${vaultKey()}` } }, { logger: setup.logger })).rejects.toThrow(
      /GANGWAY_VAULT_KEYS .*the stored oauth\.signing-jwks was sealed with vault key k1, which the configured keys cannot open/,
    );
  });
});

describe('Access tokens must match their grant', () => {
  let gw: TestGateway;
  let claims: Record<string, unknown>;
  beforeAll(async () => {
    gw = await startTestGateway();
    const connected = await connectClient(gw.current.url, gw.current.mcpUrl, gw.current.app.directory[0]!);
    const payload = JSON.parse(Buffer.from(String(connected.tokens.access_token).split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    claims = { sub: payload.sub, client_id: payload.client_id, gid: payload.gid };
  });
  afterAll(async () => gw?.stop());

  const status = async (token: string) => (await mcpPost(gw.current.mcpUrl, INITIALIZE, { authorization: `Bearer ${token}` })).status;

  it(`${cite('AUTH-08')} accepts a token whose sub and client_id are its grant's`, async () => {
    expect(await status(await forgeToken(gw.current, claims))).toBe(200);
  });

  it(`${cite('AUTH-08')} refuses a token minted for another user under an existing grant`, async () => {
    const other = gw.current.app.directory[1]!;
    expect(other.id).not.toBe(claims.sub);
    const response = await mcpPost(gw.current.mcpUrl, INITIALIZE, { authorization: `Bearer ${await forgeToken(gw.current, { ...claims, sub: other.id })}` });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it(`${cite('AUTH-08')} refuses a token naming another client than its grant's`, async () => {
    expect(await status(await forgeToken(gw.current, { ...claims, client_id: 'some-other-client' }))).toBe(401);
  });
});
