/**
 * A tool's "Connect via OAuth" round trip: the browser leaves for the vendor, the person signs in
 * and allows or denies, and the vendor sends the browser back to the gateway. A gateway under
 * --target registered its own origin with the vendor, so the browser lands there, outside the
 * proxy: the page it landed on (a plain GET) is opened again through the proxy so the rest of the
 * flow is observed and stays in the origin the client was given.
 */
import { STEP_TIMEOUT_MS } from '../adapters/pageWaits.ts';
import { signInAndDecide } from '../adapters/vendors/vendorPageAdapter.ts';
import type { Person } from '../adapters/gateways/gatewayPageAdapter.ts';
import type { StepContext } from './stepContext.ts';

export async function connectAtVendor(context: StepContext, tool: string, account: Person, decision: 'allow' | 'deny'): Promise<void> {
  // The consent page's origin: the proxy's, or an authorization server's own.
  const consentOrigin = new URL(context.page.url()).origin;
  await context.gateway.connectOAuth(context.page, tool);
  await context.page.waitForURL((url) => url.origin !== consentOrigin, { timeout: STEP_TIMEOUT_MS });
  await signInAndDecide(context.page, account, decision, context.vendorScript);
  await backOnGateway(context, consentOrigin);
}

async function backOnGateway(context: StepContext, consentOrigin: string): Promise<void> {
  const proxyOrigin = new URL(context.environment.mcpUrl).origin;
  const targetOrigin = context.environment.target === 'reference' ? proxyOrigin : new URL(context.environment.target).origin;
  await context.page.waitForURL((url) => url.origin === proxyOrigin || url.origin === targetOrigin || url.origin === consentOrigin, { timeout: STEP_TIMEOUT_MS });
  const landed = new URL(context.page.url());
  if (landed.origin !== proxyOrigin) await context.page.goto(`${proxyOrigin}${landed.pathname}${landed.search}`);
}
