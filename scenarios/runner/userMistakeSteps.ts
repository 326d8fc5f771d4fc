/**
 * The steps of the failure catalogue (scenarios/failures/): what a person gets wrong or runs into
 * in the seed flow — Create clicked without ticking "I understand", Authorize tools tried with a
 * ticked tool not connected, a key of the wrong kind pasted with stray spaces, Deny at the vendor,
 * a tool used without pressing Refresh after it was added — and a vendor that stops honouring the
 * gateway's credentials. Each records what the page showed as evidence, then fails the way the
 * person is stuck: the diagnosis reads the evidence, never the error text.
 */
import type { UpstreamId } from '../model/scenario.ts';
import { connectAtVendor } from './vendorRoundTrip.ts';
import { referenceOnly } from './referenceOnly.ts';
import type { StepContext } from './stepContext.ts';
import type { StepDefinition } from './stepDefinition.ts';

export type UserMistakeStep = 'create-app-unacknowledged' | 'try-authorize' | 'connect-api-key-mistaken' | 'connect-oauth-denied' | 'upstream-token-expires' | 'call-added-tool';

/** After Save or the vendor's redirect: the row turns Connected (undefined), or the gateway says why not. */
async function rowOutcome(context: StepContext, upstream: UpstreamId): Promise<string | undefined> {
  const readError = context.gateway.rowError;
  if (!readError) throw new Error(`the gateway page adapter "${context.gateway.name}" cannot read a tool row's error (rowError)`);
  let settled = false;
  const connected = context.gateway.expectConnected(context.page, upstream).then(() => undefined);
  connected.catch(() => undefined); // when the error wins the race, the wait for Connected is moot
  const refused = (async () => {
    while (!settled) {
      const error = await readError(context.page, upstream).catch(() => undefined);
      if (error) return error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return new Promise<never>(() => undefined);
  })();
  try {
    return await Promise.race([connected, refused]);
  } finally {
    settled = true;
  }
}

export const USER_MISTAKE_STEPS: Record<UserMistakeStep, StepDefinition> = {
  'create-app-unacknowledged': {
    title: 'Fill in the new app but leave "I understand and want to continue" unticked',
    async run(context) {
      const attempt = context.client.createAppUnacknowledged;
      if (!attempt) throw new Error(`${context.client.displayName} has no risk acknowledgement on its create form`);
      const { createEnabled, unfilled } = await attempt(context.page, context.environment.mcpUrl, context.appName);
      if (createEnabled) return;
      context.evidence.createBlocked = unfilled;
      throw new Error(`Create stays disabled: "${unfilled}" is not ticked`);
    },
  },
  'try-authorize': {
    title: 'Try "Authorize tools" with the ticked tools as they are',
    async run(context) {
      const readState = context.gateway.authorizeState;
      if (!readState) throw new Error(`the gateway page adapter "${context.gateway.name}" cannot read the Authorize button (authorizeState)`);
      const state = await readState(context.page);
      if (state.enabled) {
        await context.gateway.authorize(context.page);
        context.observed.toolLists.push(await context.client.awaitConnected(context.page));
        return;
      }
      context.evidence.authorizeBlocked = state.notConnected as UpstreamId[];
      throw new Error(`"Authorize tools" stays disabled: ${state.notConnected.join(', ') || 'a ticked tool'} is ticked but not connected`);
    },
  },
  'connect-api-key-mistaken': {
    title: 'Paste a key of the wrong kind, with stray spaces around it, and Save',
    async run(context) {
      for (const choice of context.scenario.upstreams.filter((u) => u.method === 'api_key')) {
        const mistaken = context.environment.credentials.mistakenApiKey?.(choice.upstream);
        if (!mistaken) throw new Error('these credentials name no key of the wrong kind (mistakenApiKey)');
        context.environment.redact.remember(mistaken.key);
        // Copied from a chat or a terminal: leading and trailing blanks come along.
        await context.gateway.enterApiKey(context.page, choice.upstream, `  ${mistaken.key}  `, mistaken.username);
        const error = await rowOutcome(context, choice.upstream);
        if (!error) continue;
        context.evidence.rowErrors.push({ upstream: choice.upstream, text: context.environment.redact(error) });
        throw new Error(`the gateway refused the ${choice.upstream} key: ${error}`);
      }
    },
  },
  'connect-oauth-denied': {
    title: "Connect via OAuth, then choose Deny on the vendor's consent page",
    async run(context) {
      for (const choice of context.scenario.upstreams.filter((u) => u.method === 'oauth')) {
        await connectAtVendor(context, choice.upstream, context.environment.credentials.vendorAccount(choice.upstream), 'deny');
        const error = await rowOutcome(context, choice.upstream);
        if (!error) continue;
        context.evidence.rowErrors.push({ upstream: choice.upstream, text: context.environment.redact(error) });
        throw new Error(`${choice.upstream} is not connected: ${error}`);
      }
    },
  },
  'upstream-token-expires': {
    title: "The tool's access token expires and the vendor will not renew it",
    async run(context) {
      const reference = referenceOnly(context, 'upstream-token-expires');
      for (const choice of context.scenario.upstreams.filter((u) => u.method === 'oauth')) {
        const control = reference.stack.mocks.vendors[choice.upstream].control;
        // The vendor's knobs: refreshes fail without consuming the refresh token — to the gateway
        // that is a connection with no usable refresh token — and every live access token dies now.
        control.setFaults({ refreshInvalidGrant: true });
        control.expireAccessTokens({});
      }
    },
  },
  'call-added-tool': {
    title: 'Use the tool added at the portal, without pressing Refresh',
    async run(context) {
      const added = context.observed.grantedLater.at(-1);
      if (!added) throw new Error('no tool was added later in this scenario (grant-another-tool)');
      const readTools = context.client.shownTools;
      if (!readTools) throw new Error(`the ${context.client.displayName} adapter cannot read the tools it shows (shownTools)`);
      const shown = await readTools(context.page);
      context.observed.toolLists.push(shown);
      if (!shown.includes(added)) {
        context.evidence.unlistedTools.push(added);
        throw new Error(`the client does not list ${added}: it still shows the ${shown.length} tools of its last Refresh`);
      }
      const outcome = await context.client.callTool(context.page, added, {});
      context.observed.toolCalls.push({ name: added, ...outcome });
    },
  },
};
