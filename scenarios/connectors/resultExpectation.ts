/** Whether a tool call's outcome, as the client showed it, has the shape the manifest expects. */
import type { ToolCallOutcome } from '../adapters/clients/clientAdapter.ts';
import type { ResultExpectation } from './manifestSchema.ts';

export function resultProblem(outcome: ToolCallOutcome, expect: ResultExpectation): string | undefined {
  if (outcome.isError !== expect.isError) {
    return expect.isError ? 'succeeded, but the manifest expects a tool error' : `ended as a tool error: ${outcome.text.slice(0, 300)}`;
  }
  if (expect.textMatches && !new RegExp(expect.textMatches).test(outcome.text)) {
    return `result does not match /${expect.textMatches}/: ${outcome.text.slice(0, 300)}`;
  }
  return undefined;
}
