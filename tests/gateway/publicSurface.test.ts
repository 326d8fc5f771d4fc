/**
 * The gateway's boundary (issue 12, item 4): stack/ and scenarios/ import the gateway only through
 * gateway/index.ts, so its folders can move without breaking them; and nothing under gateway/
 * imports fixtures/ — the demo directory users and the mock catalogue are inputs stack/ passes in
 * (stack/demoGateway.ts). Walks the static relative imports of each file (`import … from`,
 * `export … from`, type-only ones, over several lines, and `import('…')` types and calls) and
 * fails naming each file and the import that crosses the line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const GATEWAY = join(ROOT, 'gateway');
const PUBLIC_SURFACE = join(GATEWAY, 'index.ts');
const FIXTURES = join(ROOT, 'fixtures');
/** `import x from './a.ts'`, `import type { X } from '../b.ts'`, `export * from './c.ts'`, `import './d.ts'`, also over several lines. */
const STATIC_IMPORT = /^\s*(?:import|export)\b[^;'"]*?(?:\bfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/gm;
/** `import('../x.ts')`, in a type position or a call. */
const DYNAMIC_IMPORT = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|mjs|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each relative import of a source text, resolved to an absolute path (extension as written). */
export function importsOf(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(STATIC_IMPORT), ...text.matchAll(DYNAMIC_IMPORT)].map((match) => match[1]!);
  return [...new Set(specifiers.map((specifier) => resolve(dirname(file), specifier)))];
}

const inside = (path: string, folder: string) => path === folder || path.startsWith(`${folder}${sep}`);

/** "file → import" for every import of `files` that `crosses` says leaves its allowed set. */
function crossings(files: readonly string[], crosses: (target: string) => boolean, read: (file: string) => string = (file) => readFileSync(file, 'utf8')): string[] {
  return files.flatMap((file) =>
    importsOf(file, read(file))
      .filter(crosses)
      .map((target) => `${relative(ROOT, file)} → ${relative(ROOT, target)}`),
  );
}

/** A gateway file other than its public surface (gateway/index.ts, with or without the extension). */
const gatewayInternal = (target: string) => inside(target, GATEWAY) && target !== PUBLIC_SURFACE && target !== PUBLIC_SURFACE.replace(/\.ts$/, '') && target !== GATEWAY;
const fixture = (target: string) => inside(target, FIXTURES);

describe('the gateway boundary', () => {
  it('the walk sees imports and would catch a crossing', () => {
    const scenario = join(ROOT, 'scenarios/x/y.ts');
    const text = [
      "import { startGateway } from '../../gateway/index.ts';",
      "import type {\n  Logger,\n} from '../../gateway/logging/logger.ts';",
      "export { x } from '../../gateway/server.ts';",
      "type App = import('../../gateway/app.ts').GatewayApp;",
      "const text = 'from ../../gateway/not-an-import.ts';",
    ].join('\n');
    expect(crossings([scenario], gatewayInternal, () => text)).toEqual([
      'scenarios/x/y.ts → gateway/logging/logger.ts',
      'scenarios/x/y.ts → gateway/server.ts',
      'scenarios/x/y.ts → gateway/app.ts',
    ]);
    const gatewayFile = join(GATEWAY, 'directory/seedDirectory.ts');
    expect(crossings([gatewayFile], fixture, () => "import { directoryUsers } from '../../fixtures/directory.ts';")).toEqual(['gateway/directory/seedDirectory.ts → fixtures/directory.ts']);
    // And on the real tree: stack/ does use the surface, which the walk must see.
    expect(importsOf(join(ROOT, 'stack/demoGateway.ts'), readFileSync(join(ROOT, 'stack/demoGateway.ts'), 'utf8'))).toContain(PUBLIC_SURFACE);
  });

  it('stack/ and scenarios/ import from gateway/ only gateway/index.ts', () => {
    const files = ['stack', 'scenarios'].flatMap((folder) => sourceFiles(join(ROOT, folder)));
    expect(files.length).toBeGreaterThan(100);
    expect(crossings(files, gatewayInternal)).toEqual([]);
  });

  it('nothing under gateway/ imports fixtures/ (stack/ passes the demo directory and catalogue in)', () => {
    const files = sourceFiles(GATEWAY);
    expect(files.length).toBeGreaterThan(50);
    expect(crossings(files, fixture)).toEqual([]);
    // Nor does it point at a fixture file by URL (the old default catalogue did: new URL('../../fixtures/…')).
    const byUrl = files.filter((file) => /['"`](?:\.{1,2}\/)+fixtures\//.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file));
    expect(byUrl).toEqual([]);
  });
});
