/**
 * Checks for the failures the protocol checks cannot see: what the person ran into on the pages
 * (a disabled button, a refused key, a declined OAuth, a tool not listed), what the vendor's own
 * recording shows (an expired token that was never renewed), and tokens refused as expired while
 * their issuer says they are still valid (clock skew). Each passes unless the run shows its failure;
 * they run before the protocol checks, because a person stuck on a page also starves every later
 * protocol check of its prerequisite.
 */
import { jsonOf } from '../../wire/jsonRpcMessages.ts';
import type { Exchange } from '../runner/proxy/exchange.ts';
import type { RecordedRequest } from '../../mock-upstreams/core/recording.ts';
import { check, type CheckResult } from '../model/checkResult.ts';
import type { UpstreamId } from '../model/scenario.ts';
import type { ScenarioRun } from '../model/scenarioRun.ts';

export interface SymptomCheckInput {
  readonly run: ScenarioRun;
  /** What the proxy saw between the client and the gateway (in memory: holds tokens; never written). */
  readonly exchanges: readonly Exchange[];
  /** The mock vendors' recordings, when the harness started them. */
  readonly vendorRecordings?: Partial<Record<UpstreamId, readonly RecordedRequest[]>> | undefined;
}

/** Lifetimes are seconds; the replica's refusal must come clearly before the end, not at it. */
const LIFETIME_MARGIN_MS = 2000;

function tokensRefusedEarly(exchanges: readonly Exchange[]): string[] {
  const expiresAt = new Map<string, number>();
  const findings: string[] = [];
  for (const exchange of exchanges) {
    const json = jsonOf(exchange.response.body) as { access_token?: unknown; expires_in?: unknown; error_description?: unknown } | undefined;
    if (exchange.response.status === 200 && typeof json?.access_token === 'string' && typeof json.expires_in === 'number') {
      expiresAt.set(json.access_token, exchange.at + json.expires_in * 1000);
      continue;
    }
    const token = /^Bearer\s+(\S+)$/i.exec(exchange.request.headers.authorization ?? '')?.[1];
    const expiry = token ? expiresAt.get(token) : undefined;
    const said = `${exchange.response.headers['www-authenticate'] ?? ''} ${typeof json?.error_description === 'string' ? json.error_description : ''}`;
    if (exchange.response.status === 401 && expiry !== undefined && /expired/i.test(said) && exchange.at + LIFETIME_MARGIN_MS < expiry) {
      findings.push(`${exchange.request.method} ${exchange.request.path} refused as expired with ${Math.round((expiry - exchange.at) / 1000)} s of its lifetime left`);
    }
  }
  return findings;
}

function unrenewedUpstreams(input: SymptomCheckInput): string[] {
  const failedCall = input.run.observed?.toolCalls.some((call) => call.isError) ?? false;
  if (!failedCall) return [];
  const findings: string[] = [];
  for (const [vendor, recording] of Object.entries(input.vendorRecordings ?? {})) {
    const refused = recording.find((r) => r.area === 'mcp' && r.status === 401);
    if (!refused) continue;
    const later = recording.filter((r) => r.seq > refused.seq);
    if (later.some((r) => r.area === 'mcp' && r.rpcMethod === 'tools/call' && r.status === 200)) continue;
    const refreshes = later.filter((r) => r.grantType === 'refresh_token');
    findings.push(
      `${vendor} refused the gateway's access token (401) and ${refreshes.length === 0 ? 'no refresh was attempted' : `the refresh failed (${refreshes.map((r) => r.fault ?? `HTTP ${r.status}`).join(', ')})`}`,
    );
  }
  return findings;
}

export function symptomChecks(input: SymptomCheckInput): CheckResult[] {
  const { run } = input;
  const evidence = run.evidence;
  const methodOf = (upstream: UpstreamId) => run.scenario.upstreams.find((u) => u.upstream === upstream)?.method;
  const keyErrors = evidence?.rowErrors.filter((e) => methodOf(e.upstream) === 'api_key') ?? [];
  const oauthErrors = evidence?.rowErrors.filter((e) => methodOf(e.upstream) === 'oauth') ?? [];
  const skew = tokensRefusedEarly(input.exchanges);
  const unrenewed = unrenewedUpstreams(input);
  const unlisted = evidence?.unlistedTools ?? [];
  return [
    check('create-enabled', "The client's Create button could be clicked", ['CLIENT-CHATGPT-02'], !evidence?.createBlocked, evidence?.createBlocked ? `Create stayed disabled: "${evidence.createBlocked}" was not ticked` : 'not blocked'),
    check(
      'authorize-enabled',
      '"Authorize tools" could be clicked',
      ['AS-08'],
      !evidence?.authorizeBlocked,
      evidence?.authorizeBlocked ? `Authorize tools stayed disabled; ticked but not connected: ${evidence.authorizeBlocked.join(', ')}` : 'not blocked',
    ),
    check('api-key-accepted', 'The pasted API key was accepted', ['UP-04'], keyErrors.length === 0, keyErrors.map((e) => `${e.upstream}: ${e.text}`).join('; ') || 'no key refused'),
    check('upstream-oauth-granted', "The vendor's OAuth consent was granted", ['UP-02'], oauthErrors.length === 0, oauthErrors.map((e) => `${e.upstream}: ${e.text}`).join('; ') || 'no OAuth connection refused'),
    check('token-lifetime-honoured', 'Tokens are accepted for the lifetime their issuer gave them', ['AUTH-08', 'AUTH-07'], skew.length === 0, skew.slice(0, 3).join('; ') || 'no token refused as expired early'),
    check('upstream-credential-renewed', "The gateway renewed a vendor's expired access token", ['UP-03', 'UP-05'], unrenewed.length === 0, unrenewed.join('; ') || 'no vendor credential left unrenewed'),
    check(
      'refresh-after-grant',
      'A tool added later was listed by the client when the person went to use it',
      ['CLIENT-CHATGPT-07', 'LISTCHANGED-05'],
      unlisted.length === 0,
      unlisted.length ? `not listed: ${unlisted.join(', ')} — the client shows the tools of its last Refresh` : 'no added tool missing',
    ),
  ];
}
