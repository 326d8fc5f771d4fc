/** What one scenario run produced: its steps (with screenshots), its checks, its verdict. */
import type { Observations } from '../checks/checkContext.ts';
import type { CheckResult } from './checkResult.ts';
import type { FlowEvidence } from './flowEvidence.ts';
import type { Scenario, StepName } from './scenario.ts';

export interface StepRecord {
  readonly name: StepName | 'setup' | 'checks';
  readonly title: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly durationMs: number;
  /** File name (relative to the report directory) of the screenshot taken at the end of the step. */
  readonly screenshot?: string | undefined;
  readonly error?: string | undefined;
}

export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly target: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly steps: readonly StepRecord[];
  readonly checks: readonly CheckResult[];
  /** Relative path of the Playwright trace, kept when the run failed. */
  readonly trace?: string | undefined;
  /** Relative path of the HAR of the browser's traffic, when one was recorded (not yet redacted). */
  readonly har?: string | undefined;
  /** What the client showed (tool lists, tool calls, errors) and what the user-side steps saw. */
  readonly observed?: Observations | undefined;
  readonly evidence?: FlowEvidence | undefined;
  /** Every MUST held (no FAILURE) — the run's verdict. */
  readonly passed: boolean;
  /** Whether the verdict is what the scenario expected (a defect scenario expects named failures). */
  readonly asExpected: boolean;
}

export function verdict(scenario: Scenario, checks: readonly CheckResult[], steps: readonly StepRecord[]): { passed: boolean; asExpected: boolean } {
  const failures = checks.filter((c) => c.status === 'FAILURE');
  const passed = failures.length === 0 && steps.every((s) => s.status !== 'failed');
  if (scenario.expected.kind === 'pass') return { passed, asExpected: passed };
  const failedIds = new Set(failures.flatMap((c) => c.requirementIds));
  return { passed, asExpected: !passed && scenario.expected.requirementIds.every((id) => failedIds.has(id)) };
}
