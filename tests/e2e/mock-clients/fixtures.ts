/**
 * Fixtures for the mock-client suites: per worker, the three client look-alikes (their traffic and
 * every secret they hid), the stack (gateway + mock upstreams) started with the look-alikes'
 * connect-to mapping and CA so ChatGPT's Client ID Metadata Documents resolve, and a Chromium that
 * reaches chatgpt.com, claude.ai and localhost:6274 through the look-alikes' host-resolver rules.
 * Each test gets a fresh browser context (a fresh "person" for the look-alikes and the gateway).
 */
import { chromium, expect, test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../../playwright.config.ts';
import { startMockClients, type MockClients } from '../../../mock-clients/index.ts';
import type { SettingName } from '../../../gateway/config/settings.ts';
import { DEFAULT_VENDOR_SEED, seededSecrets, vendorFixtures } from '../../../fixtures/vendors/index.ts';
import { startGatewayStack, type GatewayStack } from '../../support/gatewayStack.ts';

export interface WorkerFixtures {
  /** Every secret the recordings replaced by a fingerprint, for leak checks. */
  secrets: Set<string>;
  clients: MockClients;
  stack: GatewayStack;
  clientBrowser: Browser;
}

export interface TestFixtures {
  context: BrowserContext;
  page: Page;
  /** After every test: no secret the look-alikes saw is in the recording or in the page the test ended on. */
  noSecretLeaks: void;
  /** Starts another stack wired to the same look-alikes (e.g. CIMD off, short tokens); stopped after the test. */
  startStack(settings: Partial<Record<SettingName, unknown>>): Promise<GatewayStack>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  secrets: [async ({}, use) => use(new Set<string>()), { scope: 'worker' }],
  clients: [
    async ({ secrets }, use) => {
      const clients = await startMockClients({ onSecret: (secret) => secrets.add(secret) });
      await use(clients);
      await clients.close();
    },
    { scope: 'worker' },
  ],
  stack: [
    async ({ clients }, use) => {
      const stack = await startGatewayStack({ gateway: { outboundConnectTo: [...clients.connectTo], outboundCaFile: clients.caFile } });
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker' },
  ],
  clientBrowser: [
    async ({ clients }, use) => {
      const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...clients.chromiumArgs] });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  context: async ({ clientBrowser, secrets }, use) => {
    const context = await clientBrowser.newContext({ ignoreHTTPSErrors: true });
    // Secrets seen by the browser itself, independently of what the recorder chose to hide: codes
    // on redirects, bearer tokens the Inspector page sends, token responses it reads.
    context.on('request', (request) => {
      const url = URL.parse(request.url());
      const code = url?.searchParams.get('code');
      if (code) secrets.add(code);
      const bearer = /^Bearer (.+)$/i.exec(request.headers().authorization ?? '')?.[1];
      if (bearer) secrets.add(bearer);
    });
    context.on('response', (response) => {
      if (response.request().method() !== 'POST' || !/\/token$/.test(new URL(response.url()).pathname)) return;
      void response.json().then(
        (body: Record<string, unknown>) => {
          for (const key of ['access_token', 'refresh_token', 'id_token']) if (typeof body[key] === 'string') secrets.add(body[key]);
        },
        () => undefined,
      );
    });
    await use(context);
    await context.close();
  },
  page: async ({ context }, use) => {
    await use(await context.newPage());
  },
  noSecretLeaks: [
    async ({ clients, secrets, page }, use) => {
      await use();
      await clients.traffic.settled();
      const recording = JSON.stringify(clients.traffic.list());
      const html = await page.content().catch(() => '');
      // Every token/code/verifier the look-alikes hid, and every seeded vendor secret (the API key typed at the gateway).
      for (const secret of [...secrets, ...seededSecrets(vendorFixtures(DEFAULT_VENDOR_SEED)).map((s) => s.secret)]) {
        if (secret.length < 8) continue; // short values (e.g. an empty-ish state) would match by chance
        expect(recording.includes(secret), 'a secret is in the traffic recording').toBe(false);
        expect(html.includes(secret), 'a secret is on the page').toBe(false);
      }
    },
    { auto: true },
  ],
  startStack: async ({ clients }, use) => {
    const started: GatewayStack[] = [];
    await use(async (settings) => {
      const stack = await startGatewayStack({ gateway: { outboundConnectTo: [...clients.connectTo], outboundCaFile: clients.caFile, ...settings } });
      started.push(stack);
      return stack;
    });
    for (const stack of started) await stack.stop();
  },
});

export { expect };
