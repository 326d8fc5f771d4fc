/**
 * Prompts through the gateway (issue 13, item 1): each connector the user granted this client
 * contributes its upstream's prompts, renamed `<prefix>__<prompt>` like its tools (UP-06), sorted
 * by name. Only the prompts the user left ticked on the consent page count: a prompt of a connector
 * not granted, or one unticked, is neither listed nor gettable, and its completions are not asked
 * for; `completion/complete` is routed by the prompt's name in its `ref`.
 */
import type { CompleteResult, GetPromptResult, Prompt } from '@modelcontextprotocol/sdk/types.js';
import { namespacedToolName, type Catalog } from '../connectors/catalog.ts';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import { grantsItem } from '../store/store.ts';
import { grantedList, type GrantedListDeps } from '../tools/grantedLists.ts';
import { grantOf } from '../tools/liveGrants.ts';
import type { ToolCaller, UpstreamAsk } from '../tools/toolCatalog.ts';
import type { UpstreamMcp } from '../upstream/upstreamMcp.ts';

export interface PromptCatalogDeps extends GrantedListDeps {
  readonly catalog: Catalog;
  readonly upstream: UpstreamMcp;
}

export interface PromptCatalog {
  list(caller: ToolCaller): Promise<Prompt[]>;
  /** Undefined when the caller may not use a prompt of that name. */
  get(caller: ToolCaller, name: string, args: Record<string, string>, ask?: UpstreamAsk): Promise<GetPromptResult | undefined>;
  /** Completions for an argument of one of the caller's prompts; empty for anything else. */
  complete(caller: ToolCaller, params: { ref: { type: string; name?: string }; argument: unknown; context?: unknown }): Promise<CompleteResult>;
  /** The upstream's own prompt behind one this catalogue renamed (the per-connector endpoint shows it as it is). */
  upstreamPrompt(prompt: Prompt): Prompt | undefined;
  /** One connector's prompts as the upstream offers them (the consent page lists them). */
  offered(accountId: string, connector: ConnectorConfig): Promise<Prompt[]>;
  invalidate(accountId: string, connectorId?: string): void;
}

const NO_COMPLETION: CompleteResult = { completion: { values: [], hasMore: false } };

export function createPromptCatalog(deps: PromptCatalogDeps): PromptCatalog {
  const { catalog, liveGrants, upstream } = deps;
  const originals = new WeakMap<Prompt, Prompt>();
  const renamed = (connector: ConnectorConfig, prompt: Prompt): Prompt => {
    const named = { ...prompt, name: namespacedToolName(connector, prompt.name), title: `${connector.displayName}: ${prompt.title ?? prompt.name}` };
    originals.set(named, prompt);
    return named;
  };
  const prompts = grantedList<Prompt>(deps, 'prompt', upstream.listPrompts, ({ connector, grant }, items) =>
    items.filter((prompt) => grantsItem(grant.prompts, prompt.name)).map((prompt) => renamed(connector, prompt)),
  );

  /** The granted connector a namespaced prompt name belongs to, with the upstream's own name. */
  const resolve = async (caller: ToolCaller, name: string): Promise<{ connector: ConnectorConfig; prompt: string } | undefined> => {
    const resolved = catalog.resolveToolName(name);
    if (!resolved) return undefined;
    const grant = await grantOf(liveGrants, caller, resolved.connector.id);
    return grant && grantsItem(grant.prompts, resolved.tool) ? { connector: resolved.connector, prompt: resolved.tool } : undefined;
  };

  return {
    upstreamPrompt: (prompt) => originals.get(prompt),
    list: async (caller) => (await prompts.list(caller)).sort((a, b) => a.name.localeCompare(b.name)),
    async get(caller, name, args, ask) {
      const target = await resolve(caller, name);
      return target ? upstream.getPrompt(caller.user.id, target.connector, target.prompt, args, ask) : undefined;
    },
    async complete(caller, params) {
      if (params.ref.type !== 'ref/prompt' || typeof params.ref.name !== 'string') return NO_COMPLETION;
      const target = await resolve(caller, params.ref.name);
      if (!target) return NO_COMPLETION;
      return upstream.complete(caller.user.id, target.connector, { ...params, ref: { ...params.ref, name: target.prompt } });
    },
    offered: prompts.upstream,
    invalidate: prompts.invalidate,
  };
}
