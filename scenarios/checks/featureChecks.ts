/**
 * The MCP features beyond tools, judged from the recorded traffic (and held against what the
 * client showed): a tool's widget template named by a URI the gateway's resources/read serves and
 * rendered from it (RELAY-01); prompts listed namespaced and got with their messages (RELAY-02,
 * UP-06); a call's progressToken answered with notifications/progress under that token (RELAY-03);
 * an upstream's elicitation/create reaching a client that declared elicitation, and the client's
 * answer going back (RELAY-04) — in 2026-07-28 as a multi-round-trip: the call answered
 * `input_required` with the question, retried with the answer and `requestState` (REV26-03). Each
 * check runs only when the scenario has its step; a step that
 * never reached the wire is a FAILURE ("no … seen"), not a skip.
 */
import { isJsonObject, jsonOf, rpcMessages, type JsonObject } from '../../wire/jsonRpcMessages.ts';
import { META_CLIENT_CAPABILITIES, STATELESS_REVISION } from '../../wire/protocolVersions.ts';
import { scenarioRevision } from '../model/scenario.ts';
import { check, type CheckResult } from '../model/checkResult.ts';
import type { Exchange } from '../runner/proxy/exchange.ts';
import { hasStep, mcpExchanges, rpcMethod, type CheckContext } from './checkContext.ts';

const paramsOf = (exchange: Exchange): JsonObject => {
  const params = (jsonOf(exchange.request.body) as { params?: unknown } | undefined)?.params;
  return isJsonObject(params) ? params : {};
};
const resultsOf = (exchange: Exchange): JsonObject[] => rpcMessages(exchange.response.body).flatMap((m) => (isJsonObject(m.result) ? [m.result] : []));
const requestsFor = (context: CheckContext, method: string, name?: string) =>
  mcpExchanges(context).filter((e) => e.request.method === 'POST' && rpcMethod(e) === method && (name === undefined || paramsOf(e).name === name || paramsOf(e).uri === name));
const toolCallsOf = (context: CheckContext, tool: string) => requestsFor(context, 'tools/call', tool);

/** The widget template URI a tool definition names in the tools/list answers (ChatGPT's key first). */
function templateUriOf(context: CheckContext, tool: string): string | undefined {
  for (const exchange of requestsFor(context, 'tools/list')) {
    for (const result of resultsOf(exchange)) {
      const found = (result.tools as { name?: string; _meta?: Record<string, unknown> }[] | undefined)?.find((t) => t.name === tool);
      const meta = found?._meta ?? {};
      const uri = meta['openai/outputTemplate'] ?? (meta.ui as { resourceUri?: unknown } | undefined)?.resourceUri ?? meta['ui/resourceUri'];
      if (typeof uri === 'string') return uri;
    }
  }
  return undefined;
}

function widgetChecks(context: CheckContext): CheckResult[] {
  const shown = context.observed.features.widgets.at(-1);
  const tool = shown?.tool ?? 'atlassian__jira_issue_card';
  const uri = templateUriOf(context, tool);
  const reads = uri ? requestsFor(context, 'resources/read', uri) : [];
  const html = reads.flatMap(resultsOf).flatMap((r) => (r.contents as { uri?: string; mimeType?: string; text?: string }[] | undefined) ?? []).find((c) => c.uri === uri && /^text\/html/i.test(c.mimeType ?? '') && Boolean(c.text));
  return [
    check(
      'widget-template-read',
      'The tool names its widget by a URI that resources/read through the gateway serves as HTML',
      ['RELAY-01'],
      Boolean(uri && html),
      !uri ? `tools/list shows no widget template for ${tool}` : html ? `${tool} → ${uri} read (${html.mimeType})` : `${uri}: ${reads.length ? `read ${reads.length}× but no HTML came back (status ${reads.map((r) => r.response.status).join(', ')})` : 'never read through the gateway'}`,
    ),
    check(
      'widget-rendered',
      'The client renders the widget from that template with the tool result',
      ['RELAY-01'],
      Boolean(shown && uri && shown.templateUri === uri && shown.text.includes(shown.expected)),
      shown ? `frame from ${shown.templateUri || '(none)'} shows "${shown.text.replace(/\s+/g, ' ').slice(0, 120)}"` : 'no widget shown',
    ),
  ];
}

function promptChecks(context: CheckContext): CheckResult[] {
  const used = context.observed.features.prompts.at(-1);
  const name = used?.name ?? 'github__summarize_pull_request';
  const listed = requestsFor(context, 'prompts/list').flatMap(resultsOf).flatMap((r) => ((r.prompts as { name?: string }[] | undefined) ?? []).map((p) => p.name ?? ''));
  const prefixes = context.scenario.upstreams.map((u) => `${u.upstream}__`);
  const gets = requestsFor(context, 'prompts/get', name);
  const messages = gets.flatMap(resultsOf).flatMap((r) => (r.messages as { content?: { text?: string } }[] | undefined) ?? []);
  return [
    check(
      'prompts-namespaced',
      'prompts/list shows the authorized upstreams’ prompts, each as <prefix>__<prompt>',
      ['RELAY-02', 'UP-06'],
      listed.includes(name) && listed.every((p) => prefixes.some((prefix) => p.startsWith(prefix))),
      listed.length ? `${listed.length} prompts: ${listed.slice(0, 6).join(', ')}` : 'no prompts/list answer seen',
    ),
    check(
      'prompt-get',
      'prompts/get through the gateway returns the upstream’s messages, and the client shows them',
      ['RELAY-02'],
      messages.length > 0 && Boolean(used?.messages.length) && messages.every((m) => used!.messages.some((shownText) => shownText.trim() === (m.content?.text ?? '').trim())),
      gets.length ? `${messages.length} message(s) returned, ${used?.messages.length ?? 0} shown` : `no prompts/get for ${name} seen`,
    ),
  ];
}

function progressChecks(context: CheckContext): CheckResult[] {
  const watched = context.observed.features.progress.at(-1);
  const call = toolCallsOf(context, watched?.tool ?? 'github__run_workflow').at(-1);
  const token = call && (paramsOf(call)._meta as { progressToken?: unknown } | undefined)?.progressToken;
  const notes = call ? rpcMessages(call.response.body).filter((m) => m.method === 'notifications/progress' && isJsonObject(m.params)) : [];
  const ours = notes.filter((m) => (m.params as JsonObject).progressToken === token);
  const values = ours.map((m) => Number((m.params as JsonObject).progress));
  const increasing = values.every((value, index) => index === 0 || value > values[index - 1]!);
  return [
    check(
      'progress-relayed',
      'A tools/call with a progressToken gets the upstream’s notifications/progress under that token, increasing',
      ['RELAY-03'],
      token !== undefined && ours.length > 0 && ours.length === notes.length && increasing,
      !call ? 'no tools/call seen' : token === undefined ? 'the call carried no progressToken' : `${ours.length} of ${notes.length} progress notifications carry token ${JSON.stringify(token)}: ${values.join(', ') || 'none'}`,
    ),
    check(
      'progress-shown',
      'The client shows the progress while the tool runs',
      ['RELAY-03'],
      Boolean(watched && watched.shown.length > 0 && ours.length > 0 && watched.shown.length <= ours.length),
      watched ? `shown: ${watched.shown.join(' | ') || 'nothing'}` : 'no progress watched',
    ),
  ];
}

/** 2026-07-28: the question comes back as an `input_required` result; the client calls again with the answer. */
function multiRoundTripElicitationChecks(context: CheckContext): CheckResult[] {
  const asked = context.observed.features.elicitations.at(-1);
  const tool = asked?.tool ?? 'slack__schedule_message';
  const declared = mcpExchanges(context).some((e) => isJsonObject(((paramsOf(e)._meta as JsonObject | undefined)?.[META_CLIENT_CAPABILITIES] as JsonObject | undefined)?.elicitation));
  const calls = toolCallsOf(context, tool);
  const round = calls
    .map((call) => ({ call, result: resultsOf(call)[0] }))
    .find(({ result }) => result?.resultType === 'input_required' && isJsonObject(result.inputRequests));
  const [key, question] = Object.entries((round?.result?.inputRequests as Record<string, JsonObject> | undefined) ?? {}).find(([, request]) => request.method === 'elicitation/create') ?? [];
  const retry = round && key ? calls.find((call) => call.seq > round.call.seq && isJsonObject((paramsOf(call).inputResponses as JsonObject | undefined)?.[key])) : undefined;
  const sameState = retry !== undefined && paramsOf(retry).requestState === round?.result?.requestState;
  const action = retry ? ((paramsOf(retry).inputResponses as Record<string, { action?: string }>)[key!]?.action) : undefined;
  const finalResult = retry ? resultsOf(retry).find((r) => Array.isArray(r.content)) : undefined;
  return [
    check(
      'elicitation-relayed',
      'The upstream’s question reaches a client that declared elicitation, as an input_required result',
      ['RELAY-04', 'REV26-03'],
      declared && Boolean(question) && Boolean(asked?.question),
      !declared ? 'no request declared the elicitation capability in its _meta' : !calls.length ? 'no tools/call seen' : question ? `asked: ${String((question.params as JsonObject | undefined)?.message ?? '')}` : 'no input_required result carried an elicitation/create',
    ),
    check(
      'elicitation-answered',
      'The client calls again with its answer and the requestState, and the tool completes with it',
      ['RELAY-04', 'REV26-03'],
      action === 'accept' && sameState && Boolean(finalResult) && finalResult!.isError !== true && asked?.isError === false,
      !retry ? 'no retry carrying the answer seen' : `answer ${action ?? '?'}; requestState ${sameState ? 'returned' : 'missing or changed'}; tool ${finalResult ? (finalResult.isError ? 'failed' : 'succeeded') : 'never answered'}`,
    ),
  ];
}

function elicitationChecks(context: CheckContext): CheckResult[] {
  if (scenarioRevision(context.scenario) === STATELESS_REVISION) return multiRoundTripElicitationChecks(context);
  const asked = context.observed.features.elicitations.at(-1);
  const declared = requestsFor(context, 'initialize').some((e) => isJsonObject((paramsOf(e).capabilities as JsonObject | undefined)?.elicitation));
  const call = toolCallsOf(context, asked?.tool ?? 'slack__schedule_message').at(-1);
  const question = call ? rpcMessages(call.response.body).find((m) => m.method === 'elicitation/create' && m.id !== undefined) : undefined;
  const answer = question
    ? mcpExchanges(context)
        .filter((e) => e.request.method === 'POST')
        .flatMap((e) => rpcMessages(e.request.body))
        .find((m) => m.id === question.id && m.method === undefined && isJsonObject(m.result))
    : undefined;
  const action = (answer?.result as { action?: string } | undefined)?.action;
  const finalResult = call ? resultsOf(call).find((r) => Array.isArray(r.content)) : undefined;
  return [
    check(
      'elicitation-relayed',
      'The upstream’s elicitation/create reaches a client that declared elicitation, on the call’s stream',
      ['RELAY-04'],
      declared && Boolean(question) && Boolean(asked?.question),
      !declared ? 'the client never declared the elicitation capability' : !call ? 'no tools/call seen' : question ? `asked: ${String((question.params as JsonObject | undefined)?.message ?? '')}` : 'the call’s answer carried no elicitation/create',
    ),
    check(
      'elicitation-answered',
      'The client’s answer goes back through the gateway and the tool completes with it',
      ['RELAY-04'],
      action === 'accept' && Boolean(finalResult) && finalResult!.isError !== true && asked?.isError === false,
      !answer ? 'no answer to the elicitation/create seen' : `answer ${action ?? '?'}; tool ${finalResult ? (finalResult.isError ? 'failed' : 'succeeded') : 'never answered'}`,
    ),
  ];
}

export function featureChecks(context: CheckContext): CheckResult[] {
  return [
    ...(hasStep(context, 'show-widget') ? widgetChecks(context) : []),
    ...(hasStep(context, 'use-prompt') ? promptChecks(context) : []),
    ...(hasStep(context, 'watch-progress') ? progressChecks(context) : []),
    ...(hasStep(context, 'answer-elicitation') ? elicitationChecks(context) : []),
  ];
}
