/**
 * A connector's steps for one connect method, as a person does them — create the app in the
 * client, sign in at the gateway, tick the connector, connect it (API key, or OAuth on the vendor's
 * own pages with the manifest's page script; a public server needs no sign-in: ticking it must be
 * enough for "Authorize tools"), authorize — then through the client: every sample call, a call
 * after the upstream said the token expired (OAuth: the gateway must refresh, UP-03), a call during
 * an upstream outage and one after it (UP-05), and a call after the vendor revoked access (a tool
 * error that says to reconnect, UP-05; a public server has no credential to expire or revoke, so it
 * gets the outage only). The relay plays the vendor's 401s and 5xx, so no vendor needs test hooks.
 * connectorScenario.ts walks them through the one step engine (runner/stepSession.ts).
 */
import type { Page } from '@playwright/test';
import type { ClientAdapter, ToolCallOutcome } from '../adapters/clients/clientAdapter.ts';
import { genericGatewayAdapter } from '../adapters/gateways/genericGatewayAdapter.ts';
import { signInAndDecide } from '../adapters/vendors/vendorPageAdapter.ts';
import type { SessionStep } from '../runner/stepSession.ts';
import type { ConnectorEnvironment } from './connectorEnvironment.ts';
import type { CallRecord } from './connectorRunChecks.ts';
import { toolPrefixOf, type ConnectMethodName, type ConnectorManifest } from './manifestSchema.ts';

const gatewayPages = genericGatewayAdapter;

export interface ConnectorWalk {
  readonly steps: SessionStep[];
  /** The tool lists the client showed once connected. */
  readonly shownTools: string[][];
  /** Every tool call, with what it was for. */
  readonly calls: CallRecord[];
}

export interface ConnectorStepsInput {
  readonly manifest: ConnectorManifest;
  readonly method: ConnectMethodName;
  readonly environment: ConnectorEnvironment;
  readonly client: ClientAdapter;
  readonly page: Page;
  readonly appName: string;
}

export function connectorSteps({ manifest, method, environment, client, page, appName }: ConnectorStepsInput): ConnectorWalk {
  const relay = environment.relay;
  const prefix = toolPrefixOf(manifest);
  const gatewayOrigin = new URL(environment.mcpUrl).origin;
  const shownTools: string[][] = [];
  const calls: CallRecord[] = [];
  const call = async (purpose: CallRecord['purpose'], tool = manifest.tools[0]!): Promise<ToolCallOutcome> => {
    // Counted before the call: the refresh check looks for a new credential among the requests this call caused.
    const relayIndex = relay?.requests.length ?? 0;
    const outcome = await client.callTool(page, `${prefix}__${tool.name}`, tool.sampleCall.arguments);
    calls.push({ purpose, tool: tool.name, outcome, relayIndex });
    return outcome;
  };

  // A public server has no connect step: its select-tools step checks that ticking it is enough.
  const connectSteps: Record<ConnectMethodName, SessionStep[]> = {
    api_key: [
      {
        name: 'connect-api-key',
        title: 'Connect by the test API key (Save) until it shows Connected',
        async run() {
          const apiKey = manifest.auth.apiKey!;
          await gatewayPages.enterApiKey(page, manifest.id, apiKey.testKey, apiKey.scheme === 'basic-email-token' ? apiKey.testUsername : undefined);
          await gatewayPages.expectConnected(page, manifest.id);
        },
      },
    ],
    oauth: [
      {
        name: 'connect-oauth',
        title: "Connect via OAuth on the vendor's pages with the test account",
        async run() {
          const oauth = manifest.auth.oauth!;
          await gatewayPages.connectOAuth(page, manifest.id);
          await page.waitForURL((url) => url.origin !== gatewayOrigin, { timeout: 20_000 });
          await signInAndDecide(page, { email: oauth.testAccount.username, password: oauth.testAccount.password }, 'allow', oauth.pageScript);
          await page.waitForURL((url) => url.origin === gatewayOrigin, { timeout: 20_000 }).catch(() => {
            throw new Error(`the vendor never sent the browser back to the gateway's callback; it shows ${page.url().split('?')[0]}`);
          });
          await gatewayPages.expectConnected(page, manifest.id);
        },
      },
    ],
    none: [],
  };

  const steps: SessionStep[] = [
    { name: 'create-app', title: 'Create the app in the client with the gateway\'s MCP URL', run: () => client.createApp(page, environment.mcpUrl, appName) },
    {
      name: 'oauth-redirect',
      title: 'Redirected to the gateway; sign in',
      async run() {
        await page.waitForURL((url) => url.origin === gatewayOrigin, { timeout: 20_000 });
        await page.waitForLoadState();
        if (await page.getByRole('button', { name: 'Sign in' }).isVisible().catch(() => false)) await gatewayPages.signIn(page, environment.person);
        await gatewayPages.waitForConsent(page, client.displayName);
      },
    },
    method === 'none'
      ? {
          name: 'select-tools',
          title: `Tick ${manifest.name}; it needs no sign-in, so it is ready at once`,
          async run() {
            await gatewayPages.selectTool(page, manifest.id);
            const state = await gatewayPages.authorizeState!(page);
            if (state.notConnected.includes(manifest.id) || !state.enabled) {
              throw new Error(`the gateway asks to connect ${manifest.name} before Authorize tools, although it needs no credential (Authorize tools ${state.enabled ? 'enabled' : 'disabled'})`);
            }
          },
        }
      : { name: 'select-tools', title: `Tick ${manifest.name}`, run: () => gatewayPages.selectTool(page, manifest.id) },
    ...connectSteps[method],
    {
      name: 'authorize-tools',
      title: 'Authorize tools; back in the client, connected',
      async run() {
        await gatewayPages.authorize(page);
        shownTools.push(await client.awaitConnected(page));
      },
    },
    {
      name: 'call-tool',
      title: 'Call every sample through the gateway',
      async run() {
        for (const tool of manifest.tools) await call('sample', tool);
      },
    },
  ];
  if (relay) {
    /** One call while the relay answers every tool call with `status` in the vendor's place. */
    const callWhileVendorAnswers = async (status: 401 | 503, purpose: CallRecord['purpose']): Promise<void> => {
      relay.play({ status, times: 'always', rpcMethod: 'tools/call' });
      await call(purpose).finally(() => relay.play(undefined));
    };
    if (method === 'oauth') {
      steps.push({
        name: 'expire-access-token',
        title: 'The vendor says the access token expired; the next call must still work',
        async run() {
          relay.play({ status: 401, times: 1, rpcMethod: 'tools/call' });
          await call('after-expiry');
        },
      });
    }
    steps.push({
      name: 'call-tool',
      title: 'Call during an upstream outage (5xx), then after it',
      async run() {
        await callWhileVendorAnswers(503, 'during-outage');
        await call('after-outage');
      },
    });
    if (method !== 'none') {
      steps.push({
        name: 'revoke-connection',
        title: 'The vendor revokes access; the call must say to reconnect',
        run: () => callWhileVendorAnswers(401, 'after-revocation'),
      });
    }
  }
  return { steps, shownTools, calls };
}
