/**
 * The one step engine: a fresh browser context (traced) in which steps run in order, each timed and
 * followed by a screenshot; the first failing step stops the walk — later steps are "skipped" — and
 * its error's first line, redacted, goes into the record. runScenario.ts walks a scenario's named
 * steps through it and connectors/connectorScenario.ts a connector's, so both report alike.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { StepName } from '../model/scenario.ts';
import type { StepRecord } from '../model/scenarioRun.ts';
import { redactHarFile } from '../reports/harRedaction.ts';
import { finishTrace } from '../reports/keptTrace.ts';
import type { Redactor } from '../reports/redaction.ts';

/** Longest one browser action (click, fill, wait for an element or a navigation) may take. */
const STEP_ACTION_TIMEOUT_MS = 30_000;

const HAR_FILE = 'traffic.har';

/** One step as the engine runs it. */
export interface SessionStep {
  readonly name: StepName;
  readonly title: string;
  run(): Promise<void>;
}

export interface StepSessionOptions {
  /** Directory for this run's screenshots, trace and HAR (inside the report directory). */
  readonly outputDir: string;
  /** Path of outputDir relative to the report directory (for links). */
  readonly outputLink: string;
  readonly redact: Redactor;
  /** Record the browser's traffic as `traffic.har` in outputDir (bodies embedded), redacted once the context closes. */
  readonly recordHar?: boolean | undefined;
}

export interface WalkOptions {
  readonly onProgress: (line: string) => void;
  /** What a progress line calls a step: its name (scenarios) or its title (connectors). */
  readonly label: 'name' | 'title';
  /** Runs after a step failed, before its screenshot (e.g. to read the error the client shows). */
  readonly onFailure?: () => Promise<void>;
}

export interface StepSession {
  readonly page: Page;
  walk(steps: readonly SessionStep[], options: WalkOptions): Promise<StepRecord[]>;
  /** Ends tracing (the trace kept, redacted, when `keepTrace`) and closes the context; the trace's and HAR's links. */
  finish(keepTrace: boolean): Promise<{ trace: string | undefined; har: string | undefined }>;
}

export async function openStepSession(browser: Browser, options: StepSessionOptions): Promise<StepSession> {
  mkdirSync(options.outputDir, { recursive: true });
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1100, height: 900 },
    ...(options.recordHar ? { recordHar: { path: join(options.outputDir, HAR_FILE), content: 'embed' as const } } : {}),
  });
  // A missing element must fail its step, not hang the run: Playwright Test's default action
  // timeout is unlimited, and the runner is used from both the CLI and the test suite.
  context.setDefaultTimeout(STEP_ACTION_TIMEOUT_MS);
  // Under Playwright Test the runner may already trace every context; then its trace is the record.
  const tracing = await context.tracing.start({ screenshots: true, snapshots: true, sources: false }).then(
    () => true,
    () => false,
  );
  const page = await context.newPage();
  return {
    page,
    async walk(steps, walk) {
      const records: StepRecord[] = [];
      let broken = false;
      for (const [index, step] of steps.entries()) {
        if (broken) {
          records.push({ name: step.name, title: step.title, status: 'skipped', durationMs: 0 });
          continue;
        }
        const stepStarted = performance.now();
        let error: string | undefined;
        try {
          await step.run();
        } catch (caught) {
          error = (caught as Error).message.split('\n')[0];
          await walk.onFailure?.();
          broken = true;
        }
        const screenshot = `${String(index + 1).padStart(2, '0')}-${step.name}.png`;
        await page.screenshot({ path: join(options.outputDir, screenshot), fullPage: true }).catch(() => undefined);
        const record: StepRecord = {
          name: step.name,
          title: step.title,
          status: error ? 'failed' : 'passed',
          durationMs: Math.round(performance.now() - stepStarted),
          screenshot: `${options.outputLink}/${screenshot}`,
          error: error && options.redact(error),
        };
        records.push(record);
        walk.onProgress(`  ${record.status === 'passed' ? '✓' : '✗'} ${step[walk.label]} (${record.durationMs} ms)${record.error ? ` — ${record.error}` : ''}`);
      }
      return records;
    },
    async finish(keepTrace) {
      const destination = { outputDir: options.outputDir, outputLink: options.outputLink, redact: options.redact };
      const trace = tracing ? await finishTrace(context, keepTrace, destination) : undefined;
      // Playwright writes the HAR when the context closes; like the trace, it leaves the runner redacted.
      await context.close();
      if (options.recordHar) redactHarFile(join(options.outputDir, HAR_FILE), options.redact);
      return { trace, har: options.recordHar ? `${options.outputLink}/${HAR_FILE}` : undefined };
    },
  };
}
