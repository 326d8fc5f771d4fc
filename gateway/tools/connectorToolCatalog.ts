/**
 * The tools a client sees: the gateway's own, plus — for each connector the user authorized for
 * this client — that connector's upstream tools the user left ticked, renamed `<prefix>__<tool>`
 * (UP-06), sorted by name (LISTCHANGED-04). Upstreams are asked in parallel with a time limit and
 * their lists cached per (user, connector); one that is down or slow loses only its own tools.
 * Calls are routed by prefix and the user's grants alone (issue 12): a call never waits for a tool
 * list. The tool's definition (for the argument check) comes from the cached list when there is one;
 * when there is none the call goes ahead unchecked by the gateway — the upstream validates its own
 * arguments — and the list is fetched in the background for the next call. Calls are made with the
 * user's own upstream credential — or none, for a public connector — never with the client's token (AUTH-09).
 */
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { namespacedToolName, type Catalog } from '../connectors/catalog.ts';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { AuditLog } from '../audit/auditLog.ts';
import type { ConnectionStore, ToolGrant } from '../store/store.ts';
import type { UpstreamMcp } from '../upstream/upstreamMcp.ts';
import type { GatewayTool, ToolCatalog } from './toolCatalog.ts';
import { grantedList, type GrantedListDeps } from './grantedLists.ts';
import { grantOf } from './liveGrants.ts';
import { withGatewayWidgetUris } from '../resources/resourceUris.ts';
import { upstreamFailure } from './upstreamToolErrors.ts';

export interface ConnectorToolCatalogDeps extends GrantedListDeps {
  readonly catalog: Catalog;
  /** Where "last used" is recorded. */
  readonly connections: Pick<ConnectionStore, 'touch'>;
  readonly upstream: UpstreamMcp;
  readonly builtins: readonly GatewayTool[];
  readonly audit: AuditLog;
  readonly connectionsUrl: string;
  readonly resourceMetadataUrl: string;
}

export interface ConnectorToolCatalog extends ToolCatalog {
  /** The upstream tools of one connector for one user (the consent page lists them). */
  upstreamTools(accountId: string, connector: ConnectorConfig): Promise<Tool[]>;
  /** The upstream's own definition behind one of this catalogue's renamed tools (the per-connector endpoint shows it as it is). */
  upstreamDefinition(tool: Tool): Tool | undefined;
  /** Forget cached lists after a user's connection or grants changed. */
  invalidate(accountId: string, connectorId?: string): void;
}

const granted = (grant: ToolGrant, tool: string) => grant.tools === '*' || grant.tools.includes(tool);

export function createConnectorToolCatalog(deps: ConnectorToolCatalogDeps): ConnectorToolCatalog {
  const { catalog, liveGrants, connections, upstream, builtins, audit, logger } = deps;
  // "Last used" is shown to the minute: record it at most once a minute per connection.
  const touched = new Map<string, number>();
  const touch = (accountId: string, connectorId: string) => {
    const now = Date.now();
    const k = `${accountId}\n${connectorId}`;
    if (now - (touched.get(k) ?? 0) < 60_000) return;
    touched.set(k, now);
    if (touched.size > 10_000) touched.delete(touched.keys().next().value as string);
    void connections.touch(accountId, connectorId, now).catch((error: unknown) => logger.warn('store.touch_failed', { error }));
  };

  const originals = new WeakMap<Tool, Tool>();
  const renamedDefinition = (connector: ConnectorConfig, definition: Tool): Tool => {
    const renamed: Tool = {
      ...definition,
      name: namespacedToolName(connector, definition.name),
      title: `${connector.displayName}: ${definition.title ?? definition.annotations?.title ?? definition.name}`,
      // A widget the tool points at is read through the gateway, under the gateway's URI for it.
      ...(definition._meta ? { _meta: withGatewayWidgetUris(connector, definition._meta) } : {}),
    };
    originals.set(renamed, definition);
    return renamed;
  };

  const upstreamTool = (connector: ConnectorConfig, definition: Tool): GatewayTool => ({
    definition: renamedDefinition(connector, definition),
    async call(caller, args, context) {
      const started = performance.now();
      let result: CallToolResult;
      let outcome: string;
      try {
        // Log messages name the connector they came from: several upstreams share one client session.
        const onLog = context?.onLog;
        const tagged = onLog && ((params: Record<string, unknown>) => onLog({ ...params, logger: typeof params.logger === 'string' ? `${connector.id}/${params.logger}` : connector.id }));
        result = await upstream.callTool(caller.user.id, connector, definition.name, args, { ...context, ...(tagged ? { onLog: tagged } : {}) });
        outcome = result.isError ? 'tool_error' : 'ok';
        touch(caller.user.id, connector.id);
      } catch (error) {
        ({ result, outcome } = upstreamFailure(error, { connector, tool: namespacedToolName(connector, definition.name), connectionsUrl: deps.connectionsUrl, resourceMetadataUrl: deps.resourceMetadataUrl }));
        if (outcome === 'needs_reconnect' || outcome === 'not_connected') tools.invalidate(caller.user.id, connector.id);
        logger.info('tool.call_failed', { account_id: caller.user.id, connector_id: connector.id, tool: definition.name, outcome, error: (error as Error)?.message });
      }
      const latencyMs = Math.round(performance.now() - started);
      await audit.record({ event: 'tool.call', accountId: caller.user.id, clientId: caller.client.id, connectorId: connector.id, tool: definition.name, outcome, latencyMs });
      return result;
    },
  });

  // Renamed once per list the upstream sent (the cache hands out the same array until it changes),
  // not once per tools/list: the cost of a warm list does not grow with the number of calls.
  const renamed = new WeakMap<readonly Tool[], { readonly name: string; readonly tool: GatewayTool }[]>();
  const offeredTools = (connector: ConnectorConfig, tools: readonly Tool[]) => {
    let offered = renamed.get(tools);
    if (!offered) {
      offered = tools.filter((tool) => catalog.offers(connector, tool.name)).map((tool) => ({ name: tool.name, tool: upstreamTool(connector, tool) }));
      renamed.set(tools, offered);
    }
    return offered;
  };
  /** One connector's part of a user's list: what the user granted of what the administrator offers. */
  const grantedTools = (connector: ConnectorConfig, grant: ToolGrant, tools: readonly Tool[]): GatewayTool[] =>
    offeredTools(connector, tools).filter((entry) => granted(grant, entry.name)).map((entry) => entry.tool);

  // Every upstream at once, each with its own deadline, served stale while it refreshes (grantedLists.ts).
  const tools = grantedList<Tool, GatewayTool>(deps, 'tool', upstream.listTools, ({ connector, grant }, items) => grantedTools(connector, grant, items));

  return {
    async list(caller) {
      return [...builtins, ...(await tools.list(caller))].map((tool) => tool.definition).sort((a, b) => a.name.localeCompare(b.name));
    },
    async find(caller, name) {
      const builtin = builtins.find((tool) => tool.definition.name === name);
      if (builtin) return builtin;
      const resolved = catalog.resolveToolName(name);
      if (!resolved || !catalog.offers(resolved.connector, resolved.tool)) return undefined;
      const grant = await grantOf(liveGrants, caller, resolved.connector.id);
      if (!grant || !granted(grant, resolved.tool)) return undefined;
      const known = tools.peek(caller.user.id, resolved.connector.id);
      // No list yet: fetch one for the next call, and let the upstream check this call's arguments.
      if (!known) void tools.upstream(caller.user.id, resolved.connector).catch(() => undefined);
      const listed = known && offeredTools(resolved.connector, known).find((entry) => entry.name === resolved.tool);
      return listed?.tool ?? upstreamTool(resolved.connector, { name: resolved.tool, inputSchema: { type: 'object' as const } });
    },
    upstreamTools: tools.upstream,
    upstreamDefinition: (tool) => originals.get(tool),
    invalidate: tools.invalidate,
  };
}
