/** Writes docs/support.md from the failure catalogue: npx tsx scenarios/failures/writeSupportDoc.ts */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { supportDoc } from './supportDoc.ts';

export const SUPPORT_DOC_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'support.md');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(dirname(SUPPORT_DOC_PATH), { recursive: true });
  writeFileSync(SUPPORT_DOC_PATH, supportDoc());
  process.stdout.write(`wrote ${SUPPORT_DOC_PATH}\n`);
}
