/**
 * `npm run bench`: what the gateway costs, measured side by side in one run on loopback (a
 * benchmark, never a test — these machines are shared and noisy; read the ratios, not the numbers).
 *
 *   1. p50 / p99 latency of a trivial tools/call (GitHub get_repository), direct to the upstream
 *      and through the gateway, and their ratio;
 *   2. throughput at 32 concurrent calls, direct and through the gateway, and their ratio;
 *   3. tools/list over the three upstreams with 20 ms added latency each, against the slowest
 *      single upstream (the gateway asks them in parallel, so this ratio should stay near 1).
 *
 * Every loop is bounded by a call count.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { apiKeyFor } from '../../fixtures/vendors/index.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack } from '../support/gatewayStack.ts';

const LATENCY_SAMPLES = 300;
const WARMUP = 30;
const THROUGHPUT_CALLS = 1200;
const CONCURRENCY = 32;
const LIST_SAMPLES = 40;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function client(url: string, headers: Record<string, string>): Promise<Client> {
  const c = new Client({ name: 'bench', version: '1' });
  await c.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return c;
}

async function latencies(call: () => Promise<unknown>, samples: number): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await call();
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await call();
    out.push(performance.now() - started);
  }
  return out.sort((a, b) => a - b);
}

async function throughput(call: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < THROUGHPUT_CALLS) {
        next++;
        await call();
      }
    }),
  );
  return (THROUGHPUT_CALLS / (performance.now() - started)) * 1000;
}

async function main(): Promise<void> {
  const stack = await startGatewayStack({ gateway: { logLevel: 'warn', toolCallsPerMinute: 1_000_000, toolListCacheSeconds: 0 } });
  try {
    const gw = stack.gateway.current;
    const fixtures = stack.mocks.fixtures;
    const person = gw.app.directory[0]!;
    const githubKey = apiKeyFor(fixtures.github, 'valid', 0).secret;
    const session = await ConsentSession.open(gw.url, gw.mcpUrl, person);
    await session.saveKey('github', githubKey);
    const atlassianKey = apiKeyFor(fixtures.atlassian, 'valid', 0);
    await session.saveKey('atlassian', atlassianKey.secret, atlassianKey.username);
    const slackKey = apiKeyFor(fixtures.slack, 'valid', 0).secret;
    await session.saveKey('slack', slackKey);
    const authorized = await session.authorize();
    const gatewayClient = await client(gw.mcpUrl, { authorization: `Bearer ${authorized.tokens!.access_token}` });
    const direct = {
      github: await client(stack.mocks.vendors.github.mcpUrl, { authorization: `Bearer ${githubKey}` }),
      atlassian: await client(stack.mocks.vendors.atlassian.mcpUrl, { authorization: `Basic ${Buffer.from(`${atlassianKey.username}:${atlassianKey.secret}`).toString('base64')}` }),
      slack: await client(stack.mocks.vendors.slack.mcpUrl, { authorization: `Bearer ${slackKey}` }),
    };
    const repo = JSON.parse(((await direct.github.callTool({ name: 'list_repositories', arguments: {} })).content as { text: string }[])[0]!.text) as { owner: string; name: string }[];
    const args = { owner: repo[0]!.owner, repo: repo[0]!.name };
    const viaUpstream = () => direct.github.callTool({ name: 'get_repository', arguments: args });
    const viaGateway = () => gatewayClient.callTool({ name: 'github__get_repository', arguments: args });

    const d = await latencies(viaUpstream, LATENCY_SAMPLES);
    const g = await latencies(viaGateway, LATENCY_SAMPLES);
    const dTput = await throughput(viaUpstream);
    const gTput = await throughput(viaGateway);

    for (const vendor of ['atlassian', 'github', 'slack'] as const) stack.mocks.vendors[vendor].control.setFaults({ latencyMs: 20 });
    const singles = await Promise.all(
      (['atlassian', 'github', 'slack'] as const).map(async (vendor) => ({ vendor, p50: percentile(await latencies(() => direct[vendor].listTools(), LIST_SAMPLES), 50) })),
    );
    const slowest = singles.reduce((a, b) => (b.p50 > a.p50 ? b : a));
    const aggregated = percentile(await latencies(() => gatewayClient.listTools(), LIST_SAMPLES), 50);

    const rows = [
      ['trivial tools/call p50', fmt(percentile(d, 50)), fmt(percentile(g, 50)), (percentile(g, 50) / percentile(d, 50)).toFixed(2)],
      ['trivial tools/call p99', fmt(percentile(d, 99)), fmt(percentile(g, 99)), (percentile(g, 99) / percentile(d, 99)).toFixed(2)],
      [`throughput @${CONCURRENCY} concurrent (calls/s)`, dTput.toFixed(0), gTput.toFixed(0), (gTput / dTput).toFixed(2)],
      [`tools/list, 3 upstreams × 20 ms (p50) vs slowest single (${slowest.vendor})`, fmt(slowest.p50), fmt(aggregated), (aggregated / slowest.p50).toFixed(2)],
    ];
    const widths = [0, 1, 2, 3].map((i) => Math.max(...[['measure', 'direct', 'gateway', 'ratio'], ...rows].map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
    process.stdout.write(`\nGangway gateway overhead (loopback, ${LATENCY_SAMPLES} samples, ${THROUGHPUT_CALLS} calls for throughput)\n\n`);
    process.stdout.write(`${line(['measure', 'direct', 'gateway', 'ratio'])}\n${rows.map(line).join('\n')}\n\n`);
    await gatewayClient.close();
    for (const c of Object.values(direct)) await c.close();
  } finally {
    await stack.stop();
  }
}

await main();
