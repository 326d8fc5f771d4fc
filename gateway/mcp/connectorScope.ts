/**
 * The per-connector endpoint `/mcp/<connector>` (issue 13 item 2): one upstream exactly as it is —
 * its own tool, prompt and resource names, no prefixes — behind the same OAuth and the same consent
 * as the aggregated `/mcp`. It is a view of the aggregated services, not a second copy of them:
 * every request's caller is scoped to the connector (ToolCaller.onlyConnector, enforced where grants
 * are read), names get the connector's prefix on the way in and lose it on the way out, so grants,
 * argument checks, rate limits and audit are exactly the aggregated endpoint's.
 */
import { ErrorCode, McpError, type Prompt, type Resource, type ResourceTemplate, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { namespacedToolName, type Catalog } from '../connectors/catalog.ts';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { PromptCatalog } from '../prompts/promptCatalog.ts';
import type { ResourceCatalog } from '../resources/resourceCatalog.ts';
import { fromGatewayUri, toGatewayUri } from '../resources/resourceUris.ts';
import type { CallerResolver } from '../tools/callerResolver.ts';
import type { ConsentGuard } from './clientRequests.ts';
import type { LogLevelFanOut } from './logLevelFanOut.ts';
import type { ToolCallHandler } from '../tools/toolCall.ts';
import type { ToolCaller, ToolCatalog } from '../tools/toolCatalog.ts';

/** How an endpoint names resources, next to the gateway's own (aggregated) URIs. */
export interface EndpointNaming {
  /** The gateway URI for a URI the client sent. */
  uriIn(uri: string): string;
  /** What this endpoint's client calls a gateway URI; undefined when it is not this endpoint's. */
  uriOut(uri: string): string | undefined;
}

/** What one MCP endpoint serves: the aggregated endpoint's services, or a connector's view of them. */
export interface EndpointServices {
  readonly tools: ToolCatalog;
  readonly prompts: PromptCatalog;
  readonly resources: ResourceCatalog;
  readonly resolveCaller: CallerResolver;
  readonly callTool: ToolCallHandler;
  /** The user's choice for the client in front of every upstream request to it (clientRequests.ts). */
  readonly guardAsk: ConsentGuard;
  /** A client's log level, passed on to the upstreams it may use (logLevelFanOut.ts). */
  readonly setLogLevel: LogLevelFanOut;
  readonly naming: EndpointNaming;
}

export const AGGREGATED_NAMING: EndpointNaming = { uriIn: (uri) => uri, uriOut: (uri) => uri };

export interface ConnectorScopeDeps {
  readonly catalog: Catalog;
  /** The upstream's own definition behind a renamed tool (connectorToolCatalog.ts). */
  readonly upstreamDefinition: (tool: Tool) => Tool | undefined;
}

export function connectorScope(connector: ConnectorConfig, all: EndpointServices, { catalog, upstreamDefinition }: ConnectorScopeDeps): EndpointServices {
  const prefix = namespacedToolName(connector, '');
  const own = (name: string): string | undefined => (name.startsWith(prefix) ? name.slice(prefix.length) : undefined);
  /** The upstream URI behind a gateway URI of this connector; undefined for any other connector's. */
  const upstreamUri = (uri: string): string | undefined => {
    const target = fromGatewayUri(catalog, uri);
    return target?.connector.id === connector.id ? target.uri : undefined;
  };
  const gatewayUri = (uri: string) => toGatewayUri(connector, uri);

  // One scoped caller per resolved caller: the resolver caches callers, and so does this.
  const scoped = new WeakMap<ToolCaller, ToolCaller>();
  const resolveCaller: CallerResolver = async (authInfo) => {
    const caller = await all.resolveCaller(authInfo);
    let mine = scoped.get(caller);
    if (!mine) scoped.set(caller, (mine = { ...caller, onlyConnector: connector.id }));
    return mine;
  };

  const tools: ToolCatalog = {
    async list(caller) {
      return (await all.tools.list(caller)).flatMap((tool) => {
        const name = own(tool.name);
        return name === undefined ? [] : [upstreamDefinition(tool) ?? { ...tool, name }];
      });
    },
    async find(caller, name) {
      const found = await all.tools.find(caller, prefix + name);
      return found && { definition: upstreamDefinition(found.definition) ?? { ...found.definition, name }, call: (c, args, context) => found.call(c, args, context) };
    },
  };

  const callTool: ToolCallHandler = async (caller, name, args, context) => {
    try {
      return await all.callTool(caller, prefix + name, args, context);
    } catch (error) {
      // The aggregated handler names the prefixed tool; this endpoint's client knows no prefixes.
      if (error instanceof McpError && error.code === ErrorCode.InvalidParams) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
      throw error;
    }
  };

  // What this view does not rename passes through as it is (the catalogues grow members the endpoint never calls).
  const prompts: PromptCatalog = {
    ...all.prompts,
    async list(caller) {
      return (await all.prompts.list(caller)).flatMap((prompt): Prompt[] => {
        const name = own(prompt.name);
        return name === undefined ? [] : [all.prompts.upstreamPrompt(prompt) ?? { ...prompt, name }];
      });
    },
    get: (caller, name, args, ask) => all.prompts.get(caller, prefix + name, args, ask),
    complete(caller, params) {
      const ref: { type: string; name?: string; uri?: unknown } = params.ref;
      const routed =
        ref.type === 'ref/prompt' && typeof ref.name === 'string' ? { ...ref, name: prefix + ref.name } : ref.type === 'ref/resource' && typeof ref.uri === 'string' ? { ...ref, uri: gatewayUri(ref.uri) } : ref;
      return all.prompts.complete(caller, { ...params, ref: routed });
    },
  };

  const resources: ResourceCatalog = {
    ...all.resources,
    async list(caller) {
      return (await all.resources.list(caller)).flatMap((resource): Resource[] => {
        const uri = upstreamUri(resource.uri);
        return uri === undefined ? [] : [{ ...resource, uri }];
      });
    },
    async templates(caller) {
      return (await all.resources.templates(caller)).flatMap((template): ResourceTemplate[] => {
        const uriTemplate = upstreamUri(template.uriTemplate);
        return uriTemplate === undefined ? [] : [{ ...template, uriTemplate }];
      });
    },
    async read(caller, uri, ask) {
      const read = await all.resources.read(caller, gatewayUri(uri), ask);
      return read && { ...read, contents: read.contents.map((content) => ({ ...content, uri: upstreamUri(content.uri) ?? content.uri })) };
    },
    subscribe: (caller, uri) => all.resources.subscribe(caller, gatewayUri(uri)),
  };

  return { tools, prompts, resources, resolveCaller, callTool, setLogLevel: all.setLogLevel, guardAsk: all.guardAsk, naming: { uriIn: gatewayUri, uriOut: upstreamUri } };
}
