/**
 * The commands as a user runs them, each its own process: `npm start -- --once` (the README's main
 * job: stack + demo scenario; the gateway's log lines in the file it names, none on the screen),
 * `gangway run --client …` writing its three reports, and `gangway run --target` against a gateway
 * the harness did not start (ours, started by `npm start -- --no-demo`), through a vendor's OAuth pages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { test, expect } from '@playwright/test';

interface Finished {
  status: number | null;
  output: string;
}

/** Ports 0 everywhere: the test never collides with a running `npm start` or another worker. */
function freshEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GANGWAY_PORT: '0',
    GANGWAY_DATA_DIR: dataDir,
    GANGWAY_LOG_LEVEL: 'warn',
    MOCK_UPSTREAMS_ATLASSIAN_PORT: '0',
    MOCK_UPSTREAMS_GITHUB_PORT: '0',
    MOCK_UPSTREAMS_SLACK_PORT: '0',
  };
}

function launch(args: string[], env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; output: () => string; done: Promise<Finished> } {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const done = new Promise<Finished>((resolve) => child.on('close', (status) => resolve({ status, output })));
  return { child, output: () => output, done };
}

test.use({ trace: 'off', screenshot: 'off' });
test.describe.configure({ mode: 'parallel' });

test('npm start -- --once serves the stack, runs the demo scenario and exits 0, its screen free of log lines', async ({}, testInfo) => {
  test.setTimeout(180_000);
  const report = testInfo.outputPath('report');
  const logFile = testInfo.outputPath('logs', 'gateway.log');
  // At info the gateway logs every sign-in, consent and tool call: all of it must go to the file.
  const env = { ...freshEnv(testInfo.outputPath('data')), GANGWAY_LOG_LEVEL: 'info' };
  const { done } = launch(['--import', 'tsx', 'scenarios/cli/start.ts', '--once', '--report', report, '--log-file', logFile], env);
  const { status, output } = await done;
  expect(status, output).toBe(0);
  expect(output).toMatch(/MCP server URL : http:\/\/127\.0\.0\.1:\d+\/mcp/);
  expect(output).toContain('✓ call-tool');
  expect(output).toContain('Demo passed');
  const shownLog = relative(process.cwd(), logFile); // under the working directory: shown relative to it
  expect(output).toContain(`Gateway log    : ${shownLog}`);
  expect(output.split(shownLog)).toHaveLength(2); // named once
  expect(output, 'a JSON log line on the screen').not.toMatch(/^\s*\{".*\}\s*$/m);
  const logged = readFileSync(logFile, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { event: string });
  expect(logged.map((line) => line.event)).toEqual(expect.arrayContaining(['gateway.started', 'audit.user.signed_in', 'audit.tool.call']));
  const checks = JSON.parse(readFileSync(`${report}/checks.json`, 'utf8')) as { runs: { asExpected: boolean; target: string }[] };
  expect(checks.runs).toHaveLength(1);
  expect(checks.runs[0]!.asExpected).toBe(true);
  expect(checks.runs[0]!.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
});

test('gangway run --client claude runs a scenario with another client and writes HTML, JUnit and JSON', async ({}, testInfo) => {
  test.setTimeout(180_000);
  const report = testInfo.outputPath('report');
  const { done } = launch(['scenarios/cli/gangway.mjs', 'run', 'happy-chatgpt-atlassian-api-key', '--client', 'claude', '--report', report]);
  const { status, output } = await done;
  expect(status, output).toBe(0);
  expect(output).toContain('▶ happy-chatgpt-atlassian-api-key (claude)');
  expect(output).toContain('1 of 1 scenarios as expected.');
  for (const file of ['index.html', 'junit.xml', 'checks.json']) expect(existsSync(`${report}/${file}`), file).toBe(true);
  expect(readFileSync(`${report}/junit.xml`, 'utf8')).toMatch(/<testsuite[^>]*failures="0"/);
});

test('gangway run --target checks a gateway it did not start, through a vendor\'s OAuth pages', async ({}, testInfo) => {
  test.setTimeout(180_000);
  const server = launch(['--import', 'tsx', 'scenarios/cli/start.ts', '--no-demo', '--log-file', testInfo.outputPath('gateway.log')], freshEnv(testInfo.outputPath('data')));
  try {
    await expect.poll(() => /MCP server URL : (\S+)/.exec(server.output())?.[1], { timeout: 60_000 }).toBeTruthy();
    const mcpUrl = /MCP server URL : (\S+)/.exec(server.output())![1]!;
    const report = testInfo.outputPath('report');
    const { status, output } = await launch(['scenarios/cli/gangway.mjs', 'run', 'happy-claude-slack-oauth', '--target', mcpUrl, '--report', report]).done;
    expect(status, output).toBe(0);
    expect(output).toContain('✓ connect-oauth');
    const checks = JSON.parse(readFileSync(`${report}/checks.json`, 'utf8')) as { runs: { target: string; checks: { id: string; status: string }[] }[] };
    expect(checks.runs[0]!.target).toBe(mcpUrl);
    expect(checks.runs[0]!.checks.find((c) => c.id === 'tool-call')?.status).toBe('SUCCESS');
  } finally {
    server.child.kill('SIGTERM');
    await server.done;
  }
});

test('gangway repro --symptom reproduces a support ticket and writes the bundle', async ({}, testInfo) => {
  test.setTimeout(180_000);
  const out = testInfo.outputPath('bundle');
  // The message a ChatGPT user reports when the 401 names no metadata (real-world failure #1).
  const { status, output } = await launch(['scenarios/cli/gangway.mjs', 'repro', '--symptom', 'no-resource-metadata', '--out', out]).done;
  expect(status, output).toBe(0);
  expect(output).toContain('matches: no-resource-metadata');
  expect(output).toMatch(/no-resource-metadata: no-resource-metadata \[AUTH-02\]/);
  for (const file of ['index.html', 'diagnosis.json']) expect(existsSync(`${out}/${file}`), file).toBe(true);
  const diagnosis = readFileSync(`${out}/diagnosis.json`, 'utf8');
  expect(diagnosis).toContain('AUTH-02');
});
