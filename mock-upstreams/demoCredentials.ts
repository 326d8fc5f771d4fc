/**
 * The seeded vendor sign-ins and API keys a person uses to click through by hand: what `npm start`
 * prints for the demo user and what mock-upstreams/README.md lists (demoCredentialsDoc.ts). Both
 * are computed from the fixtures of the seed the mocks run with, never typed in, so they cannot go
 * stale. Every vendor's sign-in page asks for the account's e-mail (Slack's real one does too), not
 * the vendor handle.
 */
import { VENDOR_IDS, type ApiKeyFixture, type VendorAccountFixture, type VendorFixtures, type VendorId } from '../fixtures/vendors/index.ts';
import { atlassianProfile } from './atlassian/profile.ts';
import { githubProfile } from './github/profile.ts';
import { slackProfile } from './slack/profile.ts';

export const VENDOR_NAMES: Readonly<Record<VendorId, string>> = {
  atlassian: atlassianProfile.brand.name,
  github: githubProfile.brand.name,
  slack: slackProfile.brand.name,
};

/** How each vendor calls its key kinds, as on its own settings pages. */
const KEY_KIND_NAMES: Readonly<Record<string, string>> = {
  'api-token': 'API token',
  'classic-pat': 'classic personal access token',
  'fine-grained-pat': 'fine-grained personal access token',
  'user-token': 'user token',
  'bot-token': 'bot token',
};

export function keyKindName(key: ApiKeyFixture): string {
  return KEY_KIND_NAMES[key.kind] ?? key.kind;
}

export interface VendorDemoCredentials {
  readonly vendor: VendorId;
  readonly vendorName: string;
  /** The vendor account the person signs in with (e-mail + this vendor's own password). */
  readonly account: VendorAccountFixture;
  /** A key the vendor accepts for that account. */
  readonly apiKey: ApiKeyFixture;
}

/**
 * The account with this e-mail at each vendor and its valid key. Vendor accounts belong to the
 * gateway directory users of the same seed; when the seeds differ there is no such account and the
 * vendor's first account is shown instead (its own e-mail says so).
 */
export function demoCredentialsFor(fixtures: VendorFixtures, email: string): VendorDemoCredentials[] {
  return VENDOR_IDS.map((vendor) => {
    const fixture = fixtures[vendor];
    const wanted = email.toLowerCase();
    const account = fixture.accounts.find((a) => a.email.toLowerCase() === wanted) ?? fixture.accounts[0]!;
    const apiKey = fixture.apiKeys.find((k) => k.purpose === 'valid' && k.accountId === account.id);
    if (!apiKey) throw new Error(`fixtures: no valid ${vendor} API key for ${account.email}`);
    return { vendor, vendorName: VENDOR_NAMES[vendor], account, apiKey };
  });
}
