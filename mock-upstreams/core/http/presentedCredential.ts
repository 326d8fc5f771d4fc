/**
 * What the caller put in `Authorization`, parsed once: Bearer (GitHub also accepts `token`), Basic
 * (Atlassian API tokens: `email:api_token`), nothing, or something malformed. Parsing never throws.
 */
export type PresentedCredential =
  | { readonly type: 'none' }
  | { readonly type: 'bearer'; readonly token: string }
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | { readonly type: 'malformed'; readonly scheme: string };

export function presentedCredential(request: Request): PresentedCredential {
  const header = request.headers.get('authorization');
  if (header === null || header.trim() === '') return { type: 'none' };
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header.trim());
  if (!match) return { type: 'malformed', scheme: 'unparseable' };
  const scheme = match[1]!.toLowerCase();
  const value = match[2]!;
  if (scheme === 'bearer' || scheme === 'token') return { type: 'bearer', token: value };
  if (scheme === 'basic') {
    let decoded: string;
    try {
      decoded = Buffer.from(value, 'base64').toString('utf8');
    } catch {
      return { type: 'malformed', scheme: 'basic' };
    }
    const colon = decoded.indexOf(':');
    if (colon < 1) return { type: 'malformed', scheme: 'basic' };
    return { type: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return { type: 'malformed', scheme };
}

/** The secret parts of a presented credential, for the recording's fingerprints (never stored raw). */
export function secretsOf(credential: PresentedCredential): string[] {
  if (credential.type === 'bearer') return [credential.token];
  if (credential.type === 'basic') return [credential.password];
  return [];
}
