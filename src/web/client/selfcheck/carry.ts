/**
 * Carries a visitor's self-check answers over to the account they create:
 * the answers wait in sessionStorage (this tab only, gone when it closes),
 * and after sign-up they are saved as the new patient's intake.
 */
import { ApiFailure, api } from '../api';

const KEY = 'hipback.selfcheck.answers';

export function keepAnswers(body: unknown): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(body));
  } catch {
    // Storage can be full or switched off; the person can still take the check again.
  }
}

export function keptAnswers(): unknown {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as unknown) : null;
  } catch {
    return null;
  }
}

export function forgetAnswers(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing to forget
  }
}

/**
 * After sign-up: saves kept answers as the patient's intake. Never blocks the
 * new account: on failure the person can take the check again from home.
 */
export async function saveKeptAnswersAsIntake(): Promise<boolean> {
  const answers = keptAnswers();
  if (!answers) return false;
  try {
    await api('POST', '/api/me/intake', answers);
    forgetAnswers();
    return true;
  } catch (err) {
    // Answers the server refuses will never be accepted: do not keep retrying them.
    if (err instanceof ApiFailure && err.error.status >= 400 && err.error.status < 500) forgetAnswers();
    return false;
  }
}
