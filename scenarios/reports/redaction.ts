/**
 * The redactor every scenario artifact passes through (reports, step errors, check details, kept
 * traces). Two layers: the secrets this run knows by value — seeded API keys and passwords, and every
 * token, code and verifier the proxy saw on the wire — replaced wherever they appear, also in their
 * URL- and form-encoded spellings; then web/redact.ts's shapes (JWTs, bearer values, OAuth parameters,
 * vendor key formats), which catch a secret nobody told us about.
 */
import { redactString } from '../../web/redact.ts';

export interface Redactor {
  (text: string): string;
  /** Adds secrets learnt during the run (tokens issued, codes exchanged). */
  remember(...secrets: readonly string[]): void;
}

/** Shorter values would redact ordinary words; every secret we issue or seed is far longer. */
const MIN_SECRET_LENGTH = 6;

function spellings(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  const form = uri.replace(/%20/g, '+');
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, uri, form, json])];
}

export function createRedactor(initial: readonly string[] = []): Redactor {
  const known = new Set<string>();
  // Longest first, so a secret that contains another is replaced whole.
  let ordered: string[] = [];
  const remember = (...secrets: readonly string[]): void => {
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
      for (const spelling of spellings(secret)) known.add(spelling);
    }
    ordered = [...known].sort((a, b) => b.length - a.length);
  };
  remember(...initial);
  const redactor = ((text: string): string => {
    let out = text;
    for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    return redactString(out);
  }) as Redactor;
  redactor.remember = remember;
  return redactor;
}
