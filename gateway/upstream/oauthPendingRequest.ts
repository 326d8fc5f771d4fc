/**
 * The secret half of a pending upstream authorization, sealed in the pending record's `verifier`
 * field: the PKCE verifier and — as the 2026-07-28 spec asks, "associated with the same per-request
 * record used to store the PKCE code verifier" — the issuer the callback's `iss` must match. Records
 * sealed before the issuer was kept hold the bare verifier (base64url, never `{`) and still open.
 */
import type { VaultCipher } from '../vault/vaultCipher.ts';
import type { ExpectedIssuer } from './oauthIssuer.ts';

export interface PendingRequestSecrets extends ExpectedIssuer {
  readonly verifier: string;
}

const purpose = (stateHash: string) => `pkce:${stateHash}`;

export function sealPendingRequest(vault: VaultCipher, stateHash: string, secrets: PendingRequestSecrets): string {
  return vault.seal(JSON.stringify({ verifier: secrets.verifier, issuer: secrets.issuer, issParameterSupported: secrets.issParameterSupported }), purpose(stateHash));
}

export function openPendingRequest(vault: VaultCipher, stateHash: string, sealed: string): PendingRequestSecrets {
  const opened = vault.open(sealed, purpose(stateHash));
  if (!opened.startsWith('{')) return { verifier: opened, issParameterSupported: false };
  const parsed = JSON.parse(opened) as { verifier: string; issuer?: string; issParameterSupported?: boolean };
  return { verifier: parsed.verifier, issuer: parsed.issuer, issParameterSupported: parsed.issParameterSupported === true };
}
