/**
 * The sign-ins and API keys mock-upstreams/README.md gives a person clicking through by hand (issue
 * 11): the section is the text generated from the seeded fixtures, every sign-in it lists gets
 * through that vendor's own login page (item 16: it used to give Slack and GitHub user names, which
 * the e-mail-only login refused), and every key it lists as working authenticates at the vendor
 * while the revoked ones do not. The rows are read back from the README, not from the fixtures.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VENDOR_IDS, type VendorId } from '../../fixtures/vendors/index.ts';
import { VENDOR_NAMES } from '../../mock-upstreams/demoCredentials.ts';
import { demoCredentialsSection, MOCK_UPSTREAMS_README_PATH, withDemoCredentials } from '../../mock-upstreams/demoCredentialsDoc.ts';
import { walkConsent } from './support/browserlessConsent.ts';
import { TEST_REDIRECT_URI, useMockUpstreams } from './support/harness.ts';
import { authorizationUrl } from './support/vendorOAuth.ts';

const readme = readFileSync(MOCK_UPSTREAMS_README_PATH, 'utf8');
const cells = (line: string) => line.split('|').slice(1, -1).map((cell) => cell.trim().replace(/^`|`$/g, ''));

/** `| e-mail | `Atlassian password` | `GitHub password` | `Slack password` |` */
function signInRows(): { email: string; passwords: Record<VendorId, string> }[] {
  return readme
    .split('\n')
    .filter((line) => /^\| [^|]+@[^|]+ \| `/.test(line) && cells(line).length === 1 + VENDOR_IDS.length)
    .map((line) => {
      const [email = '', ...passwords] = cells(line);
      return { email, passwords: Object.fromEntries(VENDOR_IDS.map((v, i) => [v, passwords[i]!])) as Record<VendorId, string> };
    });
}

/** `| Vendor | Account | Kind | Status | `key` |` */
function keyRows(): { vendor: VendorId; account: string; status: string; key: string }[] {
  const byName = new Map(VENDOR_IDS.map((v) => [VENDOR_NAMES[v], v]));
  return readme
    .split('\n')
    .map(cells)
    .filter((row) => row.length === 5 && byName.has(row[0]!))
    .map(([vendor, account, , status, key]) => ({ vendor: byName.get(vendor!)!, account: account!, status: status!, key: key! }));
}

describe('mock-upstreams/README.md: demo sign-ins and API keys', () => {
  const mocks = useMockUpstreams();

  it('is the text generated from the seeded fixtures (regenerate: npx tsx mock-upstreams/demoCredentialsDoc.ts)', () => {
    expect(readme).toContain(demoCredentialsSection());
    expect(withDemoCredentials(readme)).toBe(readme);
  });

  it("lists each account's sign-in as the e-mail the vendor's login page accepts, and it gets through to consent", { timeout: 20_000 }, async () => {
    const rows = signInRows();
    expect(rows.map((r) => r.email)).toEqual(mocks.current.fixtures.slack.accounts.map((a) => a.email));
    for (const vendor of VENDOR_IDS) {
      for (const { email, passwords } of rows) {
        const redirected = await walkConsent(authorizationUrl(mocks.current.vendors[vendor], { redirectUri: TEST_REDIRECT_URI, state: 'readme' }), { email, password: passwords[vendor] }, 'allow');
        expect(redirected.searchParams.get('code'), `${vendor} sign-in of ${email}`).toBeTruthy();
      }
    }
  });

  it('every key listed as working authenticates at its vendor; the revoked ones are refused', async () => {
    const rows = keyRows();
    for (const vendor of VENDOR_IDS) expect(rows.filter((r) => r.vendor === vendor && r.status === 'works').length, vendor).toBeGreaterThan(0);
    for (const { vendor, account, status, key } of rows.filter((r) => r.status === 'works' || r.status === 'refused: revoked')) {
      const endpoint = mocks.current.vendors[vendor].apiKey;
      const authorization = endpoint.scheme === 'basic-email-token' ? `Basic ${Buffer.from(`${account}:${key}`).toString('base64')}` : `Bearer ${key}`;
      const response = await fetch(endpoint.validationUrl, { method: endpoint.validationMethod, headers: { authorization } });
      const body = (await response.json()) as { ok?: boolean };
      const accepted = response.status === 200 && body.ok !== false;
      expect(accepted, `${vendor} ${account} (${status})`).toBe(status === 'works');
    }
  });
});
