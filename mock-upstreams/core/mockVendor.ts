/**
 * Assembles one mock vendor from the shared core and a vendor module:
 *   [admin API handlers…, gate → (login/consent pages + the vendor's routes)]
 * The resulting msw handler list is the vendor's whole behaviour; index.ts serves it in-process
 * (setupServer) or over loopback HTTP.
 */
import type { RequestHandler, HttpHandler } from 'msw';
import type { VendorFixtures } from '../../fixtures/vendors/index.ts';
import type { VendorCredentialsFixture, VendorId } from '../../fixtures/vendors/types.ts';
import { adminRoutes } from './adminRoutes.ts';
import type { OAuthClient } from './oauth/clientRegistry.ts';
import { interactionRoutes } from './oauth/interactionRoutes.ts';
import type { RedirectPolicy } from './oauth/redirectUris.ts';
import { requestGate } from './requestGate.ts';
import { VendorCore, type VendorProfile } from './vendorCore.ts';
import { createVendorControl, type VendorControl } from './vendorControl.ts';
import type { VendorEndpoints } from './vendorEndpoints.ts';

export interface VendorBuild {
  readonly routes: readonly HttpHandler[];
  readonly endpoints: Omit<VendorEndpoints, 'id' | 'displayName' | 'baseUrl' | 'mcpUrl' | 'adminUrl'>;
  /** Restores the vendor's mutable data (issues, messages…) to the seeded fixture. */
  resetData(): void;
}

export interface VendorModule<F extends VendorCredentialsFixture> {
  readonly profile: VendorProfile;
  fixtureOf(fixtures: VendorFixtures): F;
  /** The pre-registered OAuth apps, with the redirect policy the caller configured. */
  clientsOf(fixture: F, redirectUris: RedirectPolicy): OAuthClient[];
  build(core: VendorCore, fixture: F): VendorBuild;
}

export interface MockVendor {
  readonly id: VendorId;
  readonly endpoints: VendorEndpoints;
  readonly control: VendorControl;
  readonly handlers: readonly RequestHandler[];
}

export interface MockVendorOptions {
  readonly baseUrl: string;
  readonly adminSecret: string;
  readonly fixtures: VendorFixtures;
  readonly redirectUris: RedirectPolicy;
}

export function createMockVendor<F extends VendorCredentialsFixture>(module: VendorModule<F>, options: MockVendorOptions): MockVendor {
  const fixture = module.fixtureOf(options.fixtures);
  const core = new VendorCore({
    profile: module.profile,
    baseUrl: options.baseUrl,
    accounts: fixture.accounts,
    apiKeys: fixture.apiKeys,
    clients: module.clientsOf(fixture, options.redirectUris),
  });
  const build = module.build(core, fixture);
  const control = createVendorControl(core, build.resetData);
  return {
    id: module.profile.id,
    endpoints: {
      id: module.profile.id,
      displayName: module.profile.brand.name,
      baseUrl: core.baseUrl,
      mcpUrl: core.mcpUrl,
      adminUrl: core.url('/__admin'),
      ...build.endpoints,
    },
    control,
    handlers: [...adminRoutes(core.baseUrl, options.adminSecret, control), requestGate(core, [...interactionRoutes(core), ...build.routes])],
  };
}
