/**
 * Writes a repro bundle a support engineer can attach to a ticket:
 *   index.html        the diagnosis per entry, the screenshots, links (bundlePage.ts)
 *   diagnosis.json    the same as data
 *   scenario-report/  the scenario report (index.html, junit.xml, checks.json) and runs/<entry>/
 *                     with a screenshot per step, trace.zip and traffic.har
 * The trace was redacted by the runner; the HAR is redacted here; every file written passes through
 * the run's redactor last.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Redactor } from '../../reports/redaction.ts';
import { writeReports } from '../../reports/writeReports.ts';
import { RUNS_DIR, type Reproduction } from '../reproduce.ts';
import { bundlePage } from './bundlePage.ts';

export interface BundleFiles {
  readonly html: string;
  readonly json: string;
  readonly report: string;
}

function diagnosisJson(symptom: string, target: string, generatedAt: string, reproductions: readonly Reproduction[]): string {
  const entries = reproductions.map((r) => ({
    entry: r.entry.id,
    title: r.entry.title,
    ...(r.skipped !== undefined
      ? { skipped: r.skipped }
      : {
          scenario: r.run.scenario.id,
          client: r.run.scenario.client,
          reproduced: r.diagnosis.reproduced,
          diagnosedAs: r.diagnosis.entry?.id ?? null,
          requirementIds: r.diagnosis.requirementIds,
          firstFailedCheck: r.diagnosis.firstFailure ? { id: r.diagnosis.firstFailure.id, title: r.diagnosis.firstFailure.title, details: r.diagnosis.firstFailure.details } : null,
          failedStep: r.diagnosis.failedStep ?? null,
          meaning: r.diagnosis.meaning,
          fix: r.diagnosis.entry?.fix ?? null,
          screenshots: r.run.steps.flatMap((s) => (s.screenshot ? [`${RUNS_DIR}/${s.screenshot}`] : [])),
          trace: r.run.trace ? `${RUNS_DIR}/${r.run.trace}` : null,
          har: r.run.har ? `${RUNS_DIR}/${r.run.har}` : null,
        }),
  }));
  return `${JSON.stringify({ symptom, target, generatedAt, entries }, null, 2)}\n`;
}

export function writeBundle(dir: string, symptom: string, target: string, reproductions: readonly Reproduction[], redact: Redactor): BundleFiles {
  mkdirSync(dir, { recursive: true });
  const runs = [...new Set(reproductions.flatMap((r) => (r.run ? [r.run] : [])))];
  const report = writeReports(join(dir, RUNS_DIR), runs, redact);
  const generatedAt = new Date().toISOString();
  const files: BundleFiles = { html: resolve(join(dir, 'index.html')), json: resolve(join(dir, 'diagnosis.json')), report: report.html };
  writeFileSync(files.html, redact(bundlePage({ symptom, target, generatedAt, reproductions, runsDir: RUNS_DIR })));
  writeFileSync(files.json, redact(diagnosisJson(symptom, target, generatedAt, reproductions)));
  return files;
}
