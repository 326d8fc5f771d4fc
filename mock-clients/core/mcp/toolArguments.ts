/** Tool arguments as typed into a form: a JSON object, or nothing (= `{}`). Bad input is a FlowFailure, never a crash. */
import { invalidInput } from '../flowFailure.ts';

const MAX_ARGUMENT_CHARS = 64 * 1024;

export function parseToolArguments(text: string | undefined): Record<string, unknown> {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return {};
  if (trimmed.length > MAX_ARGUMENT_CHARS) throw invalidInput('arguments-invalid', `arguments are longer than ${MAX_ARGUMENT_CHARS} characters`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw invalidInput('arguments-invalid', 'arguments must be a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidInput('arguments-invalid', 'arguments must be a JSON object');
  return parsed as Record<string, unknown>;
}
