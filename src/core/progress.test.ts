import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import { type ProgressRecords, activityGoalOn, progressView, spanWords } from './progress';
import { testPlan } from './testing/progress-fixtures';

const START = '2026-11-02'; // a Monday
const empty = (): ProgressRecords => ({
  checkins: [],
  sessions: [],
  activities: [],
  movementBreaks: [],
  plans: [],
  functional: { baseline: null, ratings: [] },
});
const withPlan = (start = START): ProgressRecords => ({
  ...empty(),
  plans: [
    { version: 1, from: start, source: 'intake', reason: 'From the self-check', plan: testPlan(start) },
  ],
});
const done = (date: string, kind: 'stretch' | 'strength', painDuring: number | null = 2) => ({
  date,
  kind,
  status: 'completed',
  painDuring,
  effort: 5,
});

describe('progressView for a new patient', () => {
  it('has no series, milestones or summary, and says how to begin', () => {
    const v = progressView(empty(), '2026-11-20');
    expect(v.startDate).toBeNull();
    expect(v.pain.days).toEqual([]);
    expect(v.pain.sentence).toContain('No check-ins yet');
    expect(v.milestones).toEqual([]);
    expect(v.summary).toBeNull();
    expect(v.functional.activities).toEqual([]);
    expect(v.streaks).toMatchObject({ stretchCurrent: 0, stretchLongest: 0 });
    expect(v.activitySentence).toContain('No activity logged yet');
  });

  it('gives no weekly summary before the first full week is over', () => {
    const v = progressView(withPlan('2026-11-18'), '2026-11-20');
    expect(v.summary).toBeNull();
    expect(v.weeks).toHaveLength(1);
    expect(v.weeks[0]?.partial).toBe(true);
  });
});

describe('daily pain', () => {
  it('keeps one value per day (the last check-in that day) and leaves gaps as null', () => {
    const r = withPlan();
    r.checkins = [
      { date: '2026-11-02', painNow: 6 },
      { date: '2026-11-02', painNow: 5 },
      { date: '2026-11-04', painNow: 5 },
    ];
    const v = progressView(r, '2026-11-04');
    expect(v.pain.days).toEqual([
      { date: '2026-11-02', painNow: 5 },
      { date: '2026-11-03', painNow: null },
      { date: '2026-11-04', painNow: 5 },
    ]);
  });

  it('says pain went from 6 to 4 over three weeks, a change big enough to feel', () => {
    const r = withPlan();
    r.checkins = Array.from({ length: 22 }, (_, i) => ({
      date: addDays(START, i),
      painNow: i < 18 ? 6 - Math.floor(i / 9) : 4,
    }));
    const v = progressView(r, addDays(START, 21));
    expect(v.pain.baseline).toBe(6);
    expect(v.pain.recent).toBe(4);
    expect(v.pain.change?.category).toBe('improved');
    expect(v.pain.sentence).toBe(
      'Your morning pain has gone from 6 to 4 over three weeks. That is a change big enough to feel.',
    );
    const m = v.milestones.find((x) => x.id === 'painDown');
    // 6,6,…,5 (days 9-17), then 4 from day 18: the 3-check-in mean first reaches 4 on day 20.
    expect(m?.date).toBe(addDays(START, 20));
  });

  it('does not call one good morning a meaningful change (the latest check-ins are averaged)', () => {
    const r = withPlan();
    r.checkins = [6, 6, 6, 6, 6, 3].map((p, i) => ({ date: addDays(START, i), painNow: p }));
    const v = progressView(r, addDays(START, 5));
    expect(v.pain.recent).toBe(5);
    expect(v.pain.change?.category).toBe('noMeaningfulChange');
    expect(v.milestones.map((m) => m.id)).not.toContain('painDown');
  });

  it('tells the patient when pain has risen meaningfully', () => {
    const r = withPlan();
    r.plans[0]!.plan = testPlan(START, 3);
    r.checkins = [5, 5, 5, 5].map((p, i) => ({ date: addDays(START, i), painNow: p }));
    const v = progressView(r, addDays(START, 3));
    expect(v.pain.change?.category).toBe('worsened');
    expect(v.pain.sentence).toContain('gone up from 3 to 5');
  });
});

describe('weeks: activity against the goal and adherence', () => {
  it('counts minutes per Monday-to-Sunday week against the goal of that plan week', () => {
    const r = withPlan();
    r.activities = [
      { date: '2026-11-02', minutes: 20 },
      { date: '2026-11-08', minutes: 30 }, // Sunday: still week 1
      { date: '2026-11-09', minutes: 45 }, // Monday: week 2
    ];
    const v = progressView(r, '2026-11-10');
    expect(v.weeks.map((w) => [w.weekStart, w.activityMinutes, w.activityGoal])).toEqual([
      ['2026-11-02', 50, 60],
      ['2026-11-09', 45, 90],
    ]);
    expect(activityGoalOn(testPlan(START), '2026-12-30')).toBe(150);
  });

  it('plans stretches daily and strength on the named days, counting only from the plan start', () => {
    // Plan starts on a Thursday: Thu-Sun = 4 stretch days, Fri = 1 strength day.
    const r = withPlan('2026-11-05');
    r.sessions = [
      done('2026-11-05', 'stretch'),
      done('2026-11-05', 'stretch'), // twice on a day counts once
      done('2026-11-06', 'stretch'),
      done('2026-11-06', 'strength'),
      done('2026-11-07', 'strength'), // an extra strength day does not push adherence past 1
      { ...done('2026-11-08', 'stretch'), status: 'inProgress' },
    ];
    const v = progressView(r, '2026-11-09');
    const w = v.weeks[0]!;
    expect(w.partial).toBe(true);
    expect(w.stretch).toEqual({ done: 2, planned: 4 });
    expect(w.strength).toEqual({ done: 2, planned: 1 });
    expect(w.adherence).toBeCloseTo(3 / 5);
    expect(v.adherenceSentence).toContain('2 of 4 planned stretch routines');
  });
});

describe('streaks and milestones', () => {
  it('finds the 7-day stretch streak on the seventh day in a row, and the longest streak', () => {
    const r = withPlan();
    const days = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10].map((d) => addDays(START, d));
    r.sessions = days.map((d) => done(d, 'stretch'));
    const v = progressView(r, addDays(START, 10));
    expect(v.streaks).toMatchObject({ stretchCurrent: 2, stretchLongest: 8 });
    expect(v.streaks.sentence).toBe('You have stretched 2 days in a row. Your best is 8 days.');
    const ids = Object.fromEntries(v.milestones.map((m) => [m.id, m.date]));
    expect(ids.firstSession).toBe(START);
    expect(ids.stretchStreak7).toBe(addDays(START, 6));
    expect(ids.tenSessions).toBe(addDays(START, 10));
  });

  it('names the first session by its kind, or both kinds when both were done on the first day', () => {
    const detail = (sessions: ProgressRecords['sessions']) =>
      progressView({ ...withPlan(), sessions }, addDays(START, 3)).milestones.find(
        (m) => m.id === 'firstSession',
      )?.detail;
    expect(detail([done(addDays(START, 1), 'strength'), done(START, 'stretch')])).toBe(
      'You did your first stretch routine. The start is the hardest part.',
    );
    expect(detail([done(START, 'strength')])).toBe(
      'You did your first strength session. The start is the hardest part.',
    );
    // Records carry a day, not a time: the same two on one day read the same in either order.
    const sameDay = [done(START, 'strength'), done(START, 'stretch')];
    expect(detail(sameDay)).toBe(
      'You did your first stretch routine and strength session. The start is the hardest part.',
    );
    expect(detail([...sameDay].reverse())).toBe(detail(sameDay));
  });

  it('marks the first week at the activity goal on the day the total crossed it', () => {
    const r = withPlan();
    r.activities = [
      { date: '2026-11-02', minutes: 30 },
      { date: '2026-11-04', minutes: 20 },
      { date: '2026-11-05', minutes: 15 }, // 65 ≥ 60
      { date: '2026-11-06', minutes: 30 },
    ];
    const m = progressView(r, '2026-11-10').milestones.find((x) => x.id === 'activityGoalWeek');
    expect(m).toMatchObject({
      date: '2026-11-05',
      detail: '65 minutes of activity in one week, against a goal of 60.',
    });
  });

  it('counts an activity as easier only when it rose by at least 3 points (one-activity measurement error)', () => {
    const r = withPlan();
    r.functional = {
      baseline: {
        date: START,
        ratings: [
          { activity: 'putting on socks', score: 4 },
          { activity: 'walking the dog', score: 3 },
        ],
      },
      ratings: [
        { date: '2026-11-09', ratings: [{ activity: 'putting on socks', score: 6 }] },
        {
          date: '2026-11-16',
          ratings: [
            { activity: 'putting on socks', score: 7 },
            { activity: 'walking the dog', score: 4 },
          ],
        },
      ],
    };
    const v = progressView(r, '2026-11-17');
    expect(v.milestones.find((m) => m.id === 'activityEasier')).toMatchObject({
      date: '2026-11-16',
      detail: 'Putting on socks: from 4 to 7 out of 10.',
    });
    const socks = v.functional.activities.find((a) => a.activity === 'putting on socks');
    expect(socks?.points.map((p) => p.score)).toEqual([4, 6, 7]);
    expect(socks?.beyondMeasurementError).toBe(true);
    expect(v.functional.score).toMatchObject({ baseline: 3.5, current: 5.5, category: 'improved' });
    expect(v.functional.sentence).toBe(
      'Putting on socks: from 4 to 7 out of 10 since you first rated it, a real change.',
    );
  });

  it('ignores records dated after today', () => {
    const r = withPlan();
    r.sessions = [done(addDays(START, 5), 'stretch')];
    expect(progressView(r, addDays(START, 4)).milestones).toEqual([]);
  });
});

describe('weekly summary', () => {
  it('summarises the last full Monday-to-Sunday week, with one sentence per part', () => {
    const r = withPlan();
    r.checkins = [
      ...[6, 6, 5, 6, 5, 5, 6].map((p, i) => ({ date: addDays(START, i), painNow: p })),
      ...[4, 4, 3, 4, 4, 3, 3].map((p, i) => ({ date: addDays(START, 7 + i), painNow: p })),
    ];
    r.sessions = [
      ...[0, 1, 2, 3, 4, 5].map((d) => done(addDays(START, 7 + d), 'stretch', 2)),
      done('2026-11-09', 'strength', 3),
      done('2026-11-11', 'strength', 3),
    ];
    r.activities = [
      { date: '2026-11-10', minutes: 40 },
      { date: '2026-11-12', minutes: 55 },
    ];
    r.movementBreaks = Array.from({ length: 14 }, (_, i) => ({ date: addDays('2026-11-09', i % 5) }));
    // Wednesday of the third week: the last full week is Nov 9-15.
    const s = progressView(r, '2026-11-18').summary!;
    expect(s.weekStart).toBe('2026-11-09');
    expect(s.weekEnd).toBe('2026-11-15');
    expect(s.sessions.stretch).toEqual({ done: 6, planned: 7 });
    expect(s.sessions.strength).toEqual({ done: 2, planned: 3 });
    expect(s.sessions.sentence).toBe(
      'You did 6 of 7 stretch routines and 2 of 3 strength sessions, with pain during them around 2.3 out of 10.',
    );
    expect(s.activity).toMatchObject({ minutes: 95, goal: 90 });
    expect(s.activity.sentence).toBe('You moved for 95 minutes and reached your goal of 90.');
    expect(s.pain.mean).toBeCloseTo(25 / 7);
    expect(s.pain.previousMean).toBeCloseTo(39 / 7);
    expect(s.pain.category).toBe('improved');
    expect(s.pain.sentence).toBe(
      'Your morning pain averaged 3.6, down from 5.6 the week before: a change you can feel.',
    );
    expect(s.movementBreaks).toEqual({ count: 14, sentence: 'You took 14 movement breaks, about 2 a day.' });
    expect(s.milestones.map((m) => m.id)).toContain('activityGoalWeek');
    expect(s.milestonesSentence).toMatch(/^You reached (a milestone|\w+ milestones): /);
  });

  it('uses the patient’s own calendar: on Monday the week just ended is the summary', () => {
    const r = withPlan();
    r.activities = [{ date: '2026-11-08', minutes: 30 }];
    expect(progressView(r, '2026-11-08').summary).toBeNull(); // Sunday: week 1 not over
    expect(progressView(r, '2026-11-09').summary?.activity.minutes).toBe(30); // Monday
  });
});

describe('words', () => {
  it.each([
    [1, 'one day'],
    [13, '13 days'],
    [21, 'three weeks'],
    [20, 'three weeks'],
    [70, 'ten weeks'],
  ])('%i days reads as "%s"', (days, words) => {
    expect(spanWords(days)).toBe(words);
  });

  it('lists plan changes after the first version, newest first, with their reasons', () => {
    const r = withPlan();
    r.plans = [
      ...r.plans,
      {
        version: 2,
        from: '2026-11-10',
        source: 'progression',
        reason: 'Bridges felt easy twice',
        plan: testPlan(START),
      },
      { version: 3, from: '2026-11-14', source: 'clinician', reason: 'Reviewed', plan: testPlan(START) },
    ];
    expect(progressView(r, '2026-11-15').planChanges.map((c) => [c.version, c.reason])).toEqual([
      [3, 'Reviewed'],
      [2, 'Bridges felt easy twice'],
    ]);
  });
});
