/**
 * `npm run bench`, part 3: does the gateway's memory stay flat under sustained load? (issue 11, #9:
 * 50 clients for 60 s once took its RSS from 336 to 752 MB.)
 *
 * The gateway runs in its own child process (`stack/gatewayMain.ts`, configured by environment), so the
 * RSS we read from /proc is the gateway's alone, not this load generator's or the mocks'. N clients,
 * each its own registered OAuth client and MCP session, call GitHub tools through it for a fixed
 * number of calls (a bounded loop, never a timer); a warm-up round comes first so start-up
 * allocations (JIT, pools, caches filling once) do not count as growth. Prints RSS after the
 * warm-up and at the end, and the growth in %; target ≤ 20 %. A benchmark, not a test: read it.
 * Why it grew and what bounds it: gateway/runtime/heapGrowth.ts.
 *
 *   npx tsx tests/bench/sustainedLoad.ts                       # 50 clients, 4000 + 20000 calls
 *   BENCH_CLIENTS=10 BENCH_CALLS=2000 BENCH_WARMUP=500 …       # smaller
 *   BENCH_GATEWAY_NODE_ARGS=--max-old-space-size=4096 …        # V8's default growth (the policy steps aside)
 *   BENCH_GATEWAY_LOG=/tmp/gateway.log …                       # keep what the gateway printed
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { directoryUsers } from '../../fixtures/directory.ts';
import { apiKeyFor } from '../../fixtures/vendors/index.ts';
import { startMockUpstreams } from '../../mock-upstreams/index.ts';
import { mockCatalog } from '../../stack/mockCatalog.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { rssMb, startGatewayProcess } from './benchProcesses.ts';
import { throughput } from './sampling.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const WARMUP_CALLS = Math.min(CALLS, Number(process.env.BENCH_WARMUP ?? 4000));
/** Users the clients are spread over (the seeded directory has 8). */
const USERS = 5;
const SEED = 20261124;
const TARGET_GROWTH_PERCENT = 20;

async function connect(mcpUrl: string, token: string): Promise<Client> {
  const client = new Client({ name: 'sustained-load', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  return client;
}

/** `calls` calls spread over the clients, each client one at a time; returns the error count. */
async function drive(clients: readonly Client[], calls: number, args: { owner: string; repo: string }): Promise<{ errors: number; perSecond: number }> {
  let issued = 0;
  let errors = 0;
  const perSecond = await throughput(
    async (worker) => {
      const client = clients[worker]!;
      // Mostly calls, a list now and then — what a chat client does.
      const result = issued++ % 20 === 0 ? await client.listTools().catch(() => undefined) : await client.callTool({ name: 'github__get_repository', arguments: args }).catch(() => undefined);
      if (!result || ('isError' in result && result.isError)) errors++;
    },
    calls,
    clients.length,
  );
  return { errors, perSecond };
}

async function main(): Promise<void> {
  const mocks = await startMockUpstreams({ seed: SEED });
  const work = mkdtempSync(join(tmpdir(), 'gangway-bench-'));
  const catalogFile = join(work, 'connectors.json');
  writeFileSync(catalogFile, JSON.stringify(mockCatalog(mocks.vendors)));
  const gateway = await startGatewayProcess({
    GANGWAY_PORT: '0',
    GANGWAY_DATA_DIR: join(work, 'data'),
    GANGWAY_VAULT_KEY_FILE: join(work, 'vault.key'),
    GANGWAY_CONNECTORS_FILE: catalogFile,
    GANGWAY_LOG_LEVEL: 'warn',
    GANGWAY_TOOL_CALLS_PER_MINUTE: '1000000',
    GANGWAY_ACCESS_TOKEN_TTL: '3600',
    GANGWAY_DIRECTORY_SEED: String(SEED),
  });
  const { child, url } = gateway;
  process.stdout.write(`gateway started in process ${child.pid}; connecting ${CLIENTS} clients…\n`);
  const clients: Client[] = [];
  try {
    const mcpUrl = `${url}/mcp`;
    const people = directoryUsers(SEED).slice(0, USERS);
    for (let i = 0; i < CLIENTS; i++) {
      const userIndex = i % USERS;
      const session = await ConsentSession.open(url, mcpUrl, people[userIndex]!, { clientName: `Load client ${i}` });
      await session.saveKey('github', apiKeyFor(mocks.fixtures.github, 'valid', userIndex % mocks.fixtures.github.accounts.length).secret);
      const authorized = await session.authorize();
      clients.push(await connect(mcpUrl, String(authorized.tokens!.access_token)));
      if ((i + 1) % 10 === 0) process.stdout.write(`  ${i + 1} clients connected\n`);
    }
    const repos = JSON.parse(((await clients[0]!.callTool({ name: 'github__list_repositories', arguments: {} })).content as { text: string }[])[0]!.text) as { owner: string; name: string }[];
    const args = { owner: repos[0]!.owner, repo: repos[0]!.name };

    const warm = await drive(clients, WARMUP_CALLS, args);
    const start = rssMb(child.pid!);
    const load = await drive(clients, CALLS, args);
    const end = rssMb(child.pid!);
    const growth = ((end - start) / start) * 100;
    process.stdout.write(`\nGangway memory under sustained load (gateway in its own process, pid ${child.pid})\n\n`);
    process.stdout.write(`  clients                    ${CLIENTS} (MCP sessions over ${USERS} users)\n`);
    process.stdout.write(`  calls                      ${WARMUP_CALLS} warm-up + ${CALLS} measured (every 20th a tools/list)\n`);
    process.stdout.write(`  errors                     ${warm.errors + load.errors}\n`);
    process.stdout.write(`  rate                       ${load.perSecond.toFixed(0)} calls/s\n`);
    process.stdout.write(`  gateway RSS after warm-up  ${start.toFixed(0)} MB\n`);
    process.stdout.write(`  gateway RSS at the end     ${end.toFixed(0)} MB\n`);
    process.stdout.write(`  growth                     ${growth.toFixed(1)} % (target ≤ ${TARGET_GROWTH_PERCENT} %: ${growth <= TARGET_GROWTH_PERCENT ? 'met' : 'NOT met'})\n\n`);
  } finally {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await gateway.stop();
    await mocks.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
