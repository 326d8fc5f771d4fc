/**
 * The gateway's upstream OAuth client as a command for `conformance client --suite auth`:
 *   tsx tests/conformance/upstreamClient.ts <server-url>
 * (the suite appends the URL and sets MCP_CONFORMANCE_SCENARIO / MCP_CONFORMANCE_CONTEXT).
 *
 * It is the gateway's own code, composed as gateway/app.ts composes it, on a throw-away store:
 * the suite's MCP server becomes a catalogue connector with `discovery: "mcp"` (pre-registered
 * client credentials from the context when the scenario supplies them, as an administrator would
 * configure them), then a user "Connects via OAuth" — connectionService.beginOAuth (discovery,
 * DCR, PKCE S256, state, resource) → the browser's redirects, followed without a browser because
 * the suite's authorization server approves at once → finishOAuth (code exchange, sealed tokens) —
 * and the gateway's upstream MCP client lists the tools and calls the first, as a user's AI would.
 * Nothing here knows the scenario's name.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditLog } from '../../gateway/audit/auditLog.ts';
import { createCatalog } from '../../gateway/connectors/catalog.ts';
import { parseCatalog } from '../../gateway/connectors/loadCatalog.ts';
import { createLogger } from '../../gateway/logging/logger.ts';
import { openSqliteStore } from '../../gateway/store/sqlite/openSqliteStore.ts';
import { createConnectionService } from '../../gateway/upstream/connectionService.ts';
import { createOAuthResolver } from '../../gateway/upstream/oauthResolver.ts';
import { UPSTREAM_CALLBACK_PATH } from '../../gateway/upstream/upstreamCallbackRoutes.ts';
import { createUpstreamCredentials } from '../../gateway/upstream/upstreamCredentials.ts';
import { createUpstreamMcp } from '../../gateway/upstream/upstreamMcp.ts';
import { createVaultCipher } from '../../gateway/vault/vaultCipher.ts';
import { loopbackOutboundFetch } from './loopbackFetch.ts';

/** The gateway's callback at its default public URL; the redirect to it is read, never fetched. */
const CALLBACK_URL = `http://127.0.0.1:4000${UPSTREAM_CALLBACK_PATH}`;
const SUITE_CLIENT_METADATA_URL = 'https://conformance-test.local/client-metadata.json';
const ACCOUNT = 'conformance-user';

interface ScenarioContext {
  readonly client_id?: string;
  readonly client_secret?: string;
}

/** The user's browser: follows the authorization server's redirects until it is sent to the gateway's callback. */
async function browseToCallback(authorizationUrl: string): Promise<URL> {
  let url = authorizationUrl;
  for (let hop = 0; hop < 5; hop++) {
    const response = await fetch(url, { redirect: 'manual' });
    const location = response.headers.get('location');
    await response.body?.cancel();
    if (!location || response.status < 300 || response.status > 399) {
      throw new Error(`the authorization server answered ${response.status} at ${new URL(url).pathname} instead of redirecting back to the gateway`);
    }
    const next = new URL(location, url);
    if (next.href.startsWith(CALLBACK_URL)) return next;
    url = next.href;
  }
  throw new Error('the authorization server never redirected back to the gateway');
}

async function main(serverUrl: string, context: ScenarioContext): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gangway-conformance-client-'));
  const logger = createLogger('info', (line) => process.stderr.write(`${line}\n`));
  const store = openSqliteStore(join(dir, 'data'));
  const vault = createVaultCipher({ active: 'k1', keys: new Map([['k1', randomBytes(32)]]) });
  const fetch = loopbackOutboundFetch();
  const audit = createAuditLog(store.audit, logger);
  const oauth = context.client_id ? { discovery: 'mcp' as const, clientId: context.client_id, clientSecret: context.client_secret } : { discovery: 'mcp' as const };
  const catalog = createCatalog(
    parseCatalog({ connectors: [{ id: 'conformance', displayName: 'Conformance server', mcpUrl: serverUrl, toolPrefix: 'conformance', auth: { oauth } }] }, 'for the conformance run'),
  );
  const connector = catalog.byId('conformance')!;
  // The suite's CIMD scenario names the client_id URL a client is expected to publish (its own
  // convention); a deployed gateway serves its document at its public URL (oauthClientMetadata.ts).
  const resolveOAuth = createOAuthResolver({ fetch, clients: store.upstreamClients, vault, redirectUri: CALLBACK_URL, clientMetadataUrl: SUITE_CLIENT_METADATA_URL, logger });
  const connections = createConnectionService({ catalog, store, vault, fetch, resolveOAuth, audit, logger, callbackUrl: CALLBACK_URL, onChange: async () => undefined });
  const upstream = createUpstreamMcp({ credentials: createUpstreamCredentials({ connections: store.connections, vault, resolveOAuth, fetch, logger }), fetch, logger });
  try {
    const callback = await browseToCallback(await connections.beginOAuth(ACCOUNT, connector, { returnTo: '/portal/connections' }));
    const finished = await connections.finishOAuth(callback.searchParams, async (pending) => pending.accountId === ACCOUNT);
    if (!finished.ok) throw new Error(finished.message);
    const tools = await upstream.listTools(ACCOUNT, connector);
    process.stdout.write(`tools: ${tools.map((tool) => tool.name).join(', ') || '(none)'}\n`);
    const first = tools[0];
    if (first) {
      const result = await upstream.callTool(ACCOUNT, connector, first.name, {});
      process.stdout.write(`called ${first.name}: ${result.isError ? 'tool error' : 'ok'}\n`);
    }
  } finally {
    await upstream.close();
    await audit.flush();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const serverUrl = process.argv[2];
if (!serverUrl) {
  process.stderr.write('usage: tsx tests/conformance/upstreamClient.ts <mcp-server-url>\n');
  process.exit(2);
}
try {
  await main(serverUrl, JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}') as ScenarioContext);
  process.exit(0);
} catch (error) {
  process.stderr.write(`upstream client failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  process.exit(1);
}
