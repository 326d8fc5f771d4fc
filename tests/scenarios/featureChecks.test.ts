/**
 * The checks of the MCP features beyond tools (scenarios/checks/featureChecks.ts) on recorded
 * traffic: each passes on what a relaying gateway sends, and fails on what a gateway that drops or
 * mangles the feature sends — no widget read, an upstream's own progress token, prompts not
 * namespaced, an elicitation sent to a client that never declared it, an answer that never arrives;
 * and in 2026-07-28 the multi-round-trip form of the question and a session-free conversation.
 */
import { describe, expect, it } from 'vitest';
import { FEATURE_SCENARIOS } from '../../scenarios/catalog/scenarios.ts';
import { emptyObservations, type CheckContext, type Observations } from '../../scenarios/checks/checkContext.ts';
import { featureChecks } from '../../scenarios/checks/featureChecks.ts';
import { transportChecks } from '../../scenarios/checks/transportChecks.ts';
import type { Exchange } from '../../scenarios/runner/proxy/exchange.ts';
import { cite } from '../support/requirements.ts';

const MCP_URL = 'http://127.0.0.1:9/mcp';
let seq = 0;

function post(request: unknown, answer: unknown[] | unknown, headers: Record<string, string> = {}): Exchange {
  const sse = Array.isArray(answer);
  return {
    seq: ++seq,
    at: Date.now(),
    durationMs: 1,
    request: { method: 'POST', path: '/mcp', query: new URLSearchParams(), headers: { 'content-type': 'application/json', authorization: 'Bearer fp:x', ...headers }, body: JSON.stringify(request) },
    response: {
      status: answer === undefined ? 202 : 200,
      headers: { 'content-type': sse ? 'text/event-stream' : 'application/json' },
      body: answer === undefined ? '' : sse ? (answer as unknown[]).map((m) => `event: message\ndata: ${JSON.stringify(m)}\n\n`).join('') : JSON.stringify(answer),
    },
    stream: false,
    defect: undefined,
    fingerprint: (value) => value,
  };
}

const scenario = (id: string) => FEATURE_SCENARIOS.find((s) => s.id === id)!;
const context = (id: string, exchanges: Exchange[], fill: (o: Observations) => void): CheckContext => {
  const observed = emptyObservations();
  fill(observed);
  return { mcpUrl: MCP_URL, exchanges, scenario: scenario(id), redirectUriPrefixes: [], observed };
};
const statuses = (c: CheckContext) => Object.fromEntries(featureChecks(c).map((r) => [r.id, r.status]));
const initialize = (capabilities: object) => post({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities, clientInfo: { name: 'x', version: '1' } } }, { jsonrpc: '2.0', id: 0, result: {} });

describe('Widget through the gateway (RELAY-01)', () => {
  const uri = 'ui://atlassian__jira/issue-card.html';
  const list = post({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, { jsonrpc: '2.0', id: 1, result: { tools: [{ name: 'atlassian__jira_issue_card', _meta: { 'openai/outputTemplate': uri } }] } });
  const read = post({ jsonrpc: '2.0', id: 2, method: 'resources/read', params: { uri } }, { jsonrpc: '2.0', id: 2, result: { contents: [{ uri, mimeType: 'text/html;profile=mcp-app', text: '<p>card</p>' }] } });
  const shown = (o: Observations) => o.features.widgets.push({ tool: 'atlassian__jira_issue_card', templateUri: uri, text: 'ENG-1 Fix it', expected: 'ENG-1' });

  it(`${cite('RELAY-01')} passes when the template the tool names is read through the gateway and rendered`, () => {
    expect(statuses(context('widget-chatgpt-atlassian', [list, read], shown))).toEqual({ 'widget-template-read': 'SUCCESS', 'widget-rendered': 'SUCCESS' });
  });
  it(`${cite('RELAY-01')} fails when the template was never read, or the widget shows another template or not the data`, () => {
    expect(statuses(context('widget-chatgpt-atlassian', [list], shown))['widget-template-read']).toBe('FAILURE');
    const elsewhere = (o: Observations) => o.features.widgets.push({ tool: 'atlassian__jira_issue_card', templateUri: 'ui://jira/issue-card.html', text: 'ENG-1', expected: 'ENG-1' });
    expect(statuses(context('widget-chatgpt-atlassian', [list, read], elsewhere))['widget-rendered']).toBe('FAILURE');
    const empty = (o: Observations) => o.features.widgets.push({ tool: 'atlassian__jira_issue_card', templateUri: uri, text: 'Loading issue…', expected: 'ENG-1' });
    expect(statuses(context('widget-chatgpt-atlassian', [list, read], empty))['widget-rendered']).toBe('FAILURE');
  });
});

describe('Prompts through the gateway (RELAY-02)', () => {
  const name = 'github__summarize_pull_request';
  const listOf = (names: string[]) => post({ jsonrpc: '2.0', id: 1, method: 'prompts/list' }, { jsonrpc: '2.0', id: 1, result: { prompts: names.map((n) => ({ name: n })) } });
  const get = post({ jsonrpc: '2.0', id: 2, method: 'prompts/get', params: { name, arguments: {} } }, { jsonrpc: '2.0', id: 2, result: { messages: [{ role: 'user', content: { type: 'text', text: 'Summarize #7' } }] } });
  const shown = (o: Observations) => o.features.prompts.push({ name, messages: ['Summarize #7'] });

  it(`${cite('RELAY-02', 'UP-06')} passes when prompts are namespaced and the messages got are shown`, () => {
    expect(statuses(context('prompt-claude-github', [listOf([name]), get], shown))).toEqual({ 'prompts-namespaced': 'SUCCESS', 'prompt-get': 'SUCCESS' });
  });
  it(`${cite('RELAY-02', 'UP-06')} fails on upstream names without the prefix, and when no prompts/get happened`, () => {
    expect(statuses(context('prompt-claude-github', [listOf(['summarize_pull_request']), get], shown))['prompts-namespaced']).toBe('FAILURE');
    expect(statuses(context('prompt-claude-github', [listOf([name])], shown))['prompt-get']).toBe('FAILURE');
  });
});

describe('Progress through the gateway (RELAY-03)', () => {
  const call = (tokenSeen: unknown) =>
    post({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'github__run_workflow', arguments: {}, _meta: { progressToken: 3 } } }, [
      ...[1, 2].map((progress) => ({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: tokenSeen, progress, total: 2 } })),
      { jsonrpc: '2.0', id: 3, result: { content: [] } },
    ]);
  const shown = (o: Observations) => o.features.progress.push({ tool: 'github__run_workflow', shown: ['1 of 2', '2 of 2'] });

  it(`${cite('RELAY-03')} passes when the progress comes back under the client's token and is shown`, () => {
    expect(statuses(context('progress-inspector-github', [call(3)], shown))).toEqual({ 'progress-relayed': 'SUCCESS', 'progress-shown': 'SUCCESS' });
  });
  it(`${cite('RELAY-03')} fails when the gateway passes the upstream's own token, or no progress at all`, () => {
    expect(statuses(context('progress-inspector-github', [call('gw-17')], shown))['progress-relayed']).toBe('FAILURE');
    const silent = post({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'github__run_workflow', _meta: { progressToken: 3 } } }, { jsonrpc: '2.0', id: 3, result: { content: [] } });
    expect(statuses(context('progress-inspector-github', [silent], (o) => o.features.progress.push({ tool: 'github__run_workflow', shown: [] })))).toEqual({ 'progress-relayed': 'FAILURE', 'progress-shown': 'FAILURE' });
  });
});

describe('Elicitation through the gateway (RELAY-04)', () => {
  const ask = { jsonrpc: '2.0', id: 'e1', method: 'elicitation/create', params: { message: 'When?', requestedSchema: { type: 'object', properties: {} } } };
  const call = post({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'slack__schedule_message', arguments: {} } }, [ask, { jsonrpc: '2.0', id: 4, result: { content: [{ type: 'text', text: 'ok' }] } }]);
  const answer = (action: string) => post({ jsonrpc: '2.0', id: 'e1', result: { action, content: {} } }, undefined);
  const shown = (o: Observations) => o.features.elicitations.push({ tool: 'slack__schedule_message', question: 'When?', isError: false, text: 'ok' });

  it(`${cite('RELAY-04')} passes when a declaring client is asked on the call's stream and its answer goes back`, () => {
    expect(statuses(context('elicitation-inspector-slack', [initialize({ elicitation: { form: {} } }), call, answer('accept')], shown))).toEqual({ 'elicitation-relayed': 'SUCCESS', 'elicitation-answered': 'SUCCESS' });
  });
  it(`${cite('RELAY-04')} fails for a client that never declared elicitation, and when no answer went back`, () => {
    expect(statuses(context('elicitation-inspector-slack', [initialize({}), call, answer('accept')], shown))['elicitation-relayed']).toBe('FAILURE');
    expect(statuses(context('elicitation-inspector-slack', [initialize({ elicitation: {} }), call], shown))['elicitation-answered']).toBe('FAILURE');
  });
});

describe('Elicitation and the conversation in 2026-07-28 (RELAY-04, REV26-01, REV26-03)', () => {
  const id = 'elicitation-inspector-slack-2026';
  const meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } } };
  const args = { name: 'slack__schedule_message', arguments: { channel: 'C1', text: 'hi' } };
  const asks = post({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { ...args, _meta: meta } }, { jsonrpc: '2.0', id: 1, result: { resultType: 'input_required', inputRequests: { q1: { method: 'elicitation/create', params: { message: 'When?' } } }, requestState: 'st-1' } });
  const retry = (state: string, action = 'accept') =>
    post({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { ...args, inputResponses: { q1: { action, content: { post_at: '2026-12-24T09:00:00Z' } } }, requestState: state, _meta: meta } }, { jsonrpc: '2.0', id: 2, result: { content: [{ type: 'text', text: 'ok' }] } });
  const shown = (o: Observations) => o.features.elicitations.push({ tool: 'slack__schedule_message', question: 'When?', isError: false, text: 'ok' });

  it(`${cite('RELAY-04', 'REV26-03')} passes when the question comes as input_required and the retry carries the answer and the requestState`, () => {
    expect(statuses(context(id, [asks, retry('st-1')], shown))).toEqual({ 'elicitation-relayed': 'SUCCESS', 'elicitation-answered': 'SUCCESS' });
  });
  it(`${cite('RELAY-04', 'REV26-03')} fails when the retry loses the requestState or declines, or no question came`, () => {
    expect(statuses(context(id, [asks, retry('other')], shown))['elicitation-answered']).toBe('FAILURE');
    expect(statuses(context(id, [asks, retry('st-1', 'decline')], shown))['elicitation-answered']).toBe('FAILURE');
    expect(statuses(context(id, [retry('st-1')], shown))['elicitation-relayed']).toBe('FAILURE');
  });
  it(`${cite('REV26-01')} the conversation check is "no initialize, no session" in 2026-07-28, and a session fails it`, () => {
    const stateless = (exchanges: Exchange[]) => transportChecks(context(id, exchanges, () => undefined)).find((r) => r.id === 'stateless')?.status;
    expect(stateless([asks, retry('st-1')])).toBe('SUCCESS');
    expect(stateless([asks, post({ jsonrpc: '2.0', id: 3, method: 'tools/list', params: { _meta: meta } }, { jsonrpc: '2.0', id: 3, result: { tools: [] } }, { 'mcp-session-id': 'abc' })])).toBe('FAILURE');
    expect(stateless([initialize({ elicitation: {} }), asks])).toBe('FAILURE');
    expect(transportChecks(context('elicitation-inspector-slack', [initialize({}), asks], () => undefined)).map((r) => r.id)).toContain('session-id');
  });
});
