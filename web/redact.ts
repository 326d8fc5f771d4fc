/**
 * Secret redaction for everything Gangway writes: gateway logs and audit lines, scenario reports,
 * traces and HAR files.
 * Two nets: by field name (anything that is called a token, secret, code, key, cookie…) and by
 * value shape (JWTs, bearer headers, OAuth parameters inside URLs, vendor key formats), so a secret
 * that slipped into a free-text message is still caught.
 */
const SECRET_FIELD = /(token|secret|password|passwd|authorization|cookie|verifier|assertion|api[_-]?key|private|credential|^code$|^jwk$|^d$|^state$)/i;

const VALUE_PATTERNS: readonly [RegExp, string][] = [
  // JWS/JWT compact serialisation
  [/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  // A credential after the scheme — not the auth-params of a challenge (`Bearer resource_metadata="…"`,
  // RFC 6750 §3 and RFC 9728 §5.1), named here so a base64 credential ending in `="` is still caught.
  [/\b(Bearer|Basic)\s+(?!(?:realm|scope|error|error_description|error_uri|resource_metadata)=)[A-Za-z0-9._~+/=-]{6,}/gi, '$1 [redacted]'],
  // The password in a URL's user info (a database URL such as GANGWAY_DATABASE_URL, issue 14)
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)[^\s/?#@]+@/gi, '$1[redacted]@'],
  // OAuth parameters carried in URLs or form bodies
  [/\b(code|access_token|refresh_token|id_token|client_secret|code_verifier|state|token|password|api_key)=[^&\s"']+/gi, '$1=[redacted]'],
  // Headers serialised as {name, value} pairs (Playwright traces, HAR files): cookies carry sessions.
  [/("name":\s*"(?:cookie|set-cookie|authorization|proxy-authorization)",\s*"value":\s*")(?:[^"\\]|\\.)*"/gi, '$1[redacted]"'],
  // Vendor key formats (GitHub, Slack, Atlassian API tokens)
  [/\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{10,}/g, '[redacted-key]'],
  [/\bgithub_pat_[A-Za-z0-9_]{10,}/g, '[redacted-key]'],
  [/\bxox[abposr]-[A-Za-z0-9-]{6,}/g, '[redacted-key]'],
  [/\bATATT[A-Za-z0-9_=-]{10,}/g, '[redacted-key]'],
];

export function redactString(value: string): string {
  let out = value;
  for (const [pattern, replacement] of VALUE_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[truncated]';
  if (typeof value === 'string') return redactString(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message) };
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_FIELD.test(key) && item !== undefined && item !== null ? '[redacted]' : redact(item, depth + 1);
    }
    return out;
  }
  return value;
}
