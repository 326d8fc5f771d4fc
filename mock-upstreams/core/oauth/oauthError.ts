/**
 * An OAuth wire error: the RFC 6749 `error` code, a description, and the HTTP status a standard
 * endpoint would use. Vendors re-shape it (GitHub: HTTP 200 form body; Slack: HTTP 200 `ok:false`),
 * so the shared flow throws this and each token endpoint decides how it looks on the wire.
 */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  readonly error: string;
  readonly status: number;
  /** Which check failed, for vendors whose error codes are finer than RFC 6749's (GitHub, Slack). */
  readonly detail: OAuthErrorDetail | undefined;

  constructor(error: string, description: string, status = 400, detail?: OAuthErrorDetail) {
    super(description);
    this.error = error;
    this.status = status;
    this.detail = detail;
  }

  get description(): string {
    return this.message;
  }
}

export type OAuthErrorDetail = 'code' | 'redirect_uri' | 'pkce' | 'refresh_token' | 'unknown_client' | 'client_secret';

export const invalidGrant = (description: string, detail?: OAuthErrorDetail) => new OAuthError('invalid_grant', description, 400, detail);
export const invalidClient = (description: string, detail?: OAuthErrorDetail) => new OAuthError('invalid_client', description, 401, detail);
export const invalidRequest = (description: string) => new OAuthError('invalid_request', description);
