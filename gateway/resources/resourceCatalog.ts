/**
 * Resources through the gateway (issue 13, item 1): each connector the user granted this client
 * contributes its upstream's resources and resource templates, their URIs carrying the connector's
 * prefix (resourceUris.ts) so a read goes back to the right upstream with the upstream's own URI.
 * Only what the user left ticked on the consent page is listed, and readable (resourceGrant.ts: also
 * what a ticked template expands to): a resource of a connector not granted, or one unticked, is
 * refused as not found and the upstream is not asked to read it.
 *
 * One exception, on purpose: an MCP Apps widget (`ui://…`) that a tool the user granted names in its
 * `_meta` stays readable (for read, not subscribe) even when the widget itself was unticked — it is
 * part of that tool's answer, and the client must be able to render what the granted tool returns.
 * It is still not listed. To stop the widget, untick the tool.
 */
import type { ReadResourceResult, Resource, ResourceTemplate, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Catalog } from '../connectors/catalog.ts';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import { grantsItem, type ToolGrant } from '../store/store.ts';
import { grantedList, type GrantedListDeps } from '../tools/grantedLists.ts';
import { grantOf } from '../tools/liveGrants.ts';
import type { ToolCaller, UpstreamAsk } from '../tools/toolCatalog.ts';
import type { UpstreamMcp } from '../upstream/upstreamMcp.ts';
import { grantsResource } from './resourceGrant.ts';
import { fromGatewayUri, toGatewayUri, widgetUris } from './resourceUris.ts';

export interface ResourceCatalogDeps extends GrantedListDeps {
  readonly catalog: Catalog;
  readonly upstream: UpstreamMcp;
  /** One connector's upstream tools for one user (cached): which widgets its granted tools name. */
  readonly toolsOf: (accountId: string, connector: ConnectorConfig) => Promise<Tool[]>;
}

export interface ResourceCatalog {
  list(caller: ToolCaller): Promise<Resource[]>;
  templates(caller: ToolCaller): Promise<ResourceTemplate[]>;
  /** Undefined when the URI names nothing the caller may read. */
  read(caller: ToolCaller, uri: string, ask?: UpstreamAsk): Promise<ReadResourceResult | undefined>;
  /** Subscribes at the resource's upstream; false when the URI names nothing the caller may read. */
  subscribe(caller: ToolCaller, uri: string): Promise<boolean>;
  /** One connector's resources and templates as the upstream offers them (the consent page lists them). */
  offered(accountId: string, connector: ConnectorConfig): Promise<{ resources: Resource[]; templates: ResourceTemplate[] }>;
  invalidate(accountId: string, connectorId?: string): void;
}

export function createResourceCatalog(deps: ResourceCatalogDeps): ResourceCatalog {
  const { catalog, liveGrants, upstream, toolsOf } = deps;
  const resources = grantedList<Resource>(deps, 'resource', upstream.listResources, ({ connector, grant }, items) =>
    items.filter((resource) => grantsItem(grant.resources, resource.uri)).map((resource) => ({ ...resource, uri: toGatewayUri(connector, resource.uri) })),
  );
  const templates = grantedList<ResourceTemplate>(deps, 'resource_template', upstream.listResourceTemplates, ({ connector, grant }, items) =>
    items.filter((template) => grantsItem(grant.resources, template.uriTemplate)).map((template) => ({ ...template, uriTemplate: toGatewayUri(connector, template.uriTemplate) })),
  );

  /** A widget a granted (and offered) tool of this connector names. */
  const namedByGrantedTool = async (caller: ToolCaller, connector: ConnectorConfig, grant: ToolGrant, uri: string) => {
    const tools = await toolsOf(caller.user.id, connector);
    return tools.some((tool) => catalog.offers(connector, tool.name) && grantsItem(grant.tools, tool.name) && widgetUris(tool._meta).includes(uri));
  };

  /** The connector and upstream URI behind `uri`, when the caller's grant covers it. */
  const readable = async (caller: ToolCaller, uri: string, widgets: 'widgets too' | 'granted only') => {
    const target = fromGatewayUri(catalog, uri);
    if (!target) return undefined;
    const grant = await grantOf(liveGrants, caller, target.connector.id);
    if (!grant) return undefined;
    const listed = async () => (await resources.upstream(caller.user.id, target.connector)).some((resource) => resource.uri === target.uri);
    if (await grantsResource(grant.resources, target.uri, listed)) return target;
    return widgets === 'widgets too' && (await namedByGrantedTool(caller, target.connector, grant, target.uri)) ? target : undefined;
  };

  return {
    list: resources.list,
    templates: templates.list,
    async read(caller, uri, ask) {
      const target = await readable(caller, uri, 'widgets too');
      if (!target) return undefined;
      const result = await upstream.readResource(caller.user.id, target.connector, target.uri, ask);
      // Contents name the URI they belong to: the client must see the one it asked for.
      return { ...result, contents: result.contents.map((content) => ({ ...content, uri: typeof content.uri === 'string' ? toGatewayUri(target.connector, content.uri) : content.uri })) };
    },
    async subscribe(caller, uri) {
      const target = await readable(caller, uri, 'granted only');
      if (!target) return false;
      await upstream.subscribe(caller.user.id, target.connector, target.uri);
      return true;
    },
    async offered(accountId, connector) {
      const [listed, templated] = await Promise.all([resources.upstream(accountId, connector), templates.upstream(accountId, connector)]);
      return { resources: listed, templates: templated };
    },
    invalidate(accountId, connectorId) {
      resources.invalidate(accountId, connectorId);
      templates.invalidate(accountId, connectorId);
    },
  };
}
