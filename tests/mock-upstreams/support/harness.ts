/**
 * One set of loopback mock upstreams per test file (free ports), reset to the seeded state after
 * every test so tests never see each other's tokens, writes or fault knobs.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startMockUpstreams, type RunningMockUpstreams } from '../../../mock-upstreams/index.ts';

export const TEST_ADMIN_SECRET = 'test-admin-secret-for-mock-upstreams';
/** Where OAuth flows in vitest "return": nothing listens there; the redirect is only read. */
export const TEST_REDIRECT_URI = 'http://127.0.0.1:9/callback';

export function useMockUpstreams(): { readonly current: RunningMockUpstreams } {
  let running: RunningMockUpstreams | undefined;
  beforeAll(async () => {
    running = await startMockUpstreams({ adminSecret: TEST_ADMIN_SECRET });
  });
  afterEach(() => running?.reset());
  afterAll(async () => running?.close());
  return {
    get current() {
      if (!running) throw new Error('mock upstreams are not running yet');
      return running;
    },
  };
}
