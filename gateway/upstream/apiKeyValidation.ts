/**
 * UP-04: an API key is checked against the vendor's cheap "who am I" endpoint before it is saved.
 * A key that is malformed, of the wrong kind, rejected, revoked or missing a scope is refused with
 * the vendor's reason in plain words, and nothing is stored.
 */
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { FetchOnly } from '../net/outboundFetch.ts';
import { readLimitedBody } from '../net/outboundFetch.ts';
import { credentialHeaders, type UpstreamCredential } from './credentials.ts';

/** Longer than any vendor's key format (Atlassian's API tokens, the longest, are ~200 characters). */
const MAX_KEY_LENGTH = 4096;

export type KeyCheck = { readonly ok: true; readonly scopes: readonly string[] } | { readonly ok: false; readonly message: string };

/** Removes what a copy-paste adds: surrounding whitespace, line breaks, a leading "Bearer ". */
export function cleanPastedKey(value: string): string {
  return value.replace(/[\r\n\t]/g, '').trim().replace(/^Bearer\s+/i, '');
}

function vendorReason(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  for (const field of ['message', 'error_description', 'error', 'warning']) {
    if (typeof record[field] === 'string' && record[field]) return String(record[field]).slice(0, 200);
  }
  return undefined;
}

export async function validateApiKey(connector: ConnectorConfig, credential: Extract<UpstreamCredential, { kind: 'api_key' }>, fetch: FetchOnly): Promise<KeyCheck> {
  const apiKey = connector.auth.apiKey;
  if (!apiKey) return { ok: false, message: `${connector.displayName} does not accept API keys here.` };
  if (!credential.key) return { ok: false, message: 'Enter your API key.' };
  // Say which: a person fixes a stray space and a wrong paste (a whole file, a page) differently.
  if (/\s/.test(credential.key)) return { ok: false, message: 'That does not look like an API key: it contains spaces. Paste the key alone, without spaces inside it.' };
  if (credential.key.length > MAX_KEY_LENGTH) {
    return { ok: false, message: `That does not look like an API key: it is ${credential.key.length} characters long (keys are at most ${MAX_KEY_LENGTH}). Paste the key alone.` };
  }
  if (apiKey.scheme === 'basic-email-token' && !credential.username?.includes('@')) {
    return { ok: false, message: `Enter the email address of your ${connector.displayName} account with the API token.` };
  }
  if (apiKey.prefixes && !apiKey.prefixes.some((prefix) => credential.key.startsWith(prefix))) {
    return { ok: false, message: `That is not the kind of key ${connector.displayName} needs here: expected a key starting with ${apiKey.prefixes.join(' or ')}.` };
  }

  let response: Response;
  try {
    response = await fetch(apiKey.validation.url, { method: apiKey.validation.method, headers: { accept: 'application/json', ...credentialHeaders(credential, apiKey) } });
  } catch {
    return { ok: false, message: `Could not reach ${connector.displayName} to check the key. Try again in a moment.` };
  }
  let body: unknown;
  try {
    body = JSON.parse((await readLimitedBody(response, 64 * 1024)).toString('utf8'));
  } catch {
    body = undefined;
  }
  const reason = vendorReason(body);
  if (response.status === 401 || response.status === 403 || (response.ok && (body as { ok?: unknown } | undefined)?.ok === false)) {
    return { ok: false, message: `${connector.displayName} did not accept the key${reason ? `: ${reason}` : ''}.` };
  }
  if (!response.ok) return { ok: false, message: `Could not check the key with ${connector.displayName} (HTTP ${response.status}). Try again in a moment.` };

  const header = response.headers.get('x-oauth-scopes');
  const scopes = header ? header.split(/[,\s]+/).filter(Boolean) : [];
  const missing = header !== null ? (apiKey.requiredScopes ?? []).filter((scope) => !scopes.includes(scope)) : [];
  if (missing.length > 0) {
    return { ok: false, message: `The key is missing the ${missing.length === 1 ? 'scope' : 'scopes'} ${missing.join(', ')}. Create a key that includes ${missing.length === 1 ? 'it' : 'them'}.` };
  }
  return { ok: true, scopes };
}
