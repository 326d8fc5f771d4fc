/**
 * What the checks look at: every exchange the proxy saw between the client (backend and browser)
 * and the gateway, what the steps observed on the pages, and a few facts about the run. Helpers
 * find the exchanges that matter by what they are, not by one gateway's paths — the endpoints are
 * read from the metadata the gateway published.
 */
import { jsonOf, rpcMessages } from '../../wire/jsonRpcMessages.ts';
import type { AsMetadata } from '../doctor/probes/discoveryRecord.ts';
import { formOf, type Exchange } from '../runner/proxy/exchange.ts';

export type { AsMetadata };
import type { Scenario } from '../model/scenario.ts';

export interface Observations {
  /** Tool names of each tools/list the client showed, in order. */
  readonly toolLists: string[][];
  /** Results of tool calls made through the client: name, error flag and text. */
  readonly toolCalls: { name: string; isError: boolean; text: string }[];
  /** Error texts the client showed the user. */
  readonly clientErrors: string[];
  /** Tools the scenario granted after the first authorization (grant-another-tool). */
  readonly grantedLater: string[];
  /** What the client showed of the MCP features beyond tools (runner/featureSteps.ts). */
  readonly features: FeatureObservations;
}

export interface FeatureObservations {
  /** show-widget: the tool, the template URI the client rendered and the text the widget showed. */
  readonly widgets: { tool: string; templateUri: string; text: string; expected: string }[];
  /** use-prompt: the prompt and the message texts the client showed. */
  readonly prompts: { name: string; messages: string[] }[];
  /** watch-progress: each progress text the client showed while the tool ran. */
  readonly progress: { tool: string; shown: string[] }[];
  /** answer-elicitation: the question the client asked the person, and the tool's outcome. */
  readonly elicitations: { tool: string; question: string; isError: boolean; text: string }[];
}

export const emptyObservations = (): Observations => ({
  toolLists: [],
  toolCalls: [],
  clientErrors: [],
  grantedLater: [],
  features: { widgets: [], prompts: [], progress: [], elicitations: [] },
});

export interface CheckContext {
  /** The MCP server URL the client was given. */
  readonly mcpUrl: string;
  readonly exchanges: readonly Exchange[];
  readonly scenario: Scenario;
  /** The redirect URI prefixes of this client profile (its real callbacks). */
  readonly redirectUriPrefixes: readonly string[];
  readonly observed: Observations;
  /** Did any mock upstream ever receive a gateway-issued access token? (reference target only) */
  readonly gatewayTokenReachedUpstream?: boolean | undefined;
}


const pathOf = (url: string | undefined) => (url ? URL.parse(url)?.pathname : undefined);
export const mcpPath = (context: CheckContext) => new URL(context.mcpUrl).pathname;

export function mcpExchanges(context: CheckContext): Exchange[] {
  return context.exchanges.filter((e) => e.request.path === mcpPath(context));
}

export function rpcMethod(exchange: Exchange): string | undefined {
  return (jsonOf(exchange.request.body) as { method?: string } | undefined)?.method;
}

/** A GET of authorization server metadata: inserted (`/.well-known/…/<path>`) or appended (`<path>/.well-known/…`). */
export const isAsMetadataRequest = (e: Exchange): boolean => e.request.method === 'GET' && /\/\.well-known\/(oauth-authorization-server|openid-configuration)(\/|$)/.test(e.request.path);

export function asMetadataOf(context: CheckContext): AsMetadata | undefined {
  const found = context.exchanges.find((e) => e.response.status === 200 && isAsMetadataRequest(e) && typeof (jsonOf(e.response.body) as AsMetadata | undefined)?.issuer === 'string');
  return found ? (jsonOf(found.response.body) as AsMetadata) : undefined;
}

export function tokenExchanges(context: CheckContext, grantType?: string): Exchange[] {
  const tokenPath = pathOf(asMetadataOf(context)?.token_endpoint) ?? '/token';
  return context.exchanges.filter((e) => e.request.method === 'POST' && e.request.path === tokenPath && (!grantType || formOf(e).get('grant_type') === grantType));
}

export function authorizeRequests(context: CheckContext): Exchange[] {
  const authorizePath = pathOf(asMetadataOf(context)?.authorization_endpoint) ?? '/authorize';
  return context.exchanges.filter((e) => e.request.method === 'GET' && e.request.path === authorizePath);
}

export function registrations(context: CheckContext): Exchange[] {
  const registrationPath = pathOf(asMetadataOf(context)?.registration_endpoint) ?? '/register';
  return context.exchanges.filter((e) => e.request.method === 'POST' && e.request.path === registrationPath);
}

/** The tool names a tools/list answer carries, in its order. */
export const toolNamesIn = (exchange: Exchange): string[] =>
  rpcMessages(exchange.response.body).flatMap((m) => ((m.result as { tools?: { name: string }[] } | undefined)?.tools ?? []).map((t) => t.name));

export function toolListResults(context: CheckContext): string[][] {
  return mcpExchanges(context)
    .filter((e) => rpcMethod(e) === 'tools/list' && e.response.status === 200)
    .map(toolNamesIn);
}

export const hasStep = (context: CheckContext, step: Scenario['steps'][number]) => context.scenario.steps.includes(step);
