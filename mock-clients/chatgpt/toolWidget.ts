/**
 * ChatGPT apps with a UI (Apps SDK, MCP Apps): a tool whose definition names an output template —
 * `_meta["openai/outputTemplate"]`, or the MCP Apps `_meta.ui.resourceUri` (legacy flat key
 * `ui/resourceUri`) — is shown as a widget after the call. The look-alike calls the tool and reads
 * the template resource from the server in the same short session (resources/read with the URI the
 * tool definition carries, so through a gateway it is the gateway's URI), then keeps what the page
 * renders: the HTML, the tool's arguments and its structuredContent. A template that cannot be read
 * leaves the call's result and a widget error in ChatGPT's words.
 */
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ConnectionFlow } from '../core/connections/connectionFlow.ts';
import type { ServerConnection } from '../core/connections/connection.ts';
import { toolResultText } from '../core/mcp/mcpSession.ts';
import { parseToolArguments } from '../core/mcp/toolArguments.ts';

/** What the app page renders in the widget frame after a call. */
export interface ToolWidget {
  readonly tool: string;
  readonly templateUri: string;
  readonly toolInput: Record<string, unknown>;
  readonly structuredContent: unknown;
  readonly content: CallToolResult['content'];
  /** The template's HTML, when it was read; otherwise `error` says why not. */
  readonly html?: string;
  readonly error?: string;
}

/** Widget template MIME types: MCP Apps (`text/html;profile=mcp-app`) and Apps SDK (`text/html+skybridge`). */
const HTML_TEMPLATE = /^text\/html(\+skybridge)?(\s*;|$)/i;

/** The template URI a tool definition names, ChatGPT's own key first. */
export function widgetTemplateUri(tool: Tool): string | undefined {
  const meta = (tool._meta ?? {}) as Record<string, unknown>;
  const ui = meta.ui as { resourceUri?: unknown } | undefined;
  const candidates = [meta['openai/outputTemplate'], ui?.resourceUri, meta['ui/resourceUri']];
  return candidates.find((value): value is string => typeof value === 'string' && value.length > 0);
}

const widgets = new WeakMap<ServerConnection, ToolWidget>();

/** The widget of the app's last call, if that tool has one. */
export const lastWidget = (app: ServerConnection): ToolWidget | undefined => widgets.get(app);

/** Calls the tool; when its definition names a template, reads it and keeps the widget for the page. */
export async function callToolWithWidget(flow: ConnectionFlow, app: ServerConnection, toolName: string, argumentsText: string): Promise<void> {
  widgets.delete(app);
  const tool = app.tools.find((t) => t.name === toolName);
  const templateUri = tool && widgetTemplateUri(tool);
  // Unknown tools and tools without a template: the plain call (which also refuses unknown names).
  if (!templateUri) {
    await flow.callTool(app, toolName, argumentsText);
    return;
  }
  const toolInput = parseToolArguments(argumentsText);
  // One session in either revision (2026-07-28: two stateless requests, no initialize).
  const { result, template } = await flow.session(app, 'tool-call-failed', async (mcp) => {
    const called = (await mcp.callTool(toolName, toolInput)) as CallToolResult;
    if (called.isError) return { result: called, template: undefined };
    const read = await mcp.readResource(templateUri).then(
      (answer) => ({ contents: answer.contents }),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    );
    return { result: called, template: read };
  });
  app.lastCall = { tool: toolName, argumentsText, ok: result.isError !== true, text: toolResultText(result) };
  if (!template) return;
  const base = { tool: toolName, templateUri, toolInput, structuredContent: result.structuredContent ?? null, content: result.content };
  if ('error' in template) {
    widgets.set(app, { ...base, error: `The app's widget could not be loaded (${template.error}). Press Refresh, then call the action again.` });
    return;
  }
  const html = template.contents.find((c) => c.uri === templateUri && 'text' in c && HTML_TEMPLATE.test(c.mimeType ?? '')) ?? template.contents.find((c) => 'text' in c && HTML_TEMPLATE.test(c.mimeType ?? ''));
  widgets.set(app, html && 'text' in html ? { ...base, html: html.text } : { ...base, error: `The app's widget template ${templateUri} is not an HTML widget. Ask the app's developer to fix it.` });
}
