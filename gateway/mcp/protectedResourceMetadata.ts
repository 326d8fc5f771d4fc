/**
 * RFC 9728 Protected Resource Metadata for the MCP endpoint.
 * AUTH-01  `authorization_servers` names the gateway's own issuer
 * AUTH-03  served at the path-suffixed location (/.well-known/oauth-protected-resource/mcp) and at
 *          the root, for clients that strip the path
 * AUTH-04  `resource` is exactly the MCP URL users paste, path included, no trailing slash
 * AUTH-05  `scopes_supported` is minimal: the one resource scope
 * Each per-connector endpoint (`/mcp/<connector>`, issue 13) is a protected resource of its own, with
 * its own document at its own path-suffixed location, naming its own URL as `resource`.
 */
import Router from '@koa/router';
import { MCP_PATH } from '../config/loadConfig.ts';
import { connectorMcpUrl } from '../oauth/resourceIndicators.ts';
import { MCP_SCOPE } from '../oauth/scopes.ts';

export const PRM_ROOT_PATH = '/.well-known/oauth-protected-resource';
export const PRM_PATH = `${PRM_ROOT_PATH}${MCP_PATH}`;
/** Where a connector's own endpoint's metadata is served, after the gateway's public URL. */
export const connectorPrmPath = (connectorId: string) => connectorMcpUrl(PRM_PATH, connectorId);

export interface PrmOptions {
  readonly issuer: string;
  readonly mcpUrl: string;
  readonly portalUrl: string;
  /** The connectors, each with an endpoint of its own. */
  readonly connectors: readonly { readonly id: string; readonly displayName: string }[];
}

const AGGREGATED_NAME = 'Gangway AI Gateway';

export function protectedResourceMetadata({ issuer, mcpUrl }: Pick<PrmOptions, 'issuer' | 'mcpUrl'>, resourceName = AGGREGATED_NAME) {
  return {
    resource: mcpUrl,
    authorization_servers: [issuer],
    scopes_supported: [MCP_SCOPE],
    bearer_methods_supported: ['header'],
    resource_name: resourceName,
  };
}

export function protectedResourceMetadataRoutes(options: PrmOptions): Router {
  const router = new Router();
  const aggregated = { ...protectedResourceMetadata(options), resource_documentation: options.portalUrl };
  const documents: [string, object][] = [
    [PRM_PATH, aggregated],
    [PRM_ROOT_PATH, aggregated],
    ...options.connectors.map((connector): [string, object] => [
      connectorPrmPath(connector.id),
      { ...protectedResourceMetadata({ issuer: options.issuer, mcpUrl: connectorMcpUrl(options.mcpUrl, connector.id) }, `${AGGREGATED_NAME}: ${connector.displayName}`), resource_documentation: options.portalUrl },
    ]),
  ];
  for (const [path, document] of documents) {
    router.get(path, (ctx) => {
      // Public metadata: any origin may read it (CLIENT-INSPECTOR-02, browser-based clients).
      ctx.set('Access-Control-Allow-Origin', '*');
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.body = document;
    });
    router.options(path, (ctx) => {
      ctx.set('Access-Control-Allow-Origin', '*');
      ctx.set('Access-Control-Allow-Methods', 'GET, OPTIONS');
      ctx.set('Access-Control-Allow-Headers', ctx.get('Access-Control-Request-Headers') || 'mcp-protocol-version');
      ctx.status = 204;
    });
  }
  return router;
}
