/**
 * Where a connector is validated: the reference gateway with a one-connector catalogue made from the
 * manifest, in the harness every scenario runs in (runner/harness.ts: the observing proxy the
 * clients are given, the AI client look-alikes, Chromium on first use, the redactor, cleanup) — with
 * the manifest's vendor instead of the mock upstreams. What is this file's own: the catalogue, and the
 * upstream relay through which the gateway reaches the vendor, except for discovery connectors,
 * whose Protected Resource Metadata names the vendor's own MCP URL.
 */
import type { Browser } from '@playwright/test';
import { createLogger, loadConfig, UPSTREAM_CALLBACK_PATH, type RunningGateway } from '../../gateway/index.ts';
import { startDemoGateway } from '../../stack/demoGateway.ts';
import type { Person } from '../adapters/gateways/gatewayPageAdapter.ts';
import { buildOnHarness, type HarnessEnvironment } from '../runner/harness.ts';
import { catalogOf } from './catalogEntry.ts';
import type { ConnectorManifest } from './manifestSchema.ts';
import { startUpstreamRelay, type UpstreamRelay } from './upstreamRelay.ts';

export interface ConnectorEnvironment extends HarnessEnvironment {
  /** The gateway's upstream OAuth callback, as vendors see it. */
  readonly callbackUrl: string;
  readonly relay: UpstreamRelay | undefined;
  readonly gateway: RunningGateway;
  /** Who signs in at the gateway (a seeded directory user). */
  readonly person: Person;
  /** Chromium, launched on first use (preflight failures never pay for it). */
  browser(): Promise<Browser>;
}

function manifestSecrets(manifest: ConnectorManifest): string[] {
  const { apiKey, oauth } = manifest.auth;
  return [apiKey?.testKey, oauth?.testClient?.clientSecret, oauth?.testAccount.password].filter((s): s is string => Boolean(s));
}

export function startConnectorEnvironment(manifest: ConnectorManifest, options: { headed?: boolean } = {}): Promise<ConnectorEnvironment> {
  return buildOnHarness({ headed: options.headed }, async (harness) => {
    const relay = manifest.auth.oauth?.discovery ? undefined : await startUpstreamRelay(manifest.mcpUrl);
    if (relay) harness.onClose(() => relay.close());
    const config = loadConfig({ env: {}, overrides: harness.gatewaySettings('gangway-connector-') });
    const gateway = await startDemoGateway(config, { logger: createLogger('warn', () => undefined), catalog: catalogOf(manifest, relay?.url) });
    harness.onClose(() => gateway.close());
    harness.proxy.setTarget(gateway.listenUrl);
    harness.redact.remember(...manifestSecrets(manifest));
    return {
      mcpUrl: harness.mcpUrlFor(gateway.mcpUrl),
      callbackUrl: `${harness.proxy.url}${UPSTREAM_CALLBACK_PATH}`,
      proxy: harness.proxy,
      relay,
      clients: harness.clients,
      gateway,
      person: harness.person,
      redact: harness.redact,
      browser: () => harness.browser(),
      close: () => harness.close(),
    };
  });
}
