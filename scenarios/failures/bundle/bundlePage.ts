/**
 * The repro bundle's front page (index.html): the symptom as reported, then per catalogue entry the
 * diagnosis — the first failed check and what it means, the requirement ids, the fixes — and what
 * the person saw at each step (the screenshots), with links to the redacted Playwright trace, the
 * HAR and the full scenario report. Everything quoted goes through web/html.ts's escaping (SEC-05).
 */
import { htmlDocument } from '../../../web/document.ts';
import { html, type SafeHtml } from '../../../web/html.ts';
import type { StepRecord } from '../../model/scenarioRun.ts';
import type { Reproduction } from '../reproduce.ts';

const STYLE = `
body{font:14px/1.5 system-ui,sans-serif;margin:24px;color:#1b1f24;max-width:1200px}
h1{font-size:1.4rem} h2{font-size:1.15rem;margin-top:28px} section{border:1px solid #d0d7de;border-radius:8px;padding:8px 16px;margin:16px 0}
.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}.muted{color:#57606a}
.diagnosis{background:#fff8c5;border-radius:6px;padding:8px 12px} ol.steps{display:flex;flex-wrap:wrap;gap:12px;list-style:none;padding:0}
ol.steps li{width:260px} img{width:260px;border:1px solid #d0d7de}
`;

export interface BundlePageInput {
  readonly symptom: string;
  readonly target: string;
  readonly generatedAt: string;
  readonly reproductions: readonly Reproduction[];
  /** Where the runs' files are, relative to the page. */
  readonly runsDir: string;
}

function stepCard(step: StepRecord, runsDir: string): SafeHtml {
  const statusClass = step.status === 'failed' ? 'bad' : step.status === 'skipped' ? 'muted' : 'ok';
  const src = step.screenshot ? `${runsDir}/${step.screenshot}` : undefined;
  return html`<li><div class="${statusClass}">${step.name} — ${step.status}</div>
${src ? html`<a href="${src}"><img src="${src}" alt="What the person saw after ${step.name}"></a>` : ''}
${step.error ? html`<div class="muted">${step.error}</div>` : ''}</li>`;
}

function section(reproduction: Reproduction, runsDir: string): SafeHtml {
  const { entry } = reproduction;
  const head = html`<h2>${entry.title} <span class="muted">(${entry.id}, ${entry.kind})</span></h2>`;
  if (reproduction.skipped !== undefined) return html`<section>${head}<p class="muted">Skipped: ${reproduction.skipped}</p></section>`;
  const { run, diagnosis } = reproduction;
  const named = diagnosis.entry;
  return html`<section id="${entry.id}">${head}
<p class="muted">${run.scenario.client} · ${run.scenario.id} · target ${run.target} · ${(run.durationMs / 1000).toFixed(1)} s · reproduction: ${entry.reproduction.how}</p>
<div class="diagnosis">
<p><strong>Diagnosis:</strong> ${diagnosis.reproduced ? html`<span class="bad">failure shown</span>` : html`<span class="ok">not reproduced</span>`}${named ? html` — <strong>${named.title}</strong> (${named.id})` : ''}</p>
${diagnosis.firstFailure ? html`<p>First failed check: <code>${diagnosis.firstFailure.id}</code> [${diagnosis.firstFailure.requirementIds.join(' ')}] ${diagnosis.firstFailure.title} — ${diagnosis.firstFailure.details}</p>` : ''}
<p>${diagnosis.meaning}</p>
${diagnosis.requirementIds.length ? html`<p>Requirement ids: ${diagnosis.requirementIds.join(', ')}</p>` : ''}
${named ? html`<p><strong>Fix (gateway operator):</strong> ${named.fix.operator}</p><p><strong>Fix (user):</strong> ${named.fix.user}</p>` : ''}
${named?.referenceGateway ? html`<p class="muted">Reference gateway: ${named.referenceGateway}</p>` : ''}
</div>
<h3>What the person saw</h3>
<ol class="steps">${run.steps.map((step) => stepCard(step, runsDir))}</ol>
<p>${run.trace ? html`<a href="${runsDir}/${run.trace}">Playwright trace (redacted)</a> — <code>npx playwright show-trace ${runsDir}/${run.trace}</code> · ` : ''}${run.har ? html`<a href="${runsDir}/${run.har}">HAR of all browser traffic (redacted)</a> · ` : ''}<a href="${runsDir}/index.html#${run.scenario.id}-${run.scenario.client}">checks and steps in the scenario report</a></p>
</section>`;
}

export function bundlePage(input: BundlePageInput): string {
  return htmlDocument({
    title: `Gangway repro: ${input.symptom}`,
    style: STYLE,
    body: html`<h1>Gangway repro</h1>
<p>Symptom reported: <strong>${input.symptom}</strong> · target ${input.target} · generated ${input.generatedAt}</p>
<p>Catalogue entries matched: ${input.reproductions.map((r, i) => html`${i ? ', ' : ''}<a href="#${r.entry.id}">${r.entry.id}</a>`)}</p>
${input.reproductions.map((r) => section(r, input.runsDir))}`,
  });
}
