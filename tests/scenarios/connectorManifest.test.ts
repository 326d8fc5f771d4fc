/**
 * Vendor connector manifests (issue 6): the schema and its published JSON Schema, clear errors for
 * broken manifests before anything starts, the translation into the gateway's catalogue, and the
 * preflight checks that catch broken connectors without a browser — a key check that accepts any
 * key, a tool whose schema refuses the sample call, a vendor that refuses the gateway's callback.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../gateway/connectors/loadCatalog.ts';
import { startMockUpstreams, type RunningMockUpstreams } from '../../mock-upstreams/index.ts';
import { catalogEntryOf, catalogOf } from '../../scenarios/connectors/catalogEntry.ts';
import { loadManifestFile, ManifestError, parseManifest } from '../../scenarios/connectors/loadManifest.ts';
import { preflightChecks, wrongKeyLike } from '../../scenarios/connectors/preflightChecks.ts';
import { connectMethods } from '../../scenarios/connectors/manifestSchema.ts';
import { validateConnector } from '../../scenarios/connectors/validateConnector.ts';
import { MANIFEST_JSON_SCHEMA_FILE, manifestJsonSchema } from '../../scenarios/connectors/writeManifestJsonSchema.ts';
import { startCustomUpstream } from '../support/customUpstream.ts';
import { cite } from '../support/requirements.ts';

const DIR = join(import.meta.dirname, '../../fixtures/connector-manifests');
const good = ['atlassian.json', 'github.json', 'slack.json', 'server-everything.json'];
const publicManifest = (mcpUrl: string) => ({ id: 'docs', name: 'Docs', mcpUrl, auth: { none: {} }, tools: [{ name: 'lookup', sampleCall: {} }] });
const read = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>;

describe('Connector manifest schema', () => {
  it('the published JSON Schema is generated from the manifest schema (not stale)', () => {
    expect(readFileSync(MANIFEST_JSON_SCHEMA_FILE, 'utf8')).toBe(manifestJsonSchema());
  });

  it.each(good)('%s is valid and the gateway accepts its catalogue entry', (file) => {
    const manifest = loadManifestFile(join(DIR, file), {});
    expect(() => parseCatalog(catalogOf(manifest), file, {})).not.toThrow();
  });

  it('every manifest in the fixtures folder names the schema', () => {
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json'))) expect(read(file).$schema).toMatch(/connector-manifest\.schema\.json$/);
  });

  it('fills ${NAME} and ${NAME:-default} from the environment, and names a missing variable', () => {
    const manifest = loadManifestFile(join(DIR, 'github.json'), { GITHUB_URL: 'http://127.0.0.1:5555' });
    expect(manifest.mcpUrl).toBe('http://127.0.0.1:5555/mcp');
    expect(loadManifestFile(join(DIR, 'github.json'), {}).mcpUrl).toBe('http://127.0.0.1:4102/mcp');
    expect(() => loadManifestFile(join(DIR, 'broken/key-not-validated.json'), {})).toThrow(/auth\.apiKey\.validationUrl refers to environment variable ANY_KEY_CHECK_URL, which is not set/);
  });

  it.each([
    ['no auth method', (m: Record<string, unknown>) => ({ ...m, auth: {} }), /auth needs apiKey, oauth, or both/],
    ['no tools', (m: Record<string, unknown>) => ({ ...m, tools: [] }), /tools .*at least 1|tools Too small/i],
    ['a relative MCP URL', (m: Record<string, unknown>) => ({ ...m, mcpUrl: '/mcp' }), /mcpUrl must be an absolute http\(s\) URL/],
    ['OAuth without a test account', (m: Record<string, unknown>) => ({ ...m, auth: { oauth: { ...(m.auth as { oauth: Record<string, unknown> }).oauth, testAccount: undefined } } }), /auth\.oauth\.testAccount/],
    ['OAuth without endpoints or discovery', (m: Record<string, unknown>) => ({ ...m, auth: { oauth: { testAccount: { username: 'a', password: 'b' } } } }), /needs authorizationUrl, tokenUrl and testClient, or discovery/],
    ['a bad none value', (m: Record<string, unknown>) => ({ ...m, auth: { none: true } }), /auth\.none must be \{\} \(an empty object\)/],
    ['none with an API key', (m: Record<string, unknown>) => ({ ...m, auth: { ...(m.auth as object), none: {} } }), /auth none cannot be combined with apiKey or oauth/],
    ['an unknown field', (m: Record<string, unknown>) => ({ ...m, toolz: [] }), /Unrecognized key.*toolz/],
    ['a bad result pattern', (m: Record<string, unknown>) => ({ ...m, tools: [{ name: 'x', sampleCall: { expect: { textMatches: '(' } } }] }), /tools\[0\]\.sampleCall\.expect\.textMatches must be a valid regular expression/],
  ])('a manifest with %s is refused with the field named', (_name, mutate, message) => {
    const broken = mutate(read('github.json'));
    expect(() => parseManifest(broken, 'broken.json', {})).toThrow(ManifestError);
    expect(() => parseManifest(broken, 'broken.json', {})).toThrow(message);
  });

  it(cite('UP-06') + ' becomes a catalogue entry with the tool prefix (default: the id) and the test client', () => {
    const entry = catalogEntryOf(loadManifestFile(join(DIR, 'slack.json'), {}), 'http://127.0.0.1:7/mcp');
    expect(entry).toMatchObject({ id: 'slack', toolPrefix: 'slack', mcpUrl: 'http://127.0.0.1:7/mcp', auth: { oauth: { clientId: '9849945150130.2375715957890', tokenResponse: 'slack', scopeSeparator: ',' } } });
    expect(catalogEntryOf(loadManifestFile(join(DIR, 'server-everything.json'), {}))).toMatchObject({ toolPrefix: 'everything', auth: { none: {} } });
  });

  it('a public server (auth.none) has one connect method: no sign-in', () => {
    expect(connectMethods(loadManifestFile(join(DIR, 'server-everything.json'), {}))).toEqual(['none']);
    expect(connectMethods(loadManifestFile(join(DIR, 'github.json'), {}))).toEqual(['api_key', 'oauth']);
  });

  it('validating a connect method the manifest does not offer is refused before anything starts', async () => {
    const manifest = loadManifestFile(join(DIR, 'server-everything.json'), {});
    await expect(validateConnector(manifest, { client: 'chatgpt', reportDir: '/nonexistent', methods: ['oauth'] })).rejects.toThrow('everything offers no oauth connect method (its manifest offers none)');
  });
});

describe('Connector preflight (no browser)', () => {
  let mocks: RunningMockUpstreams;
  let misconfigured: RunningMockUpstreams;
  let anyKey: Server;
  let env: NodeJS.ProcessEnv;
  const callback = 'http://127.0.0.1:4999/upstream/oauth/callback';
  const failures = (checks: { id: string; status: string; details: string }[]) => checks.filter((c) => c.status === 'FAILURE');

  beforeAll(async () => {
    mocks = await startMockUpstreams({});
    // A vendor whose test client is registered for another callback only: "wrong redirect handling".
    misconfigured = await startMockUpstreams({ redirectUris: { github: ['https://elsewhere.example/callback'], atlassian: ['https://elsewhere.example/callback'], slack: ['https://elsewhere.example/callback'] } });
    // A "who am I" endpoint that says yes to every key.
    anyKey = createServer((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"login":"anyone"}'));
    await new Promise<void>((resolve) => anyKey.listen(0, '127.0.0.1', resolve));
    env = {
      ATLASSIAN_URL: mocks.vendors.atlassian.baseUrl,
      GITHUB_URL: mocks.vendors.github.baseUrl,
      SLACK_URL: mocks.vendors.slack.baseUrl,
      ANY_KEY_CHECK_URL: `http://127.0.0.1:${(anyKey.address() as AddressInfo).port}/whoami`,
    };
  });
  afterAll(async () => {
    await mocks?.close();
    await misconfigured?.close();
    anyKey?.closeAllConnections();
    await new Promise((resolve) => anyKey?.close(resolve));
  });

  it.each(['atlassian.json', 'github.json', 'slack.json'])(cite('UP-02', 'UP-04', 'UP-06', 'SEC-05') + ' %s passes every preflight check', async (file) => {
    const checks = await preflightChecks(loadManifestFile(join(DIR, file), env), callback);
    expect(failures(checks)).toEqual([]);
    expect(checks.map((c) => c.id)).toEqual(expect.arrayContaining(['preflight-test-key-accepted', 'preflight-wrong-key-refused', 'vendor-tools-offered', 'preflight-redirect-accepted']));
  });

  it(cite('UP-06', 'SEC-05') + ' a public server (auth.none) lists every expected tool with no credential', async () => {
    const server = await startCustomUpstream(undefined, [{ name: 'lookup', description: 'Looks a word up', reply: 'ok' }]);
    try {
      const checks = await preflightChecks(parseManifest(publicManifest(server.mcpUrl), 'docs.json', {}), callback);
      expect(checks.map((c) => `${c.id} ${c.status}`)).toEqual(['vendor-tools-offered SUCCESS', 'vendor-tool-schema:lookup SUCCESS']);
      expect(server.authorizations.filter((value) => value !== undefined)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it(cite('UP-06') + ' a server that wants a credential although the manifest says none fails, saying so', async () => {
    const server = await startCustomUpstream('a-key-the-manifest-lacks', [{ name: 'lookup', description: 'Looks a word up', reply: 'ok' }]);
    try {
      const checks = await preflightChecks(parseManifest(publicManifest(server.mcpUrl), 'docs.json', {}), callback);
      expect(failures(checks).map((c) => c.id)).toEqual(['vendor-tools-offered']);
      expect(failures(checks)[0]!.details).toMatch(/^tools\/list at .* without a credential \(auth\.none: the gateway will send none\) failed/);
    } finally {
      await server.close();
    }
  });

  it('a wrong key keeps the test key\'s prefix and length', () => {
    const key = 'ghp_cUe35vr6QtTSBWmV1f73aWvK5l6Wa2W1ijxb';
    expect(wrongKeyLike(key)).not.toBe(key);
    expect(wrongKeyLike(key)).toHaveLength(key.length);
    expect(wrongKeyLike(key).startsWith('ghp_')).toBe(true);
  });

  it(cite('UP-04') + ' key not validated: a check URL that accepts any key fails, saying so', async () => {
    const checks = await preflightChecks(loadManifestFile(join(DIR, 'broken/key-not-validated.json'), env), callback);
    expect(failures(checks).map((c) => c.id)).toEqual(['preflight-wrong-key-refused']);
    expect(failures(checks)[0]!.details).toMatch(/^key not validated: .* accepted a wrong key of the same shape/);
  });

  it(cite('SEC-05') + " wrong tool schema: a sample call the tool's input schema refuses fails, naming the tool", async () => {
    const checks = await preflightChecks(loadManifestFile(join(DIR, 'broken/sample-call-wrong-schema.json'), env), callback);
    expect(failures(checks).map((c) => c.id)).toEqual(['vendor-tool-schema:search_issues']);
    expect(failures(checks)[0]!.details).toMatch(/search_issues rejects the manifest's sample arguments/);
  });

  it(cite('UP-06') + ' a tool the vendor does not offer fails, listing what it does offer', async () => {
    const manifest = { ...read('github.json'), tools: [{ name: 'delete_everything', sampleCall: {} }] };
    const checks = await preflightChecks(parseManifest(manifest, 'github.json', env), callback);
    expect(failures(checks).map((c) => c.id)).toEqual(['vendor-tools-offered']);
    expect(failures(checks)[0]!.details).toMatch(/missing: delete_everything \(listed: .*list_repositories/);
  });

  it(cite('UP-02', 'AUTH-12') + " wrong redirect handling: a vendor that refuses the gateway's callback fails before the browser", async () => {
    const vendor = misconfigured.vendors.github.baseUrl;
    const checks = await preflightChecks(loadManifestFile(join(DIR, 'github.json'), { GITHUB_URL: vendor }), callback);
    expect(failures(checks).map((c) => c.id)).toEqual(['preflight-redirect-accepted']);
    expect(failures(checks)[0]!.details).toMatch(/^wrong redirect handling: .* refused redirect_uri=http:\/\/127\.0\.0\.1:4999\/upstream\/oauth\/callback/);
  });
});
