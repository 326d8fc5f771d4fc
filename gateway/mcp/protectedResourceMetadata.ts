/**
 * RFC 9728 Protected Resource Metadata for the MCP endpoint.
 * AUTH-01  `authorization_servers` names the gateway's own issuer
 * AUTH-03  served at the path-suffixed location (/.well-known/oauth-protected-resource/mcp) and at
 *          the root, for clients that strip the path
 * AUTH-04  `resource` is exactly the MCP URL users paste, path included, no trailing slash
 * AUTH-05  `scopes_supported` is minimal: the one resource scope
 */
import Router from '@koa/router';
import { MCP_PATH } from '../config/loadConfig.ts';
import { MCP_SCOPE } from '../oauth/scopes.ts';

export const PRM_ROOT_PATH = '/.well-known/oauth-protected-resource';
export const PRM_PATH = `${PRM_ROOT_PATH}${MCP_PATH}`;

export interface PrmOptions {
  readonly issuer: string;
  readonly mcpUrl: string;
  readonly portalUrl: string;
}

export function protectedResourceMetadata({ issuer, mcpUrl }: Pick<PrmOptions, 'issuer' | 'mcpUrl'>) {
  return {
    resource: mcpUrl,
    authorization_servers: [issuer],
    scopes_supported: [MCP_SCOPE],
    bearer_methods_supported: ['header'],
    resource_name: 'Gangway AI Gateway',
  };
}

export function protectedResourceMetadataRoutes(options: PrmOptions): Router {
  const router = new Router();
  const document = { ...protectedResourceMetadata(options), resource_documentation: options.portalUrl };
  for (const path of [PRM_PATH, PRM_ROOT_PATH]) {
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
