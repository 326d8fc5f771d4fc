/**
 * Which scopes a client asks for.
 * - `challenge-or-prm` (the SDK's SEP-835 order; Claude, the Inspector): the 401 challenge's
 *   `scope`, else the PRM's `scopes_supported`, else nothing;
 * - `oidc-and-challenge` (ChatGPT, CLIENT-CHATGPT-04): every OIDC scope the AS advertises
 *   (openid, profile, email, offline_access) plus the above.
 */
import type { ServerDiscovery } from './discovery.ts';

export type ScopePolicy = 'challenge-or-prm' | 'oidc-and-challenge';

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

const words = (value: string | undefined) => (value ?? '').split(/\s+/).filter(Boolean);

export function selectScope(policy: ScopePolicy, discovery: Pick<ServerDiscovery, 'challenge' | 'resourceMetadata' | 'metadata'>): string | undefined {
  const challenged = words(discovery.challenge.scope);
  const resourceScopes = challenged.length > 0 ? challenged : (discovery.resourceMetadata.scopes_supported ?? []);
  const oidc = policy === 'oidc-and-challenge' ? (discovery.metadata.scopes_supported ?? []).filter((scope) => OIDC_SCOPES.has(scope)) : [];
  const scopes = [...new Set([...oidc, ...resourceScopes])];
  return scopes.length > 0 ? scopes.join(' ') : undefined;
}
