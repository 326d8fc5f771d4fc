/**
 * The last middleware: everything the tool-call lane did not answer — initialize, tools/list,
 * notifications, the GET stream, DELETE — goes to the session's SDK transport, with the body
 * already parsed and the verified token as the SDK's AuthInfo.
 */
import type { Middleware } from 'koa';
import type { McpState } from './mcpState.ts';
import { sendWebResponse, toWebRequest } from './webExchange.ts';

export function sdkTransport(publicOrigin: string): Middleware<McpState> {
  return async (ctx) => {
    const response = await ctx.state.transport.handleRequest(toWebRequest(ctx, publicOrigin), { parsedBody: ctx.state.message, authInfo: ctx.state.auth });
    await sendWebResponse(ctx, response);
  };
}
