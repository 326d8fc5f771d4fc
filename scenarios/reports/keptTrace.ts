/**
 * Ends a run's Playwright tracing: the trace is kept — redacted, next to the run's screenshots —
 * when the run did not go as expected or when asked to, and dropped otherwise. Returns its path
 * relative to the report directory when kept.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import type { Redactor } from './redaction.ts';
import { redactTraceFile } from './traceRedaction.ts';

export interface TraceDestination {
  readonly outputDir: string;
  readonly outputLink: string;
  readonly redact: Redactor;
}

export async function finishTrace(context: BrowserContext, keep: boolean, destination: TraceDestination): Promise<string | undefined> {
  const tracePath = join(destination.outputDir, 'trace.zip');
  if (!keep) {
    await context.tracing.stop();
    rmSync(tracePath, { force: true });
    return undefined;
  }
  await context.tracing.stop({ path: tracePath });
  redactTraceFile(tracePath, destination.redact);
  return `${destination.outputLink}/trace.zip`;
}
