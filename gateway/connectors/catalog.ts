/** The validated catalogue, indexed for lookups by id and by tool prefix. */
import type { CatalogConfig, ConnectorConfig } from './catalogSchema.ts';

export const TOOL_SEPARATOR = '__';

export interface Catalog {
  readonly connectors: readonly ConnectorConfig[];
  byId(id: string): ConnectorConfig | undefined;
  /** The connector whose names carry this prefix (`<prefix>__…`). */
  byPrefix(prefix: string): ConnectorConfig | undefined;
  /** Splits `<prefix>__<tool>` (UP-06) into its connector and upstream tool name. */
  resolveToolName(name: string): { connector: ConnectorConfig; tool: string } | undefined;
  /** Whether the catalogue lets clients see this upstream tool at all (its optional allow-list). */
  offers(connector: ConnectorConfig, tool: string): boolean;
  /** Every origin the catalogue points at: upstreams the administrator vouches for. */
  readonly origins: readonly string[];
}

export function namespacedToolName(connector: ConnectorConfig, tool: string): string {
  return `${connector.toolPrefix}${TOOL_SEPARATOR}${tool}`;
}

export function createCatalog(config: CatalogConfig): Catalog {
  const byId = new Map(config.connectors.map((c) => [c.id, c]));
  const byPrefix = new Map(config.connectors.map((c) => [c.toolPrefix, c]));
  const origins = new Set<string>();
  for (const connector of config.connectors) {
    const urls = [connector.mcpUrl, connector.auth.apiKey?.validation.url, connector.auth.oauth?.authorizationUrl, connector.auth.oauth?.tokenUrl, connector.auth.oauth?.revocationUrl];
    for (const url of urls) if (url) origins.add(new URL(url).origin);
  }
  return {
    connectors: config.connectors,
    byId: (id) => byId.get(id),
    byPrefix: (prefix) => byPrefix.get(prefix),
    resolveToolName(name) {
      const at = name.indexOf(TOOL_SEPARATOR);
      if (at <= 0) return undefined;
      const connector = byPrefix.get(name.slice(0, at));
      const tool = name.slice(at + TOOL_SEPARATOR.length);
      return connector && tool ? { connector, tool } : undefined;
    },
    offers: (connector, tool) => !connector.tools || connector.tools.allow.includes(tool),
    origins: [...origins],
  };
}
