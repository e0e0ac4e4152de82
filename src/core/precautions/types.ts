import type { PrecautionTag } from '../library/types';

/**
 * Precautions a person (or their surgeon / PT) tells us about. Each one, while
 * active, forbids or cautions a set of exercise precaution tags (see
 * ./rules.ts). Sources: clinical-facts.md §4.
 */

export const PRECAUTION_KINDS = [
  'hipReplacement',
  'pregnancy',
  'osteoporosis',
  'vertebralFracture',
  'recentSurgery',
] as const;
export type PrecautionKind = (typeof PRECAUTION_KINDS)[number];

export const SIDES = ['left', 'right'] as const;
export type Side = (typeof SIDES)[number];

export const HIP_APPROACHES = ['posterior', 'anterior', 'lateral', 'anterolateral', 'unknown'] as const;
export type HipApproach = (typeof HIP_APPROACHES)[number];

export interface HipReplacementPrecaution {
  kind: 'hipReplacement';
  side: Side;
  approach: HipApproach;
  /** The restrictions the surgeon gave. When absent or empty, the usual ones for the approach are assumed. */
  restrictions?: PrecautionTag[] | undefined;
  /** Last day the restrictions apply (YYYY-MM-DD). When absent, a default period is assumed. */
  until?: string | undefined;
}

export interface PregnancyPrecaution {
  kind: 'pregnancy';
  trimester: 1 | 2 | 3;
}

export interface OsteoporosisPrecaution {
  kind: 'osteoporosis';
}

export interface VertebralFracturePrecaution {
  kind: 'vertebralFracture';
}

export interface RecentSurgeryPrecaution {
  kind: 'recentSurgery';
  /** Last day the surgeon's restrictions apply (YYYY-MM-DD). When absent, a default period is assumed. */
  until?: string | undefined;
}

export type Precaution =
  | HipReplacementPrecaution
  | PregnancyPrecaution
  | OsteoporosisPrecaution
  | VertebralFracturePrecaution
  | RecentSurgeryPrecaution;

/** How strongly a precaution rules out a tag. */
export type Severity = 'forbidden' | 'caution';

/** One tag ruled out (or cautioned) by one active precaution, with the why. */
export interface TagRule {
  tag: PrecautionTag;
  severity: Severity;
  /** Which precaution this rule comes from. */
  precaution: PrecautionKind;
  /** Plain-language explanation a patient or PT can read. */
  reason: string;
  /** True when the rule was assumed (no surgeon restrictions given) rather than entered. */
  assumed: boolean;
  /** Source keys, clinical-facts.md §11. */
  source: string;
}

export interface ActivePrecaution {
  precaution: Precaution;
  kind: PrecautionKind;
  /** Short label, e.g. "Left hip replacement (posterior approach)". */
  label: string;
  /** Last day it applies (YYYY-MM-DD), or null when it has no end date (e.g. osteoporosis). */
  until: string | null;
  /** True when `until` is our default, not a date the person gave. */
  untilAssumed: boolean;
  /** True when the tag rules are the usual ones for the situation, not restrictions entered by a clinician. */
  rulesAssumed: boolean;
  rules: TagRule[];
  /** Things the person should know about how we applied this precaution. */
  notes: string[];
}

/** A conflict between one exercise and the active precautions. */
export interface Conflict {
  tag: PrecautionTag;
  severity: Severity;
  precaution: PrecautionKind;
  label: string;
  reason: string;
  assumed: boolean;
  source: string;
}
