/**
 * Every requirement id is either cited by a test or listed, with a reason, in
 * requirements/not-yet-covered.json — and a listed id that a test now cites fails the run, so the
 * list only ever shrinks honestly (a stale entry must be removed).
 */
import { describe, expect, it } from 'vitest';
import { requirements } from '../../requirements/manifest.ts';
import { citations, notYetCovered } from './citations.ts';

describe('Requirement coverage', () => {
  const cited = citations();
  const baseline = notYetCovered();

  it('lists only known ids, each with a reason', () => {
    for (const [id, reason] of Object.entries(baseline)) {
      expect(requirements.some((r) => r.id === id), `${id} is not in the manifest`).toBe(true);
      expect(reason.trim().length, `${id} has no reason`).toBeGreaterThan(10);
    }
  });

  it('has every id cited by a test or explained in not-yet-covered.json', () => {
    const unexplained = requirements.filter((r) => (cited.get(r.id) ?? []).length === 0 && !(r.id in baseline)).map((r) => r.id);
    expect(unexplained, 'ids no test cites: cite them or explain them in requirements/not-yet-covered.json').toEqual([]);
  });

  it('has no stale entries: an id a test now cites must leave not-yet-covered.json', () => {
    const stale = Object.keys(baseline).filter((id) => (cited.get(id) ?? []).length > 0);
    expect(stale, 'remove these from requirements/not-yet-covered.json').toEqual([]);
  });
});
