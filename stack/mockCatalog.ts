/**
 * The connector catalogue that describes a set of running mock upstreams — exactly what an
 * administrator would write for those three vendors. fixtures/connectors/mock-upstreams.json is this
 * at the mocks' default ports (a test keeps the two in step).
 */
import type { CatalogInput } from '../gateway/index.ts';
import type { MockVendorHandle, VendorId } from '../mock-upstreams/index.ts';

const DESCRIPTIONS: Record<VendorId, string> = {
  atlassian: 'Jira issues and Confluence pages',
  github: 'Repositories, issues, pull requests and files',
  slack: 'Channels, messages and people',
};
const PLACEHOLDERS: Record<VendorId, string> = { atlassian: 'ATATT…', github: 'ghp_… or github_pat_…', slack: 'xoxp-…' };

export function mockCatalog(vendors: Readonly<Record<VendorId, MockVendorHandle>>): CatalogInput {
  return {
    connectors: Object.values(vendors).map((vendor) => ({
      id: vendor.id,
      displayName: vendor.displayName,
      description: DESCRIPTIONS[vendor.id],
      mcpUrl: vendor.mcpUrl,
      toolPrefix: vendor.id,
      auth: {
        apiKey: {
          scheme: vendor.apiKey.scheme,
          validation: { url: vendor.apiKey.validationUrl, method: vendor.apiKey.validationMethod },
          docsUrl: vendor.apiKey.docsUrl,
          placeholder: PLACEHOLDERS[vendor.id],
          prefixes: vendor.apiKey.formats.map((format) => format.prefix),
          requiredScopes: [...vendor.apiKey.requiredScopes],
        },
        oauth: {
          authorizationUrl: vendor.oauth.authorizationUrl,
          tokenUrl: vendor.oauth.tokenUrl,
          clientId: vendor.oauth.clientId,
          clientSecret: vendor.oauth.clientSecret,
          clientAuthMethod: vendor.oauth.clientAuthMethod,
          tokenRequestFormat: vendor.oauth.tokenRequestFormat,
          tokenResponse: vendor.oauth.tokenResponseStyle === 'slack-ok-envelope' ? 'slack' : 'standard',
          scopes: [...vendor.oauth.scopes],
          scopeSeparator: vendor.oauth.scopeSeparator,
          ...(vendor.oauth.userScopes ? { userScopes: [...vendor.oauth.userScopes] } : {}),
          extraAuthorizeParams: { ...vendor.oauth.extraAuthorizeParams },
          pkce: true,
        },
      },
    })),
  };
}
