/**
 * The checks of one connector run, by requirement id, from what the client showed, what the
 * observing proxy recorded between client and gateway, and what the relay recorded between gateway
 * and vendor. A step that never happened makes its checks FAILURE (its prerequisite is missing);
 * SKIPPED only where the run does not exercise it (no refresh for an API key; no expiry, refresh
 * or revocation for a public server, which has no credential; no relay for a discovery connector).
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ToolCallOutcome } from '../adapters/clients/clientAdapter.ts';
import { rpcMessages } from '../../wire/jsonRpcMessages.ts';
import { check, skipped, type CheckResult } from '../model/checkResult.ts';
import type { StepRecord } from '../model/scenarioRun.ts';
import type { ConnectorEnvironment } from './connectorEnvironment.ts';
import { toolPrefixOf, type ConnectMethodName, type ConnectorManifest } from './manifestSchema.ts';
import { resultProblem } from './resultExpectation.ts';
import { toolSchemaChecks } from './toolSchemaChecks.ts';

export interface CallRecord {
  readonly purpose: 'sample' | 'after-expiry' | 'during-outage' | 'after-outage' | 'after-revocation';
  readonly tool: string;
  readonly outcome: ToolCallOutcome;
  /** How many requests the relay had seen when the call was made. */
  readonly relayIndex: number;
}

export interface RunFacts {
  readonly manifest: ConnectorManifest;
  readonly method: ConnectMethodName;
  readonly environment: ConnectorEnvironment;
  readonly steps: readonly StepRecord[];
  readonly shownTools: readonly string[][];
  readonly calls: readonly CallRecord[];
}

/** The last tools/list answer the gateway gave the client, as the proxy recorded it. */
function gatewayToolList(environment: ConnectorEnvironment): Tool[] | undefined {
  for (const exchange of [...environment.proxy.exchanges].reverse()) {
    if (!exchange.request.body.includes('"tools/list"') || exchange.response.status !== 200) continue;
    for (const message of rpcMessages(exchange.response.body)) {
      const tools = (message.result as { tools?: Tool[] } | undefined)?.tools;
      if (Array.isArray(tools)) return tools;
    }
  }
  return undefined;
}

/** Which step connects by each method, and what its success proves. */
const CONNECT_CHECK: Record<ConnectMethodName, { readonly step: StepRecord['name']; readonly title: string; readonly requirementIds: readonly string[]; readonly passed: string }> = {
  api_key: { step: 'connect-api-key', title: 'The gateway validated and saved the test key', requirementIds: ['UP-04'], passed: 'Connected' },
  oauth: { step: 'connect-oauth', title: "OAuth at the vendor's pages ended Connected at the gateway", requirementIds: ['UP-02'], passed: 'Connected' },
  // A public server's row must be ready as soon as it is ticked, or its tools can never be authorized.
  none: { step: 'select-tools', title: 'The gateway offers the public server with no sign-in step', requirementIds: ['UP-06'], passed: 'ready when ticked, no sign-in' },
};

const NO_CREDENTIAL = 'no credential: a public server (auth.none) has no token to expire, refresh or revoke';

export function connectorRunChecks({ manifest, method, environment, steps, shownTools, calls }: RunFacts): CheckResult[] {
  const prefix = toolPrefixOf(manifest);
  const nameOf = (tool: string) => `${prefix}__${tool}`;
  const relay = environment.relay;
  const results: CheckResult[] = [];
  const connect = CONNECT_CHECK[method];
  const connectStep = steps.find((s) => s.name === connect.step);
  results.push(
    check(
      `connect-${method}`,
      connect.title,
      connect.requirementIds,
      connectStep?.status === 'passed',
      connectStep?.status === 'passed' ? connect.passed : `not connected: ${connectStep?.error ?? 'the step never ran'}`,
    ),
  );

  const shown = shownTools.at(-1);
  const missing = shown ? manifest.tools.map((t) => nameOf(t.name)).filter((name) => !shown.includes(name)) : [];
  const bare = shown ? manifest.tools.map((t) => t.name).filter((name) => shown.includes(name)) : [];
  results.push(
    check(
      'gateway-namespacing',
      `The client lists every expected tool as ${prefix}__<tool>`,
      ['UP-06'],
      Boolean(shown) && missing.length === 0 && bare.length === 0,
      !shown
        ? 'the client never showed a tool list'
        : missing.length || bare.length
          ? `${missing.length ? `missing: ${missing.join(', ')}` : ''}${bare.length ? ` not namespaced: ${bare.join(', ')}` : ''} (shown: ${shown.join(', ').slice(0, 300)})`
          : `${manifest.tools.length} tools, all namespaced`,
    ),
  );
  const listed = gatewayToolList(environment);
  if (listed) results.push(...toolSchemaChecks(manifest, listed, 'gateway', nameOf));
  else results.push(check('gateway-tools-offered', "Every expected tool is in the gateway's tools/list", ['UP-06'], false, 'no tools/list answer from the gateway was recorded'));

  for (const tool of manifest.tools) {
    const made = calls.find((c) => c.purpose === 'sample' && c.tool === tool.name);
    const problem = made ? resultProblem(made.outcome, tool.sampleCall.expect) : 'the call was never made';
    results.push(check(`sample-call:${tool.name}`, `${nameOf(tool.name)} through the gateway gives the expected result`, ['UP-06'], !problem, problem ? `${nameOf(tool.name)} ${problem}` : 'as expected'));
  }

  if (!relay) {
    for (const [id, ids] of [['client-token-not-forwarded', ['AUTH-09']], ['upstream-failures', ['UP-03', 'UP-05']]] as const) {
      results.push(skipped(id, 'Needs the upstream relay', ids, 'discovery connectors are reached directly (their metadata names the vendor URL), so the relay cannot watch or disturb them'));
    }
    return results;
  }

  // AUTH-09: no bearer the client presented at the gateway ever reached the vendor; a public server gets no Authorization at all.
  const clientCredentials = new Set(environment.proxy.exchanges.map((e) => e.request.headers.authorization).filter((v): v is string => Boolean(v)).map((v) => relay.fingerprint(v)));
  const forwarded = relay.requests.filter((r) => r.credential && (method === 'none' || clientCredentials.has(r.credential))).length;
  results.push(
    check(
      'client-token-not-forwarded',
      "The client's gateway token never reaches the vendor",
      ['AUTH-09'],
      relay.requests.length > 0 && forwarded === 0,
      relay.requests.length === 0
        ? 'the gateway never called the vendor'
        : forwarded
          ? `${forwarded} upstream request(s) carried ${method === 'none' ? 'an Authorization header to a server configured with none' : "the client's own token"}`
          : `${relay.requests.length} upstream requests, ${method === 'none' ? 'none with any credential' : "all with the user's own vendor credential"}`,
    ),
  );

  if (method === 'oauth') {
    const after = calls.find((c) => c.purpose === 'after-expiry');
    const before = new Set(relay.requests.slice(0, after?.relayIndex ?? 0).map((r) => r.credential));
    const renewed = after ? relay.requests.slice(after.relayIndex).some((r) => !r.played && r.status < 400 && r.credential && !before.has(r.credential)) : false;
    results.push(
      check(
        'refresh-after-expiry',
        'After the vendor says the access token expired, the gateway refreshes and the call works',
        ['UP-03'],
        Boolean(after && !after.outcome.isError && renewed),
        !after
          ? 'the call after expiry was never made'
          : after.outcome.isError
            ? `refresh unsupported: the call failed after the token expired — ${after.outcome.text.slice(0, 200)}. Does the vendor issue a refresh token for these scopes (offline_access?) and accept grant_type=refresh_token?`
            : renewed
              ? 'a new access token was used after the 401'
              : 'the call worked, but no new access token reached the vendor',
      ),
    );
  } else {
    results.push(skipped('refresh-after-expiry', 'Refresh after expiry', ['UP-03'], method === 'none' ? NO_CREDENTIAL : 'an API key does not expire or refresh'));
  }

  const during = calls.find((c) => c.purpose === 'during-outage');
  const recovered = calls.find((c) => c.purpose === 'after-outage');
  results.push(
    check(
      'upstream-outage',
      'A vendor outage is a tool error, and calls work again afterwards',
      ['UP-05'],
      Boolean(during?.outcome.isError && recovered && !recovered.outcome.isError),
      !during ? 'the outage call was never made' : !during.outcome.isError ? 'the call during a 503 did not end as a tool error' : !recovered ? 'no call after the outage' : recovered.outcome.isError ? `still failing after the outage: ${recovered.outcome.text.slice(0, 200)}` : 'tool error during the outage; recovered after',
    ),
  );
  if (method === 'none') {
    results.push(skipped('revocation-says-reconnect', 'After the vendor revokes access, the call is a tool error telling the user to reconnect', ['UP-05'], NO_CREDENTIAL));
    return results;
  }
  const revoked = calls.find((c) => c.purpose === 'after-revocation');
  results.push(
    check(
      'revocation-says-reconnect',
      'After the vendor revokes access, the call is a tool error telling the user to reconnect',
      ['UP-05'],
      Boolean(revoked?.outcome.isError && /reconnect|connect .* again/i.test(revoked.outcome.text)),
      !revoked ? 'the call after revocation was never made' : `${revoked.outcome.isError ? 'tool error' : 'success'}: ${revoked.outcome.text.slice(0, 200)}`,
    ),
  );
  return results;
}
