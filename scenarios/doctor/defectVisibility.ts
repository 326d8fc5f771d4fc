/**
 * Which of the ten real-world defects (defects/catalog.ts) the doctor can see without a person
 * signing in. The others need a signed-in run (`gangway run defect-<id>`); the doctor says so
 * instead of reporting them as fine. A defect added to the catalogue without an entry here stops
 * the doctor at start-up, so the decision cannot be forgotten.
 */
import { DEFECTS } from '../defects/catalog.ts';

export type Visibility =
  | { readonly seen: 'without-sign-in' }
  | { readonly seen: 'with-token'; readonly why: string }
  | { readonly seen: 'signed-in-run'; readonly why: string };

export const DEFECT_VISIBILITY: Readonly<Record<string, Visibility>> = {
  'no-resource-metadata': { seen: 'without-sign-in' },
  'prm-root-only': { seen: 'without-sign-in' },
  'as-issuer-mismatch': { seen: 'without-sign-in' },
  'resource-rejected': { seen: 'without-sign-in' },
  'redirect-not-allowed': { seen: 'without-sign-in' },
  'no-registration': { seen: 'without-sign-in' },
  'token-refused': { seen: 'with-token', why: 'only a real access token shows the MCP endpoint refusing it; pass --token' },
  'registrations-forgotten': { seen: 'signed-in-run', why: 'a client must first receive tokens, then be refused later' },
  'no-refresh-token': { seen: 'signed-in-run', why: 'the metadata still offers refresh; only a real token response lacks the refresh token' },
  'stale-tool-list': { seen: 'signed-in-run', why: "a user's grants must change between two tool lists" },
};

for (const defect of DEFECTS) {
  if (!DEFECT_VISIBILITY[defect.id]) throw new Error(`scenarios/doctor/defectVisibility.ts does not say whether gangway doctor can see defect ${defect.id}`);
}

export function defectVisible(id: string, withToken: boolean): boolean {
  const visibility = DEFECT_VISIBILITY[id];
  return visibility?.seen === 'without-sign-in' || (visibility?.seen === 'with-token' && withToken);
}
