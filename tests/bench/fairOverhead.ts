/**
 * `npm run bench`, part 1: what the gateway costs over calling the upstream directly (issue 12,
 * item 1). A benchmark, never a test — this machine is shared and noisy; read the ratios.
 *
 * Three processes: this load generator, the gateway (`stack/gatewayMain.ts` at its production log level,
 * `info`) and the lean upstream (tests/bench/leanUpstream.ts: one McpServer built once, JSON answers).
 * The gateway reaches the upstream as ordinary catalogue connectors with `auth: { none: {} }`
 * (GANGWAY_CONNECTORS_FILE), so direct and gateway calls hit the SAME server. Printed side by side:
 *
 *   1. p50 / p99 of a trivial tools/call, direct and through the gateway (alternating blocks);
 *   2. throughput with 32 concurrent calls, both sides;
 *   3. gateway CPU per proxied call (utime + stime of the gateway process, from /proc);
 *   4. tools/list over 50 connectors whose upstream holds every request 20 ms, cold (a user's first
 *      list) and warm, against the slowest single connector asked directly;
 *   5. gateway RSS before and after 1,000 authenticated MCP sessions;
 *   6. cold start of the gateway entry point to the first 401 from /mcp;
 *   7. for scale, the same calls through a bare pass-through proxy (bareProxy.ts, a fourth process)
 *      and the upstream's own CPU per call: what any proxy pays before it checks anything;
 *   8. the same tools/call from a 2026-07-28 client (stateless: the SDK v2 handler per request)
 *      against the same direct call, and its gateway CPU per call.
 *
 *   npx tsx tests/bench/fairOverhead.ts
 *   BENCH_SAMPLES=500 BENCH_TPUT_CALLS=1000 BENCH_SESSIONS=200 …   # smaller
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directoryUsers } from '../../fixtures/directory.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { cpuMicros, rssMb, startBareProxy, startGatewayProcess, startLeanUpstream, type BenchChild } from './benchProcesses.ts';
import { coldStartMs } from './coldStart.ts';
import { RawMcpClient } from './rawMcpClient.ts';
import { interleavedLatencies, latencies, percentile, throughput } from './sampling.ts';
import { liveSessions, openSessions } from './sessionFlood.ts';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2000);
const WARMUP = 300;
const BLOCK = 100;
const TPUT_CALLS = Number(process.env.BENCH_TPUT_CALLS ?? 4000);
const CONCURRENCY = 32;
const FAN_OUT = 50;
const SLOW_MS = 20;
const WARM_LISTS = 30;
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
const COLD_STARTS = 3;
const SEED = 20261124;

const slowId = (n: number) => `slow-${n}`;
const publicConnector = (id: string, mcpUrl: string) => ({ id, displayName: `Bench ${id}`, mcpUrl, toolPrefix: id.replace(/-/g, '_'), auth: { none: {} } });

const connect = (mcpUrl: string, token?: string) => RawMcpClient.connect(mcpUrl, token);

/** A token for `userIndex` granting exactly `connectors`, through the consent page as a browser would. */
async function tokenFor(gateway: string, userIndex: number, connectors: readonly string[], all: readonly string[]): Promise<string> {
  const person = directoryUsers(SEED)[userIndex]!;
  const session = await ConsentSession.open(gateway, `${gateway}/mcp`, person, { clientName: `Bench client ${userIndex}` });
  const result = await session.authorize({ tick: [...connectors], untick: all.filter((id) => !connectors.includes(id)) });
  if (!result.tokens?.access_token) throw new Error(`no token for user ${userIndex}: ${JSON.stringify(result)}`);
  return String(result.tokens.access_token);
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
function table(title: string, rows: string[][]): string {
  const head = ['measure', 'direct', 'gateway', 'ratio'];
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  return `\n${title}\n\n${line(head)}\n${rows.map(line).join('\n')}\n`;
}

async function main(): Promise<void> {
  const upstream = await startLeanUpstream();
  const bare = await startBareProxy(upstream.url);
  const work = mkdtempSync(join(tmpdir(), 'gangway-fair-'));
  const catalogFile = join(work, 'connectors.json');
  const slowIds = Array.from({ length: FAN_OUT }, (_, n) => slowId(n + 1));
  const allIds = ['lean', ...slowIds];
  writeFileSync(catalogFile, JSON.stringify({ connectors: [publicConnector('lean', `${upstream.url}/mcp`), ...slowIds.map((id, n) => publicConnector(id, `${upstream.url}/slow/${n + 1}/mcp`))] }));
  let gateway: BenchChild | undefined;
  const clients: RawMcpClient[] = [];
  try {
    gateway = await startGatewayProcess({
      GANGWAY_PORT: '0',
      GANGWAY_DATA_DIR: join(work, 'data'),
      GANGWAY_VAULT_KEY_FILE: join(work, 'vault.key'),
      GANGWAY_CONNECTORS_FILE: catalogFile,
      GANGWAY_LOG_LEVEL: 'info',
      // The default (600 a minute per user) would throttle the bench itself; everything else is the default.
      GANGWAY_TOOL_CALLS_PER_MINUTE: '1000000',
      // 1,000 sessions over 8 users must all stay open to be measured (the default keeps 64 per user).
      GANGWAY_MCP_SESSIONS_PER_USER: String(Math.ceil(SESSIONS / 8)),
      GANGWAY_ACCESS_TOKEN_TTL: '3600',
      GANGWAY_DIRECTORY_SEED: String(SEED),
    });
    const pid = gateway.child.pid!;
    const mcpUrl = `${gateway.url}/mcp`;
    process.stdout.write(`gateway pid ${pid}, lean upstream pid ${upstream.child.pid}, load generator pid ${process.pid}\n`);

    // 1–3: a trivial tools/call, direct and through the gateway.
    const callerToken = await tokenFor(gateway.url, 0, ['lean'], allIds);
    const direct = await connect(`${upstream.url}/mcp`);
    const proxied = await connect(mcpUrl, callerToken);
    const floor = await connect(`${bare.url}/mcp`);
    const modern = RawMcpClient.stateless(mcpUrl, callerToken);
    clients.push(direct, proxied, floor);
    const viaUpstream = () => direct.callTool('echo');
    const viaGateway = () => proxied.callTool('lean__echo');
    const viaBare = () => floor.callTool('echo');
    const viaModern = () => modern.callTool('lean__echo');
    await latencies(viaUpstream, WARMUP);
    await latencies(viaGateway, WARMUP);
    await latencies(viaBare, WARMUP);
    await latencies(viaModern, WARMUP);
    let modernCpu = 0;
    let modernMark = 0;
    const barePid = bare.child.pid!;
    let bareCpu = 0;
    let bareMark = 0;
    let latencyCpu = 0;
    let cpuMark = 0;
    // The upstream's own CPU per direct call: the floor one HTTP hop costs on this machine.
    const upstreamPid = upstream.child.pid!;
    let upstreamCpu = 0;
    let upstreamMark = 0;
    const [d, g, b, m] = await interleavedLatencies(
      [
        { call: viaUpstream, before: () => (upstreamMark = cpuMicros(upstreamPid)), after: () => (upstreamCpu += cpuMicros(upstreamPid) - upstreamMark) },
        { call: viaGateway, before: () => (cpuMark = cpuMicros(pid)), after: () => (latencyCpu += cpuMicros(pid) - cpuMark) },
        { call: viaBare, before: () => (bareMark = cpuMicros(barePid)), after: () => (bareCpu += cpuMicros(barePid) - bareMark) },
        { call: viaModern, before: () => (modernMark = cpuMicros(pid)), after: () => (modernCpu += cpuMicros(pid) - modernMark) },
      ],
      SAMPLES,
      BLOCK,
    );
    const upstreamTputStart = cpuMicros(upstreamPid);
    const dTput = await throughput(viaUpstream, TPUT_CALLS, CONCURRENCY);
    const upstreamTputCpu = cpuMicros(upstreamPid) - upstreamTputStart;
    const tputCpuStart = cpuMicros(pid);
    const gTput = await throughput(viaGateway, TPUT_CALLS, CONCURRENCY);
    const tputCpu = cpuMicros(pid) - tputCpuStart;
    const bareTputStart = cpuMicros(barePid);
    const bTput = await throughput(viaBare, TPUT_CALLS, CONCURRENCY);
    const bareTputCpu = cpuMicros(barePid) - bareTputStart;
    process.stdout.write('tools/call measured; fan-out next…\n');

    // 4: tools/list over 50 slow connectors. Each user's first list is cold (nothing cached for them).
    const singles = [];
    for (let n = 1; n <= FAN_OUT; n++) {
      const one = await connect(`${upstream.url}/slow/${n}/mcp`);
      singles.push(percentile(await latencies(() => one.listTools(), 3), 50));
      await one.close();
    }
    const slowest = Math.max(...singles);
    const cold: number[] = [];
    let listed = 0;
    let others: string[] = [];
    let fanOutClient: RawMcpClient | undefined;
    for (let user = 1; user < 8; user++) {
      const client = await connect(mcpUrl, await tokenFor(gateway.url, user, slowIds, allIds));
      clients.push(client);
      const started = performance.now();
      const tools = await client.listTools();
      cold.push(performance.now() - started);
      listed = tools.filter((name) => name.startsWith('slow_')).length;
      others = tools.filter((name) => !name.startsWith('slow_'));
      fanOutClient ??= client;
    }
    const warm = await latencies(() => fanOutClient!.listTools(), WARM_LISTS);
    cold.sort((a, b) => a - b);
    if (listed !== FAN_OUT) throw new Error(`the gateway listed ${listed} slow connectors' tools, not ${FAN_OUT}`);
    if (others.length) process.stdout.write(`  (the list also holds ${others.join(', ')})\n`);

    process.stdout.write('fan-out measured; sessions next…\n');
    // 5: 1,000 authenticated sessions, over the eight directory users' tokens.
    const tokens = [callerToken];
    for (let user = 1; user < 8; user++) tokens.push(await tokenFor(gateway.url, user, ['lean'], allIds));
    const rssBefore = rssMb(pid);
    const sessions = await openSessions(mcpUrl, tokens, SESSIONS);
    const rssAfter = rssMb(pid);
    const live = await liveSessions(sessions);

    process.stdout.write('sessions measured; cold start next…\n');
    for (const client of clients.splice(0)) await client.close().catch(() => undefined);
    await gateway.stop();
    gateway = undefined;

    // 6: cold start, on a fresh data directory each time.
    const starts: number[] = [];
    for (let i = 0; i < COLD_STARTS; i++) starts.push(await coldStartMs(catalogFile));
    starts.sort((a, b) => a - b);

    const p = (values: number[], q: number) => percentile(values, q);
    process.stdout.write(
      table(`Gangway gateway overhead — fair: 3 processes, lean upstream, gateway log level info (${SAMPLES} samples per side, ${WARMUP} warm-up)`, [
        ['trivial tools/call p50', ms(p(d!, 50)), ms(p(g!, 50)), (p(g!, 50) / p(d!, 50)).toFixed(2)],
        ['trivial tools/call p99', ms(p(d!, 99)), ms(p(g!, 99)), (p(g!, 99) / p(d!, 99)).toFixed(2)],
        ['same call, 2026-07-28 client (stateless) p50', ms(p(d!, 50)), ms(p(m!, 50)), (p(m!, 50) / p(d!, 50)).toFixed(2)],
        ['same call, 2026-07-28 client (stateless) p99', ms(p(d!, 99)), ms(p(m!, 99)), (p(m!, 99) / p(d!, 99)).toFixed(2)],
        [`throughput @${CONCURRENCY} concurrent (calls/s, ${TPUT_CALLS} calls)`, dTput.toFixed(0), gTput.toFixed(0), (gTput / dTput).toFixed(2)],
        [`tools/list ${FAN_OUT} × ${SLOW_MS} ms, cold p50 (${cold.length} users) vs slowest single`, ms(slowest), ms(p(cold, 50)), (p(cold, 50) / slowest).toFixed(2)],
        [`tools/list ${FAN_OUT} × ${SLOW_MS} ms, warm p50 (${WARM_LISTS}) vs slowest single`, ms(slowest), ms(p(warm, 50)), (p(warm, 50) / slowest).toFixed(2)],
      ]),
    );
    process.stdout.write(`\n  gateway CPU per proxied call   ${(latencyCpu / SAMPLES).toFixed(0)} µs one at a time; ${(tputCpu / TPUT_CALLS).toFixed(0)} µs at ${CONCURRENCY} concurrent\n`);
    process.stdout.write(`  … from a 2026-07-28 client     ${(modernCpu / SAMPLES).toFixed(0)} µs one at a time (a fresh SDK v2 server per request)\n`);
    process.stdout.write(
      `  bare proxy (the floor, bareProxy.ts)  p50 ratio ${(p(b!, 50) / p(d!, 50)).toFixed(2)}, p99 ratio ${(p(b!, 99) / p(d!, 99)).toFixed(2)}, throughput ratio ${(bTput / dTput).toFixed(2)}, CPU ${(bareCpu / SAMPLES).toFixed(0)} µs per call one at a time, ${(bareTputCpu / TPUT_CALLS).toFixed(0)} µs at ${CONCURRENCY} concurrent\n`,
    );
    process.stdout.write(`  upstream CPU per direct call   ${(upstreamCpu / SAMPLES).toFixed(0)} µs one at a time; ${(upstreamTputCpu / TPUT_CALLS).toFixed(0)} µs at ${CONCURRENCY} concurrent (one HTTP hop, for scale: the gateway makes two)\n`);
    process.stdout.write(`  gateway RSS, ${SESSIONS} sessions      ${rssBefore.toFixed(0)} MB before, ${rssAfter.toFixed(0)} MB after (${(((rssAfter - rssBefore) * 1024) / Math.max(1, live)).toFixed(1)} KiB per open session); ${live} of ${SESSIONS} still open (${tokens.length} users, GANGWAY_MCP_SESSIONS_PER_USER ${Math.ceil(SESSIONS / 8)})\n`);
    process.stdout.write(`  cold start to first 401 /mcp   ${starts.map((value) => ms(value)).join(', ')} (stack/gatewayMain.ts, fresh data directory)\n\n`);
  } finally {
    for (const client of clients) await client.close().catch(() => undefined);
    await gateway?.stop();
    await bare.stop();
    await upstream.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
