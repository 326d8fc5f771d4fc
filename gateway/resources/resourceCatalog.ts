/**
 * Resources through the gateway (issue 13, item 1): each connector the user granted this client
 * contributes its upstream's resources and resource templates, their URIs carrying the connector's
 * prefix (resourceUris.ts) so a read goes back to the right upstream with the upstream's own URI.
 * A resource of a connector the user did not grant is neither listed nor readable — the upstream is
 * not even asked. Lists are cached per (user, connector) like tool lists and asked of every upstream
 * at once with a deadline each.
 */
import type { ReadResourceResult, Resource, ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import type { Catalog } from '../connectors/catalog.ts';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { Logger } from '../logging/logger.ts';
import { fanOut } from '../tools/fanOut.ts';
import type { LiveGrant, LiveGrants } from '../tools/liveGrants.ts';
import type { ToolCaller } from '../tools/toolCatalog.ts';
import { createToolListCache, type ToolListCache } from '../tools/toolListCache.ts';
import type { UpstreamMcp } from '../upstream/upstreamMcp.ts';
import { fromGatewayUri, toGatewayUri } from './resourceUris.ts';

export interface ResourceCatalogDeps {
  readonly catalog: Catalog;
  readonly liveGrants: LiveGrants;
  readonly upstream: UpstreamMcp;
  readonly logger: Logger;
  readonly cacheMs: number;
  readonly listTimeoutMs?: number;
}

export interface ResourceCatalog {
  list(caller: ToolCaller): Promise<Resource[]>;
  templates(caller: ToolCaller): Promise<ResourceTemplate[]>;
  /** Undefined when the URI names no connector the caller may read from. */
  read(caller: ToolCaller, uri: string): Promise<ReadResourceResult | undefined>;
  invalidate(accountId: string, connectorId?: string): void;
}

export function createResourceCatalog({ catalog, liveGrants, upstream, logger, cacheMs, listTimeoutMs = 5000 }: ResourceCatalogDeps): ResourceCatalog {
  const onRefreshError = (error: unknown, accountId: string, connectorId: string) => logger.warn('upstream.resource_list_failed', { account_id: accountId, connector_id: connectorId, error: (error as Error)?.message });
  const resources = createToolListCache<Resource>({ ttlMs: cacheMs, onRefreshError });
  const templates = createToolListCache<ResourceTemplate>({ ttlMs: cacheMs, onRefreshError });

  /** Every granted connector's part, renamed, each upstream asked at once with its own deadline. */
  const gather = async <T>(caller: ToolCaller, cache: ToolListCache<T>, load: (accountId: string, connector: ConnectorConfig) => Promise<T[]>, rename: (connector: ConnectorConfig, item: T) => T): Promise<T[]> => {
    const grants: LiveGrant[] = await liveGrants(caller);
    const outcomes = await fanOut(grants, ({ connector }) => cache.get(caller.user.id, connector.id, () => load(caller.user.id, connector)), { deadlineMs: listTimeoutMs });
    return outcomes.flatMap((outcome, n) => {
      const { connector } = grants[n]!;
      if (outcome.ok) return outcome.value.map((item) => rename(connector, item));
      onRefreshError(outcome.error, caller.user.id, connector.id);
      return [];
    });
  };

  return {
    list: (caller) => gather(caller, resources, upstream.listResources, (connector, resource) => ({ ...resource, uri: toGatewayUri(connector, resource.uri) })),
    templates: (caller) => gather(caller, templates, upstream.listResourceTemplates, (connector, template) => ({ ...template, uriTemplate: toGatewayUri(connector, template.uriTemplate) })),
    async read(caller, uri) {
      const target = fromGatewayUri(catalog, uri);
      if (!target) return undefined;
      const granted = (await liveGrants(caller)).some((live) => live.connector.id === target.connector.id);
      if (!granted) return undefined;
      const result = await upstream.readResource(caller.user.id, target.connector, target.uri);
      // Contents name the URI they belong to: the client must see the one it asked for.
      return { ...result, contents: result.contents.map((content) => ({ ...content, uri: typeof content.uri === 'string' ? toGatewayUri(target.connector, content.uri) : content.uri })) };
    },
    invalidate(accountId, connectorId) {
      resources.invalidate(accountId, connectorId);
      templates.invalidate(accountId, connectorId);
    },
  };
}
