/**
 * Writes a suite's three reports into one directory — index.html, junit.xml, checks.json — next to
 * the runs/ folders that hold each run's screenshots and trace, so the HTML opens as it is. Every
 * byte written goes through the run's redactor last, whatever the formats above it forgot.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ScenarioRun } from '../model/scenarioRun.ts';
import { htmlReport } from './htmlReport.ts';
import { junitReport } from './junitReport.ts';
import type { Redactor } from './redaction.ts';
import { scenarioRevision } from '../model/scenario.ts';

export interface WrittenReports {
  readonly html: string;
  readonly junit: string;
  readonly json: string;
}

function jsonReport(runs: readonly ScenarioRun[], generatedAt: string): string {
  const body = {
    generatedAt,
    passed: runs.every((r) => r.asExpected),
    runs: runs.map((r) => ({
      scenario: { id: r.scenario.id, title: r.scenario.title, client: r.scenario.client, protocolRevision: scenarioRevision(r.scenario), expected: r.scenario.expected, checks: r.scenario.checks, ...(r.scenario.defect ? { defect: r.scenario.defect } : {}) },
      target: r.target,
      startedAt: r.startedAt,
      durationMs: r.durationMs,
      passed: r.passed,
      asExpected: r.asExpected,
      steps: r.steps,
      checks: r.checks,
      ...(r.trace ? { trace: r.trace } : {}),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

export function writeReports(dir: string, runs: readonly ScenarioRun[], redact: Redactor): WrittenReports {
  mkdirSync(dir, { recursive: true });
  const generatedAt = new Date().toISOString();
  const written: WrittenReports = { html: resolve(join(dir, 'index.html')), junit: resolve(join(dir, 'junit.xml')), json: resolve(join(dir, 'checks.json')) };
  writeFileSync(written.html, redact(htmlReport(runs, generatedAt)));
  writeFileSync(written.junit, redact(junitReport(runs)));
  writeFileSync(written.json, redact(jsonReport(runs, generatedAt)));
  return written;
}
