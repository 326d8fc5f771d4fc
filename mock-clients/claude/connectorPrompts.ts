/**
 * A connector's prompts as Claude offers them (its "+" menu → the connector → a prompt): listed
 * with prompts/list, one chosen, its arguments filled in, "Use prompt" gets it with prompts/get and
 * the messages it returns are shown. Kept per connector in memory, like the tool list; each action
 * is one short session of the connection flow (refresh on 401 included). Required arguments are
 * checked before asking the server, as Claude's prompt form does.
 */
import type { GetPromptResult, Prompt } from '@modelcontextprotocol/sdk/types.js';
import type { ConnectionFlow } from '../core/connections/connectionFlow.ts';
import type { ServerConnection } from '../core/connections/connection.ts';
import { FlowFailure } from '../core/flowFailure.ts';

export interface PromptUse {
  readonly prompt: string;
  readonly values: Readonly<Record<string, string>>;
  readonly result?: GetPromptResult;
  /** What went wrong, in words that say what to do. */
  readonly error?: string;
}

export interface ConnectorPrompts {
  /** As last listed; undefined until "List prompts". */
  prompts: Prompt[] | undefined;
  listError: string | undefined;
  lastUse: PromptUse | undefined;
}

const byConnector = new WeakMap<ServerConnection, ConnectorPrompts>();

export function promptsOf(connector: ServerConnection): ConnectorPrompts {
  let state = byConnector.get(connector);
  if (!state) byConnector.set(connector, (state = { prompts: undefined, listError: undefined, lastUse: undefined }));
  return state;
}

/** The server's own words (an MCP error's message) when it sent any. */
function serverSaid(error: unknown): string {
  const cause = error instanceof FlowFailure && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message.replace(/^MCP error -?\d+:\s*/, '').slice(0, 300) : 'no answer';
}

/** Disconnect forgets them, like the tools. */
export const forgetConnectorPrompts = (connector: ServerConnection): void => void byConnector.delete(connector);

export async function listConnectorPrompts(flow: ConnectionFlow, connector: ServerConnection): Promise<void> {
  const state = promptsOf(connector);
  try {
    // The v2 client's Prompt is the same JSON as v1's; the cast only crosses the two SDKs' declarations.
    state.prompts = (await flow.session(connector, 'tool-list-failed', (mcp) => mcp.listPrompts())) as Prompt[];
    state.listError = undefined;
  } catch (error) {
    state.listError = `Couldn't load prompts from ${connector.name} (${serverSaid(error)}). Check that the connector is connected, then press List prompts again.`;
  }
}

export async function useConnectorPrompt(flow: ConnectionFlow, connector: ServerConnection, name: string, values: Record<string, string>): Promise<void> {
  const state = promptsOf(connector);
  const prompt = state.prompts?.find((p) => p.name === name);
  if (!prompt) {
    state.lastUse = { prompt: name, values, error: 'Choose a prompt from the list first (press List prompts if the list is empty).' };
    return;
  }
  const missing = (prompt.arguments ?? []).filter((argument) => argument.required && !values[argument.name]?.trim()).map((argument) => argument.name);
  if (missing.length > 0) {
    state.lastUse = { prompt: name, values, error: `Fill in ${missing.join(', ')}, then press Use prompt.` };
    return;
  }
  const args = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
  try {
    const result = (await flow.session(connector, 'tool-call-failed', (mcp) => mcp.getPrompt(name, args))) as GetPromptResult;
    state.lastUse = { prompt: name, values, result };
  } catch (error) {
    state.lastUse = { prompt: name, values, error: `${connector.name} could not prepare ${name}: ${serverSaid(error)}. Check the arguments and press Use prompt again.` };
  }
}
