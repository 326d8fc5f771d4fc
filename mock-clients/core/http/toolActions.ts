/**
 * The Refresh and tool-call actions ChatGPT and Claude share: a failure never fails the request, it
 * is kept on the connection for its page to show (as the failure, or as the call's result in the
 * client's own words).
 */
import type { Context } from 'koa';
import type { ConnectionFlow } from '../connections/connectionFlow.ts';
import type { ServerConnection } from '../connections/connection.ts';
import { asFlowFailure, errorText, type ErrorTextTable } from '../flowFailure.ts';
import { readForm } from './requestBody.ts';

export async function refreshTools(flow: ConnectionFlow, connection: ServerConnection): Promise<void> {
  await flow.listTools(connection).catch((error: unknown) => {
    connection.failure = asFlowFailure(error, 'tool-list-failed').reason;
  });
}

/** How a profile calls a tool (ChatGPT also loads the tool's widget); by default the flow's plain call. */
export type ToolCaller = (tool: string, argumentsText: string) => Promise<unknown>;

/** Calls the tool the posted form names (`tool`, `arguments`). */
export async function callToolFromForm(ctx: Context, flow: ConnectionFlow, connection: ServerConnection, texts: ErrorTextTable, call?: ToolCaller): Promise<void> {
  const form = await readForm(ctx);
  const tool = form.get('tool') ?? '';
  const argumentsText = form.get('arguments') ?? '';
  await (call ?? ((name, text) => flow.callTool(connection, name, text)))(tool, argumentsText).catch((error: unknown) => {
    connection.lastCall = { tool, argumentsText, ok: false, text: errorText(texts, asFlowFailure(error, 'tool-call-failed'), connection.name) };
  });
}
