/**
 * Issue 14, "done when" 2 (UP-03 across replicas): 50 concurrent tool calls through nginx, spread over
 * both replicas on PostgreSQL, with an expired upstream access token whose refresh token ROTATES
 * (the Slack mock's app has token rotation: a used refresh token is dead, and presenting it again is
 * invalid_grant and revokes the whole grant). Exactly one refresh reaches Slack and every call
 * succeeds. Without the store's refresh lock each replica would refresh on its own — two refreshes,
 * the second with a used token (invalid_grant, the grant revoked, calls failing with "reconnect").
 */
import { describe, expect, it } from 'vitest';
import { ConsentSession } from '../support/consentDriver.ts';
import { balancedRequests, perReplica, clusterForFile, withClusterLogs } from '../support/clusterClient.ts';
import { connectMcp, textOf } from '../support/mcpClient.ts';
import { cite } from '../support/requirements.ts';

const CALLS = 50;
const started = clusterForFile();

describe('Upstream refresh exactly once across two replicas', () => {
  it(
    `${cite('UP-03')} 50 concurrent calls across both replicas with an expired rotating Slack token: one refresh, no invalid_grant, all 50 succeed`,
    withClusterLogs(
      () => started().cluster,
      async () => {
        const { cluster } = started();
        const slack = cluster.mocks.vendors.slack.control;
        const consent = await ConsentSession.open(cluster.url, cluster.mcpUrl, started().person(0));
        await consent.connectOAuth('slack', cluster.mocks.fixtures.slack.accounts[0]!);
        const granted = await consent.authorize({ untick: ['atlassian', 'github'] });
        expect(granted.code, JSON.stringify(granted)).toBeTruthy();
        // The connection holds a rotating pair: the Slack mock issued a refresh token with the code.
        expect(slack.recording({ area: 'oauth', grantType: 'authorization_code', status: 200 })).toHaveLength(1);
        const mcp = await connectMcp(cluster.mcpUrl, String(granted.tokens!.access_token));
        try {
          expect((await mcp.client.callTool({ name: 'slack__list_channels', arguments: {} })).isError ?? false).toBe(false);

          expect(slack.expireAccessTokens().expired).toBeGreaterThan(0);
          slack.clearRecording();
          const from = cluster.balancer.accessLog().length;
          const results = await Promise.all(Array.from({ length: CALLS }, () => mcp.client.callTool({ name: 'slack__list_channels', arguments: {} })));

          // Both replicas served some of the 50 (nginx's own record of where each POST went).
          // nginx writes a line when it finalizes the request, a moment after the client has its answer.
          const posted = () => balancedRequests(cluster, from).filter((request) => request.method === 'POST' && request.uri.startsWith('/mcp'));
          for (let waited = 0; posted().length < CALLS && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
          const calls = posted();
          const spread = perReplica(calls, 2);
          process.stdout.write(`refreshOnce: ${CALLS} calls, served by replica 0: ${spread[0]}, replica 1: ${spread[1]}\n`);
          expect(calls.length).toBeGreaterThanOrEqual(CALLS);
          expect(spread[0]).toBeGreaterThan(0);
          expect(spread[1]).toBeGreaterThan(0);

          const failed = results.filter((result) => result.isError).map(textOf);
          expect(failed).toEqual([]);
          expect(results.every((result) => textOf(result).includes('general'))).toBe(true);

          // Exactly one refresh reached Slack, and Slack answered it with a new pair.
          const refreshes = slack.recording({ area: 'oauth', grantType: 'refresh_token' });
          expect(refreshes).toHaveLength(1);
          expect(refreshes[0]!.status).toBe(200);
          // Slack answers invalid_grant as HTTP 200 {ok:false}; a reused refresh token would have
          // revoked the grant, so a call after the burst still working proves none was reused, and no
          // replica logged a refused refresh.
          const after = await mcp.client.callTool({ name: 'slack__list_channels', arguments: {} });
          expect(after.isError ?? false, textOf(after)).toBe(false);
          expect(slack.recording({ area: 'oauth', grantType: 'refresh_token' })).toHaveLength(1);
          expect(cluster.logs()).not.toMatch(/invalid_grant/);
        } finally {
          await mcp.close();
        }
      },
    ),
    60_000,
  );
});
