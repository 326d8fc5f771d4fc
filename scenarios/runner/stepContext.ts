/** What a step works with: the page, the environment, the adapters, what was observed so far. */
import type { Page } from '@playwright/test';
import type { ClientAdapter } from '../adapters/clients/clientAdapter.ts';
import type { GatewayPageAdapter } from '../adapters/gateways/gatewayPageAdapter.ts';
import type { VendorPageScript } from '../adapters/vendors/vendorPageAdapter.ts';
import type { Observations } from '../checks/checkContext.ts';
import type { FlowEvidence } from '../model/flowEvidence.ts';
import type { Scenario } from '../model/scenario.ts';
import type { Environment } from './environment.ts';

export interface StepContext {
  readonly scenario: Scenario;
  readonly environment: Environment;
  readonly page: Page;
  readonly client: ClientAdapter;
  readonly gateway: GatewayPageAdapter;
  readonly vendorScript?: VendorPageScript | undefined;
  readonly observed: Observations;
  /** What the user-side steps saw (a disabled button, a row's error, an unlisted tool). */
  readonly evidence: FlowEvidence;
  /** Name of the app the scenario creates in the client. */
  readonly appName: string;
}
