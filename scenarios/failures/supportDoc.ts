/**
 * docs/support.md, generated from the failure catalogue (failures/catalog.ts) so the page a support
 * engineer reads and the data `gangway repro` matches symptoms against cannot drift apart; a vitest
 * compares the file with this text. Regenerate: npx tsx scenarios/failures/writeSupportDoc.ts
 */
import { requirement } from '../../requirements/manifest.ts';
import { FAILURES } from './catalog.ts';
import type { FailureEntry, FailureKind } from './failureEntry.ts';

const KIND_TITLES: Record<FailureKind, string> = {
  'gateway-defect': 'Gateway defects (the ten most common real-world setup failures)',
  'user-mistake': 'User-side failures',
  upstream: 'Tool vendor (upstream) failures',
  deployment: 'Deployment failures',
};

const WHERE: Record<string, string> = { chatgpt: 'ChatGPT', claude: 'Claude', inspector: 'MCP Inspector', gateway: 'Gateway page' };

function entrySection(entry: FailureEntry): string {
  const lines = [
    `### ${entry.title}`,
    '',
    `Id: \`${entry.id}\` · reproduce: \`npx gangway repro --symptom ${entry.id}\``,
    '',
    '**What the person sees**',
    '',
    ...entry.symptoms.map((s) => `- ${WHERE[s.where]}: "${s.text}"`),
    '',
    `**Cause.** ${entry.cause}`,
    '',
    '**Requirement ids**',
    '',
    ...entry.requirementIds.map((id) => `- ${id} (${requirement(id).level}): ${requirement(id).behaviour}`),
    '',
    `**Fix for the gateway operator.** ${entry.fix.operator}`,
    '',
    `**Fix for the user.** ${entry.fix.user}`,
    '',
    `**How the harness reproduces it.** ${entry.reproduction.how} (scenario \`${entry.reproduction.scenario.id}\`, ${entry.reproduction.scenario.client}; diagnosed by the check \`${entry.diagnosedBy}\`)`,
  ];
  if (entry.referenceGateway) lines.push('', `**The reference gateway.** ${entry.referenceGateway}`);
  return lines.join('\n');
}

export function supportDoc(): string {
  const kinds = [...new Set(FAILURES.map((e) => e.kind))];
  const index = FAILURES.map((e) => `| \`${e.id}\` | ${e.title} | ${e.symptoms.map((s) => `"${s.text}"`).join('<br>')} | ${e.requirementIds.join(', ')} |`);
  return `<!-- Generated from scenarios/failures/catalog.ts by scenarios/failures/supportDoc.ts; do not edit by hand. -->
# Support: failure catalogue

When a person reports what their AI client or the gateway showed — "ChatGPT says: Error fetching
OAuth configuration" — find the entry below, or let the harness do it:

\`\`\`sh
npx gangway repro --symptom "Error fetching OAuth configuration"            # the reference stack, defects injected
npx gangway repro --symptom "Authorization failed" --target https://gw.example/mcp --client claude
\`\`\`

\`repro\` matches the text (or an entry id) to the entries below, runs each one's reproduction in
Chromium and writes a bundle (\`--out\`, default \`./gangway-repro\`): \`index.html\` with the
diagnosis — the first failed check and what it means — and a screenshot per step, \`diagnosis.json\`,
and under \`scenario-report/\` the check tables, the Playwright trace and a HAR of all browser
traffic. Keys, passwords, codes, tokens and session cookies are redacted in every file. One client
message often covers several causes (ChatGPT shows "Error fetching OAuth configuration" for every
discovery and registration problem): the diagnosis tells them apart. Against \`--target\` nothing is
injected, so the diagnosis says what that gateway does; entries that need the mock vendors' knobs run
only on the reference stack. Exit status: 0 when a failure was reproduced and diagnosed, 1 when none
showed, 2 on a usage error.

| Id | Failure | What the person sees | Requirement ids |
| --- | --- | --- | --- |
${index.join('\n')}

${kinds.map((kind) => `## ${KIND_TITLES[kind]}\n\n${FAILURES.filter((e) => e.kind === kind).map(entrySection).join('\n\n')}`).join('\n\n')}
`;
}
