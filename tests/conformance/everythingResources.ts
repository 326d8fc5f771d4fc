/**
 * The resources the conformance suite's server scenarios read and subscribe to
 * (resources-list, resources-read-text, resources-read-binary, resources-templates-read,
 * resources-subscribe, resources-unsubscribe), each answering exactly as the scenario's stated
 * requirements show. Subscriptions are kept per upstream session; `update_watched_resource` changes
 * `test://watched-resource` and tells the session's subscribers (notifications/resources/updated), so
 * a test can prove that updates reach a client through the gateway and stop after unsubscribe.
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { PNG } from './everythingTools.ts';

export const WATCHED_URI = 'test://watched-resource';

/** Must be called before the server connects: it adds the `resources.subscribe` capability. */
export function registerEverythingResources(mcp: McpServer): void {
  mcp.server.registerCapabilities({ resources: { subscribe: true } });

  mcp.registerResource('static-text', 'test://static-text', { description: 'A fixed text resource.', mimeType: 'text/plain' }, (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'This is the content of the static text resource.' }],
  }));
  mcp.registerResource('static-binary', 'test://static-binary', { description: 'A fixed 1x1 PNG.', mimeType: 'image/png' }, (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'image/png', blob: PNG }],
  }));
  mcp.registerResource(
    'template-data',
    new ResourceTemplate('test://template/{id}/data', { list: undefined }),
    { description: 'JSON data for the id in the URI.', mimeType: 'application/json' },
    (uri, { id }) => ({
      contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify({ id: String(id), templateTest: true, data: `Data for ID: ${String(id)}` }) }],
    }),
  );

  let version = 1;
  mcp.registerResource('watched-resource', WATCHED_URI, { description: 'A resource that changes when update_watched_resource runs.', mimeType: 'text/plain' }, (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'text/plain', text: `Watched resource, version ${version}.` }],
  }));

  const subscribed = new Set<string>();
  mcp.server.setRequestHandler(SubscribeRequestSchema, ({ params }) => (subscribed.add(params.uri), {}));
  mcp.server.setRequestHandler(UnsubscribeRequestSchema, ({ params }) => (subscribed.delete(params.uri), {}));

  mcp.registerTool('update_watched_resource', { description: `Changes ${WATCHED_URI}; its subscribers are told.`, inputSchema: {} }, async (_args, extra) => {
    version += 1;
    // On this request's stream, so the gateway relays it without needing a standalone GET stream.
    if (subscribed.has(WATCHED_URI)) await extra.sendNotification({ method: 'notifications/resources/updated', params: { uri: WATCHED_URI } });
    return { content: [{ type: 'text', text: `${WATCHED_URI} is now version ${version}.` }] };
  });
}
