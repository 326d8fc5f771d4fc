/**
 * How the harness drives one AI client's UI for the seed's client-side steps. One module per client
 * profile (ChatGPT, Claude, the MCP Inspector look-alikes in mock-clients/).
 */
import type { Page } from '@playwright/test';
import type { SpecRevision } from '../../../wire/protocolVersions.ts';
import type { ClientProfile } from '../../model/scenario.ts';

export interface ToolCallOutcome {
  readonly isError: boolean;
  readonly text: string;
}

export interface WidgetShown {
  /** The template URI the rendered frame came from. */
  readonly templateUri: string;
  /** The text the widget itself shows (inside its frame). */
  readonly text: string;
}

/**
 * The hosted look-alikes' add-a-server forms ask which MCP revision to speak (their "MCP protocol
 * version" select); absent means the form's default, 2025-11-25. A revision the form does not offer
 * fails here, saying so, rather than passing in the wrong one.
 */
export async function chooseRevision(page: Page, revision: SpecRevision | undefined): Promise<void> {
  if (revision === undefined) return;
  const select = page.getByRole('combobox', { name: 'MCP protocol version' });
  const offered = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  if (!offered.includes(revision)) throw new Error(`the client's form offers MCP ${offered.join(', ')}, not ${revision}`);
  await select.selectOption(revision);
}

export interface ClientAdapter {
  readonly profile: ClientProfile;
  /** The client's own origin: the browser is "back in the client" when it is there again. */
  readonly origin: string;
  /** The name the gateway's consent page shows for this client. */
  readonly displayName: string;
  /** Real redirect URI prefixes of this client (CLIENT-*-01). */
  readonly redirectUriPrefixes: readonly string[];
  /**
   * create-app: add the MCP server in the client's UI; ends when the browser has left for the
   * gateway (or the client shows an error). `revision`: the MCP revision the client is to speak
   * (absent = its default, 2025-11-25); a client that cannot speak it says so instead of falling back.
   */
  createApp(page: Page, mcpUrl: string, appName: string, revision?: SpecRevision): Promise<void>;
  /** After "Authorize tools": back in the client, connected; returns the tool names it shows. */
  awaitConnected(page: Page): Promise<string[]>;
  /** Whether the client shows the server connected right now (no wait). */
  showsConnected(page: Page): Promise<boolean>;
  /** refresh: reload the tool list; returns the names shown. */
  refresh(page: Page): Promise<string[]>;
  /** call-tool through the client. */
  callTool(page: Page, name: string, args: Record<string, unknown>): Promise<ToolCallOutcome>;
  /**
   * create-app as far as a person gets without ticking the client's risk acknowledgement (ChatGPT's
   * "I understand and want to continue"); whether Create is enabled then. Clients without one omit it.
   */
  createAppUnacknowledged?(page: Page, mcpUrl: string, appName: string): Promise<{ createEnabled: boolean; unfilled: string }>;
  /** The tool names the client shows right now, without asking the server again. */
  shownTools?(page: Page): Promise<string[]>;
  /**
   * MCP features beyond tools, where the client has them (runner/featureSteps.ts): ChatGPT renders
   * a tool's widget, Claude uses a prompt, the Inspector shows progress and answers elicitation.
   */
  showWidget?(page: Page, tool: string, args: Record<string, unknown>): Promise<WidgetShown>;
  usePrompt?(page: Page, prompt: string, args: Record<string, string>): Promise<{ messages: string[] }>;
  callToolWatchingProgress?(page: Page, tool: string, args: Record<string, unknown>): Promise<ToolCallOutcome & { progressShown: string[] }>;
  /** Calls the tool and answers the form the client shows when the server asks (field label → value). */
  callToolAnsweringElicitation?(page: Page, tool: string, args: Record<string, unknown>, answers: Record<string, string>): Promise<ToolCallOutcome & { question: string }>;
  /** The error the client shows the user right now, if any. */
  shownError(page: Page): Promise<string | undefined>;
}
