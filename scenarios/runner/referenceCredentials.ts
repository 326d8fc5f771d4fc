/**
 * Who signs in on the reference stack, and with which tool credentials: the harness's seeded
 * directory user, the seeded vendor accounts and their valid API keys (what a foreign target gets
 * from a credentials file instead).
 */
import { apiKeyFor, type VendorFixtures } from '../../fixtures/vendors/index.ts';
import type { Person } from '../adapters/gateways/gatewayPageAdapter.ts';
import type { Credentials } from '../credentials/credentials.ts';

export function referenceCredentials(person: Person, fixtures: VendorFixtures): Credentials {
  const github = apiKeyFor(fixtures.github, 'valid', 0);
  return {
    person,
    // The generic scenario's tool on the reference stack: GitHub by API key.
    tools: [{ name: 'github', method: 'api_key', apiKey: { key: github.secret, username: github.username } }],
    vendorAccount: (upstream) => fixtures[upstream].accounts[0]!,
    apiKey: (upstream) => {
      const key = apiKeyFor(fixtures[upstream], 'valid', 0);
      return { key: key.secret, username: key.username };
    },
    mistakenApiKey: (upstream) => {
      // Slack: the workspace's bot token (xoxb-), which lacks the user scopes the connector needs;
      // elsewhere: a valid key of another vendor.
      if (upstream === 'slack') {
        const bot = fixtures.slack.apiKeys.find((key) => key.kind === 'bot-token');
        if (!bot) throw new Error('the seeded Slack fixture has no bot token');
        return { key: bot.secret };
      }
      const other = apiKeyFor(fixtures[upstream === 'github' ? 'slack' : 'github'], 'valid', 0);
      return { key: other.secret, username: upstream === 'atlassian' ? fixtures.atlassian.accounts[0]!.email : undefined };
    },
  };
}
