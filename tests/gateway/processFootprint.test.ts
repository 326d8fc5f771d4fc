/**
 * Issue 12: what the gateway process loads for its whole life. The demo directory is made by faker,
 * whose package root loads every locale (≈16 MB of heap, ≈30 MB of RSS, measured); the directory
 * needs English only. Proven by asking Node which faker files a fresh process resolves — no
 * timing, no memory figure — and by the users staying exactly the ones the README names.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { directoryUsers } from '../../fixtures/directory.ts';

/** Every module URL under @faker-js that a fresh Node process resolves while importing `file`. */
function fakerModulesLoadedBy(file: string): string[] {
  const probe = `
    import { registerHooks } from 'node:module';
    const seen = [];
    registerHooks({ resolve(specifier, context, next) { const found = next(specifier, context); seen.push(found.url); return found; } });
    await import(${JSON.stringify(new URL(file, import.meta.url).href)});
    process.stdout.write(JSON.stringify(seen.filter((url) => url.includes('/@faker-js/'))));`;
  const cwd = fileURLToPath(new URL('../..', import.meta.url));
  return JSON.parse(execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '--eval', probe], { cwd, encoding: 'utf8' })) as string[];
}

describe('The demo directory in the gateway process', () => {
  it("loads faker's English locale only, never the package root with every locale", () => {
    const loaded = fakerModulesLoadedBy('../../fixtures/directory.ts');
    expect(loaded.some((url) => url.endsWith('/dist/locale/en.js'))).toBe(true);
    expect(loaded.filter((url) => url.endsWith('/dist/index.js'))).toEqual([]);
    // The English data, faker's core and the entry that binds them; another locale would add a chunk.
    expect(loaded.length).toBeLessThanOrEqual(3);
  });

  it('still yields the users the README names, whatever seed was drawn before', () => {
    directoryUsers(1); // the shared English instance is reseeded on every call
    const [first, second] = directoryUsers(20261124);
    expect(first).toEqual({ id: 'usr_6izlvhdwx250', email: 'selmer.jacobi@acme.example', name: 'Selmer Jacobi', department: 'Design', password: 'precious-vanadyl-30' });
    expect(second?.email).toBe('kaia.watsica@acme.example');
  });
});
