/**
 * The RFC 6750 §3 Bearer challenge of the MCP endpoint (AUTH-02, AUTH-05, AUTH-06):
 * `Bearer resource_metadata="<absolute PRM URL>", scope="mcp:tools"[, error=…, error_description=…]`.
 * Quoted values are stripped of characters that would break the header's quoting.
 */
export interface Challenge {
  readonly resourceMetadataUrl: string;
  readonly scope: string;
  readonly error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
  readonly description?: string;
}

const quoted = (value: string) => `"${value.replace(/[\\"\r\n]/g, '').replace(/[^\x20-\x7e]/g, '')}"`;

export function bearerChallenge({ resourceMetadataUrl, scope, error, description }: Challenge): string {
  const params = [`resource_metadata=${quoted(resourceMetadataUrl)}`, `scope=${quoted(scope)}`];
  if (error) params.push(`error=${quoted(error)}`);
  if (error && description) params.push(`error_description=${quoted(description)}`);
  return `Bearer ${params.join(', ')}`;
}
