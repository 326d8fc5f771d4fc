/** Steps that act on the mock vendors or the gateway process need the stack the harness started. */
import type { ReferenceStack } from './environment.ts';
import type { StepContext } from './stepContext.ts';

export function referenceOnly(context: StepContext, step: string): ReferenceStack {
  const reference = context.environment.reference;
  if (!reference) throw new Error(`step ${step} needs the reference stack (it acts on the mock vendors or the gateway process)`);
  return reference;
}
