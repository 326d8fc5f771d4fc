/**
 * What a named step is: a title for the report and what it does with a StepContext. Its own module
 * so the step tables (steps.ts, userMistakeSteps.ts, credentialSteps.ts) can all name the type
 * without importing each other — steps.ts imports the others' tables, never the other way round.
 */
import type { StepContext } from './stepContext.ts';

export interface StepDefinition {
  readonly title: string;
  run(context: StepContext): Promise<void>;
}
