/** What the MCP endpoint's middlewares learn about a request, in the order they learn it. */
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { VerifiedAuth } from './accessTokenVerifier.ts';
import type { McpSession } from './sessionRegistry.ts';

export interface McpState {
  /** bearerAuth: the verified token. */
  auth: VerifiedAuth;
  /** messageBody: the one JSON-RPC message a POST carries (undefined for GET and DELETE). */
  message: unknown;
  /** messageBody: the message is an `initialize` request (it negotiates the version and opens a session). */
  initializing: boolean;
  /** sessionLookup: the caller's session this request belongs to (undefined while initializing). */
  session: McpSession | undefined;
  /** sessionLookup: the SDK transport of that session, or of the one `initialize` opens. */
  transport: WebStandardStreamableHTTPServerTransport;
}
