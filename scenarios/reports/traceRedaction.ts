/**
 * Redacts a Playwright trace zip in place, so it can be attached to a ticket. A trace holds the
 * network log (headers, cookies, URLs with codes), DOM snapshots (typed keys in input values) and
 * every request and response body as a resource — POST bodies are stored as `.dat`, so every entry
 * but the screenshots is treated as text. Entry names are kept: the viewer finds resources by name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { Redactor } from './redaction.ts';

const IMAGE_ENTRY = /\.(png|jpe?g|webp|gif)$/i;

/** Bytes that are not text (fonts, images without an extension) stay as they are. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 1024);
  for (const byte of sample) if (byte === 0) return true;
  return false;
}

export function redactTraceFile(path: string, redact: Redactor): void {
  const entries = unzipSync(readFileSync(path));
  const out: Zippable = {};
  for (const [name, bytes] of Object.entries(entries)) {
    if (IMAGE_ENTRY.test(name) || looksBinary(bytes)) {
      out[name] = bytes;
      continue;
    }
    // latin1 round-trips any byte sequence, so a body that is not valid UTF-8 is not mangled;
    // secrets are ASCII, so they match in either reading.
    const text = strFromU8(bytes, true);
    const redacted = redact(text);
    out[name] = redacted === text ? bytes : strToU8(redacted, true);
  }
  writeFileSync(path, zipSync(out, { level: 6 }));
}
