/**
 * From what the person reported to catalogue entries: an entry id (or its scenario's id) picks that
 * entry; a message the catalogue knows, quoted anywhere in the report, picks every entry that shows
 * it (one ChatGPT text covers several causes — the repro tells them apart); otherwise the entries
 * sharing the most words with the report, symptoms counting double.
 */
import { FAILURES } from './catalog.ts';
import type { FailureEntry } from './failureEntry.ts';

/** Words that say nothing about the failure ("ChatGPT says: …"). */
const STOP_WORDS = new Set(['a', 'an', 'the', 'to', 'of', 'and', 'or', 'is', 'it', 'in', 'on', 'at', 'with', 'for', 'my', 'i', 'me', 'says', 'said', 'shows', 'showed', 'message', 'chatgpt', 'claude', 'inspector', 'mcp', 'when', 'after', 'get', 'gets', 'got', 'was', 'we', 'user']);

const normalize = (text: string) => text.toLowerCase().replace(/[^a-z0-9{}]+/g, ' ').trim();
const words = (text: string) => normalize(text).split(' ').filter((w) => w.length > 1 && !STOP_WORDS.has(w) && w !== '{name}');

/** A symptom text as a pattern over normalized text; `{name}` stands for any app or tool name. */
function quoted(symptom: string): RegExp {
  const parts = normalize(symptom).split('{name}').map((part) => part.trim().replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.filter(Boolean).join('.+?'));
}

export class SymptomMatchError extends Error {
  override readonly name = 'SymptomMatchError';
}

export function matchSymptom(report: string): FailureEntry[] {
  const query = report.trim();
  if (!query) throw new SymptomMatchError('the symptom is empty: give the message the person saw, or a catalogue id');
  const byId = FAILURES.find((e) => e.id === query.toLowerCase() || e.reproduction.scenario.id === query.toLowerCase());
  if (byId) return [byId];

  const text = normalize(query);
  const quoting = FAILURES.filter((e) => e.symptoms.some((s) => quoted(s.text).test(text)));
  if (quoting.length > 0) return quoting;

  const asked = new Set(words(query));
  if (asked.size === 0) throw new SymptomMatchError(`"${query}" has no words to match; give the message the person saw, or a catalogue id`);
  const scored = FAILURES.map((entry) => {
    const inSymptoms = new Set(entry.symptoms.flatMap((s) => words(s.text)));
    const inText = new Set(words(`${entry.id} ${entry.title} ${entry.cause}`));
    let score = 0;
    for (const word of asked) score += inSymptoms.has(word) ? 2 : inText.has(word) ? 1 : 0;
    return { entry, score };
  });
  const best = Math.max(...scored.map((s) => s.score));
  if (best === 0) throw new SymptomMatchError(`no catalogue entry matches "${query}"; see docs/support.md for the entries and their ids`);
  return scored.filter((s) => s.score === best).map((s) => s.entry);
}
