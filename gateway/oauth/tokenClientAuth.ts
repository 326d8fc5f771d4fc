/**
 * Whether a token request is made by a given client with valid credentials (RFC 6749 §2.3.1:
 * client_secret_basic or client_secret_post; a public client presents only its client_id). Used by
 * the refresh-reuse grace, which answers before oidc-provider's own client authentication runs.
 */
import { timingSafeEqual } from 'node:crypto';
import type Provider from 'oidc-provider';

function basicCredentials(authorization: string): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization.trim());
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    const decode = (part: string) => decodeURIComponent(part.replaceAll('+', ' '));
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function isAuthenticatedClient(provider: Provider, clientId: string, form: URLSearchParams, authorization: string): Promise<boolean> {
  const basic = authorization ? basicCredentials(authorization) : undefined;
  if ((basic?.id ?? form.get('client_id')) !== clientId) return false;
  const client = await provider.Client.find(clientId).catch(() => undefined);
  if (!client) return false;
  if (client.clientAuthMethod === 'none') return !basic && !form.has('client_secret');
  const secret = client.clientAuthMethod === 'client_secret_basic' ? basic?.secret : form.get('client_secret');
  return typeof secret === 'string' && typeof client.clientSecret === 'string' && sameSecret(secret, client.clientSecret);
}
