/**
 * A user's upstream credential as it exists in memory (never logged) and how it is presented to the
 * upstream. At rest it is only ever a sealed vault value (vault/vaultCipher.ts), bound to the user
 * and connector it belongs to.
 */
import type { ApiKeyAuthConfig } from '../connectors/catalogSchema.ts';
import type { VaultCipher } from '../vault/vaultCipher.ts';

export type UpstreamCredential =
  | { readonly kind: 'api_key'; readonly key: string; readonly username?: string | undefined }
  | { readonly kind: 'oauth'; readonly accessToken: string; readonly refreshToken?: string | undefined; readonly tokenType?: string | undefined };

/** What a request to the upstream presents: the user's credential, or nothing for a public (`auth.none`) connector. */
export type PresentedCredential = UpstreamCredential | { readonly kind: 'none' };

const binding = (accountId: string, connectorId: string) => `upstream-credential:${accountId}:${connectorId}`;

export function sealCredential(vault: VaultCipher, accountId: string, connectorId: string, credential: UpstreamCredential): string {
  return vault.seal(JSON.stringify(credential), binding(accountId, connectorId));
}

export function openCredential(vault: VaultCipher, accountId: string, connectorId: string, sealed: string): UpstreamCredential {
  return JSON.parse(vault.open(sealed, binding(accountId, connectorId))) as UpstreamCredential;
}

/** The request headers that present a credential the way the vendor expects. */
export function credentialHeaders(credential: PresentedCredential, apiKey: ApiKeyAuthConfig | undefined): Record<string, string> {
  if (credential.kind === 'none') return {};
  if (credential.kind === 'oauth') return { authorization: `Bearer ${credential.accessToken}` };
  switch (apiKey?.scheme) {
    case 'basic-email-token':
      return { authorization: `Basic ${Buffer.from(`${credential.username ?? ''}:${credential.key}`).toString('base64')}` };
    case 'header':
      return { [apiKey.header ?? 'x-api-key']: credential.key };
    default:
      return { authorization: `Bearer ${credential.key}` };
  }
}
