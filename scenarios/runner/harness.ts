/**
 * The one harness setup every environment builds on — runner/environment.ts (scenarios, the
 * reference stack or a foreign target) and connectors/connectorEnvironment.ts (a vendor's connector)
 * add only what is their own. Here: the AI client look-alikes, the observing proxy the clients are
 * given instead of the gateway, the settings of a gateway of ours behind it (its data in a temporary
 * folder), Debian's Chromium (launched on first use), the redactor, and one cleanup list that closes
 * all of it in reverse order — also when setup fails half-way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { directoryUsers, type DirectoryFixtureUser } from '../../fixtures/directory.ts';
import type { SettingName } from '../../gateway/index.ts';
import { createRedactor, type Redactor } from '../reports/redaction.ts';
import { startClientLookalikes, type ClientLookalikes } from './clientLookalikes.ts';
import { gatewaySettingsBehindProxy } from './gatewayBehindProxy.ts';
import { launchHarnessChromium } from './harnessChromium.ts';
import { startObservingProxy, type ObservingProxy } from './proxy/observingProxy.ts';

/** The seed of the directory users and vendor fixtures every harness run signs in with. */
export const HARNESS_SEED = 20261124;

/** What every harness environment offers the runs in it. */
export interface HarnessEnvironment {
  /** The MCP URL the clients are given (the proxy's). */
  readonly mcpUrl: string;
  readonly proxy: ObservingProxy;
  readonly clients: ClientLookalikes;
  readonly redact: Redactor;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** A foreign gateway's MCP URL: the proxy rewrites origins and follows discovery to other origins. */
  readonly target?: string | undefined;
  readonly headed?: boolean | undefined;
  /** Client look-alikes already running (a gateway was wired to them); left running on close. */
  readonly clients?: ClientLookalikes | undefined;
}

export interface Harness {
  readonly clients: ClientLookalikes;
  readonly proxy: ObservingProxy;
  /** Knows every seeded directory user's password from the start; environments remember more. */
  readonly redact: Redactor;
  /** The seeded directory user who signs in at a gateway of ours. */
  readonly person: DirectoryFixtureUser;
  /** Settings for a gateway of ours behind the proxy; its data folder is removed on close. */
  gatewaySettings(prefix: string): Partial<Record<SettingName, unknown>>;
  /** The MCP URL the clients are given for a gateway's MCP URL: the same path at the proxy. */
  mcpUrlFor(gatewayMcpUrl: string): string;
  /** Chromium, launched on first use (a run that never needs a browser never pays for it). */
  browser(): Promise<Browser>;
  /** Something to close with the harness (closed before what was set up earlier). */
  onClose(cleanup: () => Promise<void> | void): void;
  close(): Promise<void>;
}

async function startHarness(options: HarnessOptions, cleanups: (() => Promise<void> | void)[]): Promise<Harness> {
  const given = options.clients;
  const clients = given ?? (await startClientLookalikes());
  if (!given) cleanups.push(() => clients.close());
  // A foreign gateway's authorization server may live on another origin: the proxy follows it there.
  const proxy = await startObservingProxy(options.target, { rewrite: Boolean(options.target), follow: Boolean(options.target) });
  cleanups.push(() => proxy.close());
  const users = directoryUsers(HARNESS_SEED);
  let browser: Promise<Browser> | undefined;
  return {
    clients,
    proxy,
    redact: createRedactor(users.map((user) => user.password)),
    person: users[0]!,
    gatewaySettings(prefix) {
      const root = mkdtempSync(join(tmpdir(), prefix));
      cleanups.push(() => rmSync(root, { recursive: true, force: true }));
      return gatewaySettingsBehindProxy(proxy.url, clients, root);
    },
    mcpUrlFor: (gatewayMcpUrl) => `${proxy.url}${new URL(gatewayMcpUrl).pathname}`,
    browser() {
      browser ??= launchHarnessChromium({ hostResolverRules: clients.hostResolverRules, headed: options.headed }).then((launched) => {
        cleanups.push(() => launched.close());
        return launched.browser;
      });
      return browser;
    },
    onClose: (cleanup) => void cleanups.push(cleanup),
    close: () => closeAll(cleanups),
  };
}

/** Every cleanup runs, last first, even when one fails; the first failure is reported after all ran. */
async function closeAll(cleanups: (() => Promise<void> | void)[]): Promise<void> {
  let failure: unknown;
  for (const cleanup of cleanups.splice(0).reverse()) {
    await Promise.resolve()
      .then(cleanup)
      .catch((error: unknown) => (failure ??= error));
  }
  if (failure !== undefined) throw failure;
}

/**
 * Starts the harness and builds an environment on it; when building fails, everything started so
 * far is closed before the error goes on.
 */
export async function buildOnHarness<T>(options: HarnessOptions, build: (harness: Harness) => Promise<T>): Promise<T> {
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    return await build(await startHarness(options, cleanups));
  } catch (error) {
    await closeAll(cleanups).catch(() => undefined);
    throw error;
  }
}
