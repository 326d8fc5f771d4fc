/**
 * The doctor's verdict on every corpus target equals its hand-reviewed expectation
 * (tests/corpus/expected/<id>.json): zero false alarms, every listed real defect caught with the
 * right requirement id — on MCP servers and authorization servers this project did not write
 * (different SDKs and frameworks, an AS on another origin, issuers with a path, a server that
 * speaks 2026-07-28) and on the reference gateway. Each target runs in its own process; runs with
 * a token use one obtained through that target's own authorization flow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../scenarios/doctor/runDoctor.ts';
import { connectClient } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';
import { startCorpusTarget, type RunningTarget } from './corpusTarget.ts';
import { loadExpectedVerdict, verdictDifferences } from './expectedVerdicts.ts';
import { obtainToken } from './obtainToken.ts';
import type { CorpusTargetId } from './targets.ts';

const FOREIGN: readonly CorpusTargetId[] = ['sdk-example-split-as', 'oidc-provider-path-issuer', 'sdk-v2-stateless-2026', 'fastmcp-oauth-proxy', 'better-auth-path-issuer', 'better-auth-unlinked-clients'];

describe.each(FOREIGN)('gangway doctor on the foreign target %s', (id) => {
  let target: RunningTarget;
  beforeAll(async () => {
    target = await startCorpusTarget(id);
  }, 60_000);
  afterAll(async () => target?.stop());

  for (const run of loadExpectedVerdict(id).runs) {
    it(`${cite('AUTH-01', 'AUTH-02', 'AUTH-03', 'AUTH-04', 'AUTH-07', 'AUTH-08', 'AS-01', 'AS-02', 'AS-03', 'AS-04', 'AUTH-12', 'TRANSPORT-02', 'REV26-01', 'REV26-02', 'REV26-04', 'REV26-05')} ${run.name}: the reviewed verdict`, { timeout: 90_000 }, async () => {
      const token = run.token ? await obtainToken(target) : undefined;
      const diagnosis = await runDoctor({ target: target.mcpUrl, token, spec: run.spec });
      expect(verdictDifferences(diagnosis, run), `${id}, ${run.name}`).toEqual([]);
      expect(diagnosis.ok).toBe(Object.keys(run.failures).length === 0);
      if (token) expect(JSON.stringify(diagnosis)).not.toContain(token);
    });
  }
});

describe('gangway doctor on the reference gateway (the corpus baseline)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ logLevel: 'warn' });
  });
  afterAll(async () => gw?.stop());

  for (const run of loadExpectedVerdict('reference-gateway').runs) {
    it(`${cite('AUTH-02', 'AS-02', 'TRANSPORT-09')} ${run.name}: the reviewed verdict`, { timeout: 60_000 }, async () => {
      const token = run.token ? String((await connectClient(gw.current.url, gw.current.mcpUrl, gw.current.app.directory[0]!)).tokens.access_token) : undefined;
      const diagnosis = await runDoctor({ target: gw.current.mcpUrl, token, spec: run.spec });
      expect(verdictDifferences(diagnosis, run)).toEqual([]);
    });
  }
});
