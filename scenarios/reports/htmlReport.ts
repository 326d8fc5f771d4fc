/**
 * The HTML report a person reads: per run its verdict, each step with the screenshot taken after
 * it, the check table (status, requirement ids with their one-line behaviour, details) and a link to
 * the Playwright trace when one was kept. Everything goes through web/html.ts's escaping template:
 * step errors and check details quote what gateways and upstreams said (SEC-05).
 */
import { requirement } from '../../requirements/manifest.ts';
import { htmlDocument } from '../../web/document.ts';
import { html, type SafeHtml } from '../../web/html.ts';
import type { CheckStatus } from '../model/checkResult.ts';
import type { ScenarioRun, StepRecord } from '../model/scenarioRun.ts';
import { scenarioRevision } from '../model/scenario.ts';

const STATUS_CLASS: Record<CheckStatus, string> = { SUCCESS: 'ok', FAILURE: 'bad', WARNING: 'warn', SKIPPED: 'muted', NOT_RUN: 'muted' };

const STYLE = `
body{font:14px/1.5 system-ui,sans-serif;margin:24px;color:#1b1f24}
h1{font-size:1.4rem} h2{font-size:1.15rem;margin-top:32px} table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}.warn{color:#9a6700;font-weight:600}.muted{color:#57606a}
.tag{font-size:.8rem;background:#eaeef2;border-radius:999px;padding:1px 8px}.verdict{font-size:.85rem}
section.run{border:1px solid #d0d7de;border-radius:8px;padding:8px 16px;margin:16px 0}section.broken{border-color:#cf222e}
img{max-width:480px;border:1px solid #d0d7de;margin:6px 0} pre{white-space:pre-wrap}
`;

export function runAnchor(run: ScenarioRun): string {
  return `${run.scenario.id}-${run.scenario.client}`;
}

function requirementLabel(id: string): SafeHtml {
  let behaviour = '';
  try {
    behaviour = requirement(id).behaviour;
  } catch {
    behaviour = 'not in the requirement manifest';
  }
  return html`<abbr title="${behaviour}">${id}</abbr> `;
}

function stepItem(step: StepRecord): SafeHtml {
  const statusClass = step.status === 'failed' ? 'bad' : step.status === 'skipped' ? 'muted' : '';
  return html`<li class="${statusClass}"><strong>${step.name}</strong> — ${step.title} <span class="muted">(${step.status}, ${step.durationMs} ms)</span>
${step.error ? html`<pre class="bad">${step.error}</pre>` : ''}
${step.screenshot ? html`<div><a href="${step.screenshot}"><img src="${step.screenshot}" alt="Screenshot after ${step.name}" loading="lazy"></a></div>` : ''}</li>`;
}

function verdictLabel(run: ScenarioRun): SafeHtml {
  if (run.scenario.expected.kind === 'fail') {
    const ids = run.scenario.expected.requirementIds.join(' ');
    return run.asExpected
      ? html`<span class="verdict ok">failed as expected (${ids})</span>`
      : html`<span class="verdict bad">${run.passed ? 'passed' : 'failed'}, but was expected to fail on ${ids}</span>`;
  }
  return run.passed ? html`<span class="verdict ok">passed</span>` : html`<span class="verdict bad">failed</span>`;
}

function runSection(run: ScenarioRun): SafeHtml {
  const checks = run.checks.map(
    (c) => html`<tr><td class="${STATUS_CLASS[c.status]}">${c.status}</td><td>${c.requirementIds.map(requirementLabel)}</td><td>${c.title}</td><td>${c.details}</td></tr>`,
  );
  return html`<section class="run ${run.asExpected ? 'good' : 'broken'}" id="${runAnchor(run)}">
<h2>${run.scenario.title} <span class="tag">${run.scenario.client}</span> ${verdictLabel(run)}</h2>
<p class="muted">${run.scenario.id} · MCP ${scenarioRevision(run.scenario)} · target ${run.target} · ${(run.durationMs / 1000).toFixed(1)} s</p>
<h3>Steps</h3>
<ol class="steps">
${run.steps.map(stepItem)}
</ol>
<h3>Checks</h3>
<table><thead><tr><th>Status</th><th>Requirement</th><th>Check</th><th>Details</th></tr></thead><tbody>
${checks}
</tbody></table>
${run.trace ? html`<p>Playwright trace (redacted): <a href="${run.trace}">${run.trace}</a> — open with <code>npx playwright show-trace ${run.trace}</code></p>` : ''}
</section>`;
}

export function htmlReport(runs: readonly ScenarioRun[], generatedAt: string): string {
  const good = runs.filter((r) => r.asExpected).length;
  const index = runs.map((r) => html`<li><a href="#${runAnchor(r)}">${r.scenario.id}</a> (${r.scenario.client}) ${verdictLabel(r)}</li>`);
  return htmlDocument({
    title: 'Gangway scenario report',
    style: STYLE,
    body: html`<h1>Gangway scenario report</h1>
<p>${good} of ${runs.length} scenario runs as expected · generated ${generatedAt}</p>
${runs.length > 1 ? html`<ul>${index}</ul>` : ''}
${runs.map(runSection)}`,
  });
}
