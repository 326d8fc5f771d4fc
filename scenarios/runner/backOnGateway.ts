/**
 * Waits until the vendor has sent the browser back to the gateway. A gateway under --target
 * registered its own origin with the vendor, so the browser lands there, outside the proxy: the
 * page it landed on (a plain GET) is opened again through the proxy so the rest of the flow is
 * observed and stays in the origin the client was given.
 */
import type { StepContext } from './stepContext.ts';

export async function backOnGateway(context: StepContext): Promise<void> {
  const proxyOrigin = new URL(context.environment.mcpUrl).origin;
  const targetOrigin = context.environment.target === 'reference' ? proxyOrigin : new URL(context.environment.target).origin;
  await context.page.waitForURL((url) => url.origin === proxyOrigin || url.origin === targetOrigin, { timeout: 20_000 });
  const landed = new URL(context.page.url());
  if (landed.origin !== proxyOrigin) await context.page.goto(`${proxyOrigin}${landed.pathname}${landed.search}`);
}
