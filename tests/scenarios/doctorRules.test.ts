/**
 * The doctor's rules, unit by unit: every check states the sentence it enforces (docs/verdicts.md is
 * generated from the table and must not be stale); judging follows the revision (strict when known,
 * most favourable when not, NOT_RUN when the target stopped first); authorization answers are read
 * the way a browser ends up following them, whatever their shape.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_TABLE } from '../../scenarios/doctor/checkTable.ts';
import { judgeCheck, type DoctorCheck, type Evidence } from '../../scenarios/doctor/doctorCheck.ts';
import { readAuthorizationAnswer, refusal } from '../../scenarios/doctor/probes/authorizationAnswer.ts';
import { challengeParam } from '../../scenarios/doctor/probes/discovery.ts';
import type { ProbeSession } from '../../scenarios/doctor/probes/probeSession.ts';
import { RULES } from '../../scenarios/doctor/spec/specRules.ts';
import { verdictsDoc } from '../../scenarios/doctor/verdictsDoc.ts';
import { VERDICTS_DOC_PATH } from '../../scenarios/doctor/writeVerdictsDoc.ts';
import { cite } from '../support/requirements.ts';

describe('the check table', () => {
  it('gives every check a rule with its sentence, level and source, and docs/verdicts.md is current', () => {
    for (const check of CHECK_TABLE) {
      expect(check.rules.length, check.id).toBeGreaterThan(0);
      for (const rule of check.rules) {
        expect(rule.text.length, check.id).toBeGreaterThan(30);
        expect(rule.revisions.length, check.id).toBeGreaterThan(0);
        expect(rule.url, check.id).toMatch(/^https:\/\//);
      }
      expect(check.fix.length, check.id).toBeGreaterThan(20);
    }
    expect(readFileSync(VERDICTS_DOC_PATH, 'utf8'), 'docs/verdicts.md is stale: npx tsx scenarios/doctor/writeVerdictsDoc.ts').toBe(verdictsDoc());
  });
});

describe('judging by revision', () => {
  const session = { completed: new Set(['unauthenticated']), stopped: undefined } as unknown as ProbeSession;
  const evidence = (stopped?: ProbeSession['stopped']): Evidence => ({ session: { ...session, stopped } as ProbeSession, registered: [], authorization: { authorizations: [], tokenAnswer: undefined }, spoken: undefined, byProbe: () => [] });
  // Fails in every revision; MUST in 2025-06-18, SHOULD later — like the missing resource_metadata.
  const check: DoctorCheck = { id: 'x', title: 'x', requirementIds: ['AUTH-02'], rules: [RULES.challengeHeader0618, RULES.challengeHeaderShould], needs: ['unauthenticated', 'prm'], fix: 'fix it, as the rule says', evaluate: () => ({ pass: false, details: 'no header' }) };

  it(cite('AUTH-02') + ' a target known to speak several revisions must satisfy each: the strictest verdict counts', () => {
    const result = judgeCheck(check, evidence(), { revisions: ['2025-06-18', '2025-11-25'], lenient: false });
    expect(result.status).toBe('FAILURE');
    expect(result.revision).toBe('2025-06-18');
    expect(result.rule?.text).toContain('MUST use the HTTP header WWW-Authenticate');
  });

  it(cite('AUTH-02') + ' an undetermined revision gets the verdict most favourable to the target (no false alarm)', () => {
    expect(judgeCheck(check, evidence(), { revisions: ['2025-06-18', '2025-11-25', '2026-07-28'], lenient: true }).status).toBe('WARNING');
    expect(judgeCheck(check, evidence(), { revisions: ['2025-11-25'], lenient: false }).status).toBe('WARNING');
  });

  it('a check whose stage never ran because the target stopped is NOT_RUN, not failed', () => {
    const result = judgeCheck(check, evidence({ request: 'POST /register', number: 7, why: 'connection refused', stage: 'registration' }), { revisions: ['2025-06-18'], lenient: false });
    expect(result.status).toBe('NOT_RUN');
    expect(result.details).toContain('POST /register');
  });
});

describe('reading an authorization answer as a browser follows it', () => {
  const request = 'http://as.example/authorize?client_id=c';
  const html = () => new Headers({ 'content-type': 'text/html; charset=utf-8' });

  it(cite('AS-04') + ' a 200 JSON {redirect, url} carrying error=invalid_target is a refusal, not an acceptance', () => {
    const answer = readAuthorizationAnswer(200, new Headers({ 'content-type': 'application/json' }), JSON.stringify({ redirect: true, url: 'https://claude.ai/api/mcp/auth_callback?error=invalid_target&error_description=resource+not+linked&iss=x' }), request);
    expect(answer.via).toBe('json');
    expect(refusal(answer)).toBe('invalid_target: resource not linked (in a JSON {redirect, url} answer redirect)');
    expect(answer.params.get('iss')).toBe('x');
  });

  it(cite('AS-03') + ' a 30x to the client with error is a refusal; a 30x to a sign-in page is not', () => {
    expect(refusal(readAuthorizationAnswer(302, new Headers({ location: 'https://chatgpt.com/cb?error=invalid_request&state=s' }), '', request))).toBe('invalid_request');
    expect(refusal(readAuthorizationAnswer(303, new Headers({ location: '/interaction/abc' }), '', request))).toBeUndefined();
    expect(readAuthorizationAnswer(303, new Headers({ location: '/interaction/abc' }), '', request).next?.href).toBe('http://as.example/interaction/abc');
  });

  it(cite('AS-03') + ' an auto-submitting form_post page and a meta refresh are followed; an error page is a refusal', () => {
    const form = readAuthorizationAnswer(200, html(), '<html><body onload="document.forms[0].submit()"><form method="post" action="https://claude.ai/api/mcp/auth_callback"><input type="hidden" name="error" value="access_denied"/><input type="hidden" name="state" value="s"/></form></body></html>', request);
    expect(form.via).toBe('form');
    expect(refusal(form)).toBe('access_denied (in a form redirect)');
    const refresh = readAuthorizationAnswer(200, html(), '<meta http-equiv="refresh" content="0;url=https://chatgpt.com/cb?code=abc&amp;state=s">', request);
    expect(refresh.params.get('code')).toBe('abc');
    expect(refusal(refresh)).toBeUndefined();
    expect(refusal(readAuthorizationAnswer(400, html(), '<h1>invalid_redirect_uri</h1><p>not allowed</p>', request))).toBe('400 invalid_redirect_uri not allowed');
  });

  it('reads challenge parameters quoted or bare, with escaped quotes', () => {
    const header = 'Bearer error="invalid_token", error_description="say \\"hi\\"", resource_metadata="https://x/.well-known/oauth-protected-resource/mcp", scope=mcp';
    expect(challengeParam(header, 'resource_metadata')).toBe('https://x/.well-known/oauth-protected-resource/mcp');
    expect(challengeParam(header, 'error_description')).toBe('say "hi"');
    expect(challengeParam(header, 'scope')).toBe('mcp');
    expect(challengeParam(header, 'realm')).toBeUndefined();
  });
});
