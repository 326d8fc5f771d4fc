/**
 * `gangway doctor`: against the reference gateway every MUST passes (with and without a token);
 * with a real-world defect injected by the proxy in front of it, the first failure carries that
 * defect's requirement id and the first line names the defect — judged by the spec revision in
 * which that defect breaks a MUST (the missing resource_metadata is a MUST of 2025-06-18 only; a
 * server without any registration breaks a SHOULD, so it warns). Defects the doctor cannot see
 * without a person signing in are listed as needing `gangway run defect-…`:
 *   token-refused            only a real access token shows the refusal (seen with --token, tested below)
 *   registrations-forgotten  a client must first receive tokens, then be refused later
 *   no-refresh-token         the metadata still offers refresh; only a token response lacks it
 *   stale-tool-list          a user's grants must change between two tool lists
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefect, DEFECTS } from '../../scenarios/defects/catalog.ts';
import { startObservingProxy, type ObservingProxy } from '../../scenarios/runner/proxy/observingProxy.ts';
import { formatDiagnosis } from '../../scenarios/doctor/diagnosisTable.ts';
import { runDoctor } from '../../scenarios/doctor/runDoctor.ts';
import { connectClient } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

const SEEN_WITHOUT_SIGN_IN = ['no-resource-metadata', 'prm-root-only', 'as-issuer-mismatch', 'resource-rejected', 'redirect-not-allowed', 'no-registration'];

let gw: TestGateway;
const proxies: ObservingProxy[] = [];
beforeAll(async () => {
  gw = await startTestGateway({ logLevel: 'warn' });
});
afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
  await gw?.stop();
});

/** The reference gateway behind the mutating proxy with one defect switched on; its MCP URL. */
async function withDefect(id: string): Promise<string> {
  const proxy = await startObservingProxy(gw.current.mcpUrl, { defect: createDefect(id)! });
  proxies.push(proxy);
  return `${proxy.url}/mcp`;
}

/** A real access token for an MCP URL, from a browserless sign-in (what a support engineer may hold). */
async function tokenFor(mcpUrl: string): Promise<string> {
  const client = await connectClient(new URL(mcpUrl).origin, mcpUrl, gw.current.app.directory[0]!);
  return String(client.tokens.access_token);
}

describe('gangway doctor against the reference gateway', () => {
  it(
    cite('AUTH-01', 'AUTH-02', 'AUTH-03', 'AUTH-04', 'AS-01', 'AS-02', 'AS-03', 'AS-04', 'AS-07', 'AUTH-10', 'AUTH-11', 'AUTH-12', 'TRANSPORT-02', 'CLIENT-INSPECTOR-02') +
      ' every MUST passes without a token; the authenticated checks are skipped, not passed',
    async () => {
      const diagnosis = await runDoctor({ target: gw.current.mcpUrl });
      expect(diagnosis.checks.filter((c) => c.status === 'FAILURE')).toEqual([]);
      expect(diagnosis.ok).toBe(true);
      const status = Object.fromEntries(diagnosis.checks.map((c) => [c.id, c.status]));
      expect(status).toMatchObject({
        'challenge-resource-metadata': 'SUCCESS',
        'prm-reachable': 'SUCCESS',
        'as-metadata-found': 'SUCCESS',
        'register-chatgpt': 'SUCCESS',
        'register-claude': 'SUCCESS',
        'register-inspector': 'SUCCESS',
        'authorize-accepted': 'SUCCESS',
        'pkce-plain-refused': 'SUCCESS',
        'token-resource-accepted': 'SUCCESS',
        'query-token-refused': 'SUCCESS',
        'origin-refused': 'SUCCESS',
        'inspector-cors': 'SUCCESS',
        'invalid-token-refused': 'SUCCESS',
        'token-accepted': 'SKIPPED',
        'session-id': 'SKIPPED',
      });
      expect(diagnosis.fetched.map((f) => `${f.status} ${new URL(f.url).pathname}`)).toEqual([
        '401 /mcp',
        '200 /.well-known/oauth-protected-resource/mcp',
        '200 /.well-known/oauth-protected-resource',
        '200 /.well-known/oauth-authorization-server',
        '200 /.well-known/openid-configuration',
      ]);
      const text = formatDiagnosis(diagnosis);
      expect(text.split('\n')[0]).toBe('All MUST checks pass.');
      expect(text).toMatch(/STATUS\s+CHECK\s+REQUIREMENTS\s+WHAT TO FIX/);
      // The defects a doctor run cannot show are named with the run that can.
      for (const defect of DEFECTS.filter((d) => !SEEN_WITHOUT_SIGN_IN.includes(d.id))) expect(text).toContain(`needs a signed-in run: gangway run defect-${defect.id}`);
      for (const id of SEEN_WITHOUT_SIGN_IN) expect(text).not.toContain(`gangway run defect-${id}`);
    },
  );

  it(cite('AUTH-07', 'AUTH-08', 'AUTH-10', 'TRANSPORT-09', 'TRANSPORT-10', 'LISTCHANGED-04') + ' with --token the authenticated checks run and pass', async () => {
    const token = await tokenFor(gw.current.mcpUrl);
    const diagnosis = await runDoctor({ target: gw.current.mcpUrl, token });
    expect(diagnosis.checks.filter((c) => c.status === 'FAILURE')).toEqual([]);
    const status = Object.fromEntries(diagnosis.checks.map((c) => [c.id, c.status]));
    for (const id of ['token-accepted', 'token-audience', 'tampered-token-refused', 'session-id', 'answer-content-type', 'unsupported-version-refused', 'origin-refused']) expect(status[id], id).toBe('SUCCESS');
    // The revisions it speaks were detected with the token — 2026-07-28 too (issue 13), whose checks pass.
    expect(diagnosis.spec.revisions).toEqual(['2025-06-18', '2025-11-25', '2026-07-28']);
    expect(status['server-discover']).toBe('SUCCESS');
    expect(diagnosis.unseenDefects.map((d) => d.id)).not.toContain('token-refused');
    expect(JSON.stringify(diagnosis)).not.toContain(token);
  });
});

describe.concurrent('gangway doctor names an injected defect first', () => {
  /** The revision whose MUST each defect breaks; the others break a MUST in every revision. */
  const SPEC_OF: Record<string, '2025-06-18' | undefined> = { 'no-resource-metadata': '2025-06-18' };
  const WARNS = new Set(['no-registration']);

  it.each(SEEN_WITHOUT_SIGN_IN.filter((id) => !WARNS.has(id)).map((id) => [id, DEFECTS.find((d) => d.id === id)!]))('%s: the first failure carries its requirement id and the first line names it', async (id, defect) => {
    const diagnosis = await runDoctor({ target: await withDefect(id), spec: SPEC_OF[id] });
    expect(diagnosis.ok).toBe(false);
    expect(diagnosis.checks[0]!.status).toBe('FAILURE');
    expect(diagnosis.checks[0]!.rule?.text.length).toBeGreaterThan(20);
    expect(defect.requirementIds.some((rid) => diagnosis.firstFailure!.requirementIds.includes(rid))).toBe(true);
    expect(diagnosis.suspectedDefect?.id).toBe(id);
    expect(formatDiagnosis(diagnosis).split('\n')[0]).toBe(`Looks like: ${defect.title} — users see: ${defect.symptom}`);
  });

  it(cite('AS-05', 'AS-07') + ' no-registration breaks a SHOULD: a warning that names the defect, not a failure', async () => {
    const defect = DEFECTS.find((d) => d.id === 'no-registration')!;
    const diagnosis = await runDoctor({ target: await withDefect('no-registration') });
    expect(diagnosis.ok).toBe(true);
    expect(diagnosis.firstWarning?.id).toBe('registration-available');
    expect(diagnosis.suspectedDefect?.id).toBe('no-registration');
    expect(formatDiagnosis(diagnosis).split('\n')[0]).toContain(`the first warning looks like: ${defect.title}`);
  });

  it(cite('AUTH-02') + ' no-resource-metadata: under 2025-11-25 the well-known locations suffice, so it only warns', async () => {
    const diagnosis = await runDoctor({ target: await withDefect('no-resource-metadata'), spec: '2025-11-25' });
    expect(diagnosis.ok).toBe(true);
    expect(diagnosis.checks.find((c) => c.id === 'challenge-resource-metadata')?.status).toBe('WARNING');
  });

  it(cite('AUTH-08') + ' token-refused is named first when a token is given', async () => {
    const target = await withDefect('token-refused');
    const diagnosis = await runDoctor({ target, token: await tokenFor(gw.current.mcpUrl) });
    expect(diagnosis.firstFailure?.requirementIds).toContain('AUTH-08');
    expect(formatDiagnosis(diagnosis).split('\n')[0]).toContain('Tokens are issued, then every authenticated MCP request is refused');
  });
});

describe('gangway doctor (process)', () => {
  const gangway = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['scenarios/cli/gangway.mjs', 'doctor', ...args], { encoding: 'utf8', timeout: 110_000 }, (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      });
    });

  it(cite('AUTH-02') + ' exits 0 with the table for the reference gateway, 1 with JSON for a defect, 2 without --target', { timeout: 120_000 }, async () => {
    const [good, bad, usage] = await Promise.all([gangway('--target', gw.current.mcpUrl), withDefect('no-resource-metadata').then((url) => gangway('--target', url, '--spec', '2025-06-18', '--json')), gangway()]);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout.split('\n')[0]).toBe('All MUST checks pass.');
    expect(good.stdout).toMatch(/ok\s+challenge-resource-metadata\s+AUTH-02/);
    expect(bad.status, bad.stderr).toBe(1);
    const json = JSON.parse(bad.stdout) as { suspectedDefect: { id: string }; firstFailure: { id: string; fix: string } };
    expect(json.suspectedDefect.id).toBe('no-resource-metadata');
    expect(json.firstFailure.id).toBe('challenge-resource-metadata');
    expect(json.firstFailure.fix).toContain('resource_metadata');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('doctor needs --target MCP_URL');
  });
});
