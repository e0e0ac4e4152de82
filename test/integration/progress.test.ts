import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/dates';
import { weekStart } from '../../src/core/today';
import { localDate } from '../../src/services/selfcheck';
import { type World, buildWorld, expectOnlyAllowed } from '../helpers/access';
import { errorOf, useTestApp } from '../helpers/app';

const answers = {
  age: 52,
  painAreas: ['lowBack', 'hipRight'],
  painStartedWeeksAgo: 5,
  pain: { now: 6, worstLastWeek: 7 },
  warningSigns: [],
  precautions: [],
  activityMinutesLastWeek: 30,
  activities: [
    { name: 'Putting on socks', score: 4 },
    { name: 'Walking to the shops', score: 3 },
  ],
};
const id = () => crypto.randomUUID();
type Progress = {
  today: string;
  startDate: string | null;
  pain: { days: { date: string; painNow: number | null }[]; sentence: string };
  weeks: { weekStart: string; activityMinutes: number; stretch: { done: number } }[];
  functional: { activities: { activity: string; points: { date: string; score: number }[] }[] };
  milestones: { id: string }[];
  summary: unknown;
  activities: { name: string; latest: number | null }[];
};

describe('progress', () => {
  const t = useTestApp();
  let w: World;
  let as: ReturnType<typeof t.as>;
  let today: string;
  const progress = async (cookie: string | null = w.cookies.owner) => {
    const res = await t.as(cookie)({ method: 'GET', url: '/api/me/progress' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json<{ progress: Progress }>().progress;
  };
  const rate = (payload: Record<string, unknown>, cookie = w.cookies.owner) =>
    t.as(cookie)({ method: 'POST', url: '/api/me/functional-ratings', payload });

  beforeAll(async () => {
    w = await buildWorld(t);
    as = t.as(w.cookies.owner);
    today = localDate(new Date(), w.users.owner.timezone);
  });

  it('shows a new patient an empty view with sentences that say how to begin', async () => {
    const p = await progress();
    expect(p.startDate).toBeNull();
    expect(p.pain.days).toEqual([]);
    expect(p.pain.sentence).toContain('No check-ins yet');
    expect(p.milestones).toEqual([]);
    expect(p.summary).toBeNull();
    expect(p.activities).toEqual([]);
  });

  it('charts what the patient logged: pain per day, minutes per week, sessions and milestones', async () => {
    expect((await as({ method: 'POST', url: '/api/me/intake', payload: answers })).statusCode).toBe(201);
    const dayBefore = addDays(today, -1);
    for (const [date, painNow] of [
      [dayBefore, 6],
      [today, 5],
    ] as const) {
      const res = await as({
        method: 'POST',
        url: '/api/me/checkins',
        payload: { clientId: id(), date, painNow, warningSigns: [] },
      });
      expect(res.statusCode).toBe(201);
    }
    for (const minutes of [20, 15]) {
      await as({
        method: 'POST',
        url: '/api/me/activities',
        payload: { clientId: id(), kind: 'walking', minutes },
      });
    }
    const session = await as({
      method: 'PUT',
      url: `/api/me/sessions/${id()}`,
      payload: { kind: 'stretch', status: 'completed', progress: {}, items: [], painDuring: 2, effort: 4 },
    });
    expect(session.statusCode).toBe(201);

    const p = await progress();
    expect(p.today).toBe(today);
    expect(p.startDate).toBe(today);
    // The plan started today, so the pain line starts at the first check-in, yesterday.
    expect(p.pain.days).toEqual([
      { date: dayBefore, painNow: 6 },
      { date: today, painNow: 5 },
    ]);
    const week = p.weeks.at(-1)!;
    expect(week.weekStart).toBe(weekStart(today));
    expect(week.activityMinutes).toBe(35);
    expect(week.stretch.done).toBe(1);
    expect(p.milestones.map((m) => m.id)).toContain('firstSession');
    // The activities named at the self-check are the ones to rate.
    expect(p.activities).toEqual([
      { name: 'Putting on socks', latest: 4, lastRatedOn: today },
      { name: 'Walking to the shops', latest: 3, lastRatedOn: today },
    ]);
  });

  it('stores a functional rating once however often it is sent, and shows it over time', async () => {
    const clientId = id();
    const payload = { clientId, ratings: [{ activity: 'putting on SOCKS ', score: 6 }] };
    const results = await Promise.all(Array.from({ length: 12 }, () => rate(payload)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(11);
    // The name matches the patient's own activity whatever its case.
    expect(results[0]!.json().rating).toEqual({
      clientId,
      date: today,
      ratings: [{ activity: 'Putting on socks', score: 6 }],
    });
    const again = await rate({ ...payload, ratings: [{ activity: 'Putting on socks', score: 9 }] });
    expect(again.statusCode).toBe(200);
    expect(again.json().rating.ratings[0].score).toBe(6);

    const p = await progress();
    const socks = p.functional.activities.find((a) => a.activity === 'Putting on socks')!;
    expect(socks.points).toEqual([{ date: today, score: 6 }]);
    expect(p.activities.find((a) => a.name === 'Putting on socks')?.latest).toBe(6);
  });

  it('adds a new activity up to five, then refuses with the field path', async () => {
    for (const name of ['Getting out of the car', 'Climbing stairs', 'Gardening']) {
      expect((await rate({ clientId: id(), ratings: [{ activity: name, score: 5 }] })).statusCode).toBe(201);
    }
    const res = await rate({
      clientId: id(),
      ratings: [
        { activity: 'Gardening', score: 6 },
        { activity: 'Dancing', score: 2 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'too_many_activities', path: 'ratings[1].activity' });
    expect((await progress()).activities).toHaveLength(5);
  });

  it.each([
    [{ ratings: [{ activity: 'Gardening', score: 11 }] }, 'ratings[0].score'],
    [{ ratings: [{ activity: 'Gardening', score: 2.5 }] }, 'ratings[0].score'],
    [{ ratings: [{ activity: '   ', score: 2 }] }, 'ratings[0].activity'],
    [{ ratings: [] }, 'ratings'],
    [
      {
        ratings: [
          { activity: 'Gardening', score: 2 },
          { activity: 'gardening', score: 3 },
        ],
      },
      'ratings[1].activity',
    ],
    [{ ratings: [{ activity: 'Gardening', score: 2 }], date: '2099-01-01' }, 'date'],
    [{ ratings: [{ activity: 'Gardening', score: 2 }], date: '2026-02-30' }, 'date'],
    [{ ratings: [{ activity: 'Gardening', score: 2 }], extra: 1 }, null],
  ])('refuses bad input %j with a 4xx naming %s', async (body, path) => {
    const res = await rate({ clientId: id(), ...body });
    expect(res.statusCode).toBe(400);
    const err = errorOf(res);
    expect(err.message.length).toBeGreaterThan(5);
    if (path !== null) expect(err.path).toBe(path);
  });

  it('refuses anyone but the patient themself, and never shows another patient’s ratings', async () => {
    await expectOnlyAllowed(t, w, { method: 'GET', url: '/api/me/progress' }, [
      'owner',
      'otherPatient',
      'otherClinicPatient',
    ]);
    await expectOnlyAllowed(
      t,
      w,
      {
        method: 'POST',
        url: '/api/me/functional-ratings',
        payload: { clientId: id(), ratings: [{ activity: 'Gardening', score: 3 }] },
      },
      ['owner', 'otherPatient', 'otherClinicPatient'],
    );
    // The same clientId from another patient is their own record, not the owner's.
    const shared = id();
    expect(
      (await rate({ clientId: shared, ratings: [{ activity: 'Gardening', score: 7 }] })).statusCode,
    ).toBe(201);
    const theirs = await rate(
      { clientId: shared, ratings: [{ activity: 'Sailing', score: 1 }] },
      w.cookies.otherPatient,
    );
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().rating.ratings).toEqual([{ activity: 'Sailing', score: 1 }]);
    const mine = await progress();
    expect(JSON.stringify(mine)).not.toContain('Sailing');
    const other = await progress(w.cookies.otherPatient);
    expect(JSON.stringify(other)).not.toContain('Putting on socks');
    for (const who of ['clinician', 'admin', 'otherClinicAdmin'] as const) {
      const res = await t.as(w.cookies[who])({ method: 'GET', url: '/api/me/progress' });
      expect(res.statusCode).toBe(403);
    }
  });

  it('follows the patient’s own calendar day, even far from UTC', async () => {
    const kiribati = await t.makeUser(w.clinicA, 'patient', { timezone: 'Pacific/Kiritimati' });
    const samoa = await t.makeUser(w.clinicA, 'patient', { timezone: 'Pacific/Pago_Pago' });
    const now = new Date();
    for (const [user, tz] of [
      [kiribati, 'Pacific/Kiritimati'],
      [samoa, 'Pacific/Pago_Pago'],
    ] as const) {
      const cookie = await t.login(user.email);
      const p = await progress(cookie);
      expect(p.today).toBe(localDate(now, tz));
      const res = await rate({ clientId: id(), ratings: [{ activity: 'Stairs', score: 4 }] }, cookie);
      expect(res.json().rating.date).toBe(localDate(now, tz));
    }
  });
});
