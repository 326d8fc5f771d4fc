/**
 * Reads requirement citations back out of the test sources: every `cite('ID', …)` in tests/**.
 * Static, so vitest and Playwright suites count alike without running them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { requirements } from '../../requirements/manifest.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const TESTS = join(ROOT, 'tests');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(test|spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** id → the test files citing it. */
export function citations(): Map<string, string[]> {
  const cited = new Map<string, string[]>(requirements.map((r) => [r.id, []]));
  for (const file of sourceFiles(TESTS)) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/cite\(([^)]*)\)/g)) {
      for (const id of call[1]!.matchAll(/'([A-Z][A-Z0-9]*(?:-[A-Z]+)*-\d+)'/g)) {
        const files = cited.get(id[1]!);
        if (!files) throw new Error(`${relative(ROOT, file)} cites unknown requirement ${id[1]}`);
        if (!files.includes(relative(ROOT, file))) files.push(relative(ROOT, file));
      }
    }
  }
  return cited;
}

export interface Baseline {
  readonly [id: string]: string;
}

export function notYetCovered(): Baseline {
  return JSON.parse(readFileSync(join(ROOT, 'requirements', 'not-yet-covered.json'), 'utf8')) as Baseline;
}
