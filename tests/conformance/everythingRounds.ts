/**
 * What the 2026-07-28 server scenarios of the conformance prerelease (SEP-2322 input-required
 * results, SEP-2575 stateless servers) call, written the only way this upstream can: it speaks
 * 2025-11-25, so where a scenario wants an `InputRequiredResult` the tool sends the same question as
 * a server→client request (elicitation/create, sampling/createMessage, roots/list) and waits; the
 * gateway turns that into input_required rounds for a 2026 client (gateway/mcp/modern/inputRounds.ts).
 * Questions, texts and limits follow each scenario's description. The list-change hooks mutate this
 * upstream's tool and prompt lists, so `list_changed` must travel upstream → gateway → listen stream.
 */
import type { McpServer, RegisteredPrompt, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { CreateMessageResultSchema, ElicitResultSchema, ListRootsResultSchema, type CallToolResult, type ElicitRequest, type ServerNotification, type ServerRequest } from '@modelcontextprotocol/sdk/types.js';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;
type Schema = ElicitRequest['params'] extends infer P ? (P extends { requestedSchema: infer S } ? S : never) : never;

const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });
const schema = (name: string, type: 'string' | 'boolean' = 'string'): Schema => ({
  type: 'object',
  properties: { [name]: type === 'boolean' ? { type: 'boolean' as const } : { type: 'string' as const } },
  required: [name],
});

const elicit = async (extra: Extra, message: string, requestedSchema: Schema) =>
  (await extra.sendRequest({ method: 'elicitation/create', params: { message, requestedSchema } }, ElicitResultSchema)).content ?? {};
const sample = async (extra: Extra, question: string, maxTokens: number) => {
  const reply = await extra.sendRequest({ method: 'sampling/createMessage', params: { messages: [{ role: 'user', content: { type: 'text', text: question } }], maxTokens } }, CreateMessageResultSchema);
  return reply.content.type === 'text' ? reply.content.text : reply.content.type;
};
const roots = async (extra: Extra) => (await extra.sendRequest({ method: 'roots/list' }, ListRootsResultSchema)).roots.map((root) => root.uri);

export function registerEverythingRounds(mcp: McpServer): void {
  const tool = (name: string, description: string, run: (extra: Extra) => Promise<CallToolResult>) => mcp.registerTool(name, { description, inputSchema: {} }, (_args, extra) => run(extra));

  tool('test_input_required_result_elicitation', 'Asks the user for a name and greets them.', async (extra) => text(`Hello, ${String((await elicit(extra, 'What is your name?', schema('name'))).name)}!`));
  tool('test_input_required_result_sampling', 'Asks the client LLM for the capital of France.', async (extra) => text(await sample(extra, 'What is the capital of France?', 100)));
  tool('test_input_required_result_list_roots', "Lists the client's roots.", async (extra) => text(`Client roots: ${(await roots(extra)).join(', ')}`));
  // The state is the gateway's (an owner-bound handle); an answer reaching this tool means it was checked.
  tool('test_input_required_result_request_state', 'Asks for a confirmation.', async (extra) => text(`state-ok: confirmed=${String((await elicit(extra, 'Please confirm', schema('ok', 'boolean'))).ok)}`));
  tool('test_input_required_result_tampered_state', 'Asks for a confirmation (the scenario then tampers with the state).', async (extra) =>
    text(`state-ok: confirmed=${String((await elicit(extra, 'Please confirm', schema('ok', 'boolean'))).ok)}`),
  );
  tool('test_input_required_result_multiple_inputs', 'Asks for a name, a greeting and the roots at once.', async (extra) => {
    const [answer, greeting, listed] = await Promise.all([elicit(extra, 'What is your name?', schema('name')), sample(extra, 'Generate a greeting', 50), roots(extra)]);
    return text(`name=${String(answer.name)}, greeting=${greeting}, roots=${listed.join(', ')}`);
  });
  tool('test_input_required_result_multi_round', 'Asks two questions, one after the other.', async (extra) => {
    const name = (await elicit(extra, 'Step 1: What is your name?', schema('name'))).name;
    const color = (await elicit(extra, 'Step 2: What is your favorite color?', schema('color'))).color;
    return text(`${String(name)} likes ${String(color)}.`);
  });
  // Both questions are asked; the one the client cannot answer (it did not declare the capability) is refused before it reaches it.
  tool('test_input_required_result_capabilities', 'Asks by elicitation and by sampling, whichever the client supports.', async (extra) => {
    const [asked, sampled] = await Promise.allSettled([elicit(extra, 'What is your name?', schema('name')), sample(extra, 'Generate a greeting', 50)]);
    return text(`elicitation: ${asked.status}, sampling: ${sampled.status === 'fulfilled' ? sampled.value : 'refused'}`);
  });
  tool('test_missing_capability', 'Needs the client to sample; a client that did not declare sampling must be refused.', async (extra) => text(await sample(extra, 'Say hi', 20)));

  mcp.registerPrompt('test_input_required_result_prompt', { description: 'A prompt that asks the user for its context first.' }, async (...params: unknown[]) => {
    // Without arguments the SDK passes the handler context alone.
    const extra = params.at(-1) as Extra;
    const context = (await elicit(extra, 'What context should the prompt use?', schema('context'))).context;
    return { messages: [{ role: 'user', content: { type: 'text', text: `Use this context: ${String(context)}` } }] };
  });

  // SEP-2575 list-change hooks: each call adds or removes one entry and says so on the call's own
  // stream — the gateway listens to an upstream only on answer streams (gateway/upstream/upstreamMcp.ts),
  // not on a standalone GET stream, where the SDK's own announcement goes.
  let extraTool: RegisteredTool | undefined;
  let extraPrompt: RegisteredPrompt | undefined;
  tool('test_trigger_tool_change', 'Adds or removes the tool test_changing_tool.', async (extra) => {
    if (extraTool) (extraTool.remove(), (extraTool = undefined));
    else extraTool = mcp.registerTool('test_changing_tool', { description: 'Comes and goes with test_trigger_tool_change.', inputSchema: {} }, () => text('here'));
    await extra.sendNotification({ method: 'notifications/tools/list_changed' });
    return text(`test_changing_tool ${extraTool ? 'added' : 'removed'}`);
  });
  tool('test_trigger_prompt_change', 'Adds or removes the prompt test_changing_prompt.', async (extra) => {
    if (extraPrompt) (extraPrompt.remove(), (extraPrompt = undefined));
    else extraPrompt = mcp.registerPrompt('test_changing_prompt', { description: 'Comes and goes with test_trigger_prompt_change.' }, () => ({ messages: [] }));
    await extra.sendNotification({ method: 'notifications/prompts/list_changed' });
    return text(`test_changing_prompt ${extraPrompt ? 'added' : 'removed'}`);
  });
}
