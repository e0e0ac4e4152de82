import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf, useTestApp } from '../helpers/app';
import { type World, buildWorld, expectOnlyAllowed } from '../helpers/access';
import { INTAKE } from '../helpers/fixtures';

const id = () => crypto.randomUUID();

describe("the patient's day", () => {
  const t = useTestApp();
  let w: World;
  let as: ReturnType<typeof t.as>;
  beforeAll(async () => {
    w = await buildWorld(t);
    as = t.as(w.cookies.owner);
    expect((await as({ method: 'POST', url: '/api/me/intake', payload: INTAKE })).statusCode).toBe(201);
  });

  it('turns the intake into the current plan and shows what is due today', async () => {
    const plan = (await as({ method: 'GET', url: '/api/me/plan' })).json().plan;
    expect(plan.version).toBe(1);
    expect(plan.source).toBe('intake');
    const today = (await as({ method: 'GET', url: '/api/me/today' })).json().today;
    expect(today.stretch.due).toBe(true);
    expect(today.stretch.exercises.length).toBeGreaterThan(2);
    expect(today.activity.weekGoal).toBeGreaterThan(0);
    expect(today.checkin.done).toBe(false);
  });

  it("times Today's movement breaks by the hours the patient chose in their reminder settings", async () => {
    const before = (await as({ method: 'GET', url: '/api/me/today' })).json().today;
    const current = (await as({ method: 'GET', url: '/api/me/reminders/settings' })).json().settings;
    const { kinds, times, channels, dailyCap, quietHours } = current;
    const save = (breakHours: unknown) =>
      as({
        method: 'PUT',
        url: '/api/me/reminders/settings',
        payload: { kinds, times, channels, dailyCap, quietHours, breakHours },
      });
    // Today is one of the chosen days: breaks every 40 minutes from 07:00 to 09:30.
    const mine = { start: '07:00', end: '09:30', days: [before.weekday], intervalMinutes: 40 };
    expect((await save(mine)).statusCode).toBe(200);
    const after = (await as({ method: 'GET', url: '/api/me/today' })).json().today;
    expect(after.movementBreaks.times).toEqual(['07:40', '08:20', '09:00']);
    expect(after.movementBreaks.target).toBe(3);
    expect(after.movementBreaks.exercises).toEqual(before.movementBreaks.exercises);
    // A day left out has none; with no hours chosen, the plan's suggested times are back.
    const otherDay = before.weekday === 'mon' ? 'tue' : 'mon';
    expect((await save({ ...mine, days: [otherDay] })).statusCode).toBe(200);
    const off = (await as({ method: 'GET', url: '/api/me/today' })).json().today;
    expect(off.movementBreaks).toMatchObject({ times: [], target: 0 });
    expect((await save(null)).statusCode).toBe(200);
    const back = (await as({ method: 'GET', url: '/api/me/today' })).json().today;
    expect(back.movementBreaks.times).toEqual(before.movementBreaks.times);
  });

  it('stores a write replayed many times at once exactly once', async () => {
    const clientId = id();
    const payload = { clientId, kind: 'walking', minutes: 25, effort: 3 };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => as({ method: 'POST', url: '/api/me/activities', payload })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(19);
    const list = (await as({ method: 'GET', url: '/api/me/activities?days=7' })).json().activities;
    expect(list.filter((a: { clientId: string }) => a.clientId === clientId)).toHaveLength(1);
    const today = (await as({ method: 'GET', url: '/api/me/today' })).json().today;
    expect(today.activity.todayMinutes).toBe(25);
  });

  it('saves a session as it goes, resumes it, and keeps it final once completed', async () => {
    const clientId = id();
    const progress = { index: 2, set: 1 };
    const first = await as({
      method: 'PUT',
      url: `/api/me/sessions/${clientId}`,
      payload: { kind: 'stretch', status: 'inProgress', progress, items: [] },
    });
    expect(first.statusCode).toBe(201);
    const resumed = (await as({ method: 'GET', url: `/api/me/sessions/${clientId}` })).json().session;
    expect(resumed.progress).toEqual(progress);
    const today = (await as({ method: 'GET', url: '/api/me/today' })).json().today;
    expect(today.stretch.inProgressClientId).toBe(clientId);

    const done = await as({
      method: 'PUT',
      url: `/api/me/sessions/${clientId}`,
      payload: {
        kind: 'stretch',
        status: 'completed',
        progress: { index: 5 },
        items: [{ exercise: 'seated-hamstring-stretch', setsDone: 2, feedback: 'right' }],
        painDuring: 3,
        effort: 4,
      },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().session.status).toBe('completed');
    const again = await as({
      method: 'PUT',
      url: `/api/me/sessions/${clientId}`,
      payload: { kind: 'stretch', status: 'inProgress', progress: { index: 0 }, items: [] },
    });
    expect(again.json().session.status).toBe('completed');
    expect(again.json().session.painDuring).toBe(3);
    const after = (await as({ method: 'GET', url: '/api/me/today' })).json().today;
    expect(after.stretch.done).toBe(true);
    expect(after.stretchStreak).toBe(1);
  });

  it('needs the pain score to complete a session', async () => {
    const res = await as({
      method: 'PUT',
      url: `/api/me/sessions/${id()}`,
      payload: { kind: 'strength', status: 'completed', progress: {}, items: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).path).toBe('painDuring');
  });

  it('re-triages a check-in with a warning sign, like the self-check', async () => {
    const res = await as({
      method: 'POST',
      url: '/api/me/checkins',
      payload: {
        clientId: id(),
        painNow: 5,
        stiffness: 4,
        sleep: 'poor',
        warningSigns: ['newBladderOrBowelProblem'],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().checkin.triage.level).toBe('emergency');
    const today = (await as({ method: 'GET', url: '/api/me/today' })).json();
    expect(today.triageLevel).toBe('emergency');
    expect(today.today.checkin.done).toBe(true);
  });

  it('refuses records dated in the future or more than a week back', async () => {
    const future = await as({
      method: 'POST',
      url: '/api/me/activities',
      payload: { clientId: id(), kind: 'cycling', minutes: 20, date: '2999-01-01' },
    });
    expect(errorOf(future)).toMatchObject({ code: 'date_out_of_range', path: 'date' });
    const old = await as({
      method: 'POST',
      url: '/api/me/movement-breaks',
      payload: { clientId: id(), date: '2020-01-01' },
    });
    expect(errorOf(old).code).toBe('date_out_of_range');
  });

  it('keeps every record to the patient who made it', async () => {
    const clientId = id();
    await as({
      method: 'PUT',
      url: `/api/me/sessions/${clientId}`,
      payload: { kind: 'strength', status: 'inProgress', progress: { index: 1 }, items: [] },
    });
    await expectOnlyAllowed(t, w, { method: 'GET', url: `/api/me/sessions/${clientId}` }, ['owner']);
    // Another patient using the same client id gets their own record, not the owner's.
    const other = t.as(w.cookies.otherPatient);
    const theirs = await other({
      method: 'PUT',
      url: `/api/me/sessions/${clientId}`,
      payload: { kind: 'strength', status: 'inProgress', progress: { index: 9 }, items: [] },
    });
    expect(theirs.statusCode).toBe(201);
    const mine = (await as({ method: 'GET', url: `/api/me/sessions/${clientId}` })).json().session;
    expect(mine.progress).toEqual({ index: 1 });
    for (const url of ['/api/me/plan', '/api/me/today', '/api/me/checkins', '/api/me/activities']) {
      await expectOnlyAllowed(t, w, { method: 'GET', url }, ['owner', 'otherPatient', 'otherClinicPatient']);
    }
  });
});
