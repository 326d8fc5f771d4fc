/**
 * Issue 14, "done when" 3 (TRANSPORT-09, LISTCHANGED-02): two replicas on PostgreSQL behind nginx
 * round-robin, no stickiness.
 *  - A grant change made through the User Portal on one replica is heard as
 *    notifications/tools/list_changed on the GET stream the client holds on the OTHER replica
 *    (PostgreSQL LISTEN/NOTIFY carries it). Which replica held what is read from nginx's access log
 *    (the GET stream's line is written when it closes), and the attempt is repeated — shifting the
 *    rotation by one probe request — until the two were different replicas.
 *  - The replica that answered a client's last request is killed with SIGKILL; the client's next
 *    tools/list and tools/call succeed in the SAME session, rebuilt by the surviving replica from
 *    the store. Without sessions in the store the survivor answers 404 (unknown session).
 */
import { describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { balancedRequests, clusterForFile, withClusterLogs } from '../support/clusterClient.ts';
import { connectMcp, textOf } from '../support/mcpClient.ts';
import { connectClient } from '../support/oauthDriver.ts';
import { portalSession } from '../support/portalDriver.ts';
import { cite } from '../support/requirements.ts';

const ATTEMPTS = 6;
const started = clusterForFile();

describe('Failover between two replicas', () => {
  it(
    `${cite('LISTCHANGED-02', 'LISTCHANGED-03')} a grant change through the portal on one replica reaches the list_changed stream held by the other`,
    withClusterLogs(
      () => started().cluster,
      async () => {
        const { cluster } = started();
        const person = started().person(2);
        const signedIn = await connectClient(cluster.url, cluster.mcpUrl, person);
        const portal = await portalSession(cluster.url, person);
        const outcomes: string[] = [];
        for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
          const attemptFrom = cluster.balancer.accessLog().length;
          const mcp = await connectMcp(cluster.mcpUrl, String(signedIn.tokens.access_token), `stream-holder-${attempt}`);
          let heard = false;
          let from = 0;
          try {
            // The SDK opens its GET stream right after initialize; give it a moment to be held.
            await new Promise((resolve) => setTimeout(resolve, 500));
            const before = mcp.listChanged();
            // Round-robin is deterministic here: the portal POST keeps landing where the stream is,
            // unless one more request (a probe) shifts the rotation — every other attempt sends one.
            if (attempt % 2 === 0) await (await fetch(`${cluster.url}/healthz`)).text();
            from = cluster.balancer.accessLog().length;
            // Alternate between granting nothing and GitHub, so every submission is a change.
            const connectors = attempt % 2 ? [] : ['github'];
            expect((await portal.submit('/portal/clients/tools', { client_id: signedIn.clientId, connectors })).status).toBe(303);
            heard = await waitFor(() => mcp.listChanged() > before, 10_000);
          } finally {
            await mcp.close();
          }
          // Both lines are in the access log now: the portal POST at once, the GET stream when it closed.
          const streams = () => balancedRequests(cluster, attemptFrom).filter((r) => r.method === 'GET' && r.uri === '/mcp');
          await waitFor(() => streams().length > 0, 5000);
          const change = balancedRequests(cluster, from).find((r) => r.method === 'POST' && r.uri === '/portal/clients/tools');
          const stream = streams().at(-1);
          expect(change, 'the portal POST in the access log').toBeDefined();
          expect(stream, 'the GET stream in the access log').toBeDefined();
          outcomes.push(`attempt ${attempt}: stream on replica ${stream!.replica}, portal change on replica ${change!.replica}, list_changed heard: ${heard}`);
          if (stream!.replica !== change!.replica) {
            process.stdout.write(`${outcomes.join('\n')}\n`);
            expect(heard, outcomes.join('\n')).toBe(true);
            return;
          }
        }
        throw new Error(`the stream and the portal change never landed on different replicas:\n${outcomes.join('\n')}`);
      },
    ),
    60_000,
  );

  it(
    `${cite('TRANSPORT-09')} SIGKILL of the replica that served the last request: the next tools/list and tools/call go on in the same session`,
    withClusterLogs(
      () => started().cluster,
      async () => {
        const { cluster } = started();
        const signedIn = await connectClient(cluster.url, cluster.mcpUrl, started().person(3));
        const client = new Client({ name: 'failover-client', version: '1.0.0' });
        const transport = new StreamableHTTPClientTransport(new URL(cluster.mcpUrl), {
          requestInit: { headers: { authorization: `Bearer ${String(signedIn.tokens.access_token)}` } },
        });
        await client.connect(transport);
        const sessionId = transport.sessionId;
        expect(sessionId).toBeTruthy();
        let victim: ReturnType<typeof started>['cluster']['replicas'][number] | undefined;
        try {
          const beforeList = cluster.balancer.accessLog().length;
          expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('whoami');
          // nginx writes a line when it finalizes the request, a moment after the client has its answer.
          const posts = (from: number) => balancedRequests(cluster, from).filter((r) => r.method === 'POST' && r.uri === '/mcp');
          await waitFor(() => posts(beforeList).length > 0, 5000);
          const last = posts(beforeList).at(-1)!;
          victim = cluster.replicas[last.replica]!;
          const survivor = cluster.replicas[1 - last.replica]!;
          const pid = victim.pid;
          victim.kill('SIGKILL');
          expect(await victim.exited()).toBeNull();
          process.stdout.write(`failover: session ${sessionId!.slice(0, 8)}…, last request on replica ${victim.index} (pid ${pid}) killed with SIGKILL\n`);

          const from = cluster.balancer.accessLog().length;
          const listed = await client.listTools();
          expect(listed.tools.map((tool) => tool.name)).toContain('whoami');
          const called = await client.callTool({ name: 'whoami', arguments: {} });
          expect(called.isError ?? false, textOf(called)).toBe(false);
          expect(transport.sessionId).toBe(sessionId);
          await waitFor(() => posts(from).length >= 2, 5000);
          const after = posts(from);
          expect(after.length).toBeGreaterThanOrEqual(2);
          expect(after.every((r) => r.replica === survivor.index && r.status === 200), JSON.stringify(after)).toBe(true);
        } finally {
          await client.close().catch(() => {});
          if (victim && victim.pid === undefined) await victim.start();
        }
      },
    ),
    60_000,
  );
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
