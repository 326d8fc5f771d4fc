/** `npm run requirements:coverage`: each requirement id with the tests that cite it. */
import { requirements } from '../../requirements/manifest.ts';
import { citations, notYetCovered } from './citations.ts';

const cited = citations();
const baseline = notYetCovered();
let uncovered = 0;
for (const requirement of requirements) {
  const files = cited.get(requirement.id) ?? [];
  if (files.length === 0) uncovered++;
  const status = files.length > 0 ? `${files.length} file(s)` : `NOT CITED — ${baseline[requirement.id] ?? 'no reason recorded'}`;
  process.stdout.write(`${requirement.id.padEnd(20)} ${requirement.level.padEnd(8)} ${status}\n`);
}
process.stdout.write(`\n${requirements.length - uncovered} of ${requirements.length} requirement ids are cited by tests.\n`);
