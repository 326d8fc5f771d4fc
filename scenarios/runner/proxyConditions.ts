/**
 * What a scenario's `defect` names: one of the ten gateway defects (defects/catalog.ts), or a
 * deployment condition the proxy plays in front of a correct gateway (a fast-clock replica). Both
 * act only on the wire, never inside the gateway.
 */
import { createDefect } from '../defects/catalog.ts';
import type { Defect } from '../defects/defect.ts';
import { fastClockReplica } from './fastClockReplica.ts';

const CONDITIONS: Record<string, () => Defect> = {
  'fast-clock-replica': () => fastClockReplica(),
};

export const PROXY_CONDITION_IDS: readonly string[] = Object.keys(CONDITIONS);

/** A fresh instance for one run; an unknown id is a mistake in the scenario's data. */
export function proxyBehaviour(id: string): Defect {
  const found = createDefect(id) ?? CONDITIONS[id]?.();
  if (!found) throw new Error(`unknown defect or proxy condition "${id}" (scenarios/defects/catalog.ts, scenarios/runner/proxyConditions.ts)`);
  return found;
}
