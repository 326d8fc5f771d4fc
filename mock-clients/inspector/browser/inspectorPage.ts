/**
 * The Inspector look-alike's page script (bundled with esbuild when the look-alike starts). It
 * behaves like the MCP Inspector 0.x in "direct" mode: the SDK client runs in the page, meets the
 * 401, does discovery, DCR and the authorization redirect itself (SDK `auth()`), redeems the code
 * on /oauth/callback, reconnects, lists and calls tools (showing their progress, answering their
 * elicitation forms). Every request goes through the traffic
 * reporter; results are shown only after the report is posted, so a scenario that sees a result
 * can read its traffic.
 */
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, type ElicitRequestFormParams, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { asFlowFailure, errorText, invalidInput, type FailureReason } from '../../core/flowFailure.ts';
import { parseToolArguments } from '../../core/mcp/toolArguments.ts';
import { inspectorErrorTexts, inspectorNotices } from '../errorTexts.ts';
import { INSPECTOR_CALLBACK_PATH, INSPECTOR_IDENTITY } from '../profile.ts';
import type { OpenStatelessSession } from '../../core/mcp/modern/statelessSession.ts';
import { ElicitationForm } from './elicitationForm.ts';
import { SessionOAuthProvider } from './sessionOAuthProvider.ts';
import { connectStateless, isUnauthorized, statelessModeChosen, StatelessRevisionRefused } from './statelessMode.ts';
import { ToolProgress } from './toolProgress.ts';
import { TrafficReporter } from './trafficReporter.ts';

const PENDING_KEY = 'mcp-inspector:pending-authorization';
const AUTO_CONNECT_KEY = 'mcp-inspector:auto-connect';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  transport: element<HTMLSelectElement>('transport-type'),
  url: element<HTMLInputElement>('server-url'),
  connect: element<HTMLButtonElement>('connect'),
  disconnect: element<HTMLButtonElement>('disconnect'),
  status: element<HTMLParagraphElement>('connection-status'),
  connectionError: element<HTMLParagraphElement>('connection-error'),
  listTools: element<HTMLButtonElement>('list-tools'),
  clearTools: element<HTMLButtonElement>('clear-tools'),
  toolsError: element<HTMLParagraphElement>('tools-error'),
  toolList: element<HTMLUListElement>('tool-list'),
  toolPanel: element<HTMLDivElement>('tool-panel'),
  selectedTool: element<HTMLHeadingElement>('selected-tool'),
  selectedToolDescription: element<HTMLParagraphElement>('selected-tool-description'),
  toolArguments: element<HTMLTextAreaElement>('tool-arguments'),
  runTool: element<HTMLButtonElement>('run-tool'),
  toolResultStatus: element<HTMLParagraphElement>('tool-result-status'),
  toolResult: element<HTMLPreElement>('tool-result'),
};

const reporter = new TrafficReporter();
const elicitation = new ElicitationForm();
const progress = new ToolProgress();
/**
 * A tool may wait for a person (an elicitation form): the SDK's 60 s request timeout would fail the
 * call under them, so calls get longer, and progress notifications restart the clock.
 */
const TOOL_CALL_TIMEOUT_MS = 10 * 60_000;
/** 2025 mode: the v1 SDK client and its session; 2026-07-28 mode (`?protocolVersion=2026-07-28`): statelessMode.ts. */
type PageConnection = { client: Client; transport: StreamableHTTPClientTransport } | { stateless: OpenStatelessSession };
let session: (PageConnection & { connectionId: string; serverUrl: string }) | undefined;
let selectedTool: Tool | undefined;
let redirecting = false;

function showError(target: HTMLElement, message: string | undefined): void {
  target.textContent = message ?? '';
  target.hidden = !message;
}

const text = (reason: FailureReason | ReturnType<typeof invalidInput>) => errorText(inspectorErrorTexts, reason);

function connectionIdFor(serverUrl: string): string {
  const key = `mcp-inspector:connection:${serverUrl}`;
  const existing = sessionStorage.getItem(key);
  if (existing) return existing;
  const id = `insp_${Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  sessionStorage.setItem(key, id);
  return id;
}

function providerFor(serverUrl: string, connectionId: string): SessionOAuthProvider {
  return new SessionOAuthProvider(serverUrl, async (authorizationUrl) => {
    redirecting = true;
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ serverUrl, connectionId }));
    reporter.note({ connectionId, phase: 'authorization', kind: 'browser-redirect', url: authorizationUrl.href });
    await reporter.flush();
    window.location.assign(authorizationUrl.href);
  });
}

function setConnected(connected: boolean): void {
  ui.status.textContent = connected ? inspectorNotices.connected.text : inspectorNotices.disconnected.text;
  ui.connect.hidden = connected;
  ui.disconnect.hidden = !connected;
  ui.listTools.disabled = !connected;
  ui.clearTools.disabled = !connected;
}

async function connect(): Promise<void> {
  showError(ui.connectionError, undefined);
  if (ui.transport.value !== 'streamable-http') return showError(ui.connectionError, text(invalidInput('transport-unsupported', 'only Streamable HTTP')));
  const serverUrl = ui.url.value.trim();
  const parsed = URL.parse(serverUrl);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return showError(ui.connectionError, text(invalidInput('url-invalid', 'bad URL')));
  const connectionId = connectionIdFor(serverUrl);
  ui.status.textContent = 'Connecting…';
  ui.connect.disabled = true;
  if (statelessModeChosen(serverUrl, new URLSearchParams(window.location.search), sessionStorage)) {
    const deps = { authProvider: providerFor(serverUrl, connectionId), fetch: reporter.fetchFor(connectionId, serverUrl), timeoutMs: TOOL_CALL_TIMEOUT_MS };
    const onElicitation = (params: unknown, signal: AbortSignal) => elicitation.ask(params as ElicitRequestFormParams, signal);
    return connectWith(serverUrl, connectionId, async () => ({ stateless: await connectStateless(serverUrl, { ...deps, onElicitation }) }));
  }
  const transport = new StreamableHTTPClientTransport(parsed, { authProvider: providerFor(serverUrl, connectionId), fetch: reporter.fetchFor(connectionId, serverUrl) });
  // Form-mode elicitation, as the Inspector declares it: a gateway relays elicitation/create only to a client that did.
  const client = new Client({ name: INSPECTOR_IDENTITY.name, version: INSPECTOR_IDENTITY.version }, { capabilities: { elicitation: { form: {} } } });
  client.setRequestHandler(ElicitRequestSchema, (request, extra) => elicitation.ask(request.params as ElicitRequestFormParams, extra.signal));
  return connectWith(serverUrl, connectionId, () => client.connect(transport).then(() => ({ client, transport })));
}

async function connectWith(serverUrl: string, connectionId: string, open: () => Promise<PageConnection>): Promise<void> {
  try {
    session = { ...(await open()), connectionId, serverUrl };
    await reporter.flush();
    setConnected(true);
  } catch (error) {
    await reporter.flush();
    if (redirecting) return; // on the way to the authorization server
    setConnected(false);
    // A 2026-07-28 refusal says what to do (use the 2025 mode), so the page shows it as it is.
    showError(ui.connectionError, error instanceof StatelessRevisionRefused ? error.message : isUnauthorized(error) ? text('reconnect-required') : text('server-unreachable'));
  } finally {
    ui.connect.disabled = false;
  }
}

async function disconnect(): Promise<void> {
  const current = session;
  session = undefined;
  if (current && 'stateless' in current) {
    await current.stateless.close(); // no session to end in 2026-07-28
    await reporter.flush();
  } else if (current) {
    await current.transport.terminateSession().catch(() => undefined);
    await current.client.close().catch(() => undefined);
    await reporter.flush();
  }
  clearTools();
  setConnected(false);
}

function clearTools(): void {
  ui.toolList.replaceChildren();
  ui.toolPanel.hidden = true;
  selectedTool = undefined;
}

function selectTool(tool: Tool): void {
  selectedTool = tool;
  ui.selectedTool.textContent = tool.name;
  ui.selectedToolDescription.textContent = tool.description ?? '';
  ui.toolArguments.value = '{}';
  ui.toolResultStatus.textContent = '';
  ui.toolResult.hidden = true;
  progress.reset();
  ui.toolPanel.hidden = false;
}

async function listTools(): Promise<void> {
  if (!session) return;
  showError(ui.toolsError, undefined);
  try {
    const tools: Tool[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      if ('stateless' in session) {
        tools.push(...((await session.stateless.listTools()) as Tool[])); // pages walked by the session
        break;
      }
      const result = await session.client.listTools(cursor ? { cursor } : {});
      tools.push(...result.tools);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    await reporter.flush();
    clearTools();
    for (const tool of tools) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = tool.name;
      button.addEventListener('click', () => selectTool(tool));
      const description = document.createElement('span');
      description.className = 'muted small';
      description.textContent = tool.description ? ` ${tool.description.slice(0, 300)}` : '';
      item.append(button, description);
      ui.toolList.append(item);
    }
  } catch {
    await reporter.flush();
    if (!redirecting) showError(ui.toolsError, text('tool-list-failed'));
  }
}

async function runTool(): Promise<void> {
  if (!session || !selectedTool) return;
  ui.toolResultStatus.textContent = 'Running…';
  progress.reset();
  let outcome: { ok: boolean; body: string };
  try {
    const args = parseToolArguments(ui.toolArguments.value);
    // A progressToken goes with every call (onprogress), so a tool that reports progress is shown live.
    const result =
      'stateless' in session
        ? await session.stateless.callTool(selectedTool.name, args, { onProgress: (update) => progress.show(update) })
        : await session.client.callTool({ name: selectedTool.name, arguments: args }, undefined, {
            onprogress: (update) => progress.show(update),
            timeout: TOOL_CALL_TIMEOUT_MS,
            resetTimeoutOnProgress: true,
          });
    const parts = Array.isArray(result.content) ? (result.content as { type: string; text?: string }[]) : [];
    const body = parts.map((part) => (part.type === 'text' ? (part.text ?? '') : `[${part.type}]`)).join('\n') || JSON.stringify(result.structuredContent ?? {}, null, 2);
    outcome = { ok: result.isError !== true, body };
  } catch (error) {
    const failure = asFlowFailure(error, 'tool-call-failed');
    outcome = { ok: false, body: failure.reason === 'invalid-input' ? text(failure) : failure.message };
  }
  await reporter.flush();
  if (redirecting) return;
  ui.toolResultStatus.textContent = outcome.ok ? inspectorNotices.toolSuccess.text : text('tool-call-failed');
  ui.toolResultStatus.className = outcome.ok ? 'ok' : 'error';
  ui.toolResult.textContent = outcome.body;
  ui.toolResult.hidden = false;
}

/** /oauth/callback: check state, redeem the code with the SDK, go back and connect. */
async function finishAuthorization(): Promise<void> {
  const query = new URLSearchParams(window.location.search);
  const pendingText = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = pendingText ? (JSON.parse(pendingText) as { serverUrl: string; connectionId: string }) : undefined;
  reporter.note({ connectionId: pending?.connectionId ?? 'unknown', phase: 'authorization', kind: 'callback', url: window.location.href });
  // The code must not stay in the address bar or the history.
  window.history.replaceState(null, '', INSPECTOR_CALLBACK_PATH);
  if (pending) {
    ui.url.value = pending.serverUrl;
    ui.transport.value = 'streamable-http';
  }
  const fail = async (reason: FailureReason) => {
    await reporter.flush();
    showError(ui.connectionError, text(reason));
  };
  if (!pending) return fail('authorization-callback-invalid');
  const provider = providerFor(pending.serverUrl, pending.connectionId);
  if (query.has('error')) return fail('authorization-denied');
  const code = query.get('code');
  if (!code || query.get('state') !== provider.takeState()) return fail('authorization-callback-invalid');
  try {
    const result = await auth(provider, { serverUrl: pending.serverUrl, authorizationCode: code, fetchFn: reporter.fetchFor(pending.connectionId, pending.serverUrl) });
    if (result !== 'AUTHORIZED') return fail('token-exchange-failed');
  } catch {
    return fail('token-exchange-failed');
  }
  await reporter.flush();
  sessionStorage.setItem(AUTO_CONNECT_KEY, '1');
  window.location.replace(`/?${new URLSearchParams({ transport: 'streamable-http', serverUrl: pending.serverUrl })}`);
}

function start(): void {
  const query = new URLSearchParams(window.location.search);
  // The real Inspector accepts ?transport=…&serverUrl=… to prefill the sidebar.
  const transport = query.get('transport');
  if (transport && [...ui.transport.options].some((option) => option.value === transport)) ui.transport.value = transport;
  const serverUrl = query.get('serverUrl');
  if (serverUrl) ui.url.value = serverUrl;
  ui.connect.addEventListener('click', () => void connect());
  ui.disconnect.addEventListener('click', () => void disconnect());
  ui.listTools.addEventListener('click', () => void listTools());
  ui.clearTools.addEventListener('click', clearTools);
  ui.runTool.addEventListener('click', () => void runTool());
  if (window.location.pathname.startsWith(INSPECTOR_CALLBACK_PATH)) {
    void finishAuthorization();
  } else if (sessionStorage.getItem(AUTO_CONNECT_KEY)) {
    sessionStorage.removeItem(AUTO_CONNECT_KEY);
    void connect();
  }
}

start();
