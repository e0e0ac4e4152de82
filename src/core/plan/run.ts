import type { SelfCheckInput } from '../selfcheck/schema';
import { triage } from '../triage/triage';
import type { TriageResult } from '../triage/triage';
import { planFor } from './generate';
import type { Library, Plan } from './types';

/** What `POST /api/self-check` answers with. */
export interface SelfCheckResult {
  triage: TriageResult;
  /** Null for `emergency` and `urgent`: those people need care, not exercises. */
  plan: Plan | null;
}

/**
 * The whole self-check: triage first, then (only when it allows) the starter
 * plan. `today` is YYYY-MM-DD in the person's time zone.
 */
export function runSelfCheck(input: SelfCheckInput, library: Library, today: string): SelfCheckResult {
  const result = triage(input);
  return { triage: result, plan: planFor(input, library, today, result) };
}
