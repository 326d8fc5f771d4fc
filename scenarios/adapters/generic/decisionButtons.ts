/**
 * The buttons that decide: the one that grants (Authorize, Allow, Approve, Accept, Continue, Grant,
 * Consent — "Authorize tools" counts, "Connect via OAuth" does not) and the one that refuses. The
 * generic walk only ever presses the first kind; a button whose name also says Deny, Cancel,
 * Abort, Reject or Decline is never taken for approval.
 */
import type { Locator, Page } from '@playwright/test';

export const APPROVE = /^\W*(authori[sz]e|allow|approve|accept|continue|grant|consent)\b/i;
export const REFUSE = /\b(deny|cancel|abort|reject|decline|don'?t allow)\b/i;

/** The visible approve button of the page (or of a part of it). */
export function approveButton(scope: Page | Locator): Locator {
  return scope.getByRole('button', { name: APPROVE }).filter({ visible: true }).filter({ hasNotText: REFUSE }).first();
}

/** The visible refuse button: only the failure catalogue's "Deny at the vendor" asks for it. */
export function refuseButton(scope: Page | Locator): Locator {
  return scope.getByRole('button', { name: /^\W*(deny|cancel|decline|reject)\b/i }).filter({ visible: true }).first();
}

export async function isShown(locator: Locator): Promise<boolean> {
  return (await locator.count().catch(() => 0)) > 0 && (await locator.isVisible().catch(() => false));
}
