/**
 * Checks that need no browser, run before any scenario so a broken connector fails in seconds with
 * the reason in plain words:
 * - UP-04: the API-key check URL accepts the manifest's test key and refuses a wrong key of the
 *   same shape (otherwise the gateway would save any key a user pastes);
 * - UP-06 / SEC-05: with a test key — or with no credential at all for a public server
 *   (`auth.none`) — the vendor's own tools/list offers every expected tool with a usable input
 *   schema (toolSchemaChecks.ts);
 * - UP-02 / AUTH-12: the vendor's authorization endpoint accepts the gateway's exact callback URL
 *   with the test client (a login or consent page, not an error), when endpoints are configured.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createHash, randomBytes } from 'node:crypto';
import { authorizationRequestUrl, credentialHeaders, type ApiKeyAuthConfig } from '../../gateway/index.ts';
import { check, type CheckResult } from '../model/checkResult.ts';
import { catalogEntryOf } from './catalogEntry.ts';
import type { ApiKeyMethod, ConnectorManifest, OAuthMethod } from './manifestSchema.ts';
import { toolSchemaChecks } from './toolSchemaChecks.ts';

const TIMEOUT_MS = 10_000;

/** The test key with its tail changed: same prefix and length, so only the vendor's check can tell. */
export function wrongKeyLike(key: string): string {
  const tail = key.slice(-6);
  const changed = [...tail].map((c) => (c === 'Q' ? 'R' : 'Q')).join('');
  return key.slice(0, -6) + changed;
}

/** `key` presented as the gateway presents it (its own credentialHeaders, with the manifest's catalogue entry). */
function keyHeaders(manifest: ConnectorManifest, apiKey: ApiKeyMethod, key: string): Record<string, string> {
  return credentialHeaders({ kind: 'api_key', key, username: apiKey.testUsername }, catalogEntryOf(manifest).auth.apiKey as ApiKeyAuthConfig);
}

async function keyVerdict(apiKey: ApiKeyMethod, manifest: ConnectorManifest, key: string): Promise<{ accepted: boolean; status: number | string }> {
  try {
    const response = await fetch(apiKey.validationUrl, { method: apiKey.validationMethod, headers: { accept: 'application/json', ...keyHeaders(manifest, apiKey, key) }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await response.json().catch(() => undefined)) as { ok?: unknown } | undefined;
    return { accepted: response.ok && body?.ok !== false, status: response.status };
  } catch (error) {
    return { accepted: false, status: (error as Error).message };
  }
}

async function apiKeyChecks(manifest: ConnectorManifest, apiKey: ApiKeyMethod): Promise<CheckResult[]> {
  const good = await keyVerdict(apiKey, manifest, apiKey.testKey);
  const wrong = await keyVerdict(apiKey, manifest, wrongKeyLike(apiKey.testKey));
  return [
    check('preflight-test-key-accepted', 'The API-key check URL accepts the test key', ['UP-04'], good.accepted, `${apiKey.validationMethod} ${apiKey.validationUrl} with the test key → ${good.status}`),
    check(
      'preflight-wrong-key-refused',
      'The API-key check URL refuses a wrong key',
      ['UP-04'],
      !wrong.accepted,
      wrong.accepted
        ? `key not validated: ${apiKey.validationUrl} accepted a wrong key of the same shape (HTTP ${wrong.status}); the gateway would save any key a user pastes. Answer 401/403 (or ok:false) for an unknown key.`
        : `a wrong key of the same shape → ${wrong.status}`,
    ),
  ];
}

/** `headers` present the test key, or nothing for a public server; `presented` says which, for the message. */
async function directToolChecks(manifest: ConnectorManifest, headers: Record<string, string>, presented: string): Promise<CheckResult[]> {
  const client = new Client({ name: 'gangway-validate-connector', version: '0.1.0' });
  const transport = new StreamableHTTPClientTransport(new URL(manifest.mcpUrl), { requestInit: { headers } });
  try {
    await client.connect(transport, { timeout: TIMEOUT_MS });
    const { tools } = await client.listTools(undefined, { timeout: TIMEOUT_MS });
    return toolSchemaChecks(manifest, tools, 'vendor');
  } catch (error) {
    return [check('vendor-tools-offered', "Every expected tool is in the vendor's tools/list", ['UP-06'], false, `tools/list at ${manifest.mcpUrl} ${presented} failed: ${(error as Error).message.slice(0, 300)}`)];
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function redirectCheck(oauth: OAuthMethod, callbackUrl: string): Promise<CheckResult> {
  // The very request the gateway sends (its own dialect code), with a fresh state and PKCE challenge.
  const url = new URL(
    authorizationRequestUrl(
      { ...oauth, authorizationUrl: oauth.authorizationUrl!, tokenUrl: oauth.tokenUrl!, clientId: oauth.testClient!.clientId, clientAuthMethod: oauth.testClient!.clientAuthMethod ?? 'client_secret_post', pkce: true },
      { redirectUri: callbackUrl, state: randomBytes(16).toString('base64url'), codeChallenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url') },
    ),
  );
  const ids = ['UP-02', 'AUTH-12'];
  const title = "The vendor's authorization endpoint accepts the gateway's callback";
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    const location = response.headers.get('location');
    const text = response.status >= 400 ? (await response.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200) : '';
    await response.body?.cancel().catch(() => undefined);
    if (location && location.startsWith(callbackUrl)) {
      const error = new URL(location).searchParams.get('error');
      return check('preflight-redirect-accepted', title, ids, !error, error ? `the vendor sent the browser straight back with error=${error}` : 'the vendor redirects to the gateway callback');
    }
    const ok = response.status < 400;
    return check(
      'preflight-redirect-accepted',
      title,
      ids,
      ok,
      ok
        ? `GET ${oauth.authorizationUrl} with redirect_uri=${callbackUrl} → ${response.status}${location ? ` (to ${new URL(location, url).pathname})` : ''}`
        : `wrong redirect handling: ${oauth.authorizationUrl} refused redirect_uri=${callbackUrl} for client ${oauth.testClient!.clientId} (HTTP ${response.status}${text ? `: ${text}` : ''}). Register the gateway's callback (any loopback port) for the test client.`,
    );
  } catch (error) {
    return check('preflight-redirect-accepted', title, ids, false, `could not reach ${oauth.authorizationUrl}: ${(error as Error).message}`);
  }
}

export async function preflightChecks(manifest: ConnectorManifest, gatewayCallbackUrl: string): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const { apiKey, oauth, none } = manifest.auth;
  if (apiKey) {
    results.push(...(await apiKeyChecks(manifest, apiKey)), ...(await directToolChecks(manifest, keyHeaders(manifest, apiKey, apiKey.testKey), 'with the test key')));
  }
  if (none) results.push(...(await directToolChecks(manifest, {}, 'without a credential (auth.none: the gateway will send none)')));
  if (oauth && !oauth.discovery) results.push(await redirectCheck(oauth, gatewayCallbackUrl));
  return results;
}
