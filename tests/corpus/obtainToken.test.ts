/**
 * obtainToken walks each foreign target's own authorization flow with plain HTTP and returns a token
 * that target's MCP endpoint accepts (MCP authorization 2025-11-25: "MUST return HTTP 401" without a
 * valid token; a token from the flow is one). The same request without the token must still be 401, so
 * the 200 is the token's doing. For the 2026-07-28 target the stateless `server/discover` is tried too.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverRequest, initializeRequest, mcpHeaders, type JsonRpcRequest } from '../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION, STATELESS_REVISION, type SpecRevision } from '../../wire/protocolVersions.ts';
import { startCorpusTarget } from './corpusTarget.ts';
import { obtainToken, TokenFlowError } from './obtainToken.ts';
import { CORPUS_TARGETS } from './targets.ts';

const CLIENT = { name: 'obtainToken-test', version: '1' };
const hasLauncher = (id: string) => existsSync(fileURLToPath(new URL(`./targets/${id}.server.ts`, import.meta.url)));

async function post(mcpUrl: string, revision: SpecRevision, request: JsonRpcRequest, token?: string): Promise<{ status: number; body: string }> {
  const response = await fetch(mcpUrl, {
    method: 'POST',
    headers: { ...mcpHeaders(revision, request), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(request),
  });
  return { status: response.status, body: await response.text() };
}

describe('obtainToken: a real token from each corpus target through its own authorization flow', () => {
  for (const { id, specRevisions } of CORPUS_TARGETS.filter((target) => hasLauncher(target.id) && !('noToken' in target))) {
    it(`${id}: the token is accepted by the MCP endpoint, which refuses the same request without it`, { timeout: 60_000 }, async () => {
      const target = await startCorpusTarget(id);
      try {
        const token = await obtainToken(target).catch((error: unknown) => {
          throw new Error(`${(error as Error).message}\n--- target stderr ---\n${target.stderrTail().slice(-1_500)}`, { cause: error });
        });
        expect(token.length).toBeGreaterThan(10);

        const initialize = initializeRequest(LATEST_STATEFUL_REVISION, CLIENT);
        const signedIn = await post(target.mcpUrl, LATEST_STATEFUL_REVISION, initialize, token);
        expect(signedIn.status, signedIn.body).toBe(200);
        expect(signedIn.body).toContain('"protocolVersion"');
        expect((await post(target.mcpUrl, LATEST_STATEFUL_REVISION, initialize)).status).toBe(401);

        if ((specRevisions as readonly string[]).includes(STATELESS_REVISION)) {
          const discover = discoverRequest(CLIENT);
          const modern = await post(target.mcpUrl, STATELESS_REVISION, discover, token);
          expect(modern.status, modern.body).toBe(200);
          expect(modern.body).toContain(`"supportedVersions":["${STATELESS_REVISION}"]`);
          expect((await post(target.mcpUrl, STATELESS_REVISION, discover)).status).toBe(401);
        }
        if (id === 'oidc-provider-path-issuer') {
          // A failing step is named: a URL that answers 404 instead of a challenge stops at the first step.
          await expect(obtainToken({ ...target, mcpUrl: target.mcpUrl.replace(/\/mcp$/, '/not-mcp') })).rejects.toThrow(
            new TokenFlowError(id, 'challenge', `POST ${target.mcpUrl.replace(/\/mcp$/, '/not-mcp')} without a token → 404, not 401`),
          );
        }
      } finally {
        await target.stop();
      }
    });
  }
});
