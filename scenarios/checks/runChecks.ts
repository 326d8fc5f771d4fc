/** Every protocol check of a scenario run, in report order. */
import type { CheckResult } from '../model/checkResult.ts';
import { authorizationChecks } from './authorizationChecks.ts';
import type { CheckContext } from './checkContext.ts';
import { discoveryChecks } from './discoveryChecks.ts';
import { featureChecks } from './featureChecks.ts';
import { statelessChecks } from './statelessChecks.ts';
import { toolChecks } from './toolChecks.ts';
import { transportChecks } from './transportChecks.ts';

export function runChecks(context: CheckContext): CheckResult[] {
  return [...discoveryChecks(context), ...authorizationChecks(context), ...transportChecks(context), ...statelessChecks(context), ...toolChecks(context), ...featureChecks(context)];
}
