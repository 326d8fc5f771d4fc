/**
 * The failure catalogue as data: every entry complete (symptom, cause, requirement ids that exist,
 * both fixes, a reproduction whose scenario shows it), the ten real-world defects each covered by
 * their own entry with the defect's ids, the checks that diagnose entries existing, symptoms matched
 * by id and by the words a person reports, docs/support.md equal to the generated text, and
 * `gangway repro` refusing bad input before starting anything.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requirement } from '../../requirements/manifest.ts';
import { DEFECTS } from '../../scenarios/defects/catalog.ts';
import { FAILURES } from '../../scenarios/failures/catalog.ts';
import { diagnose } from '../../scenarios/failures/diagnose.ts';
import { supportDoc } from '../../scenarios/failures/supportDoc.ts';
import { symptomChecks } from '../../scenarios/failures/symptomChecks.ts';
import { matchSymptom, SymptomMatchError } from '../../scenarios/failures/symptomMatch.ts';
import { SUPPORT_DOC_PATH } from '../../scenarios/failures/writeSupportDoc.ts';
import { check } from '../../scenarios/model/checkResult.ts';
import { emptyEvidence } from '../../scenarios/model/flowEvidence.ts';
import { STEP_NAMES } from '../../scenarios/model/scenario.ts';
import type { ScenarioRun } from '../../scenarios/model/scenarioRun.ts';
import { PROXY_CONDITION_IDS } from '../../scenarios/runner/proxyConditions.ts';
import { cite } from '../support/requirements.ts';

const ids = (query: string) => matchSymptom(query).map((e) => e.id);

/** Check ids the protocol checks (scenarios/checks/) report, as the defect entries name them. */
const PROTOCOL_CHECK_IDS = ['challenge-resource-metadata', 'prm-locations', 'as-issuer', 'code-redeemed', 'token-accepted', 'redirect-accepted', 'client-remembered', 'registration-available', 'refresh-rotation', 'refresh-shows-new-tools'];

function emptyRun(): ScenarioRun {
  const scenario = FAILURES[0]!.reproduction.scenario;
  return { scenario, target: 'reference', startedAt: '', durationMs: 0, steps: [], checks: [], passed: true, asExpected: false, evidence: emptyEvidence() };
}

describe('failure catalogue data', () => {
  it('has the ten real-world defects and the seven user-side, upstream and deployment failures, ids unique', () => {
    expect(FAILURES).toHaveLength(17);
    expect(new Set(FAILURES.map((e) => e.id)).size).toBe(FAILURES.length);
    for (const defect of DEFECTS) {
      const entry = FAILURES.find((e) => e.reproduction.scenario.defect === defect.id);
      expect(entry, defect.id).toBeDefined();
      expect(entry!.requirementIds).toEqual(defect.requirementIds);
      expect(entry!.kind).toBe('gateway-defect');
    }
    expect(FAILURES.map((e) => e.id)).toEqual(expect.arrayContaining(['create-unacknowledged', 'tool-not-connected', 'api-key-mistaken', 'upstream-oauth-denied', 'upstream-token-expired', 'refresh-not-pressed', 'clock-skew']));
  });

  it('gives every entry a symptom, a cause, known requirement ids, both fixes and a reproduction', () => {
    for (const entry of FAILURES) {
      expect(entry.symptoms.length, entry.id).toBeGreaterThan(0);
      for (const symptom of entry.symptoms) expect(symptom.text.trim().length, entry.id).toBeGreaterThan(5);
      expect(entry.cause.length, entry.id).toBeGreaterThan(40);
      expect(entry.requirementIds.length, entry.id).toBeGreaterThan(0);
      for (const id of entry.requirementIds) expect(() => requirement(id), `${entry.id}: ${id}`).not.toThrow();
      expect(entry.fix.operator.length, entry.id).toBeGreaterThan(20);
      expect(entry.fix.user.length, entry.id).toBeGreaterThan(20);
      expect(entry.reproduction.how.length, entry.id).toBeGreaterThan(20);
      for (const step of entry.reproduction.scenario.steps) expect(STEP_NAMES, entry.id).toContain(step);
      const injected = entry.reproduction.scenario.defect;
      if (injected) expect([...DEFECTS.map((d) => d.id), ...PROXY_CONDITION_IDS], entry.id).toContain(injected);
    }
  });

  it('names a check that exists for every diagnosis, each check diagnosing one entry', () => {
    const ownChecks = symptomChecks({ run: emptyRun(), exchanges: [] }).map((c) => c.id);
    for (const entry of FAILURES) expect([...ownChecks, ...PROTOCOL_CHECK_IDS], entry.id).toContain(entry.diagnosedBy);
    expect(new Set(FAILURES.map((e) => e.diagnosedBy)).size).toBe(FAILURES.length);
    expect(symptomChecks({ run: emptyRun(), exchanges: [] }).every((c) => c.status === 'SUCCESS')).toBe(true);
  });
});

describe('diagnosis', () => {
  it('takes the first failed check and answers with the entry it identifies', () => {
    const run = { ...emptyRun(), evidence: { ...emptyEvidence(), authorizeBlocked: ['github' as const] } };
    const own = symptomChecks({ run, exchanges: [] });
    const later = check('token-accepted', 'The MCP endpoint accepts the access token', ['AUTH-08'], false, '0 of 0');
    const diagnosis = diagnose([...own, later], []);
    expect(diagnosis.entry?.id).toBe('tool-not-connected');
    expect(diagnosis.firstFailure?.id).toBe('authorize-enabled');
    expect(diagnosis.requirementIds).toEqual(['AS-08']);
    expect(diagnosis.meaning).toContain('github');
  });

  it('explains a failed check no entry claims by its requirement, and says when nothing failed', () => {
    const origin = check('origin-refused', 'A foreign Origin is refused', ['TRANSPORT-02'], false, 'Origin https://evil.example → 200');
    const explained = diagnose([origin], []);
    expect(explained.entry).toBeUndefined();
    expect(explained.meaning).toContain(requirement('TRANSPORT-02').behaviour);
    const clean = diagnose([check('as-issuer', 'issuer', ['AS-01'], true, 'ok')], []);
    expect(clean.reproduced).toBe(false);
    expect(clean.meaning).toMatch(/Not reproduced/);
  });

  it(`${cite('AUTH-08', 'AUTH-07')} sees clock skew: a token refused as expired long before its expires_in`, () => {
    const token = 'issued-access-token-0123456789';
    const fingerprint = (value: string) => value.slice(0, 4);
    const base = { seq: 1, durationMs: 1, stream: false, defect: undefined, fingerprint };
    const issued = { ...base, at: 1_000_000, request: { method: 'POST', path: '/token', query: new URLSearchParams(), headers: {}, body: '' }, response: { status: 200, headers: {}, body: JSON.stringify({ access_token: token, expires_in: 300 }) } };
    const refusedAt = (at: number) => ({
      ...base,
      seq: 2,
      at,
      request: { method: 'POST', path: '/mcp', query: new URLSearchParams(), headers: { authorization: `Bearer ${token}` }, body: '{}' },
      response: { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="The access token expired"' }, body: '' },
    });
    const skewed = symptomChecks({ run: emptyRun(), exchanges: [issued, refusedAt(1_003_000)] }).find((c) => c.id === 'token-lifetime-honoured')!;
    expect(skewed.status).toBe('FAILURE');
    expect(skewed.details).not.toContain(token);
    const honest = symptomChecks({ run: emptyRun(), exchanges: [issued, refusedAt(1_301_000)] }).find((c) => c.id === 'token-lifetime-honoured')!;
    expect(honest.status).toBe('SUCCESS');
  });
});

describe('symptom matching', () => {
  it('matches an entry id, or its scenario id', () => {
    expect(ids('clock-skew')).toEqual(['clock-skew']);
    expect(ids('defect-no-registration')).toEqual(['no-registration']);
    expect(ids('  API-KEY-MISTAKEN ')).toEqual(['api-key-mistaken']);
  });

  it('matches a client message quoted in the report to every entry that shows it', () => {
    expect(ids('ChatGPT says: Error fetching OAuth configuration')).toEqual(['no-resource-metadata', 'prm-root-only', 'as-issuer-mismatch', 'no-registration']);
    expect(ids('connection expired')).toEqual(['registrations-forgotten', 'no-refresh-token', 'clock-skew']);
    // Claude's message names the connector: {name} stands for any name.
    expect(ids("Claude: Couldn't register with Acme Gateway's sign-in service.")).toEqual(['redirect-not-allowed', 'no-registration']);
  });

  it('falls back to the words a person uses', () => {
    expect(ids('the authorize tools button is greyed out, github not connected')).toContain('tool-not-connected');
    expect(ids('pasted my slack xoxb token with spaces')).toEqual(['api-key-mistaken']);
    expect(ids('server clock drift')).toEqual(['clock-skew']);
  });

  it('refuses an empty report and one that matches nothing, with a clear message', () => {
    expect(() => matchSymptom('   ')).toThrow(SymptomMatchError);
    expect(() => matchSymptom('zzz qqq')).toThrow(/no catalogue entry matches "zzz qqq"/);
  });
});

describe('docs/support.md', () => {
  it('is the text generated from the catalogue (regenerate: npx tsx scenarios/failures/writeSupportDoc.ts)', () => {
    expect(readFileSync(SUPPORT_DOC_PATH, 'utf8')).toBe(supportDoc());
    for (const entry of FAILURES) expect(supportDoc()).toContain(`npx gangway repro --symptom ${entry.id}`);
  });
});

describe('gangway repro arguments', () => {
  const gangway = (...args: string[]) =>
    new Promise<{ status: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, ['scenarios/cli/gangway.mjs', 'repro', ...args], { encoding: 'utf8', timeout: 60_000 }, (error, _stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr });
      });
    });

  it.concurrent('needs --symptom, and refuses one that matches nothing or a bad client, before starting anything', async () => {
    const [missing, unmatched, badClient] = await Promise.all([gangway(), gangway('--symptom', 'zzz qqq'), gangway('--symptom', 'clock-skew', '--client', 'copilot')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--symptom is required/);
    expect(unmatched.status).toBe(2);
    expect(unmatched.stderr).toMatch(/no catalogue entry matches/);
    expect(badClient.status).toBe(2);
    expect(badClient.stderr).toMatch(/--client must be one of/);
  });
});
