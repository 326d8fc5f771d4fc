/**
 * Finding a form field the way a person does: by what it is called on the page. A field's name is
 * its <label>s, aria-label / aria-labelledby and placeholder — what a person reads — and, only as a
 * last hint, its name/id/autocomplete attributes (pages without labels, e.g. oidc-provider's
 * development sign-in, still name their fields there).
 */
import type { Locator } from '@playwright/test';

export interface FieldLabel {
  /** What a person reads: <label>s, aria-label(ledby), placeholder, title. */
  readonly shown: string;
  /** The markup's hints: name, id, autocomplete. */
  readonly hints: string;
}

/** Runs in the page: every element's label (no named inner functions: it is serialized as is). */
const LABELS_IN_PAGE = (elements: Element[]): FieldLabel[] =>
  elements.map((element) => ({
    shown: [
      ...Array.from((element as HTMLInputElement).labels ?? []).map((label) => label.textContent ?? ''),
      element.getAttribute('aria-label') ?? '',
      ...(element.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : '')),
      element.getAttribute('placeholder') ?? '',
      element.getAttribute('title') ?? '',
    ]
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
    hints: ['name', 'id', 'autocomplete'].map((name) => element.getAttribute(name) ?? '').join(' ').trim(),
  }));

/** The labels of the elements a locator matches, in page order. */
export async function labelsOf(locator: Locator): Promise<FieldLabel[]> {
  return locator.evaluateAll(LABELS_IN_PAGE);
}

/** The first visible element whose label matches `want` and not `avoid`; undefined when there is none. */
export async function fieldByLabel(candidates: Locator, want: RegExp, avoid?: RegExp): Promise<Locator | undefined> {
  const visible = candidates.filter({ visible: true });
  const labels = (await labelsOf(visible).catch(() => [] as FieldLabel[])).map((label) => `${label.shown} ${label.hints}`);
  const index = labels.findIndex((label) => want.test(label) && !avoid?.test(label));
  return index < 0 ? undefined : visible.nth(index);
}

/** Text inputs a person types a name, an email or a key into (password inputs apart). */
export const TEXT_INPUTS = 'input:not([type]), input[type="text"], input[type="email"], input[type="tel"], input[type="search"]';
export const SECRET_INPUTS = 'input[type="password"]';
