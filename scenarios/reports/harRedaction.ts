/**
 * Redacts a HAR file (Playwright's recordHar) in place as soon as the run's browser context closes. Cookies and
 * credential headers are cleared by structure — a session cookie's value has no shape a pattern
 * could know — then the whole text goes through the run's redactor, which knows every key,
 * password, code and token of the run by value, in URLs, form bodies and JSON alike.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Redactor } from './redaction.ts';

const CREDENTIAL_HEADERS = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization', 'x-mock-admin-secret']);

interface HarNameValue {
  name: string;
  value: string;
}

interface HarMessage {
  headers?: HarNameValue[];
  cookies?: HarNameValue[];
}

interface Har {
  log?: { entries?: { request?: HarMessage; response?: HarMessage }[] };
}

function clearCredentials(message: HarMessage | undefined): void {
  for (const header of message?.headers ?? []) if (CREDENTIAL_HEADERS.has(header.name.toLowerCase())) header.value = '[redacted]';
  for (const cookie of message?.cookies ?? []) cookie.value = '[redacted]';
}

export function redactHarFile(path: string, redact: Redactor): void {
  let har: Har;
  try {
    har = JSON.parse(readFileSync(path, 'utf8')) as Har;
  } catch (error) {
    throw new Error(`${path} is not a readable HAR file: ${(error as Error).message}`);
  }
  for (const entry of har.log?.entries ?? []) {
    clearCredentials(entry.request);
    clearCredentials(entry.response);
  }
  writeFileSync(path, redact(JSON.stringify(har, null, 1)));
}
