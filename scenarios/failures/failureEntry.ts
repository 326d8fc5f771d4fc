/**
 * One entry of the failure catalogue: what a person sees (the client's or the gateway's own words),
 * why it happens, the requirement ids involved, what the gateway operator and the user do about it,
 * and how the harness reproduces it. Data only: symptom matching, the diagnosis, `gangway repro` and
 * docs/support.md are all computed from these entries.
 */
import type { Scenario } from '../model/scenario.ts';

/** Where the person reads the symptom: an AI client, or the gateway's own page. */
export type SymptomPlace = 'chatgpt' | 'claude' | 'inspector' | 'gateway';

export interface Symptom {
  readonly where: SymptomPlace;
  /** The text as shown (`{name}` is the app's or connector's name), or what the person sees happen. */
  readonly text: string;
}

export type FailureKind = 'gateway-defect' | 'user-mistake' | 'upstream' | 'deployment';

export interface FailureEntry {
  readonly id: string;
  readonly title: string;
  readonly kind: FailureKind;
  readonly symptoms: readonly Symptom[];
  /** The cause, in plain words. */
  readonly cause: string;
  /** Requirement ids (requirements/manifest.ts) the failure breaks or, for a user mistake, the step it blocks. */
  readonly requirementIds: readonly string[];
  readonly fix: { readonly operator: string; readonly user: string };
  /** The check whose failure identifies this cause (a protocol check, or one of failures/symptomChecks.ts). */
  readonly diagnosedBy: string;
  /** How the harness makes it happen. */
  readonly reproduction: { readonly scenario: Scenario; readonly how: string };
  /** How the reference gateway handles it, where that differs from what the reproduction shows. */
  readonly referenceGateway?: string;
}
