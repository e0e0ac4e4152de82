/**
 * The weekly summary: when it is due (the patient's local Monday, from their
 * chosen time, outside quiet hours, once per week, never for a week before
 * they started), across daylight-saving changes; and its words, which only
 * restate the Progress page's figures and never praise more than they show.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, weekdayOf } from './dates';
import type { WeeklySummary } from './progress';
import {
  DEFAULT_REMINDER_SETTINGS,
  type ReminderSettings,
  type WeeklyInput,
  formatClockTime,
  inQuietHours,
  localClock,
  parseClock,
  weeklySummaryDue,
} from './reminders';
import { weekSpanText, weeklyEncouragement, weeklySummaryMessage } from './weekly-summary';

const settings = (patch: Partial<ReminderSettings> = {}): ReminderSettings => ({
  ...DEFAULT_REMINDER_SETTINGS,
  ...patch,
});

const input = (patch: Partial<WeeklyInput> = {}): WeeklyInput => ({
  weekly: { on: true, time: '09:00' },
  settings: settings(),
  // Monday 2026-11-30, 09:30
  now: { date: '2026-11-30', minute: 9 * 60 + 30, instant: '2026-11-30T16:30:00.000Z' },
  startDate: '2026-11-01',
  delivered: [],
  warningSignToday: false,
  ...patch,
});

describe('when the weekly summary is due', () => {
  it('is due on Monday from the chosen time, for the week that ended yesterday', () => {
    expect(weeklySummaryDue(input())).toEqual({
      kind: 'weekly',
      slot: '2026-11-23',
      weekStart: '2026-11-23',
      weekEnd: '2026-11-29',
    });
  });

  it('is not due before the chosen time, nor on another day', () => {
    expect(weeklySummaryDue(input({ now: { ...input().now, minute: 8 * 60 + 59 } }))).toBeNull();
    expect(weeklySummaryDue(input({ now: { ...input().now, date: '2026-12-01' } }))).toBeNull();
    expect(weeklySummaryDue(input({ now: { ...input().now, date: '2026-11-29' } }))).toBeNull();
  });

  it('waits for the end of quiet hours that cover the chosen time', () => {
    const quiet = settings({ quietHours: { start: '21:00', end: '10:00' } });
    expect(weeklySummaryDue(input({ settings: quiet }))).toBeNull();
    expect(weeklySummaryDue(input({ settings: quiet, now: { ...input().now, minute: 600 } }))).not.toBeNull();
  });

  it('comes once: not again when the week is already delivered', () => {
    expect(weeklySummaryDue(input({ delivered: [{ kind: 'weekly', slot: '2026-11-23' }] }))).toBeNull();
  });

  it('is off when switched off, or when neither the app nor email is on', () => {
    expect(weeklySummaryDue(input({ weekly: { on: false, time: '09:00' } }))).toBeNull();
    const pushOnly = settings({ channels: { inApp: false, push: true, email: false } });
    expect(weeklySummaryDue(input({ settings: pushOnly }))).toBeNull();
    const emailOnly = settings({ channels: { inApp: false, push: false, email: true } });
    expect(weeklySummaryDue(input({ settings: emailOnly }))).not.toBeNull();
  });

  it('gives no summary without a plan, or of a week that ended before the patient started', () => {
    expect(weeklySummaryDue(input({ startDate: null }))).toBeNull();
    expect(weeklySummaryDue(input({ startDate: '2026-11-30' }))).toBeNull();
    // Started on the week's last day: that week is summarised.
    expect(weeklySummaryDue(input({ startDate: '2026-11-29' }))).not.toBeNull();
  });

  it('respects snooze, pause for today, the daily cap and a warning sign', () => {
    expect(weeklySummaryDue(input({ settings: settings({ pausedOn: '2026-11-30' }) }))).toBeNull();
    expect(
      weeklySummaryDue(input({ settings: settings({ snoozeUntil: '2026-11-30T17:00:00.000Z' }) })),
    ).toBeNull();
    const capped = settings({ dailyCap: 1 });
    expect(
      weeklySummaryDue(input({ settings: capped, delivered: [{ kind: 'checkin', slot: 'day' }] })),
    ).toBeNull();
    expect(weeklySummaryDue(input({ warningSignToday: true }))).toBeNull();
  });
});

/**
 * A scheduler that looks every few minutes over several weeks, in a zone
 * with a daylight-saving change inside the span, storing each summary it is
 * told is due (as the service does): one per week, on the local Monday.
 */
function simulate(g: {
  zone: string;
  fromUtc: number;
  days: number;
  stepMinutes: number;
  time: string;
  quiet: { start: string; end: string } | null;
  startOffsetDays: number;
}) {
  const made: { slot: string; date: string; minute: number }[] = [];
  const start = localClock(new Date(g.fromUtc), g.zone).date;
  const startDate = addDays(start, g.startOffsetDays);
  const s = settings({ quietHours: g.quiet, dailyCap: 30 });
  for (let t = g.fromUtc; t < g.fromUtc + g.days * 86_400_000; t += g.stepMinutes * 60_000) {
    const now = localClock(new Date(t), g.zone);
    const delivered = made.filter((m) => m.date === now.date).map((m) => ({ kind: 'weekly', slot: m.slot }));
    const due = weeklySummaryDue({
      weekly: { on: true, time: g.time },
      settings: s,
      now,
      startDate,
      delivered,
      warningSignToday: false,
    });
    if (due) made.push({ slot: due.slot, date: now.date, minute: now.minute });
  }
  return { made, start, startDate };
}

describe('the weekly slot over weeks with a daylight-saving change', () => {
  const zones = [
    // DST ends on Sunday 2026-10-25 (London) and 2026-11-01 (Denver); starts 2027-03-14 (Denver), 2027-03-28 (London).
    { zone: 'Europe/London', fromUtc: Date.UTC(2026, 9, 12) },
    { zone: 'America/Denver', fromUtc: Date.UTC(2026, 9, 19) },
    { zone: 'America/Denver', fromUtc: Date.UTC(2027, 2, 1) },
    { zone: 'Europe/London', fromUtc: Date.UTC(2027, 2, 15) },
    { zone: 'Australia/Sydney', fromUtc: Date.UTC(2026, 8, 28) },
    { zone: 'Asia/Tokyo', fromUtc: Date.UTC(2026, 9, 12) },
  ];
  const arb = fc.record({
    z: fc.constantFrom(...zones),
    shiftHours: fc.integer({ min: 0, max: 24 * 6 }),
    stepMinutes: fc.integer({ min: 10, max: 29 }),
    time: fc.integer({ min: 0, max: 23 * 60 }).map(formatClockTime),
    quiet: fc.option(
      fc.record({
        start: fc.integer({ min: 0, max: 24 * 60 - 1 }).map(formatClockTime),
        end: fc.integer({ min: 0, max: 24 * 60 - 1 }).map(formatClockTime),
      }),
      { nil: null },
    ),
    startOffsetDays: fc.integer({ min: -10, max: 12 }),
  });

  it('makes exactly one summary per local week, on Monday, after the chosen time, outside quiet hours', () => {
    fc.assert(
      fc.property(arb, (g) => {
        const days = 22;
        const { made, startDate } = simulate({
          zone: g.z.zone,
          fromUtc: g.z.fromUtc + g.shiftHours * 3_600_000,
          days,
          stepMinutes: g.stepMinutes,
          time: g.time,
          quiet: g.quiet,
          startOffsetDays: g.startOffsetDays,
        });
        const slots = made.map((m) => m.slot);
        // Once per week.
        expect(new Set(slots).size).toBe(slots.length);
        for (const m of made) {
          expect(weekdayOf(m.date)).toBe('mon');
          expect(weekdayOf(m.slot)).toBe('mon');
          expect(m.slot).toBe(addDays(m.date, -7));
          expect(m.minute).toBeGreaterThanOrEqual(parseClock(g.time));
          expect(inQuietHours(m.minute, g.quiet)).toBe(false);
          // Never a week that ended before the start.
          expect(addDays(m.slot, 6) >= startDate).toBe(true);
        }
      }),
      { numRuns: 25, seed: 20_261_130 },
    );
  }, 60_000);

  it('does not miss a week when the chosen time is reachable (no quiet hours, whole span)', () => {
    // Three Mondays fall in 22 days from a Monday; the plan started long before.
    const { made } = simulate({
      zone: 'Europe/London',
      fromUtc: Date.UTC(2026, 9, 12),
      days: 22,
      stepMinutes: 13,
      time: '09:00',
      quiet: null,
      startOffsetDays: -30,
    });
    expect(made.map((m) => m.date)).toEqual(['2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02']);
    // 09:00 London is 08:00 UTC before the change (BST) and 09:00 UTC after it: both local 09:00.
    for (const m of made) expect(m.minute).toBeGreaterThanOrEqual(540);
    expect(made.every((m) => m.minute < 540 + 13)).toBe(true);
  });

  it('follows the local calendar, not UTC: Sunday evening in Denver is already Monday in UTC', () => {
    const sundayEvening = localClock(new Date('2026-11-02T04:30:00Z'), 'America/Denver');
    expect(sundayEvening.date).toBe('2026-11-01');
    expect(
      weeklySummaryDue(
        input({
          now: sundayEvening,
          weekly: { on: true, time: '00:00' },
          settings: settings({ quietHours: null }),
        }),
      ),
    ).toBeNull();
    const mondayMorning = localClock(new Date('2026-11-02T16:00:00Z'), 'America/Denver');
    expect(mondayMorning).toMatchObject({ date: '2026-11-02', minute: 9 * 60 });
    expect(weeklySummaryDue(input({ now: mondayMorning }))?.slot).toBe('2026-10-26');
  });
});

// ── The words ─────────────────────────────────────────────────────────────

const summary = (patch: Partial<WeeklySummary> = {}): WeeklySummary => ({
  weekStart: '2026-11-23',
  weekEnd: '2026-11-29',
  sessions: {
    stretch: { done: 5, planned: 7 },
    strength: { done: 2, planned: 3 },
    painDuringMean: null,
    sentence: '',
  },
  activity: { minutes: 95, goal: 150, sentence: '' },
  pain: { mean: 3.25, previousMean: 4.5, category: 'noMeaningfulChange', sentence: '' },
  movementBreaks: { count: 0, sentence: '' },
  milestones: [],
  milestonesSentence: '',
  ...patch,
});

describe('the words of the weekly summary', () => {
  it('states the figures of the week in plain words', () => {
    expect(weeklySummaryMessage(summary())).toEqual({
      title: 'Your week, 23–29 November',
      lines: [
        'Strength sessions: 2 of 3 planned.',
        'Stretch days: 5 of 7 planned.',
        'Activity: 95 of your 150 goal minutes.',
        'Morning pain: 3.3 out of 10 on average, a little lower than the 4.5 of the week before.',
      ],
      encouragement: 'You kept at it last week. Every session counts; this week is a new start.',
    });
    expect(weekSpanText('2026-11-30', '2026-12-06')).toBe('30 November – 6 December');
  });

  it('says "down" only for a meaningful improvement, and suggests telling the PT when pain rose', () => {
    const better = weeklySummaryMessage(
      summary({ pain: { ...summary().pain, mean: 2, previousMean: 5, category: 'improved' } }),
    );
    expect(better.lines[3]).toBe('Morning pain: 2 out of 10 on average, down from 5 the week before.');
    const worse = weeklySummaryMessage(
      summary({ pain: { ...summary().pain, mean: 6, previousMean: 3, category: 'worsened' } }),
    );
    expect(worse.lines[3]).toContain('tell your physical therapist');
    const none = weeklySummaryMessage(
      summary({ pain: { mean: null, previousMean: 4, category: null, sentence: '' } }),
    );
    expect(none.lines[3]).toContain('no check-ins last week');
  });

  it('never praises more than the figures show', () => {
    const count = fc.record({
      done: fc.integer({ min: 0, max: 7 }),
      planned: fc.integer({ min: 0, max: 7 }),
    });
    fc.assert(
      fc.property(
        count,
        count,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 300 }),
        fc.constantFrom('improved', 'worsened', 'noMeaningfulChange', null),
        (stretch, strength, minutes, goal, category) => {
          const s = summary({
            sessions: { stretch, strength, painDuringMean: null, sentence: '' },
            activity: { minutes, goal, sentence: '' },
            pain: {
              mean: 3,
              previousMean: 4,
              category,
              sentence: '',
            },
          });
          const line = weeklyEncouragement(s);
          const planned = stretch.planned + strength.planned;
          const allDone = planned > 0 && stretch.done >= stretch.planned && strength.done >= strength.planned;
          if (/every session you planned/.test(line)) expect(allDone).toBe(true);
          if (/activity goal/.test(line)) expect(goal > 0 && minutes >= goal).toBe(true);
          if (/pain came down/.test(line)) expect(category).toBe('improved');
          const nothing = stretch.done + strength.done === 0 && minutes === 0;
          if (nothing) expect(line).toMatch(/quiet one/);
          if (/Well done|kept at it|came down/.test(line)) expect(nothing).toBe(false);
        },
      ),
      { numRuns: 2_000, seed: 20_261_130 },
    );
  });
});
