/**
 * Playwright fixtures shared by the browser suites: the gateway (alone, or in front of the mock
 * upstreams), a TLS catcher standing in for the AI clients' real callback hosts (chatgpt.com,
 * claude.ai — delivered to loopback by Chromium's host resolver), a plain-http loopback listener for
 * native clients, and a Chromium launched with those host rules. Servers are worker-scoped.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, test as base, type Browser } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../playwright.config.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';
import { startTlsTestServer, type TlsTestServer } from '../support/tlsTestServer.ts';

export const CLIENT_HOSTS = ['chatgpt.com', 'claude.ai'] as const;
export const CLIENT_CALLBACK_PATHS = ['/connector/oauth/cb_e2e', '/api/mcp/auth_callback', '/callback'] as const;
const CONNECTED_PAGE = '<!doctype html><title>Connected</title><h1>Connected</h1>';

export interface WorkerFixtures {
  gateway: TestGateway;
  stack: GatewayStack;
  catcher: TlsTestServer;
  loopbackPort: number;
  clientBrowser: Browser;
}

export const test = base.extend<object, WorkerFixtures>({
  gateway: [
    async ({}, use) => {
      const gateway = await startTestGateway();
      await use(gateway);
      await gateway.stop();
    },
    { scope: 'worker' },
  ],
  stack: [
    async ({}, use) => {
      const stack = await startGatewayStack();
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker' },
  ],
  catcher: [
    async ({}, use) => {
      const server = await startTlsTestServer(CLIENT_HOSTS);
      for (const path of CLIENT_CALLBACK_PATHS) server.route(path, (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(CONNECTED_PAGE));
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  loopbackPort: [
    async ({}, use) => {
      const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(CONNECTED_PAGE));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      await use((server.address() as AddressInfo).port);
      server.close();
    },
    { scope: 'worker' },
  ],
  clientBrowser: [
    async ({ catcher }, use) => {
      const rules = CLIENT_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${catcher.port}`).join(', ');
      const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, `--host-resolver-rules=${rules}`] });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
