/**
 * How the gateway identifies itself to an upstream authorization server, in the 2026-07-28 order
 * (basic/authorization/client-registration): the connector's configured client; else the gateway's
 * own Client ID Metadata Document when the server advertises `client_id_metadata_document_supported`
 * — then nothing is registered; else dynamic registration carrying `application_type` and
 * `grant_types`, bound to the issuer that registered it. Against the Atlassian look-alike's MCP
 * authorization server; its `clientIdMetadataDocuments: "https-and-loopback"` dev knob is what lets
 * a gateway on a loopback http URL be identified by its document (oauthClientMetadata.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorConfig } from '../../gateway/connectors/catalogSchema.ts';
import { createLogger } from '../../gateway/logging/logger.ts';
import { createOutboundFetch, type OutboundFetch } from '../../gateway/net/outboundFetch.ts';
import { openSqliteStore } from '../../gateway/store/sqlite/openSqliteStore.ts';
import type { GatewayStore } from '../../gateway/store/store.ts';
import { applicationTypeFor, clientIdUsableWith, clientMetadataDocument, UPSTREAM_CLIENT_METADATA_PATH } from '../../gateway/upstream/oauthClientMetadata.ts';
import { createOAuthResolver } from '../../gateway/upstream/oauthResolver.ts';
import { UPSTREAM_CALLBACK_PATH } from '../../gateway/upstream/upstreamCallbackRoutes.ts';
import { createVaultCipher } from '../../gateway/vault/vaultCipher.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, textOf } from '../support/mcpClient.ts';
import { cite } from '../support/requirements.ts';

const SCOPES = ['read:jira-work', 'read:confluence-content.all', 'search:confluence', 'offline_access'];

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack({
    catalog: (catalog) => ({
      connectors: catalog.connectors.map((connector) =>
        connector.id === 'atlassian' ? { ...connector, auth: { oauth: { discovery: 'mcp' as const, scopes: SCOPES } } } : connector,
      ),
    }),
  });
});
afterAll(async () => stack?.stop());

const atlassian = () => stack.mocks.vendors.atlassian;

describe('The gateway identified by its Client ID Metadata Document', () => {
  it(`${cite('UP-02', 'REV26-04')} serves its document: client_id = its URL, the upstream callback, a public client`, async () => {
    const gw = stack.gateway.current;
    const response = await fetch(`${gw.url}${UPSTREAM_CLIENT_METADATA_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({
      client_id: `${gw.url}${UPSTREAM_CLIENT_METADATA_PATH}`,
      client_name: 'Gangway AI Gateway',
      client_uri: gw.url,
      redirect_uris: [`${gw.url}${UPSTREAM_CALLBACK_PATH}`],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      // A gateway on a loopback address is a "locally-hosted web application accessed via localhost".
      application_type: 'native',
    });
  });

  it(`${cite('UP-02', 'REV26-04')} uses the document as client_id when the server supports them: no /register, a public client at /token, tools work`, async () => {
    atlassian().control.setFaults({ clientIdMetadataDocuments: 'https-and-loopback' });
    const gw = stack.gateway.current;
    const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
    const page = await session.connectOAuth('atlassian', stack.mocks.fixtures.atlassian.accounts[0]!);
    expect(page).toMatch(/id="status-atlassian" role="status">Connected/);

    const control = atlassian().control;
    expect(control.recording({ method: 'POST', path: '/v1/register' })).toHaveLength(0);
    expect(control.recording({ method: 'GET', path: '/v1/authorize', status: 302 })).toHaveLength(1);
    expect(control.recording({ path: '/v1/token', grantType: 'authorization_code' })).toEqual([expect.objectContaining({ status: 200, credential: 'public-client' })]);
    // Nothing registered, so nothing kept for this connector.
    expect(await gw.store.upstreamClients.get('atlassian')).toBeUndefined();

    const result = await session.authorize();
    const mcp = await connectMcp(gw.mcpUrl, String(result.tokens!.access_token));
    const found = await mcp.client.callTool({ name: 'atlassian__jira_search_issues', arguments: { jql: 'project = ENG' } });
    expect(found.isError, textOf(found)).toBeFalsy();
    await mcp.close();
  });
});

describe('The resolver, against the same authorization server', () => {
  let dir: string;
  let store: GatewayStore;
  const vault = createVaultCipher({ active: 'k1', keys: new Map([['k1', randomBytes(32)]]) });
  const sent: { url: string; method: string; body: string | undefined }[] = [];
  let recordingFetch: OutboundFetch;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gangway-upstream-client-'));
    store = openSqliteStore(join(dir, 'data'));
    const base = createOutboundFetch({ allowOrigins: [atlassian().baseUrl] });
    recordingFetch = Object.assign(
      (url: string | URL, init?: Parameters<OutboundFetch>[1]) => {
        sent.push({ url: String(url), method: init?.method ?? 'GET', body: init?.body });
        return base(url, init);
      },
      { request: base.request.bind(base), timeoutMs: base.timeoutMs },
    );
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const connector = (oauth: Record<string, unknown> = {}): ConnectorConfig =>
    ({ ...stack.gateway.current.app.catalog.byId('atlassian')!, auth: { oauth: { discovery: 'mcp', scopes: SCOPES, tokenRequestFormat: 'form', tokenResponse: 'standard', scopeSeparator: ' ', extraAuthorizeParams: {}, pkce: true, ...oauth } } }) as ConnectorConfig;
  const resolverAt = (redirectUri: string) => createOAuthResolver({ fetch: recordingFetch, clients: store.upstreamClients, vault, redirectUri, logger: createLogger('silent') });
  const registrations = () => sent.filter((r) => r.method === 'POST' && r.url === atlassian().mcpOAuth!.registrationUrl);

  it('offers the document to a loopback server only from a loopback gateway, and always over https', async () => {
    atlassian().control.setFaults({ clientIdMetadataDocuments: 'https-and-loopback' });
    const resolved = await resolverAt('http://127.0.0.1:4999/upstream/oauth/callback')(connector());
    expect(resolved).toMatchObject({ clientId: `http://127.0.0.1:4999${UPSTREAM_CLIENT_METADATA_PATH}`, clientAuthMethod: 'none', clientSecret: undefined });

    expect(clientIdUsableWith('https://gw.example/upstream/oauth/client-metadata.json', 'https://auth.vendor.example')).toBe(true);
    expect(clientIdUsableWith('http://127.0.0.1:4000/upstream/oauth/client-metadata.json', 'http://127.0.0.1:4101')).toBe(true);
    expect(clientIdUsableWith('http://127.0.0.1:4000/upstream/oauth/client-metadata.json', 'https://auth.vendor.example')).toBe(false);
    expect(clientIdUsableWith('http://gw.example/upstream/oauth/client-metadata.json', 'http://127.0.0.1:4101')).toBe(false);
    expect(clientIdUsableWith('https://gw.example/', 'https://auth.vendor.example')).toBe(false);
  });

  it(`${cite('UP-02', 'REV26-04')} without Client ID Metadata Documents, registers with application_type and grant_types, and records the issuer`, async () => {
    atlassian().control.setFaults({ clientIdMetadataDocuments: 'off' });
    const resolved = await resolverAt('http://127.0.0.1:4999/upstream/oauth/callback')(connector());
    expect(registrations()).toHaveLength(1);
    expect(JSON.parse(registrations()[0]!.body!)).toMatchObject({
      redirect_uris: ['http://127.0.0.1:4999/upstream/oauth/callback'],
      application_type: 'native',
      grant_types: ['authorization_code', 'refresh_token'],
      client_name: 'Gangway AI Gateway',
    });
    expect(resolved.clientId).not.toMatch(/^http/);
    expect(resolved).toMatchObject({ issuer: atlassian().baseUrl, issParameterSupported: true });
  });

  it(`${cite('UP-02', 'REV26-04')} a registration already held stays in use once the server offers documents: its connections' refresh tokens belong to it`, async () => {
    atlassian().control.setFaults({ clientIdMetadataDocuments: 'https-and-loopback' });
    const before = registrations().length;
    const resolved = await resolverAt('http://127.0.0.1:4999/upstream/oauth/callback')(connector());
    expect(resolved.clientId).not.toMatch(/^http/);
    expect(registrations()).toHaveLength(before);
  });

  it(`${cite('UP-02', 'REV26-04')} a registration kept for another issuer is not reused: the gateway registers again`, async () => {
    atlassian().control.setFaults({ clientIdMetadataDocuments: 'off' });
    const before = registrations().length;
    await store.upstreamClients.save(
      'atlassian',
      vault.seal(JSON.stringify({ client_id: 'from-the-old-server', issuer: 'https://old-auth.example' }), 'upstream-client:atlassian'),
      Date.now(),
      await store.upstreamClients.get('atlassian'),
    );
    const resolved = await resolverAt('http://127.0.0.1:4999/upstream/oauth/callback')(connector());
    expect(registrations()).toHaveLength(before + 1);
    expect(resolved.clientId).not.toBe('from-the-old-server');
  });

  it(`${cite('UP-02', 'UP-03')} two replicas registering at the same moment end with ONE registration, which both use (issue 14)`, async () => {
    atlassian().control.setFaults({ clientIdMetadataDocuments: 'off' });
    // Start from a registration for another issuer, so both must register again.
    await store.upstreamClients.save(
      'atlassian',
      vault.seal(JSON.stringify({ client_id: 'from-the-old-server', issuer: 'https://old-auth.example' }), 'upstream-client:atlassian'),
      Date.now(),
      await store.upstreamClients.get('atlassian'),
    );
    const before = registrations().length;
    const callback = 'http://127.0.0.1:4999/upstream/oauth/callback';
    const [first, second] = await Promise.all([resolverAt(callback)(connector()), resolverAt(callback)(connector())]);
    expect(registrations().length - before).toBe(2);
    expect(second.clientId).toBe(first.clientId);
    const kept = JSON.parse(vault.open((await store.upstreamClients.get('atlassian'))!, 'upstream-client:atlassian')) as { client_id: string };
    expect(kept.client_id).toBe(first.clientId);
  });

  it(`${cite('UP-02', 'REV26-04')} a configured client comes first: neither the document nor registration, even when both are offered`, async () => {
    atlassian().control.setFaults({ clientIdMetadataDocuments: 'https-and-loopback' });
    const before = registrations().length;
    const resolved = await resolverAt('http://127.0.0.1:4999/upstream/oauth/callback')(connector({ clientId: 'admin-configured-client' }));
    expect(resolved.clientId).toBe('admin-configured-client');
    expect(registrations()).toHaveLength(before);
  });

  it('a gateway at a public https URL is a "web" application in its document and its registration', () => {
    expect(applicationTypeFor('https://ai.acme.example/upstream/oauth/callback')).toBe('web');
    expect(clientMetadataDocument('https://ai.acme.example/upstream/oauth/callback')).toMatchObject({
      client_id: `https://ai.acme.example${UPSTREAM_CLIENT_METADATA_PATH}`,
      application_type: 'web',
    });
  });
});
