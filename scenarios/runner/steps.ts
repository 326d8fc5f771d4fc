/**
 * The steps, named after the seed document. Each does what a person does, through the adapters,
 * and records what the client showed; the protocol checks come afterwards from the traffic.
 */
import { scenarioRevision, type StepName, type UpstreamId } from '../model/scenario.ts';
import { STEP_TIMEOUT_MS } from '../adapters/pageWaits.ts';
import { connectAtVendor } from './vendorRoundTrip.ts';
import { referenceOnly } from './referenceOnly.ts';
import type { StepContext } from './stepContext.ts';
import type { StepDefinition } from './stepDefinition.ts';
import { USER_MISTAKE_STEPS } from './userMistakeSteps.ts';
import { CREDENTIAL_STEPS, chooseToolCall } from './credentialSteps.ts';
import { FEATURE_STEPS } from './featureSteps.ts';

/** A trivial, read-only call per upstream: what "call a tool" means in a scenario. */
const SAMPLE_CALLS: Record<UpstreamId, { name: string; args: Record<string, unknown> }> = {
  github: { name: 'github__list_repositories', args: {} },
  atlassian: { name: 'atlassian__jira_search_issues', args: { jql: 'project = ENG' } },
  slack: { name: 'slack__list_channels', args: {} },
};

const SECOND_UPSTREAM: Record<UpstreamId, UpstreamId> = { github: 'slack', atlassian: 'github', slack: 'github' };

/** Seed scenarios: on the gateway's origin. The generic one: anywhere but the client (an authorization server may live on another origin). */
function onGateway(context: StepContext): boolean {
  const origin = new URL(context.page.url()).origin;
  return context.scenario.upstreams.length ? origin === new URL(context.environment.mcpUrl).origin : origin !== context.client.origin;
}

export const STEPS: Record<StepName, StepDefinition> = {
  'create-app': {
    title: 'Create the app in the client with the MCP server URL',
    async run(context) {
      await context.client.createApp(context.page, context.environment.mcpUrl, context.appName, scenarioRevision(context.scenario));
    },
  },
  'oauth-redirect': {
    title: 'Redirected to the gateway; sign in',
    async run(context) {
      // The browser leaves the client for the gateway's (or its authorization server's) pages —
      // or comes straight back connected when the server asks nothing — or the client shows why not.
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      while (new URL(context.page.url()).origin === context.client.origin) {
        if (!context.scenario.upstreams.length && (await context.client.showsConnected(context.page))) return;
        const shown = await context.client.shownError(context.page).catch(() => undefined);
        if (shown || Date.now() > deadline) throw new Error(`the client never sent the browser to the gateway${shown ? `; it shows: ${shown}` : ''}`);
        await context.page.waitForTimeout(250);
      }
      await context.page.waitForLoadState();
      const signInShown = context.gateway.showsSignIn
        ? await context.gateway.showsSignIn(context.page)
        : await context.page.getByRole('button', { name: 'Sign in' }).isVisible().catch(() => false);
      if (signInShown) {
        await context.gateway.signIn(context.page, context.environment.credentials.person);
      }
      await context.gateway.waitForConsent(context.page, context.client.displayName);
    },
  },
  'select-tools': {
    title: 'Tick the tools the AI may use',
    async run(context) {
      for (const choice of context.scenario.upstreams) await context.gateway.selectTool(context.page, choice.upstream);
    },
  },
  'connect-api-key': {
    title: 'Connect by personal API key (Save) until it shows Connected',
    async run(context) {
      for (const choice of context.scenario.upstreams.filter((u) => u.method === 'api_key')) {
        const { key, username } = context.environment.credentials.apiKey(choice.upstream);
        context.environment.redact.remember(key);
        await context.gateway.enterApiKey(context.page, choice.upstream, key, username);
        await context.gateway.expectConnected(context.page, choice.upstream);
      }
    },
  },
  'connect-oauth': {
    title: 'Connect via OAuth on the vendor\'s pages until it shows Connected',
    async run(context) {
      for (const choice of context.scenario.upstreams.filter((u) => u.method === 'oauth')) {
        await connectAtVendor(context, choice.upstream, context.environment.credentials.vendorAccount(choice.upstream), 'allow');
        await context.gateway.expectConnected(context.page, choice.upstream);
      }
    },
  },
  'authorize-tools': {
    title: 'Authorize tools; back in the client, connected',
    async run(context) {
      // The generic scenario may find the browser back in the client already: the server asked for no consent.
      const backInClient = !context.scenario.upstreams.length && new URL(context.page.url()).origin === context.client.origin;
      if (!backInClient) {
        if (!onGateway(context)) throw new Error('not on the gateway\'s consent page');
        await context.gateway.authorize(context.page);
      }
      context.observed.toolLists.push(await context.client.awaitConnected(context.page));
    },
  },
  refresh: {
    title: 'Refresh the tool list in the client',
    async run(context) {
      context.observed.toolLists.push(await context.client.refresh(context.page));
    },
  },
  'call-tool': {
    title: 'Call a tool through the gateway',
    async run(context) {
      // A seed scenario calls its tool's sample; the generic one what the credentials name (or a tool needing no arguments).
      const first = context.scenario.upstreams[0];
      const call = first ? SAMPLE_CALLS[first.upstream] : chooseToolCall(context);
      const outcome = await context.client.callTool(context.page, call.name, call.args);
      context.observed.toolCalls.push({ name: call.name, ...outcome });
      if (outcome.isError && !context.scenario.steps.includes('revoke-connection')) throw new Error(`${call.name} failed: ${outcome.text.slice(0, 300)}`);
    },
  },
  'expire-access-token': {
    title: 'Wait for the access token to expire',
    async run(context) {
      const ttl = Number(context.scenario.gateway?.accessTokenTtl ?? 0);
      if (!ttl) throw new Error('the scenario sets no short accessTokenTtl');
      // Resource servers allow some clock skew (the reference gateway 5 s): wait past it too.
      await context.page.waitForTimeout((ttl + 7) * 1000);
    },
  },
  'grant-another-tool': {
    title: 'Add another tool for this client at the gateway\'s portal',
    async run(context) {
      referenceOnly(context, 'grant-another-tool');
      const upstream = SECOND_UPSTREAM[context.scenario.upstreams[0]!.upstream];
      const portal = await context.page.context().newPage();
      try {
        await portal.goto(`${new URL(context.environment.mcpUrl).origin}/portal/connections`);
        const connected = portal.locator(`li.connector[data-connector="${upstream}"] .status.connected`);
        // An earlier scenario of the same user may have connected this vendor already; the portal then
        // shows the connection instead of a key form, which is the state a returning user sees.
        if ((await connected.count()) === 0) {
          const { key, username } = context.environment.credentials.apiKey(upstream);
          context.environment.redact.remember(key);
          const row = portal.locator(`li.connector[data-connector="${upstream}"]`);
          if (username) await row.locator('input[name="api_user"]').fill(username);
          await row.locator('input[name="api_key"]').fill(key);
          await row.getByRole('button', { name: 'Save' }).click();
          await connected.waitFor();
        }
        // This run's client: the one the proxy saw at the authorization endpoint (the same person
        // may have authorized other apps of the same AI client before).
        const authorize = context.environment.proxy.exchanges.findLast((e) => e.request.query.has('client_id') && e.request.query.has('code_challenge'));
        const clientId = authorize?.request.query.get('client_id');
        if (!clientId) throw new Error('no authorization request seen: which client to add the tool for is unknown');
        const clientRow = portal.locator(`li.connector[data-client="${clientId}"]`);
        await clientRow.getByRole('checkbox', { name: new RegExp(`^${upstream}$`, 'i') }).check();
        await clientRow.getByRole('button', { name: 'Save tools' }).click();
        await portal.waitForLoadState();
        context.observed.grantedLater.push(SAMPLE_CALLS[upstream].name);
      } finally {
        await portal.close();
      }
    },
  },
  'revoke-connection': {
    title: 'The tool vendor revokes the connection',
    async run(context) {
      const reference = referenceOnly(context, 'revoke-connection');
      reference.stack.mocks.vendors[context.scenario.upstreams[0]!.upstream].control.revokeTokens({ apiKeys: true });
    },
  },
  'restart-gateway': {
    title: 'Restart the gateway process',
    async run(context) {
      await referenceOnly(context, 'restart-gateway').restart();
    },
  },
  ...USER_MISTAKE_STEPS,
  ...CREDENTIAL_STEPS,
  ...FEATURE_STEPS,
};
