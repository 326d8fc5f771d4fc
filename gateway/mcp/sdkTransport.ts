/**
 * The last middleware: everything the tool-call lane did not answer — initialize, tools/list,
 * notifications, the GET stream, DELETE — goes to the session's SDK transport, with the body
 * already parsed and the verified token as the SDK's AuthInfo.
 */
import type { Middleware } from 'koa';
import type { McpState } from './mcpState.ts';
import type { SessionSharing } from './sessionSharing.ts';
import { sendWebResponse, toWebRequest } from './webExchange.ts';

export function sdkTransport(publicOrigin: string, shared: SessionSharing): Middleware<McpState> {
  return async (ctx) => {
    const response = await ctx.state.transport.handleRequest(toWebRequest(ctx, publicOrigin), { parsedBody: ctx.state.message, authInfo: ctx.state.auth });
    const { session } = ctx.state;
    // The session's GET stream is here now: this replica sends its notifications (sessionSharing.ts).
    if (ctx.method === 'GET' && session && response.status === 200) {
      session.listening = true;
      shared.listening(session.id);
    }
    await sendWebResponse(ctx, response);
  };
}
