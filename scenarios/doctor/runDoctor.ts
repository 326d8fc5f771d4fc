/**
 * `gangway doctor`: every protocol check that needs no person signing in, against any MCP
 * server's URL, without a browser. The observing proxy goes in front of the target and follows
 * discovery to an authorization server on any other origin; the probes walk discovery as a
 * client does, register and authorize as the real clients do, and probe the MCP endpoint; the
 * check table (checkTable.ts) judges what was recorded by the sentences of the spec revision the
 * target speaks; the result is a diagnosis, root cause first.
 */
import { startObservingProxy } from '../runner/proxy/observingProxy.ts';
import { SPEC_REVISIONS, type SpecRevision } from '../../wire/protocolVersions.ts';
import { CHECK_TABLE, TARGET_ANSWERS_CHECK } from './checkTable.ts';
import { diagnose, type Diagnosis } from './diagnosis.ts';
import { doctorEvidence, judgeCheck, type DoctorResult, type JudgedRevisions } from './doctorCheck.ts';
import { emptyAuthorizationEvidence, probeAuthorization } from './probes/authorization.ts';
import { probeBearer } from './probes/bearer.ts';
import { probeBrowserOrigins } from './probes/browserOrigin.ts';
import { probeDiscovery } from './probes/discovery.ts';
import { emptyDiscovery } from './probes/discoveryRecord.ts';
import { createProbeSession, type ProbeSession } from './probes/probeSession.ts';
import { probeRegistration } from './probes/registration.ts';
import { probeSignedIn, type SpokenRevisions } from './probes/signedIn.ts';

export interface DoctorOptions {
  /** The MCP server URL, as users enter it in their AI client. */
  readonly target: string;
  /** An access token for that URL, if the support engineer has one: adds the signed-in checks and detects the revision. */
  readonly token?: string | undefined;
  /** Judge by this revision's rules instead of detecting them. */
  readonly spec?: SpecRevision | undefined;
}

/** The target did not answer the doctor's very first request: there is nothing to diagnose. */
export class TargetUnreachable extends Error {
  override readonly name = 'TargetUnreachable';
}

function judgementFor(spec: SpecRevision | undefined, spoken: SpokenRevisions | undefined): JudgedRevisions {
  if (spec) return { revisions: [spec], lenient: false, how: `--spec ${spec}` };
  if (spoken?.revisions.length) return { revisions: spoken.revisions, lenient: false, how: `detected with your token: ${spoken.how}` };
  return {
    revisions: SPEC_REVISIONS,
    lenient: true,
    how: `not determined (${spoken ? spoken.how : 'no --token'}): each check is judged by the revision most favourable to the target; name one with --spec`,
  };
}

function stoppedRow(session: ProbeSession): DoctorResult {
  const { stopped } = session;
  const { rule } = TARGET_ANSWERS_CHECK;
  return {
    id: TARGET_ANSWERS_CHECK.id,
    title: TARGET_ANSWERS_CHECK.title,
    requirementIds: TARGET_ANSWERS_CHECK.requirementIds,
    fix: TARGET_ANSWERS_CHECK.fix,
    status: 'FAILURE',
    details: `stopped answering after ${stopped!.request} (request ${stopped!.number} of the run: ${stopped!.why}); every check after it is NOT RUN`,
    rule,
    revision: undefined,
  };
}

export async function runDoctor({ target, token, spec }: DoctorOptions): Promise<Diagnosis> {
  const proxy = await startObservingProxy(target, { rewrite: true, follow: true });
  try {
    const session = createProbeSession(proxy, proxy.proxied(target), token, emptyDiscovery());
    await probeDiscovery(session);
    if (session.stopped?.number === 1) throw new TargetUnreachable(`cannot reach ${target}: ${session.stopped.why}`);
    const registered = await probeRegistration(session);
    const authorization = emptyAuthorizationEvidence();
    await probeAuthorization(session, registered, authorization);
    await probeBearer(session);
    const spoken = await probeSignedIn(session);
    await probeBrowserOrigins(session);

    const judgement = judgementFor(spec, spoken);
    const evidence = doctorEvidence(session, registered, authorization, spoken);
    const results = [...(session.stopped ? [stoppedRow(session)] : []), ...CHECK_TABLE.map((check) => judgeCheck(check, evidence, judgement))];
    // What a person reads names the real hosts, not the doctor's proxies.
    const shown = results.map((r) => ({ ...r, details: proxy.real(r.details) }));
    const trail = session.discovery.trail.map((f) => ({ url: proxy.real(f.url), role: f.role, status: f.status }));
    return diagnose({ target, results: shown, withToken: Boolean(token), judgement, trail, stopped: session.stopped });
  } finally {
    await proxy.close();
  }
}
