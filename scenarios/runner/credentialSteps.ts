/**
 * The generic scenario's own steps, for any gateway and a credentials file: tick each tool the
 * credentials name on the consent page and connect it (the key and its Save, or Connect via OAuth
 * and the vendor's pages) until it shows Connected; and which tool `call-tool` calls — the one the
 * credentials name, else the first tool whose input schema requires nothing, read from the
 * gateway's own tools/list answer as the proxy recorded it.
 */
import { rpcMessages } from '../../wire/jsonRpcMessages.ts';
import type { ToolCall } from '../credentials/credentials.ts';
import type { StepContext } from './stepContext.ts';
import type { StepDefinition } from './stepDefinition.ts';
import { connectAtVendor } from './vendorRoundTrip.ts';

interface ListedTool {
  readonly name: string;
  readonly inputSchema?: { readonly required?: readonly string[] };
}

/** The tools of the last tools/list answer the proxy saw (the client's latest list). */
function listedTools(context: StepContext): ListedTool[] {
  for (const exchange of [...context.environment.proxy.exchanges].reverse()) {
    if (!/"tools\/list"/.test(exchange.request.body)) continue;
    for (const message of rpcMessages(exchange.response.body)) {
      const tools = (message.result as { tools?: unknown } | undefined)?.tools;
      if (Array.isArray(tools)) return tools.filter((tool): tool is ListedTool => typeof (tool as ListedTool | null)?.name === 'string');
    }
  }
  return [];
}

export function chooseToolCall(context: StepContext): { name: string; args: Record<string, unknown> } {
  const named: ToolCall | undefined = context.environment.credentials.call;
  if (named) return { name: named.tool, args: { ...named.arguments } };
  const tools = listedTools(context);
  const free = tools.find((tool) => (tool.inputSchema?.required ?? []).length === 0);
  if (!free) {
    throw new Error(
      tools.length
        ? `every listed tool needs arguments (${tools.map((t) => t.name).slice(0, 6).join(', ')}); name one with its arguments in the credentials file ("call")`
        : 'no tools/list answer with tools was seen',
    );
  }
  return { name: free.name, args: {} };
}

export const CREDENTIAL_STEPS: Record<'connect-tools', StepDefinition> = {
  'connect-tools': {
    title: 'Tick each tool of the credentials and connect it (API key and Save, or Connect via OAuth) until it shows Connected',
    async run(context) {
      for (const tool of context.environment.credentials.tools ?? []) {
        await context.gateway.selectTool(context.page, tool.name);
        if (tool.method === 'api_key') await context.gateway.enterApiKey(context.page, tool.name, tool.apiKey.key, tool.apiKey.username);
        else await connectAtVendor(context, tool.name, tool.vendorAccount, 'allow');
        await context.gateway.expectConnected(context.page, tool.name);
      }
    },
  },
};
