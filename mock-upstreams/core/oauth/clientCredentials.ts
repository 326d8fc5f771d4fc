/**
 * How a client authenticated at a token endpoint (RFC 6749 §2.3.1): HTTP Basic with the URL-encoded
 * id and secret, or `client_id`/`client_secret` parameters, or a public client's bare client_id.
 * Using both Basic and a body secret is refused, as the RFC asks.
 */
import type { Params } from '../http/requestParams.ts';
import { presentedCredential } from '../http/presentedCredential.ts';
import { invalidRequest } from './oauthError.ts';

export interface ClientCredentials {
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly method: 'client_secret_basic' | 'client_secret_post' | 'none';
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw invalidRequest('the Basic client credentials are not URL-encoded correctly');
  }
}

export function clientCredentials(request: Request, params: Params): ClientCredentials {
  const presented = presentedCredential(request);
  if (presented.type === 'basic') {
    if (params.has('client_secret')) throw invalidRequest('send the client secret either in Authorization or in the body, not both');
    const clientId = decode(presented.username);
    const bodyId = params.get('client_id');
    if (bodyId !== undefined && bodyId !== clientId) throw invalidRequest('client_id differs from the Basic credentials');
    return { clientId, clientSecret: decode(presented.password), method: 'client_secret_basic' };
  }
  const clientSecret = params.get('client_secret');
  return { clientId: params.get('client_id'), clientSecret, method: clientSecret === undefined ? 'none' : 'client_secret_post' };
}

/** The recording's name for this client authentication. */
export function clientCredentialKind(request: Request, params: Params): string {
  try {
    const { method, clientId } = clientCredentials(request, params);
    if (method === 'none') return clientId === undefined ? 'none' : 'public-client';
    return method.replace(/_/g, '-');
  } catch {
    return 'malformed-client-credentials';
  }
}
