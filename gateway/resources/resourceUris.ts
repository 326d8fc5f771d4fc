/**
 * Resource URIs through the gateway (issue 13): several upstreams' resources share one client
 * session, so each URI carries its connector's tool prefix in its authority —
 * `repo://acme/x` from GitHub becomes `repo://github__acme/x`, `ui://jira/card.html` from Atlassian
 * `ui://atlassian__jira/card.html`, `file:///a` becomes `file://github__/a` — and the same rewrite
 * applies to URI templates (`repo://github__{owner}/…`) and to the tool `_meta` keys that point
 * at an MCP Apps widget, so a `ui://` widget still renders and reads through the gateway. The
 * scheme stays what the upstream chose (clients treat `ui://` specially). A URI without `//` is
 * wrapped whole: `gangway://<prefix>/<encoded URI>`.
 */
import { TOOL_SEPARATOR, type Catalog } from '../connectors/catalog.ts';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';

const WRAPPED = 'gangway://';
const SCHEME_AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is;

/** The URI (or URI template) a client sees for the upstream's `uri`. */
export function toGatewayUri(connector: ConnectorConfig, uri: string): string {
  const parts = SCHEME_AUTHORITY.exec(uri);
  if (!parts || parts[1]!.toLowerCase() === WRAPPED) return `${WRAPPED}${connector.toolPrefix}/${encodeURIComponent(uri)}`;
  return `${parts[1]}${connector.toolPrefix}${TOOL_SEPARATOR}${parts[2]}`;
}

/** The connector and the upstream's own URI behind a gateway URI; undefined when it names no connector. */
export function fromGatewayUri(catalog: Catalog, uri: string): { connector: ConnectorConfig; uri: string } | undefined {
  const parts = SCHEME_AUTHORITY.exec(uri);
  if (!parts) return undefined;
  if (parts[1]!.toLowerCase() === WRAPPED) {
    const slash = parts[2]!.indexOf('/');
    const connector = slash > 0 ? catalog.byPrefix(parts[2]!.slice(0, slash)) : undefined;
    if (!connector) return undefined;
    try {
      return { connector, uri: decodeURIComponent(parts[2]!.slice(slash + 1)) };
    } catch {
      return undefined;
    }
  }
  const at = parts[2]!.indexOf(TOOL_SEPARATOR);
  const connector = at > 0 ? catalog.byPrefix(parts[2]!.slice(0, at)) : undefined;
  return connector ? { connector, uri: `${parts[1]}${parts[2]!.slice(at + TOOL_SEPARATOR.length)}` } : undefined;
}

/** The flat tool `_meta` keys that name a widget resource (MCP Apps' legacy key, ChatGPT's); MCP Apps' own is `ui.resourceUri`. */
const FLAT_WIDGET_KEYS = ['ui/resourceUri', 'openai/outputTemplate'] as const;

const nestedWidgetUri = (meta: Record<string, unknown>): string | undefined => {
  const ui = meta.ui;
  return typeof ui === 'object' && ui !== null && typeof (ui as { resourceUri?: unknown }).resourceUri === 'string' ? (ui as { resourceUri: string }).resourceUri : undefined;
};

/** The widget resource URIs a tool's `_meta` names, as the upstream wrote them. */
export function widgetUris(meta: Record<string, unknown> | undefined): string[] {
  if (!meta) return [];
  const nested = nestedWidgetUri(meta);
  return [...(nested ? [nested] : []), ...FLAT_WIDGET_KEYS.flatMap((key) => (typeof meta[key] === 'string' ? [meta[key] as string] : []))];
}

/** The tool `_meta` with each widget resource URI it names rewritten to the gateway's URI for it. */
export function withGatewayWidgetUris(connector: ConnectorConfig, meta: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!meta) return meta;
  const rewritten: Record<string, unknown> = { ...meta };
  const nested = nestedWidgetUri(meta);
  if (nested) rewritten.ui = { ...(meta.ui as object), resourceUri: toGatewayUri(connector, nested) };
  for (const key of FLAT_WIDGET_KEYS) if (typeof meta[key] === 'string') rewritten[key] = toGatewayUri(connector, meta[key] as string);
  return rewritten;
}
