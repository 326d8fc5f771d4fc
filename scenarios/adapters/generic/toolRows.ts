/**
 * A tool's row on a consent page, found by the tool's name as a person finds it: the checkbox whose
 * own label is the name (best), or mentions it, or whose markup names it, or that sits in a list
 * item / table row / fieldset that mentions it (ties: the first on the page). The row is that checkbox's nearest such container; its key field, Save, Connect via
 * OAuth, status and error are looked for inside it.
 */
import type { Locator, Page } from '@playwright/test';
import { labelsOf, type FieldLabel } from './fieldLabels.ts';

const ROW = 'xpath=ancestor::*[self::li or self::tr or self::fieldset or self::section or self::article or @role="group" or @role="listitem" or @role="row"][1]';

/** A status that says connected — not "Not connected", "Disconnected" or "Unconnected". */
export const CONNECTED = /(?<!\bnot\s)(?<!\bun)\bconnected\b/i;
/** A status that says the tool needs nothing to connect (a public server): as good as connected. */
const NOTHING_TO_CONNECT = /\bno (sign-in|sign in|login|credentials?|connection) (is )?(needed|required)\b|\bnothing to connect\b/i;
const READY = new RegExp(`${CONNECTED.source}|${NOTHING_TO_CONNECT.source}`, 'i');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The tool's name as a whole word (letters and digits around it break the match). */
export function nameMatcher(tool: string): RegExp {
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(tool.trim())}($|[^\\p{L}\\p{N}])`, 'iu');
}

export interface ToolRow {
  readonly checkbox: Locator | undefined;
  readonly row: Locator;
}

/** Runs in the page: each checkbox's row text (the nearest row-like container's), for the third-best match. */
const ROW_TEXTS_IN_PAGE = (boxes: Element[]): string[] =>
  // innerText, not textContent: table cells and blocks are separated as a person sees them.
  boxes.map((box) => (box.closest('li, tr, fieldset, section, article, [role="group"], [role="listitem"], [role="row"]') as HTMLElement | null)?.innerText?.replace(/\s+/g, ' ') ?? '');

export async function findToolRow(page: Page, tool: string): Promise<ToolRow | undefined> {
  const boxes = page.locator('input[type="checkbox"], [role="checkbox"]').filter({ visible: true });
  const labels = await labelsOf(boxes).catch(() => [] as FieldLabel[]);
  const rows = await boxes.evaluateAll(ROW_TEXTS_IN_PAGE).catch(() => [] as string[]);
  const word = nameMatcher(tool);
  const exact = tool.trim().toLowerCase();
  const rank = (i: number): number => {
    const { shown, hints } = labels[i]!;
    return shown.toLowerCase() === exact ? 4 : word.test(shown) ? 3 : word.test(hints) ? 2 : word.test(rows[i] ?? '') ? 1 : 0;
  };
  let best = -1;
  for (let i = 0; i < labels.length; i++) if (rank(i) > 0 && (best < 0 || rank(i) > rank(best))) best = i;
  if (best >= 0) {
    const checkbox = boxes.nth(best);
    return { checkbox, row: checkbox.locator(ROW) };
  }
  // No checkbox names it: a page that lists the tools to connect without a tick box. The innermost
  // row-like element that mentions the tool (descendants come after their ancestors in page order).
  const mentions = page.locator('li, tr, fieldset, section, article, [role="group"], [role="listitem"]').filter({ hasText: word }).filter({ visible: true });
  return (await mentions.count()) > 0 ? { checkbox: undefined, row: mentions.last() } : undefined;
}

export async function requireToolRow(page: Page, tool: string): Promise<ToolRow> {
  const found = await findToolRow(page, tool);
  if (!found) throw new Error(`no tool called "${tool}" on the page (no checkbox or row names it)`);
  return found;
}

/** Whether the row's status reads connected, or needing no connection (a role=status element when it has one, else its text). */
export async function rowConnected(row: Locator): Promise<boolean> {
  const statuses = await row.locator('[role="status"]').allTextContents().catch(() => [] as string[]);
  if (statuses.some((text) => READY.test(text))) return true;
  if (statuses.length > 0) return false;
  return READY.test((await row.innerText().catch(() => null)) ?? '');
}
