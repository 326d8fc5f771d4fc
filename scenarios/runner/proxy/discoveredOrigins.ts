/**
 * Which other origins a discovery answer sends the client to: authorization servers (RFC 9728) and
 * endpoints (RFC 8414). The proxy started with `follow` puts a sibling proxy in front of each before
 * passing the answer on, so the client's whole sign-in is observed, wherever the AS lives.
 */
import { jsonOf } from '../../../wire/jsonRpcMessages.ts';
import type { ExchangeRequest } from './exchange.ts';

const ENDPOINT_KEYS = ['issuer', 'authorization_endpoint', 'token_endpoint', 'registration_endpoint', 'revocation_endpoint', 'jwks_uri'];

export function discoveredOrigins(request: ExchangeRequest, contentType: string, body: string): string[] {
  if (!contentType.includes('json') || !request.path.startsWith('/.well-known/')) return [];
  const value = jsonOf(body);
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const urls = [...(Array.isArray(record.authorization_servers) ? record.authorization_servers : []), ...ENDPOINT_KEYS.map((key) => record[key])];
  return urls.filter((u): u is string => typeof u === 'string' && /^https?:\/\//.test(u) && URL.canParse(u)).map((u) => new URL(u).origin);
}
