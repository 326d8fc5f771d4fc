/**
 * Tests cite the requirement ids they verify: `it(cite('AUTH-02', 'AUTH-05') + ' 401 carries …')`.
 * An unknown id throws when the file loads, so a typo cannot silently cite nothing; the coverage
 * check (tests/requirements/coverage.test.ts) reads the citations back out of the test sources.
 */
import { requirement } from '../../requirements/manifest.ts';

export function cite(...ids: string[]): string {
  if (ids.length === 0) throw new Error('cite() needs at least one requirement id');
  for (const id of ids) requirement(id);
  return `[${ids.join(' ')}]`;
}
