/**
 * `WWW-Authenticate: Bearer …` for a refused MCP request (RFC 6750 §3, RFC 9728 §5.1): the
 * `resource_metadata` pointer where the vendor serves PRM (Atlassian's MCP server), and
 * `error="invalid_token"` with a description when a token was sent but is no good.
 */
import type { AuthFailure } from '../callerAuth.ts';

const DESCRIPTIONS: Record<AuthFailure, string> = {
  missing: 'No access token was provided in this request',
  malformed: 'The Authorization header is malformed',
  unknown: 'The access token is invalid',
  revoked: 'The access token was revoked',
  expired: 'The access token expired',
  'wrong-resource': 'The access token was issued for another resource',
};

export function describeAuthFailure(failure: AuthFailure): string {
  return DESCRIPTIONS[failure];
}

export function bearerChallenge(failure: AuthFailure, options: { realm?: string; resourceMetadata?: string } = {}): string {
  const parts: string[] = [];
  if (options.realm) parts.push(`realm="${options.realm}"`);
  if (failure !== 'missing') parts.push(`error="${failure === 'malformed' ? 'invalid_request' : 'invalid_token'}"`, `error_description="${DESCRIPTIONS[failure]}"`);
  if (options.resourceMetadata) parts.push(`resource_metadata="${options.resourceMetadata}"`);
  return parts.length > 0 ? `Bearer ${parts.join(', ')}` : 'Bearer';
}
