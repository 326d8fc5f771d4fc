/**
 * A vendor's MCP endpoint (Streamable HTTP, stateless): each POST authenticates the caller, builds a
 * fresh McpServer whose tools, resources and prompts are bound to that caller (so what it can see is
 * decided by the token, never by a session), answers through the SDK's web-standard transport and
 * closes it. Answers are JSON, except a tools/call that may talk back while it runs (a progressToken,
 * a tool that elicits or samples, or a caller with resource subscriptions): that one answers as SSE,
 * and the server lives until the stream ends. A POST holding only answers to the server's own
 * requests is routed to the server that asked (serverRequestRelay.ts). GET and DELETE answer 405:
 * a stateless server offers no standalone stream and no session.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { SubscribeRequestSchema, UnsubscribeRequestSchema, type ServerCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { http, type HttpHandler } from 'msw';
import type { AuthFailure, Caller } from '../callerAuth.ts';
import { jsonResponse } from '../http/responses.ts';
import type { VendorCore } from '../vendorCore.ts';
import type { McpCallContext } from './clientFeatures.ts';
import { credentialFingerprint, McpConversations } from './mcpConversations.ts';
import { incomingMessages, isAnswer, isInitialize, mayTalkBack } from './incomingMessages.ts';

export interface McpEndpointOptions {
  readonly serverInfo: { readonly name: string; readonly title: string; readonly version: string };
  readonly instructions: string;
  /** The vendor's 401 for a missing, unknown, expired or revoked credential. */
  readonly unauthorized: (failure: AuthFailure) => Response;
  /** When set, OAuth tokens issued for another resource are refused (RFC 8707 audience). */
  readonly resource?: string | undefined;
  /** Resources (with subscriptions), prompts and completions, when the vendor offers them. */
  readonly capabilities?: Pick<ServerCapabilities, 'resources' | 'prompts' | 'completions'>;
  /** Tools that elicit or sample: their calls always answer as SSE. */
  readonly talkingTools?: readonly string[];
  /** Per-vendor memory across POSTs; the vendor resets it with its data. */
  readonly conversations?: McpConversations;
  readonly registerTools: (server: McpServer, caller: Caller, context: McpCallContext) => void;
}

/** Reads the body through, then runs `onDone` once: when the stream ends or the client hangs up. */
function closingWhenDone(body: ReadableStream<Uint8Array>, onDone: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        onDone();
      } else controller.enqueue(value);
    },
    cancel(reason) {
      void reader.cancel(reason);
      onDone();
    },
  });
}

export function mcpEndpoint(core: VendorCore, options: McpEndpointOptions): HttpHandler[] {
  const url = core.mcpUrl;
  const conversations = options.conversations ?? new McpConversations();
  const talkingTools = new Set(options.talkingTools ?? []);
  const rpcError = (status: number, message: string) => jsonResponse({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }, status);
  const notAllowed = () =>
    jsonResponse({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this server is stateless (POST only)' }, id: null }, 405, { allow: 'POST' });

  return [
    http.post(url, async ({ request }) => {
      const outcome = core.authenticate(request, options.resource);
      if (!outcome.ok) return options.unauthorized(outcome.failure);
      const { caller } = outcome;
      const fingerprint = credentialFingerprint(request);
      const messages = await incomingMessages(request);

      if (messages.length > 0 && messages.every(isAnswer)) {
        return conversations.relay.route(messages, fingerprint) ? new Response(null, { status: 202 }) : rpcError(400, 'Bad Request: no request of this server is waiting for that answer');
      }
      const initialize = messages.find(isInitialize);
      if (initialize) conversations.rememberCapabilities(fingerprint, initialize.params.capabilities);

      const context: McpCallContext = {
        caller,
        clientCapabilities: conversations.capabilitiesOf(fingerprint),
        isSubscribed: (uri) => conversations.isSubscribed(fingerprint, uri),
      };
      const capabilities: ServerCapabilities = { tools: { listChanged: false }, ...options.capabilities };
      const server = new McpServer(options.serverInfo, { capabilities, instructions: options.instructions });
      options.registerTools(server, caller, context);
      // McpServer marks resources and prompts `listChanged: true` as it registers them; these lists
      // never change during a call, so the vendor's declaration is restored.
      server.server.registerCapabilities(capabilities);
      if (capabilities.resources?.subscribe === true) {
        server.server.setRequestHandler(SubscribeRequestSchema, ({ params }) => (conversations.subscribe(fingerprint, params.uri), {}));
        server.server.setRequestHandler(UnsubscribeRequestSchema, ({ params }) => (conversations.unsubscribe(fingerprint, params.uri), {}));
      }
      const streaming = messages.some((m) => mayTalkBack(m, talkingTools, conversations.hasSubscriptions(fingerprint)));
      const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: !streaming });
      await server.connect(transport);
      const detach = conversations.relay.attach(transport, fingerprint);
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        detach();
        void server.close();
      };
      const authInfo = { token: 'redacted', clientId: caller.credential, scopes: [...caller.scopes], extra: { accountId: caller.accountId } };
      let response: Response;
      try {
        response = await transport.handleRequest(request, { authInfo });
      } catch (error) {
        close();
        throw error;
      }
      if (!streaming || response.body === null || !response.headers.get('content-type')?.includes('text/event-stream')) {
        close();
        return response;
      }
      return new Response(closingWhenDone(response.body, close), { status: response.status, headers: response.headers });
    }),
    http.get(url, notAllowed),
    http.delete(url, notAllowed),
  ];
}

