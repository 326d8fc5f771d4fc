/**
 * The reference gateway set up for the conformance suite's server mode:
 * - our everything upstream (everythingUpstream.ts), added as an API-key connector purely by
 *   catalogue configuration, its tools appearing as `conformance__<tool>` (UP-06);
 * - a user who signed in, saved the key and authorized the tools on the consent page, exactly as a
 *   browser would (tests/support/consentDriver.ts) — twice, because tokens are audience-bound per
 *   endpoint (RFC 8707): once for the aggregated `/mcp`, once for the connector's own endpoint
 *   `/mcp/conformance` (the upstream exactly as it is, no prefixes);
 * - the harness proxy (scenarios/runner/proxy/) in front, whose origin is the gateway's public URL,
 *   so the suite reaches `<proxy>/mcp` or `<proxy>/mcp/conformance` and every MCP request that
 *   carries no Authorization gets the token of the endpoint it goes to: the suite's server mode
 *   cannot do OAuth. Nothing else is rewritten (Origin, cookies, SSE
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
  /** The token for mcpUrl (the aggregated endpoint). */
  readonly accessToken: string;
  /** The connector's own endpoint, `<mcpUrl>/conformance`: the upstream's names, no prefixes. */
  readonly connectorUrl: string;
  /** The token for connectorUrl (its audience is that URL, so it opens nothing else). */
  readonly connectorToken: string;
  readonly stack: GatewayStack;
  close(): Promise<void>;
}

export async function startGatewayUnderTest(): Promise<GatewayUnderTest> {
  const upstream = await startEverythingUpstream(UPSTREAM_KEY);
  /** The token per endpoint path, filled in once the user has authorized both. */
  const tokens = new Map<string, string>();
  const proxy = await startObservingProxy(undefined, {
    rewrite: false,
    streamAnswers: true,
    record: false,
    addHeaders: (request): Record<string, string> => {
      const token = tokens.get(request.path);
      return token ? { authorization: `Bearer ${token}` } : {};
    },
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
    const connectorUrl = `${gateway.mcpUrl}/${CONNECTOR_ID}`;
    const tokenFor = async (resource: string): Promise<string> => {
      const consent = await ConsentSession.open(gateway.url, resource, gateway.app.directory[0]!, { clientName: 'MCP conformance suite' });
      await consent.saveKey(CONNECTOR_ID, UPSTREAM_KEY);
      const authorized = await consent.authorize();
      const token = authorized.tokens?.access_token;
      if (typeof token !== 'string') throw new Error(`tool authorization for ${resource} gave no access token: ${JSON.stringify({ status: authorized.status, error: authorized.error })}`);
      tokens.set(new URL(resource).pathname, token);
      return token;
    };
    const accessToken = await tokenFor(gateway.mcpUrl);
    const connectorToken = await tokenFor(connectorUrl);
    return { mcpUrl: gateway.mcpUrl, accessToken, connectorUrl, connectorToken, stack, close };
  } catch (error) {
    await close();
    throw error;
  }
}
