/**
 * The generic page adapter, proven three ways. On small pages of our own making: it signs in on a form
 * without labels and on a two-step one, finds a tool's row by the tool's name, saves a key in that row,
 * reads Connected apart from "Not connected", and presses Allow however many Deny / Cancel / Abort /
 * Reject buttons come first. Through the CLI on the reference stack with the example credentials file
 * (a key and a vendor OAuth sign-in, every artifact searched for the file's secrets), and with
 * --adapter replacing it. And through the CLI on the foreign corpus targets that show a consent page
 * (tests/corpus/): sign-in → consent → a tool call, with no adapter code for any of them — plus the
 * one whose authorization server lives on another origin and asks nothing.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { test, expect, type Page } from '@playwright/test';
import { genericGatewayAdapter as adapter } from '../../scenarios/adapters/gateways/genericGatewayAdapter.ts';
import { signInAndDecide } from '../../scenarios/adapters/vendors/vendorPageAdapter.ts';
import { startCorpusTarget } from '../corpus/corpusTarget.ts';
import { CORPUS_TARGETS, type CorpusTarget } from '../corpus/targets.ts';

test.use({ trace: 'off', screenshot: 'off' });

const person = { email: 'ada@example.test', password: 'correct-horse' };

/** Every form on these pages records what it sent instead of navigating. */
const RECORD_SUBMITS = `<script>
window.sent = [];
document.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = Object.fromEntries(new FormData(event.target, event.submitter));
  window.sent.push(data);
  window.onSent?.(event.target, data);
});
</script>`;

const sent = (page: Page) => page.evaluate(() => (window as unknown as { sent: Record<string, string>[] }).sent);

test.describe('on pages it has never seen', () => {
  test('signs in on a form without labels (placeholders and names only)', async ({ page }) => {
    await page.setContent(`<h1>Sign-in</h1><form><input type="text" name="login" placeholder="Enter any login"><input type="password" name="password" placeholder="and password"><button type="submit">Sign-in</button></form>${RECORD_SUBMITS}`);
    expect(await adapter.showsSignIn!(page)).toBe(true);
    await adapter.signIn(page, person);
    expect(await sent(page)).toEqual([{ login: person.email, password: person.password }]);
  });

  test('walks a two-step sign-in (name, Next, then the password)', async ({ page }) => {
    await page.setContent(`<form id="f"><label for="u">Email or username</label><input id="u" name="u"><button>Next</button></form>
<script>window.onSent = (form) => { if (form.id === 'f') document.body.insertAdjacentHTML('beforeend', '<form id="g"><label for="p">Password</label><input id="p" name="p" type="password"><button>Log in</button></form>'); };</script>${RECORD_SUBMITS}`);
    await adapter.signIn(page, person);
    expect(await sent(page)).toEqual([{ u: person.email }, { p: person.password }]);
  });

  test('a consent page with key fields is not a sign-in page', async ({ page }) => {
    await page.setContent(`<h1>Approve tools</h1><ul><li><input type="checkbox" id="a"><label for="a">Jira</label><label for="k">Jira API token</label><input id="k" type="password"></li></ul><button>Approve</button>`);
    expect(await adapter.showsSignIn!(page)).toBe(false);
  });

  test('finds the tool by name in its table row, saves the key there, and tells Connected from Not connected', async ({ page }) => {
    await page.setContent(`<h1>Grant access</h1><table>
<tr><td><input type="checkbox" aria-label="Enable"></td><td>Confluence</td><td role="status">Not connected</td><td><label>Access token <input type="password" name="k1"></label><button type="button">Save</button></td></tr>
<tr><td><input type="checkbox" aria-label="Enable"></td><td>Jira Cloud</td><td role="status">Not connected</td><td><label>Account e-mail <input name="u2"></label><label>Access token <input type="password" name="k2"></label><button type="button">Save</button></td></tr>
</table><button disabled>Grant</button>
<script>document.querySelectorAll('tr').forEach((tr) => tr.querySelector('button').onclick = () => {
  const key = tr.querySelector('input[type=password]').value;
  tr.querySelector('[role=status]').textContent = key === 'jira-key-123' ? 'Connected' : 'Not connected';
  if (key !== 'jira-key-123') tr.insertAdjacentHTML('beforeend', '<td role="alert">That key was refused</td>');
  document.querySelector('button[disabled]')?.removeAttribute('disabled');
});</script>`);
    await adapter.selectTool(page, 'jira cloud');
    expect(await page.locator('tr').nth(1).locator('input[type=checkbox]').isChecked()).toBe(true);
    expect(await page.locator('tr').nth(0).locator('input[type=checkbox]').isChecked()).toBe(false);
    expect(await adapter.authorizeState!(page)).toEqual({ enabled: false, notConnected: ['jira cloud'] });
    await adapter.enterApiKey(page, 'Jira Cloud', 'jira-key-123', 'ada@example.test');
    expect(await page.locator('input[name=u2]').inputValue()).toBe('ada@example.test');
    expect(await page.locator('input[name=k1]').inputValue()).toBe('');
    await adapter.expectConnected(page, 'Jira Cloud');
    expect(await adapter.authorizeState!(page)).toEqual({ enabled: true, notConnected: [] });
    await adapter.enterApiKey(page, 'Confluence', 'wrong-key-456');
    expect(await adapter.rowError!(page, 'Confluence')).toBe('That key was refused');
  });

  test('a tool that needs no sign-in counts as ready once ticked', async ({ page }) => {
    await page.setContent(`<ul><li><input type="checkbox" id="e"><label for="e">Everything</label><span role="status">No sign-in needed</span></li>
<li><input type="checkbox" id="g"><label for="g">GitHub</label><span role="status">Not connected</span></li></ul><button>Authorize tools</button>`);
    await adapter.selectTool(page, 'everything');
    await adapter.selectTool(page, 'github');
    expect(await adapter.authorizeState!(page)).toEqual({ enabled: true, notConnected: ['github'] });
  });

  test('presses the approve button, never Deny, Cancel, Abort or Reject', async ({ page }) => {
    await page.setContent(`<h1>Authorize</h1><form><button name="d" value="deny">Deny</button><button name="d" value="cancel">Cancel</button><button name="d" value="abort">[ Abort ]</button><button name="d" value="reject">Reject all</button><button name="d" value="connect">Connect via OAuth</button><button name="d" value="allow">Allow access</button></form>${RECORD_SUBMITS}`);
    await adapter.waitForConsent(page, 'Any client');
    await adapter.authorize(page);
    expect(await sent(page)).toEqual([{ d: 'allow' }]);
  });

  test('on a vendor page: signs in, then allows (or denies when told to)', async ({ page }) => {
    const vendor = `<form id="s"><label for="e">Email</label><input id="e" name="e" type="email"><label for="p">Password</label><input id="p" name="p" type="password"><button>Sign in</button></form>
<script>window.onSent = (form) => { if (form.id === 's') document.body.innerHTML = '<form><button name="x" value="no">Cancel</button><button name="x" value="yes">Authorize app</button></form>'; };</script>${RECORD_SUBMITS}`;
    await page.route('https://vendor.test/**', (route) => route.fulfill({ contentType: 'text/html', body: vendor }));
    await page.goto('https://vendor.test/login');
    await signInAndDecide(page, person, 'allow');
    expect(await sent(page)).toEqual([{ e: person.email, p: person.password }, { x: 'yes' }]);
    await page.goto('https://vendor.test/login');
    await signInAndDecide(page, person, 'deny');
    expect((await sent(page)).at(-1)).toEqual({ x: 'no' });
  });
});

interface Finished {
  status: number | null;
  output: string;
}

function gangway(args: string[]): Promise<Finished> {
  const child = spawn(process.execPath, ['scenarios/cli/gangway.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output })));
}

interface ReportedRun {
  target: string;
  steps: { name: string; status: string }[];
  checks: { id: string; status: string; details: string }[];
}

const reportedRun = (report: string) => (JSON.parse(readFileSync(`${report}/checks.json`, 'utf8')) as { runs: ReportedRun[] }).runs[0]!;

/** Every text of a report directory, trace zips opened. */
function artifactTexts(dir: string): [string, string][] {
  const out: [string, string][] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...artifactTexts(path));
    else if (name.endsWith('.zip')) for (const [entry, bytes] of Object.entries(unzipSync(readFileSync(path)))) out.push([`${path}!${entry}`, strFromU8(bytes, true)]);
    else out.push([path, readFileSync(path, 'latin1')]);
  }
  return out;
}

test('gangway run --credentials on the reference stack: the generic adapter connects a key and a vendor OAuth, and no secret of the file reaches a report or trace', async ({}, testInfo) => {
  test.setTimeout(240_000);
  const report = testInfo.outputPath('report');
  const file = 'fixtures/credentials/reference-demo.json';
  const { status, output } = await gangway(['run', '--credentials', file, '--report', report, '--trace', 'always']);
  expect(status, output).toBe(0);
  expect(output).toContain('▶ generic-sign-in-consent-call (claude)');
  for (const step of ['oauth-redirect', 'connect-tools', 'authorize-tools', 'call-tool']) expect(output).toContain(`✓ ${step}`);
  const run = reportedRun(report);
  expect(run.checks.find((c) => c.id === 'tool-call')).toMatchObject({ status: 'SUCCESS', details: 'slack__list_channels: ok' });
  const json = JSON.parse(readFileSync(file, 'utf8')) as { person: { password: string }; tools: { apiKey?: string; oauth?: { password: string } }[] };
  const secrets = [json.person.password, ...json.tools.map((tool) => tool.apiKey ?? tool.oauth!.password)];
  const texts = artifactTexts(report);
  expect(texts.some(([where]) => where.includes('trace.zip!'))).toBe(true);
  for (const [where, text] of texts) for (const secret of secrets) expect(text.includes(secret), `${secret.slice(0, 4)}… in ${where}`).toBe(false);
});

test('an authorization server on another origin that asks nothing: the walk follows the browser there and straight back', async ({}, testInfo) => {
  test.setTimeout(240_000);
  // The official SDK's example: its demo AS (another port) approves at once, with no page at all.
  const target = await startCorpusTarget('sdk-example-split-as');
  try {
    const file = testInfo.outputPath('credentials.json');
    writeFileSync(file, JSON.stringify({ person: { username: 'corpus-user', password: 'never-asked' }, call: { tool: 'greet', arguments: { name: 'corpus' } } }));
    const report = testInfo.outputPath('report');
    const { output } = await gangway(['run', '--target', target.mcpUrl, '--credentials', file, '--report', report]);
    const run = reportedRun(report);
    expect(run.steps.every((step) => step.status === 'passed'), output).toBe(true);
    expect(run.checks.find((c) => c.id === 'tool-call')).toMatchObject({ status: 'SUCCESS', details: 'greet: ok' });
    // The AS on the other origin was observed through the proxy: its metadata, registration and token exchange were judged.
    const status = Object.fromEntries(run.checks.map((c) => [c.id, c.status]));
    expect(status).toMatchObject({ 'as-issuer': 'SUCCESS', 'pkce-advertised': 'SUCCESS', 'client-registered': 'SUCCESS', 'code-redeemed': 'SUCCESS' });
  } finally {
    await target.stop();
  }
});

test('--adapter replaces the generic adapter', async ({}, testInfo) => {
  test.setTimeout(240_000);
  // A custom adapter that delegates to the generic one and says so: the run must go through it.
  const file = testInfo.outputPath('custom-adapter.ts');
  const generic = new URL('../../scenarios/adapters/gateways/genericGatewayAdapter.ts', import.meta.url).href;
  writeFileSync(
    file,
    `import { genericGatewayAdapter } from '${generic}';
export default { ...genericGatewayAdapter, name: 'custom', async authorize(page) { process.stdout.write('custom adapter: authorize\\n'); await genericGatewayAdapter.authorize(page); } };
`,
  );
  const { status, output } = await gangway(['run', 'generic-sign-in-consent-call', '--adapter', file, '--report', testInfo.outputPath('report')]);
  expect(status, output).toBe(0);
  expect(output).toContain('custom adapter: authorize');
});

/**
 * The corpus targets with a consent page. The Claude look-alike, like Claude, refuses Protected
 * Resource Metadata whose `resource` is not the MCP URL (fastmcp names its origin), so fastmcp is
 * walked with the Inspector's look-alike.
 */
const CLIENT_FOR: Record<string, string> = { 'fastmcp-oauth-proxy': 'inspector' };
/**
 * The protocol checks that must fail on each walk — the target's real defects, nothing else.
 * fastmcp: RFC 9728 §3.3 "the resource value returned MUST be identical to the URL that the client
 * used to make the request" — its PRM names the bare origin; the client then sends that origin as
 * `resource` on authorize and token, which the two client-side checks report.
 */
const FAILED_CHECKS: Record<string, string> = { 'oidc-provider-path-issuer': '', 'fastmcp-oauth-proxy': 'prm-resource, authorize-pkce-resource, code-redeemed' };
const withConsentPage = (CORPUS_TARGETS as readonly CorpusTarget[]).filter((target) => target.signIn?.consentPage);

test('the corpus has at least two targets with a consent page', () => {
  expect(withConsentPage.map((target) => target.id).length).toBeGreaterThanOrEqual(2);
});

for (const corpus of withConsentPage) {
  test(`gangway run --target ${corpus.id} --credentials: sign-in → consent → ${corpus.tool.name} through the generic adapter`, async ({}, testInfo) => {
    test.setTimeout(240_000);
    const target = await startCorpusTarget(corpus.id as Parameters<typeof startCorpusTarget>[0]);
    try {
      const file = testInfo.outputPath('credentials.json');
      // A target without a sign-in page never asks for the person; the file names one all the same.
      const account = { username: corpus.signIn?.username ?? 'corpus-user', password: corpus.signIn?.password ?? 'never-asked' };
      writeFileSync(file, JSON.stringify({ person: account, call: { tool: corpus.tool.name, arguments: corpus.tool.arguments } }));
      const report = testInfo.outputPath('report');
      const client = CLIENT_FOR[corpus.id] ?? 'claude';
      const { output } = await gangway(['run', '--target', target.mcpUrl, '--credentials', file, '--client', client, '--report', report]);
      const run = reportedRun(report);
      expect(run.target).toBe(target.mcpUrl);
      // The walk itself: every step done by the generic adapter, and the call answered without error.
      expect(run.steps.map((step) => `${step.name}:${step.status}`), output).toEqual(
        ['create-app', 'oauth-redirect', 'connect-tools', 'authorize-tools', 'refresh', 'call-tool'].map((name) => `${name}:passed`),
      );
      expect(run.checks.find((c) => c.id === 'tool-call')).toMatchObject({ status: 'SUCCESS', details: `${corpus.tool.name}: ok` });
      if (corpus.signIn?.password) for (const [where, text] of artifactTexts(report)) expect(text.includes(corpus.signIn.password), where).toBe(false);
      expect(run.checks.filter((c) => c.status === 'FAILURE').map((c) => c.id).join(', '), 'failed checks: real defects only').toBe(FAILED_CHECKS[corpus.id]);
    } finally {
      await target.stop();
    }
  });
}
