/**
 * Playwright fixtures for the mock-upstream suites: the three mocks on free loopback ports, one set
 * per worker and reset after every test; and a loopback "client" callback server standing in for the
 * gateway's redirect URI, which records what the vendor redirected the browser to.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test as base, expect as baseExpect } from '@playwright/test';
import { startMockUpstreams, type RunningMockUpstreams } from '../../../mock-upstreams/index.ts';

export const ADMIN_SECRET = 'e2e-admin-secret-for-mock-upstreams';

export interface CallbackServer {
  /** The redirect URI to register in the authorization request. */
  readonly url: string;
  /** Every redirect the browser brought to the callback path (favicon requests are ignored). */
  readonly received: URL[];
}

export const test = base.extend<{ upstreams: RunningMockUpstreams; callback: CallbackServer }, { workerUpstreams: RunningMockUpstreams }>({
  workerUpstreams: [
    async ({}, use) => {
      const upstreams = await startMockUpstreams({ adminSecret: ADMIN_SECRET });
      await use(upstreams);
      await upstreams.close();
    },
    { scope: 'worker' },
  ],
  upstreams: async ({ workerUpstreams }, use) => {
    await use(workerUpstreams);
    workerUpstreams.reset();
  },
  callback: async ({}, use) => {
    const received: URL[] = [];
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/callback') {
        res.writeHead(404).end();
        return;
      }
      received.push(url);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Callback</title><h1>Back at the client</h1>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await use({ url: `http://127.0.0.1:${port}/callback`, received });
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
});

/** Page assertions wait longer than the 5 s default: these machines are small and often busy. */
export const expect = baseExpect.configure({ timeout: 15_000 });
