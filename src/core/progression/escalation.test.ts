import { describe, expect, it } from 'vitest';
import { WARNING_SIGNS } from '../triage/signs';
import { WARNING_SIGN_SUMMARY_LABELS, plainFlagSummary, warningSignEscalation } from './escalation';
import { triage } from '../triage/triage';

describe('flag summaries in plain words', () => {
  it('names warning signs by label, never by code', () => {
    const signs = ['legNumbness', 'saddleNumbness'] as const;
    const e = warningSignEscalation({
      signs: [...signs],
      since: '2026-06-08',
      triage: triage({ age: 45, painAreas: ['lowBack'], painStartedWeeksAgo: 4, warningSigns: [...signs] }),
    });
    expect(e.clinicianSummary).toBe(
      'New warning signs in the morning check-in since 2026-06-08: new numbness in a leg, saddle numbness. Triage level: emergency. All automatic plan changes are stopped until the signs are reviewed.',
    );
    for (const s of WARNING_SIGNS) expect(e.clinicianSummary).not.toContain(s);
  });

  it('has a label for every sign', () => {
    for (const s of WARNING_SIGNS) expect(WARNING_SIGN_SUMMARY_LABELS[s].length, s).toBeGreaterThan(3);
  });

  it('rewrites summaries stored with codes, and leaves other words alone', () => {
    expect(
      plainFlagSummary(
        'New warning sign(s) in the morning check-in since 2026-06-08: saddleNumbness, nightPain. Triage level: urgent. All automatic plan changes are stopped until the signs are reviewed.',
      ),
    ).toBe(
      'New warning sign(s) in the morning check-in since 2026-06-08: saddle numbness, pain at night. Triage level: urgent (same day). All automatic plan changes are stopped until the signs are reviewed.',
    );
    expect(plainFlagSummary('No check-in for 7 days; constructor toString stays.')).toBe(
      'No check-in for 7 days; constructor toString stays.',
    );
  });
});
