/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance), run as its CLI:
 * - server mode through the reference gateway (gatewayUnderTest.ts: our everything upstream as a
 *   catalogue connector, a signed-in user's token added by a loopback proxy), twice: through the
 *   aggregated `/mcp` (names prefixed, server-baseline.yml) and through the connector's own
 *   `/mcp/conformance` (the upstream as it is, server-connector-baseline.yml: empty);
 * - server mode of the suite's prerelease, `--requirements 2026-07-28`, through `/mcp/conformance`
 *   (server-2026-baseline.yml): the gateway serves 2026-07-28 on the same URLs;
 * - client mode, `--suite auth`, against the gateway's upstream OAuth client (upstreamClient.ts).
 * Each run must exit 0 with its expected-failures baseline:
 * a new failure fails it, and so does a baselined scenario that now passes (the suite's own rule,
 * proven below). Every baseline entry must also be a failure that actually happened, with a reason.
 * Results go to a temporary directory.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateMessageRequestSchema, LoggingMessageNotificationSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMcp, textOf } from '../support/mcpClient.ts';
import { cite } from '../support/requirements.ts';
import { WATCHED_URI } from './everythingResources.ts';
import { CONNECTOR_ID, startGatewayUnderTest, TOOL_PREFIX, type GatewayUnderTest } from './gatewayUnderTest.ts';
import { CONFORMANCE_PRERELEASE_CLI, readBaseline, REPO_ROOT, runConformance, type ConformanceRun } from './runConformance.ts';

const HERE = `${REPO_ROOT}tests/conformance/`;
const SERVER_BASELINE = `${HERE}server-baseline.yml`;
const CONNECTOR_BASELINE = `${HERE}server-connector-baseline.yml`;
const REV2026_BASELINE = `${HERE}server-2026-baseline.yml`;
const CLIENT_BASELINE = `${HERE}client-baseline.yml`;
/** node_modules/.bin/tsx runs on the `node` first on PATH, which runConformance makes this Node. */
const CLIENT_COMMAND = 'node_modules/.bin/tsx tests/conformance/upstreamClient.ts';
const SUITE_LIMIT_MS = 150_000;

let gateway: GatewayUnderTest;
let results: string;

beforeAll(async () => {
  results = mkdtempSync(join(tmpdir(), 'gangway-conformance-'));
  gateway = await startGatewayUnderTest();
}, 60_000);
afterAll(async () => {
  await gateway?.close();
  rmSync(results, { recursive: true, force: true });
});

/** Prints the suite's verdict and checks it: exit 0, totals printed, baseline entries all live failures. */
function expectBaselineHolds(mode: string, run: ConformanceRun, baselineFile: string): void {
  const baseline = readBaseline(baselineFile);
  const total = run.total;
  process.stdout.write(
    `conformance ${mode}: Total: ${total?.passed} passed, ${total?.failed} failed${total?.warnings === undefined ? '' : `, ${total.warnings} warnings`}` +
      ` — ${run.expectedFailures.length} expected failures of ${baseline.length} baselined, exit ${run.exitCode}\n`,
  );
  expect(run.timedOut, `the ${mode} suite ran out of time:\n${run.output}`).toBe(false);
  expect(run.exitCode, `the ${mode} suite reported regressions or stale baseline entries:\n${run.output}`).toBe(0);
  expect(total, `no "Total:" line in:\n${run.output}`).toBeDefined();
  expect(total!.passed).toBeGreaterThan(0);
  // The suite ignores entries naming no scenario it ran: catch misspelt or retired names here.
  expect([...run.expectedFailures].sort(), `every ${baselineFile} entry must be a scenario that ran and failed`).toEqual(baseline.map((entry) => entry.scenario).sort());
}

function checksOf(dir: string, resultPrefix: string): { id: string; status: string; details?: Record<string, unknown> }[] {
  const found = readdirSync(dir).find((name) => name.startsWith(resultPrefix));
  if (!found) throw new Error(`no ${resultPrefix}* results in ${dir}`);
  return JSON.parse(readFileSync(join(dir, found, 'checks.json'), 'utf8')) as { id: string; status: string; details?: Record<string, unknown> }[];
}

describe('MCP conformance suite, server scenarios through the gateway', () => {
  it(`${cite('TRANSPORT-01', 'TRANSPORT-02', 'UP-06')} pass except the baselined ones, and saw the upstream's tools`, async () => {
    const out = join(results, 'server');
    const run = await runConformance(['server', '--url', gateway.mcpUrl, '--expected-failures', SERVER_BASELINE, '-o', out], SUITE_LIMIT_MS);
    expectBaselineHolds('server', run, SERVER_BASELINE);
    // tools-list validated the namespaced upstream tools, not just the gateway's own whoami.
    const listed = checksOf(out, 'server-tools-list-').find((check) => check.id === 'tools-list');
    expect(listed?.status).toBe('SUCCESS');
    expect(listed?.details?.tools).toEqual(expect.arrayContaining(['whoami', `${TOOL_PREFIX}__test_simple_text`, `${TOOL_PREFIX}__test_tool_with_progress`]));
  }, SUITE_LIMIT_MS + 10_000);

  it(`${cite('UP-06')} the tools the baselined tools-call scenarios call answer as those scenarios require under their namespaced names`, async () => {
    const mcp = await connectMcp(gateway.mcpUrl, gateway.accessToken, 'conformance-check');
    try {
      const call = async (tool: string) => (await mcp.client.callTool({ name: `${TOOL_PREFIX}__${tool}`, arguments: {} })) as { isError?: boolean; content: { type: string; mimeType?: string; resource?: { uri: string } }[] };
      expect((await call('test_simple_text')).content).toEqual([{ type: 'text', text: 'This is a simple text response for testing.' }]);
      expect((await call('test_image_content')).content).toEqual([expect.objectContaining({ type: 'image', mimeType: 'image/png', data: expect.any(String) })]);
      expect((await call('test_audio_content')).content).toEqual([expect.objectContaining({ type: 'audio', mimeType: 'audio/wav', data: expect.any(String) })]);
      expect((await call('test_embedded_resource')).content[0]?.resource?.uri).toBe('test://embedded-resource');
      expect((await call('test_multiple_content_types')).content.map((part) => part.type)).toEqual(['text', 'image', 'resource']);
      const failed = await call('test_error_handling');
      expect(failed.isError).toBe(true);
      expect(failed.content[0]).toEqual({ type: 'text', text: 'This tool intentionally returns an error for testing' });
      // The bare name, as the scenarios send it, is unknown: that is the baselined failure.
      await expect(mcp.client.callTool({ name: 'test_simple_text', arguments: {} })).rejects.toThrow(/Unknown tool: test_simple_text/);
    } finally {
      await mcp.close();
    }
  });

  it(`${cite('UP-06')} the prompts and resources the baselined prompts-get and resources-read scenarios ask for answer under their prefixed names and URIs`, async () => {
    const mcp = await connectMcp(gateway.mcpUrl, gateway.accessToken, 'conformance-check');
    try {
      const prompt = (name: string, args?: Record<string, string>) => mcp.client.getPrompt({ name: `${TOOL_PREFIX}__${name}`, ...(args && { arguments: args }) });
      expect((await prompt('test_simple_prompt')).messages).toEqual([{ role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } }]);
      expect(JSON.stringify((await prompt('test_prompt_with_arguments', { arg1: 'hello', arg2: 'world' })).messages)).toContain("arg1='hello', arg2='world'");
      expect((await prompt('test_prompt_with_embedded_resource', { resourceUri: 'test://example-resource' })).messages[0]?.content).toMatchObject({ type: 'resource' });
      expect((await prompt('test_prompt_with_image')).messages[0]?.content).toMatchObject({ type: 'image', mimeType: 'image/png' });
      const read = async (uri: string) => (await mcp.client.readResource({ uri })).contents[0] as { uri: string; mimeType?: string; text?: string; blob?: string };
      expect(await read(`test://${TOOL_PREFIX}__static-text`)).toEqual({ uri: `test://${TOOL_PREFIX}__static-text`, mimeType: 'text/plain', text: 'This is the content of the static text resource.' });
      expect(await read(`test://${TOOL_PREFIX}__static-binary`)).toMatchObject({ mimeType: 'image/png', blob: expect.any(String) });
      expect(JSON.parse((await read(`test://${TOOL_PREFIX}__template/123/data`)).text!)).toEqual({ id: '123', templateTest: true, data: 'Data for ID: 123' });
      await expect(mcp.client.readResource({ uri: 'test://static-text' })).rejects.toThrow(/Resource not found/);
    } finally {
      await mcp.close();
    }
  });

  it('the progress, sampling and log messages that tools-call-with-progress, tools-call-sampling and tools-call-with-logging exercise are relayed under the namespaced names', async () => {
    const client = new Client({ name: 'conformance-relay', version: '1.0.0' }, { capabilities: { sampling: {} } });
    client.setRequestHandler(CreateMessageRequestSchema, () => ({ model: 'test-model', role: 'assistant', content: { type: 'text', text: 'relayed' } }));
    await client.connect(new StreamableHTTPClientTransport(new URL(gateway.mcpUrl), { requestInit: { headers: { authorization: `Bearer ${gateway.accessToken}` } } }));
    try {
      const progress: number[] = [];
      const ran = await client.callTool({ name: `${TOOL_PREFIX}__test_tool_with_progress`, arguments: {} }, undefined, { onprogress: (report) => void progress.push(report.progress) });
      expect(ran.content).toEqual([{ type: 'text', text: 'Progress tool finished.' }]);
      expect(progress).toEqual([0, 50, 100]);
      const sampled = await client.callTool({ name: `${TOOL_PREFIX}__test_sampling`, arguments: { prompt: 'Say hi' } });
      expect(sampled.content).toEqual([{ type: 'text', text: 'LLM response: relayed' }]);
      // tools-call-with-logging: after logging/setLevel, the upstream's messages arrive tagged with the connector.
      const logs: { level: string; logger?: string; data: unknown }[] = [];
      client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => void logs.push(notification.params));
      await client.setLoggingLevel('info');
      await client.callTool({ name: `${TOOL_PREFIX}__test_tool_with_logging`, arguments: {} });
      expect(logs.map((log) => log.data)).toEqual(['Tool execution started', 'Tool processing data', 'Tool execution completed']);
      expect(new Set(logs.map((log) => log.logger))).toEqual(new Set([CONNECTOR_ID]));
      await client.setLoggingLevel('warning');
      await client.callTool({ name: `${TOOL_PREFIX}__test_tool_with_logging`, arguments: {} });
      expect(logs).toHaveLength(3);
    } finally {
      await client.close();
    }
  });

  it(`${cite('TRANSPORT-01', 'TRANSPORT-02')} through the connector's own endpoint pass with the upstream's bare names (server-connector-baseline.yml)`, async () => {
    const out = join(results, 'connector');
    const run = await runConformance(['server', '--url', gateway.connectorUrl, '--expected-failures', CONNECTOR_BASELINE, '-o', out], SUITE_LIMIT_MS);
    expectBaselineHolds('server /mcp/conformance', run, CONNECTOR_BASELINE);
    const details = (scenario: string) => checksOf(out, `server-${scenario}-`).find((check) => check.id === scenario)?.details;
    // The scenarios saw this upstream alone, under its own names: no gateway tool, no prefix.
    expect(details('tools-list')?.tools).toEqual(expect.arrayContaining(['test_simple_text', 'test_tool_with_progress', 'test_sampling']));
    expect(details('tools-list')?.tools).not.toContain('whoami');
    expect(details('resources-list')?.resources).toEqual(expect.arrayContaining(['test://static-text', 'test://static-binary', WATCHED_URI]));
    expect(details('prompts-list')?.prompts).toEqual(expect.arrayContaining(['test_simple_prompt', 'test_prompt_with_arguments']));
  }, SUITE_LIMIT_MS + 10_000);

  it("resources-subscribe and resources-unsubscribe on the connector's endpoint: the upstream's updates arrive under the bare URI while subscribed, and stop after unsubscribe", async () => {
    const mcp = await connectMcp(gateway.connectorUrl, gateway.connectorToken, 'conformance-subscriber');
    try {
      const updated: string[] = [];
      mcp.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => void updated.push(notification.params.uri));
      const touch = async () => textOf(await mcp.client.callTool({ name: 'update_watched_resource', arguments: {} }));
      await mcp.client.subscribeResource({ uri: WATCHED_URI });
      const version = /version (\d+)/.exec(await touch())?.[1];
      await expect.poll(() => updated).toEqual([WATCHED_URI]);
      expect((await mcp.client.readResource({ uri: WATCHED_URI })).contents[0]).toMatchObject({ uri: WATCHED_URI, text: `Watched resource, version ${version}.` });
      await mcp.client.unsubscribeResource({ uri: WATCHED_URI });
      await touch();
      // One more round trip, so a late update would have arrived by now.
      await mcp.client.ping();
      expect(updated).toEqual([WATCHED_URI]);
    } finally {
      await mcp.close();
    }
  });

  it(`${cite('REV26-03')} the 2026-07-28 scenarios of the suite's prerelease through the connector's endpoint pass except the baselined ones`, async () => {
    const out = join(results, 'rev2026');
    const run = await runConformance(['server', '--url', gateway.connectorUrl, '--requirements', '2026-07-28', '--expected-failures', REV2026_BASELINE, '-o', out], SUITE_LIMIT_MS, CONFORMANCE_PRERELEASE_CLI);
    expectBaselineHolds('server 2026-07-28 /mcp/conformance', run, REV2026_BASELINE);
    // The stateless scenarios really ran against 2026-07-28 (server/discover answered), and the relayed rounds passed.
    expect(run.output).toMatch(/✓ caching: \d+ passed, 0 failed/);
    expect(run.output).toMatch(/✓ input-required-result-basic-sampling: \d+ passed, 0 failed/);
    expect(checksOf(out, 'server-input-required-result-request-state-').every((check) => check.status === 'SUCCESS')).toBe(true);
  }, SUITE_LIMIT_MS + 10_000);

  it('fail the run when a baselined scenario passes (a stale entry)', async () => {
    const stale = join(results, 'stale-baseline.yml');
    writeFileSync(stale, 'server:\n  - ping # passes: must be reported as stale\n');
    const run = await runConformance(['server', '--url', gateway.mcpUrl, '--scenario', 'ping', '--expected-failures', stale], 60_000);
    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Stale baseline entries[\s\S]*ping/);
  }, 70_000);
});

describe('MCP conformance suite, client auth scenarios against the gateway upstream OAuth client', () => {
  it(`${cite('UP-02')} pass except the baselined ones`, async () => {
    const run = await runConformance(
      ['client', '--command', CLIENT_COMMAND, '--suite', 'auth', '--timeout', '60000', '--expected-failures', CLIENT_BASELINE, '-o', join(results, 'client')],
      SUITE_LIMIT_MS,
    );
    expectBaselineHolds('client auth', run, CLIENT_BASELINE);
  }, SUITE_LIMIT_MS + 10_000);
});
