/** Writes docs/verdicts.md from the doctor's check table: npx tsx scenarios/doctor/writeVerdictsDoc.ts */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verdictsDoc } from './verdictsDoc.ts';

export const VERDICTS_DOC_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'verdicts.md');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(dirname(VERDICTS_DOC_PATH), { recursive: true });
  writeFileSync(VERDICTS_DOC_PATH, verdictsDoc());
  process.stdout.write(`wrote ${VERDICTS_DOC_PATH}\n`);
}
