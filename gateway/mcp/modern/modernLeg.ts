/**
 * One URL, three revisions (issue 13 item 3): a request that claims 2026-07-28 — the per-request
 * `_meta` envelope, or a modern `MCP-Protocol-Version` — goes to the stateless 2026 handler; all
 * else (initialize, sessions, the GET stream, DELETE) goes on to the 2025 session path unchanged.
 * The decision is the SDK's own (`isLegacyRequest`), asked only when the request could be modern
 * at all, so the 2025 hot path (tools/call on the JSON lane) pays for one property lookup.
 * Authentication, the origin check and the body limit ran before, for both.
 */
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import type { Middleware } from 'koa';
import { JSONRPC_INVALID_REQUEST, McpTransportRefusal } from '../../errors/wireErrors.ts';
import { META_PROTOCOL_VERSION, SPEC_REVISIONS, STATELESS_REVISION } from '../../../wire/protocolVersions.ts';
import type { EndpointServices } from '../connectorScope.ts';
import type { McpState } from '../mcpState.ts';
import { sendWebResponse, toWebRequest } from '../webExchange.ts';
import { modernSdk, type ModernHandlers } from './modernHandlers.ts';

const LEGACY_VERSIONS = new Set<string>(SUPPORTED_PROTOCOL_VERSIONS);

/** Whether the request claims a revision after 2025 anywhere the spec lets it (body envelope or header). */
function claimsModern(message: unknown, headerVersion: string): boolean {
  if (headerVersion && !LEGACY_VERSIONS.has(headerVersion)) return true;
  const meta = (message as { params?: { _meta?: Record<string, unknown> } } | null)?.params?._meta;
  return typeof meta === 'object' && meta !== null && META_PROTOCOL_VERSION in meta;
}

/** The resource URIs a `subscriptions/listen` request asks to hear about. */
function listenedUris(message: unknown): string[] {
  const body = message as { method?: unknown; params?: { notifications?: { resourceSubscriptions?: unknown } } } | null;
  const uris = body?.method === 'subscriptions/listen' ? body.params?.notifications?.resourceSubscriptions : undefined;
  return Array.isArray(uris) ? uris.filter((uri): uri is string => typeof uri === 'string').slice(0, MAX_LISTENED_URIS) : [];
}
const MAX_LISTENED_URIS = 100;

/** The 2025 revisions served on the same URL, newest first (wire/protocolVersions.ts). */
const SERVED_LEGACY_VERSIONS = SPEC_REVISIONS.filter((revision) => revision !== STATELESS_REVISION).reverse();

const isDiscover = (message: unknown) => (message as { method?: unknown } | null)?.method === 'server/discover';

/**
 * The SDK's `server/discover` lists only its modern revision (it cannot know what else the URL
 * serves); this URL also serves 2025-11-25 and 2025-06-18 through `initialize`, and the spec's
 * versioning example lists every revision the server speaks — so the answer says so.
 */
async function withLegacyVersions(response: Response): Promise<Response> {
  if (!response.headers.get('content-type')?.includes('application/json')) return response;
  const body = (await response.json()) as { result?: { supportedVersions?: unknown } };
  const listed = body.result?.supportedVersions;
  if (Array.isArray(listed)) body.result!.supportedVersions = [...new Set([...listed, ...SERVED_LEGACY_VERSIONS])];
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: response.status, headers });
}

export function modernLeg(handlers: ModernHandlers, services: EndpointServices, publicOrigin: string): Middleware<McpState> {
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || !claimsModern(ctx.state.message, ctx.get('MCP-Protocol-Version'))) return next();
    // The SDK leaves the media type to a hand-wired composition; the 2025 transport checks its own.
    if (!ctx.is('application/json')) throw new McpTransportRefusal(415, JSONRPC_INVALID_REQUEST, 'Unsupported Media Type: send the JSON-RPC message with Content-Type: application/json');
    const request = toWebRequest(ctx, publicOrigin);
    // Loaded with the first request that claims 2026 (modernHandlers.ts says why).
    const { isLegacyRequest } = await modernSdk();
    if (await isLegacyRequest(request, ctx.state.message)) return next();
    // The SDK's listen router keeps the stream; the upstream must be subscribed for updates to come
    // at all — through the same grant check as a 2025 resources/subscribe (a URI the caller may not
    // read is not subscribed upstream, so nothing about it is published).
    const uris = listenedUris(ctx.state.message);
    if (uris.length) {
      const caller = await services.resolveCaller(ctx.state.auth);
      await Promise.all(uris.map((uri) => services.resources.subscribe(caller, uri).catch(() => false)));
    }
    const response = await (await handlers.for(ctx.state.auth, services)).fetch(request, { authInfo: ctx.state.auth, parsedBody: ctx.state.message });
    await sendWebResponse(ctx, isDiscover(ctx.state.message) ? await withLegacyVersions(response) : response);
  };
}
