/**
 * Entry point of the mock upstreams — Atlassian, GitHub and Slack look-alikes with vendor OAuth,
 * API keys, MCP tools over seeded data, fault knobs and a recording (issue 3).
 *
 * Two ways to run the same behaviour (one msw handler list per vendor):
 *  - `startMockUpstreams()` — real loopback HTTP servers (browsers, other processes, `npm start`);
 *  - `createMockUpstreams({ baseUrls })` — handlers only, for msw `setupServer` in a vitest process.
 */
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'msw';
import { DEFAULT_VENDOR_SEED, VENDOR_IDS, vendorFixtures, type VendorFixtures, type VendorId } from '../fixtures/vendors/index.ts';
import { atlassianVendor } from './atlassian/index.ts';
import { listenLoopback, type LoopbackServer } from './core/http/loopbackServer.ts';
import { createMockVendor, type MockVendor, type VendorModule } from './core/mockVendor.ts';
import type { RedirectPolicy } from './core/oauth/redirectUris.ts';
import type { VendorControl } from './core/vendorControl.ts';
import type { VendorEndpoints } from './core/vendorEndpoints.ts';
import { githubVendor } from './github/index.ts';
import { slackVendor } from './slack/index.ts';

export type { VendorId } from '../fixtures/vendors/index.ts';
export type { VendorControl, TokenAction } from './core/vendorControl.ts';
export type { VendorEndpoints, VendorOAuthEndpoints, VendorApiKeyEndpoints, VendorMcpOAuthEndpoints } from './core/vendorEndpoints.ts';
export type { FaultPatch, FaultSettings } from './core/faults.ts';
export type { RecordedRequest, RecordingFilter } from './core/recording.ts';
export { ADMIN_SECRET_HEADER } from './core/adminRoutes.ts';

/** The CLI's fixed ports; code that calls startMockUpstreams gets free ports unless it asks. */
export const DEFAULT_PORTS: Readonly<Record<VendorId, number>> = { atlassian: 4101, github: 4102, slack: 4103 };

const MODULES: { readonly [V in VendorId]: VendorModule<VendorFixtures[V]> } = {
  atlassian: atlassianVendor,
  github: githubVendor,
  slack: slackVendor,
};

export interface MockUpstreamsConfig {
  /** Faker seed of accounts, keys and data; defaults to the gateway directory's seed. */
  readonly seed?: number;
  /** Guards the admin API (`X-Mock-Admin-Secret`); random when absent. */
  readonly adminSecret?: string;
  /**
   * Redirect URIs of each pre-registered OAuth app (exact match; loopback on any port). When absent
   * the app accepts any loopback http redirect URI, so a gateway on a free port just works.
   */
  readonly redirectUris?: Partial<Record<VendorId, readonly string[]>>;
}

export interface StartMockUpstreamsOptions extends MockUpstreamsConfig {
  /** Port per vendor; 0 (the default) picks a free port. */
  readonly ports?: Partial<Record<VendorId, number>>;
  /** Interface to listen on; loopback by default. */
  readonly host?: string;
}

export interface CreateMockUpstreamsOptions extends MockUpstreamsConfig {
  /** The origins the in-process handlers answer, e.g. `http://atlassian.mock.test`. */
  readonly baseUrls: Readonly<Record<VendorId, string>>;
}

export type MockVendorHandle = VendorEndpoints & { readonly control: VendorControl };

export interface MockUpstreams {
  readonly vendors: Readonly<Record<VendorId, MockVendorHandle>>;
  readonly adminSecret: string;
  readonly seed: number;
  readonly fixtures: VendorFixtures;
  /** Every vendor's handlers, for `setupServer(...handlers)`. */
  readonly handlers: readonly RequestHandler[];
  /** Resets every vendor to its seeded state (faults, tokens, data, recording). */
  reset(): void;
}

export interface RunningMockUpstreams extends MockUpstreams {
  close(): Promise<void>;
}

function checkConfig(config: MockUpstreamsConfig): { seed: number; adminSecret: string } {
  const seed = config.seed ?? DEFAULT_VENDOR_SEED;
  if (!Number.isSafeInteger(seed)) throw new Error(`mock-upstreams: seed must be an integer, got ${String(config.seed)}`);
  const adminSecret = config.adminSecret ?? randomBytes(24).toString('base64url');
  if (adminSecret.length < 16) throw new Error('mock-upstreams: adminSecret must be at least 16 characters');
  for (const [vendor, uris] of Object.entries(config.redirectUris ?? {})) {
    for (const uri of uris ?? []) {
      if (!URL.canParse(uri)) throw new Error(`mock-upstreams: redirectUris.${vendor} contains an invalid URL: ${uri}`);
    }
  }
  return { seed, adminSecret };
}

function assemble(
  config: MockUpstreamsConfig,
  checked: { seed: number; adminSecret: string },
  baseUrls: Readonly<Record<VendorId, string>>,
): { upstreams: MockUpstreams; built: Record<VendorId, MockVendor> } {
  const { seed, adminSecret } = checked;
  const fixtures = vendorFixtures(seed);
  const built = {} as Record<VendorId, MockVendor>;
  for (const id of VENDOR_IDS) {
    const redirectUris: RedirectPolicy = config.redirectUris?.[id] ?? 'any-loopback';
    built[id] = createMockVendor(MODULES[id] as VendorModule<VendorFixtures[typeof id]>, { baseUrl: baseUrls[id], adminSecret, fixtures, redirectUris });
  }
  const vendors = Object.fromEntries(VENDOR_IDS.map((id) => [id, { ...built[id].endpoints, control: built[id].control }])) as Record<VendorId, MockVendorHandle>;
  const upstreams: MockUpstreams = {
    vendors,
    adminSecret,
    seed,
    fixtures,
    handlers: VENDOR_IDS.flatMap((id) => built[id].handlers),
    reset: () => {
      for (const id of VENDOR_IDS) built[id].control.reset();
    },
  };
  return { upstreams, built };
}

/** In-process mocks: handlers for msw `setupServer`, no sockets. */
export function createMockUpstreams(options: CreateMockUpstreamsOptions): MockUpstreams {
  for (const id of VENDOR_IDS) {
    if (!URL.canParse(options.baseUrls[id])) throw new Error(`mock-upstreams: baseUrls.${id} must be an absolute URL`);
  }
  return assemble(options, checkConfig(options), options.baseUrls).upstreams;
}

/** Real loopback servers, one per vendor, answering from the same handlers. */
export async function startMockUpstreams(options: StartMockUpstreamsOptions = {}): Promise<RunningMockUpstreams> {
  // Configuration errors surface before any port is taken.
  const checked = checkConfig(options);
  for (const id of VENDOR_IDS) {
    const port = options.ports?.[id] ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`mock-upstreams: ports.${id} must be 0–65535, got ${String(port)}`);
  }
  const host = options.host ?? '127.0.0.1';
  const servers: Partial<Record<VendorId, LoopbackServer>> = {};
  const closeAll = () => Promise.all(Object.values(servers).map((s) => s.close())).then(() => undefined);
  try {
    for (const id of VENDOR_IDS) servers[id] = await listenLoopback(host, options.ports?.[id] ?? 0);
    const running = servers as Record<VendorId, LoopbackServer>;
    const { upstreams, built } = assemble(options, checked, { atlassian: running.atlassian.baseUrl, github: running.github.baseUrl, slack: running.slack.baseUrl });
    for (const id of VENDOR_IDS) running[id].serve(built[id].handlers);
    return { ...upstreams, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
