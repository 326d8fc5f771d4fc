/**
 * Verdicts that do not depend on the deployment's shape, and a target that dies mid-run:
 *  - the same foreign target with its authorization server on another origin and behind one
 *    origin gets the same verdict (the doctor follows discovery to any origin);
 *  - a target killed while the doctor registers yields one "stopped answering" row, every check
 *    that needed a later answer NOT_RUN (not failed), and exit status 1.
 */
import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startObservingProxy, type ObservingProxy } from '../../scenarios/runner/proxy/observingProxy.ts';
import { formatDiagnosis } from '../../scenarios/doctor/diagnosisTable.ts';
import { runDoctor } from '../../scenarios/doctor/runDoctor.ts';
import { cite } from '../support/requirements.ts';
import { startCorpusTarget, type RunningTarget } from './corpusTarget.ts';
import { sameOriginFront } from './sameOriginFront.ts';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});
const started = async (id: Parameters<typeof startCorpusTarget>[0]): Promise<RunningTarget> => {
  const target = await startCorpusTarget(id);
  running.push({ close: () => target.stop() });
  return target;
};

describe('an authorization server on another origin', () => {
  it(cite('AUTH-01', 'AS-01', 'AS-02', 'AS-03') + ' gets the same verdict as when it shares the MCP origin', { timeout: 90_000 }, async () => {
    const target = await started('sdk-example-split-as');
    const front = await sameOriginFront(target.mcpUrl, target.authorizationServer);
    running.push(front);
    const split = await runDoctor({ target: target.mcpUrl });
    const joined = await runDoctor({ target: front.mcpUrl });
    // The split deployment really was observed on two origins, the joined one on one.
    expect(new Set(split.fetched.map((f) => new URL(f.url).origin)).size).toBe(2);
    expect(new Set(joined.fetched.map((f) => new URL(f.url).origin)).size).toBe(1);
    const statuses = (d: typeof split) => Object.fromEntries(d.checks.map((c) => [c.id, c.status]));
    expect(statuses(split)).toEqual(statuses(joined));
    // … and those verdicts are real ones: the AS's PKCE, registration and refresh were seen.
    expect(statuses(split)).toMatchObject({ 'pkce-advertised': 'SUCCESS', 'register-inspector': 'SUCCESS', 'refresh-advertised': 'SUCCESS', 'authorize-accepted': 'SUCCESS' });
  });
});

describe('a target that stops answering mid-run', () => {
  let proxy: ObservingProxy | undefined;
  afterEach(async () => proxy?.close());

  /** The target behind a proxy that kills it when the first registration arrives: it dies on a well-formed request. */
  async function dyingOnRegistration(target: RunningTarget): Promise<string> {
    proxy = await startObservingProxy(target.mcpUrl, {
      defect: {
        id: 'dies-on-registration',
        title: 'The server crashes on a well-formed registration',
        requirementIds: [],
        symptom: 'the connection drops',
        onRequest: (request) => {
          if (request.method === 'POST' && /\/(register|reg)$/.test(request.path)) target.kill();
          return undefined;
        },
      },
    });
    return proxy.proxied(target.mcpUrl);
  }

  it(cite('AS-07') + ' is one "stopped answering" row; the checks after it are NOT RUN, not failed', { timeout: 90_000 }, async () => {
    const target = await started('oidc-provider-path-issuer');
    const diagnosis = await runDoctor({ target: await dyingOnRegistration(target) });
    expect(diagnosis.ok).toBe(false);
    expect(diagnosis.stopped?.request).toBe('POST /oidc/reg');
    const failures = diagnosis.checks.filter((c) => c.status === 'FAILURE');
    expect(failures.map((c) => c.id)).toEqual(['target-answering']);
    expect(failures[0]!.details).toContain('stopped answering after POST /oidc/reg');
    const status = Object.fromEntries(diagnosis.checks.map((c) => [c.id, c.status]));
    for (const id of ['register-chatgpt', 'register-claude', 'authorize-accepted', 'token-resource-accepted', 'query-token-refused', 'origin-refused', 'inspector-cors']) expect(status[id], id).toBe('NOT_RUN');
    // What was answered before the crash is still judged.
    for (const id of ['challenge-resource-metadata', 'prm-reachable', 'as-metadata-found', 'pkce-advertised']) expect(status[id], id).not.toBe('NOT_RUN');
    expect(formatDiagnosis(diagnosis).split('\n')[0]).toBe('The target stopped answering after POST /oidc/reg (request ' + String(diagnosis.stopped!.number) + '); the checks after it were not run.');
  });

  it(cite('AS-07') + ' gangway doctor exits 1 for it, and 2 for a target that never answered', { timeout: 90_000 }, async () => {
    const target = await started('oidc-provider-path-issuer');
    const url = await dyingOnRegistration(target);
    const gangway = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ['scenarios/cli/gangway.mjs', 'doctor', ...args], { encoding: 'utf8', timeout: 80_000 }, (error, stdout, stderr) => {
          resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
        });
      });
    const dying = await gangway('--target', url, '--json');
    expect(dying.status, dying.stderr).toBe(1);
    expect((JSON.parse(dying.stdout) as { stopped: { request: string } }).stopped.request).toBe('POST /oidc/reg');
    const dead = await gangway('--target', url);
    expect(dead.status).toBe(2);
    expect(dead.stderr).toMatch(/cannot reach .*: /);
  });
});
