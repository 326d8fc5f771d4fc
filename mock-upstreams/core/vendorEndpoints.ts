/**
 * What a caller (the gateway, a scenario) needs to know to use one mock vendor: where its MCP server
 * is, how to run its OAuth flow with the pre-registered app, and how to validate an API key. Values
 * are vendor facts, so a gateway can drive each vendor without special-casing the mock.
 */
import type { VendorId } from '../../fixtures/vendors/types.ts';
import type { RedirectPolicy } from './oauth/redirectUris.ts';

export interface VendorOAuthEndpoints {
  readonly authorizationUrl: string;
  readonly tokenUrl: string;
  /** The pre-registered app (fixtures/vendors). */
  readonly clientId: string;
  readonly clientSecret: string;
  readonly clientAuthMethod: 'client_secret_post' | 'client_secret_basic';
  /** Body format the token endpoint documents (Atlassian: JSON; GitHub, Slack: form). */
  readonly tokenRequestFormat: 'json' | 'form';
  /** GitHub answers form-encoded unless `Accept: application/json`; Slack answers HTTP 200 `ok:false` on errors. */
  readonly tokenResponseStyle: 'json' | 'github-form-unless-accept-json' | 'slack-ok-envelope';
  /** Scopes to request by default, and how the vendor separates them in `scope`. */
  readonly scopes: readonly string[];
  readonly scopeSeparator: ' ' | ',';
  /** Slack's `user_scope` (user-token scopes), requested next to `scope`. */
  readonly userScopes?: readonly string[] | undefined;
  /** Parameters the vendor requires on the authorization URL besides the standard ones. */
  readonly extraAuthorizeParams: Readonly<Record<string, string>>;
  readonly pkce: 'S256';
  /** All three rotate: a used refresh token is dead, reuse → invalid_grant. */
  readonly refreshTokens: 'rotating';
  /** Who the token belongs to (Atlassian: /me-style `myself`, GitHub: /user, Slack: auth.test). */
  readonly userInfoUrl: string;
  /** Atlassian: the cloud ids a token may use. */
  readonly accessibleResourcesUrl?: string | undefined;
  readonly redirectUris: RedirectPolicy;
}

/** Atlassian's MCP server also behaves as a generic MCP-OAuth upstream (RFC 9728 + 8414 + 7591). */
export interface VendorMcpOAuthEndpoints {
  readonly protectedResourceMetadataUrl: string;
  readonly issuer: string;
  readonly authorizationServerMetadataUrl: string;
  readonly registrationUrl: string;
}

export interface VendorApiKeyEndpoints {
  /** Atlassian: Basic `email:api_token`; GitHub, Slack: `Authorization: Bearer <key>`. */
  readonly scheme: 'basic-email-token' | 'bearer';
  /** Accepted key shapes (prefixes only — never a real key). */
  readonly formats: readonly { readonly kind: string; readonly prefix: string }[];
  /** The vendor's cheap "who am I" check to validate a key before saving it (UP-04). */
  readonly validationUrl: string;
  readonly validationMethod: 'GET' | 'POST';
  /** How the check answers a good key; a bad one gets the vendor's own error shape. */
  readonly validationSuccess: string;
  /** Where a user creates a key: the vendor's real documentation page (a link, never fetched). */
  readonly docsUrl: string;
  /** Scopes a key needs for all of this vendor's tools. */
  readonly requiredScopes: readonly string[];
}

export interface VendorEndpoints {
  readonly id: VendorId;
  readonly displayName: string;
  readonly baseUrl: string;
  readonly mcpUrl: string;
  readonly adminUrl: string;
  readonly oauth: VendorOAuthEndpoints;
  readonly mcpOAuth?: VendorMcpOAuthEndpoints | undefined;
  readonly apiKey: VendorApiKeyEndpoints;
}
