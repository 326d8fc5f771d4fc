/**
 * The reference gateway set up for the conformance suite's server mode:
 * - our everything upstream (everythingUpstream.ts), added as an API-key connector purely by
 *   catalogue configuration, its tools appearing as `conformance__<tool>` (UP-06);
 * - a user who signed in, saved the key and authorized the tools on the consent page, exactly as a
 *   browser would (tests/support/consentDriver.ts) — which yields a real gateway access token;
 * - the harness proxy (scenarios/runner/proxy/) in front, whose origin is the gateway's public URL,
 *   so the suite reaches `<proxy>/mcp` and every MCP request that carries no Authorization gets that
 *   token: the suite's server mode cannot do OAuth. Nothing else is rewritten (Origin, cookies, SSE
 *   streams, redirects pass as the suite sent them, so the Origin checks see exactly that); no
 *   exchange is recorded. The gateway knows nothing about the proxy.
 */
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { startObservingProxy } from '../../scenarios/runner/proxy/observingProxy.ts';
import { startEverythingUpstream } from './everythingUpstream.ts';

export const CONNECTOR_ID = 'conformance';
export const TOOL_PREFIX = 'conformance';
const UPSTREAM_KEY = 'conformance-everything-key';

export interface GatewayUnderTest {
  /** The MCP URL to give the suite: the proxy's /mcp, which is also the gateway's own MCP URL. */
  readonly mcpUrl: string;
  readonly accessToken: string;
  readonly stack: GatewayStack;
  close(): Promise<void>;
}

export async function startGatewayUnderTest(): Promise<GatewayUnderTest> {
  const upstream = await startEverythingUpstream(UPSTREAM_KEY);
  let accessToken: string | undefined;
  const proxy = await startObservingProxy(undefined, {
    rewrite: false,
    streamAnswers: true,
    record: false,
    addHeaders: (request): Record<string, string> => (request.path === '/mcp' && accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
  });
  let stack: GatewayStack | undefined;
  const close = async () => {
    await stack?.stop();
    await proxy.close();
    await upstream.close();
  };
  try {
    stack = await startGatewayStack({
      // An hour-long token: a slow CI machine must not turn the run into a string of 401s.
      gateway: { publicUrl: proxy.url, accessTokenTtl: 3600 },
      catalog: (catalog) => ({
        connectors: [
          ...catalog.connectors,
          {
            id: CONNECTOR_ID,
            displayName: 'Conformance everything server',
            mcpUrl: upstream.mcpUrl,
            toolPrefix: TOOL_PREFIX,
            auth: { apiKey: { scheme: 'bearer' as const, validation: { url: upstream.validationUrl }, docsUrl: 'https://modelcontextprotocol.io/' } },
          },
        ],
      }),
    });
    const gateway = stack.gateway.current;
    proxy.setTarget(gateway.listenUrl);
    const consent = await ConsentSession.open(gateway.url, gateway.mcpUrl, gateway.app.directory[0]!, { clientName: 'MCP conformance suite' });
    await consent.saveKey(CONNECTOR_ID, UPSTREAM_KEY);
    const authorized = await consent.authorize();
    const token = authorized.tokens?.access_token;
    if (typeof token !== 'string') throw new Error(`tool authorization gave no access token: ${JSON.stringify({ status: authorized.status, error: authorized.error })}`);
    accessToken = token;
    return { mcpUrl: gateway.mcpUrl, accessToken, stack, close };
  } catch (error) {
    await close();
    throw error;
  }
}
