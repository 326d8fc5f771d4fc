/**
 * Where a connector is validated: the reference gateway with a one-connector catalogue made from the
 * manifest, behind the observing proxy (the clients are given its MCP URL), the AI client
 * look-alikes, and Chromium — the same pieces as runner/environment.ts, with the manifest's vendor
 * instead of the mock upstreams. The gateway reaches the vendor through the upstream relay, except
 * for discovery connectors, whose Protected Resource Metadata names the vendor's own MCP URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { directoryUsers } from '../../fixtures/directory.ts';
import { loadConfig } from '../../gateway/config/loadConfig.ts';
import { createLogger } from '../../gateway/logging/logger.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';
import { UPSTREAM_CALLBACK_PATH } from '../../gateway/upstream/upstreamCallbackRoutes.ts';
import type { Person } from '../adapters/gateways/gatewayPageAdapter.ts';
import { startObservingProxy, type ObservingProxy } from '../runner/proxy/observingProxy.ts';
import { createRedactor, type Redactor } from '../reports/redaction.ts';
import { startClientLookalikes, type ClientLookalikes } from '../runner/clientLookalikes.ts';
import { gatewaySettingsBehindProxy } from '../runner/gatewayBehindProxy.ts';
import { launchHarnessChromium } from '../runner/harnessChromium.ts';
import { catalogOf } from './catalogEntry.ts';
import type { ConnectorManifest } from './manifestSchema.ts';
import { startUpstreamRelay, type UpstreamRelay } from './upstreamRelay.ts';

const DIRECTORY_SEED = 20261124;

export interface ConnectorEnvironment {
  /** The MCP URL the clients are given (the proxy's). */
  readonly mcpUrl: string;
  /** The gateway's upstream OAuth callback, as vendors see it. */
  readonly callbackUrl: string;
  readonly proxy: ObservingProxy;
  readonly relay: UpstreamRelay | undefined;
  readonly clients: ClientLookalikes;
  readonly gateway: RunningGateway;
  /** Who signs in at the gateway (a seeded directory user). */
  readonly person: Person;
  readonly redact: Redactor;
  /** Chromium, launched on first use (preflight failures never pay for it). */
  browser(): Promise<Browser>;
  close(): Promise<void>;
}

function manifestSecrets(manifest: ConnectorManifest): string[] {
  const { apiKey, oauth } = manifest.auth;
  return [apiKey?.testKey, oauth?.testClient?.clientSecret, oauth?.testAccount.password].filter((s): s is string => Boolean(s));
}

export async function startConnectorEnvironment(manifest: ConnectorManifest, options: { headed?: boolean } = {}): Promise<ConnectorEnvironment> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    const relay = manifest.auth.oauth?.discovery ? undefined : await startUpstreamRelay(manifest.mcpUrl);
    if (relay) cleanups.push(() => relay.close());
    const clients = await startClientLookalikes();
    cleanups.push(() => clients.close());
    const proxy = await startObservingProxy(undefined, { rewrite: false });
    cleanups.push(() => proxy.close());
    const root = mkdtempSync(join(tmpdir(), 'gangway-connector-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const config = loadConfig({ env: {}, overrides: gatewaySettingsBehindProxy(proxy.url, clients, root) });
    const gateway = await startGateway(config, { logger: createLogger('warn', () => undefined), catalog: catalogOf(manifest, relay?.url) });
    cleanups.push(() => gateway.close());
    proxy.setTarget(gateway.listenUrl);
    const person = directoryUsers(DIRECTORY_SEED)[0]!;
    let browser: Promise<Browser> | undefined;
    return {
      mcpUrl: `${proxy.url}${new URL(gateway.mcpUrl).pathname}`,
      callbackUrl: `${proxy.url}${UPSTREAM_CALLBACK_PATH}`,
      proxy,
      relay,
      clients,
      gateway,
      person,
      redact: createRedactor([...manifestSecrets(manifest), person.password]),
      browser() {
        browser ??= launchHarnessChromium({ hostResolverRules: clients.hostResolverRules, headed: options.headed }).then((launched) => {
          cleanups.push(() => launched.close());
          return launched.browser;
        });
        return browser;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
