/**
 * docs/verdicts.md, generated from the check table: every check the doctor makes, the sentence it
 * enforces in each revision (level, document, section, link) and what to fix — so a support
 * engineer or a vendor can see why a verdict is what it is. A test fails when the file is stale.
 */
import { SPEC_REVISIONS } from '../../wire/protocolVersions.ts';
import { CHECK_TABLE, TARGET_ANSWERS_CHECK } from './checkTable.ts';
import type { SpecRule } from './spec/specRules.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const LEVEL_MEANS: Record<SpecRule['level'], string> = { MUST: 'FAIL', SHOULD: 'WARN', CLIENT: 'FAIL (a named client cannot connect)' };

function ruleLines(rules: readonly SpecRule[]): string[] {
  return rules.map((rule) => {
    const revisions = rule.revisions.length === SPEC_REVISIONS.length ? 'every revision' : rule.revisions.join(', ');
    return `- **${rule.level}** (${revisions}; violated → ${LEVEL_MEANS[rule.level]}) — [${cell(rule.source)}](${rule.url}): ${rule.text}`;
  });
}

export function verdictsDoc(): string {
  const out = [
    '# gangway doctor: its checks and the rules they enforce',
    '',
    '<!-- Generated from scenarios/doctor/checkTable.ts by `npx tsx scenarios/doctor/writeVerdictsDoc.ts`; do not edit by hand. -->',
    '',
    'Each check fails only when the sentence it enforces is violated, in the revision the target speaks',
    `(${SPEC_REVISIONS.join(', ')}). The doctor learns the revisions from the target with \`--token\``,
    '(`server/discover`, then `initialize` in each stateful revision) or takes one from `--spec`; a target',
    'that speaks several must satisfy each. Without either, every check is judged by the revision most',
    'favourable to the target, so a compliant alternative is never reported as a failure. A violated MUST',
    'is a failure (exit 1); a violated SHOULD is a warning; a check whose rule does not exist in the',
    'revision is not applicable. When the target stops answering, one row says after which request, and',
    'every check that needed a later answer is NOT RUN.',
    '',
    '| # | Check | Requirements | Needs | What it verifies |',
    '| --- | --- | --- | --- | --- |',
    ...CHECK_TABLE.map((c, i) => `| ${i + 1} | \`${c.id}\` | ${c.requirementIds.join(' ')} | ${c.needs.join(', ')} | ${cell(c.title)} |`),
    '',
  ];
  for (const check of CHECK_TABLE) {
    out.push(`## \`${check.id}\` — ${check.title}`, '', `Requirements: ${check.requirementIds.join(', ')}. Probes read: ${check.needs.join(', ')}.`, '', ...ruleLines(check.rules), '', `Fix: ${check.fix}`, '');
  }
  out.push(`## \`${TARGET_ANSWERS_CHECK.id}\` — ${TARGET_ANSWERS_CHECK.title}`, '', 'Reported only when the target stopped answering during the run.', '', ...ruleLines([TARGET_ANSWERS_CHECK.rule]), '', `Fix: ${TARGET_ANSWERS_CHECK.fix}`, '');
  return `${out.join('\n')}`;
}
