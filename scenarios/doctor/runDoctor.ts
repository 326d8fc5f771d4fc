/**
 * `gangway doctor`: every protocol check that needs no person signing in, against any gateway's
 * MCP URL, without a browser. The observing proxy goes in front of the target (as for `gangway run
 * --target`) and records the doctor's probes; the scenario checks (scenarios/checks/) and the
 * doctor's own run over that record; the result is a diagnosis, root cause first.
 */
import { authorizationChecks } from '../checks/authorizationChecks.ts';
import { discoveryChecks } from '../checks/discoveryChecks.ts';
import { transportChecks } from '../checks/transportChecks.ts';
import { startObservingProxy } from '../defects/observingProxy.ts';
import { skipped, type CheckResult } from '../model/checkResult.ts';
import { authorizationEndpointChecks } from './authorizationEndpointChecks.ts';
import { probeAuthorization } from './authorizationProbes.ts';
import { bearerChecks, NEEDS_TOKEN } from './bearerChecks.ts';
import { probeBearer } from './bearerProbes.ts';
import { diagnose, type Diagnosis } from './diagnosis.ts';
import { probeDiscovery } from './discoveryProbes.ts';
import { doctorContext } from './doctorContext.ts';
import { inspectorCorsChecks } from './inspectorCorsChecks.ts';
import { probeInspectorCors } from './inspectorCorsProbes.ts';
import { metadataChecks } from './metadataChecks.ts';
import { jsonAnswer, probeRequest } from './probeRequest.ts';
import type { ProbeSession } from './probeSession.ts';
import { registrationChecks } from './registrationChecks.ts';
import { probeRegistration } from './registrationProbes.ts';

export interface DoctorOptions {
  /** The gateway's MCP URL, as users enter it in their AI client. */
  readonly target: string;
  /** An access token for that URL, if the support engineer has one: adds the authenticated checks. */
  readonly token?: string | undefined;
}

/** Checks of a signed-in conversation: without a token they are shown as skipped, never as passed. */
const SIGNED_IN_CHECKS = new Set(['token-accepted', 'session-id', 'protocol-version-header', 'answer-content-type']);

async function unreachableReason(mcpUrl: string): Promise<string> {
  const answer = await jsonAnswer(await probeRequest('reachability', mcpUrl).catch(() => new Response('{}')));
  return typeof answer?.error_description === 'string' ? answer.error_description : 'no answer';
}

export async function runDoctor({ target, token }: DoctorOptions): Promise<Diagnosis> {
  const proxy = await startObservingProxy(target, { rewrite: true });
  try {
    const targetUrl = new URL(target);
    const mcpUrl = `${proxy.url}${targetUrl.pathname}${targetUrl.search}`;
    const session: ProbeSession = { mcpUrl, token, context: () => doctorContext(mcpUrl, proxy.exchanges) };
    await probeDiscovery(session);
    // The proxy records only what the target answered: nothing recorded means nothing reached it.
    if (proxy.exchanges.length === 0) throw new Error(`cannot reach ${target}: ${await unreachableReason(mcpUrl)}`);
    const registered = await probeRegistration(session);
    await probeAuthorization(session, registered);
    await probeBearer(session);
    await probeInspectorCors(session);

    const context = session.context();
    const results: CheckResult[] = [
      // as-metadata-locations passes when one location answers; AS-02 wants all of them (metadataChecks).
      ...discoveryChecks(context).filter((c) => c.id !== 'as-metadata-locations'),
      ...metadataChecks(context),
      ...authorizationEndpointChecks(context),
      ...registrationChecks(context),
      ...authorizationChecks(context).filter((c) => c.id === 'token-accepted'),
      ...bearerChecks(context, token, targetUrl.href),
      ...transportChecks(context),
      ...inspectorCorsChecks(context),
    ].map((c) => (!token && SIGNED_IN_CHECKS.has(c.id) ? skipped(c.id, c.title, c.requirementIds, NEEDS_TOKEN) : c));
    // Details name the target the engineer typed, not the doctor's proxy.
    const shown = results.map((c) => ({ ...c, details: c.details.split(proxy.url).join(targetUrl.origin) }));
    return diagnose(targetUrl.href, shown, Boolean(token));
  } finally {
    await proxy.close();
  }
}
