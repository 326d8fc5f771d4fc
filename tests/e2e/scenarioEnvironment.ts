/**
 * The worker-scoped scenario environment (reference stack, mock clients, observing proxy, Chromium)
 * shared by the suites that run catalogue scenarios: started once per Playwright worker, on its
 * own free ports. The runner keeps its own trace and screenshots per scenario (redacted);
 * Playwright Test's tracing would claim the same browser contexts first, so it is off.
 */
import { test as base } from '@playwright/test';
import { startEnvironment, type Environment } from '../../scenarios/runner/environment.ts';

export const test = base.extend<object, { environment: Environment }>({
  environment: [
    async ({}, use) => {
      const environment = await startEnvironment();
      await use(environment);
      await environment.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

test.use({ trace: 'off', screenshot: 'off' });
