/**
 * Resources through the gateway (issue 13, item 1): each connector the user granted this client
 * contributes its upstream's resources and resource templates, their URIs carrying the connector's
 * prefix (resourceUris.ts) so a read goes back to the right upstream with the upstream's own URI.
 * A resource of a connector the user did not grant is neither listed nor readable — the upstream is
 * not even asked.
 */
import type { ReadResourceResult, Resource, ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import type { Catalog } from '../connectors/catalog.ts';
import { grantedList, type GrantedListDeps } from '../tools/grantedLists.ts';
import { grantOf } from '../tools/liveGrants.ts';
import type { ToolCaller } from '../tools/toolCatalog.ts';
import type { UpstreamMcp } from '../upstream/upstreamMcp.ts';
import { fromGatewayUri, toGatewayUri } from './resourceUris.ts';

export interface ResourceCatalogDeps extends GrantedListDeps {
  readonly catalog: Catalog;
  readonly upstream: UpstreamMcp;
}

export interface ResourceCatalog {
  list(caller: ToolCaller): Promise<Resource[]>;
  templates(caller: ToolCaller): Promise<ResourceTemplate[]>;
  /** Undefined when the URI names no connector the caller may read from. */
  read(caller: ToolCaller, uri: string): Promise<ReadResourceResult | undefined>;
  /** Subscribes at the resource's upstream; false when the URI names no connector the caller may read from. */
  subscribe(caller: ToolCaller, uri: string): Promise<boolean>;
  invalidate(accountId: string, connectorId?: string): void;
}

export function createResourceCatalog(deps: ResourceCatalogDeps): ResourceCatalog {
  const { catalog, liveGrants, upstream } = deps;
  const resources = grantedList<Resource>(deps, 'resource', upstream.listResources, ({ connector }, items) => items.map((resource) => ({ ...resource, uri: toGatewayUri(connector, resource.uri) })));
  const templates = grantedList<ResourceTemplate>(deps, 'resource_template', upstream.listResourceTemplates, ({ connector }, items) =>
    items.map((template) => ({ ...template, uriTemplate: toGatewayUri(connector, template.uriTemplate) })),
  );

  /** The connector and upstream URI behind `uri`, when the caller was granted that connector. */
  const readable = async (caller: ToolCaller, uri: string) => {
    const target = fromGatewayUri(catalog, uri);
    if (!target) return undefined;
    return (await grantOf(liveGrants, caller, target.connector.id)) ? target : undefined;
  };

  return {
    list: resources.list,
    templates: templates.list,
    async read(caller, uri) {
      const target = await readable(caller, uri);
      if (!target) return undefined;
      const result = await upstream.readResource(caller.user.id, target.connector, target.uri);
      // Contents name the URI they belong to: the client must see the one it asked for.
      return { ...result, contents: result.contents.map((content) => ({ ...content, uri: typeof content.uri === 'string' ? toGatewayUri(target.connector, content.uri) : content.uri })) };
    },
    async subscribe(caller, uri) {
      const target = await readable(caller, uri);
      if (!target) return false;
      await upstream.subscribe(caller.user.id, target.connector, target.uri);
      return true;
    },
    invalidate(accountId, connectorId) {
      resources.invalidate(accountId, connectorId);
      templates.invalidate(accountId, connectorId);
    },
  };
}
