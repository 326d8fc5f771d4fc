/**
 * Saving each mock vendor's seeded, valid API key on the consent page — the set-up most gateway tests
 * share. Atlassian's key needs the account's e-mail as the user name; the others need none.
 */
import { apiKeyFor } from '../../fixtures/vendors/index.ts';
import type { RunningMockUpstreams } from '../../mock-upstreams/index.ts';
import type { ConsentSession } from './consentDriver.ts';

export type MockVendor = 'github' | 'atlassian' | 'slack';

/** Saves the first account's valid key of each vendor, in order; the consent page after the last save. */
export async function saveValidKeys(session: ConsentSession, fixtures: RunningMockUpstreams['fixtures'], vendors: readonly MockVendor[]): Promise<string> {
  let page = '';
  for (const vendor of vendors) {
    const key = apiKeyFor(fixtures[vendor], 'valid', 0);
    page = await session.saveKey(vendor, key.secret, key.username);
  }
  return page;
}
