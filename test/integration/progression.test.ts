import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { namedUsers, useTestApp } from '../helpers/app';
import { TestClock, logStrengthSession } from '../helpers/progression';
import { intakeAnswers } from '../helpers/fixtures';

const answers = intakeAnswers({
  age: 45,
  painAreas: ['lowBack', 'hipRight'],
  painStartedWeeksAgo: 4,
  activityMinutesLastWeek: 60,
});

describe('the plan that adapts', () => {
  const clock = new TestClock('2026-06-01');
  const t = useTestApp({}, { clock });
  const { users, cookies, as, make } = namedUsers(t);

  beforeAll(async () => {
    const clinics = [(await t.makeClinic('Clinic')).id, (await t.makeClinic('Clinic')).id];
    await make('pt', clinics[0]!, 'clinician');
    await make('patient', clinics[0]!, 'patient', users.pt!.id);
    await make('admin', clinics[0]!, 'admin');
    await make('colleague', clinics[0]!, 'clinician');
    await make('otherPt', clinics[1]!, 'clinician');
    await make('otherAdmin', clinics[1]!, 'admin');
    expect(
      (await as('patient')({ method: 'POST', url: '/api/me/intake', payload: answers })).statusCode,
    ).toBe(201);
  });

  async function strengthSession(day: string) {
    clock.set(day);
    await logStrengthSession(as('patient'));
  }

  async function checkin(day: string, painNow: number, warningSigns: string[] = []) {
    clock.set(day);
    const res = await as('patient')({
      method: 'POST',
      url: '/api/me/checkins',
      payload: { clientId: crypto.randomUUID(), painNow, warningSigns },
    });
    expect(res.statusCode).toBe(201);
  }

  it('moves exercises up after two green sessions that settled by the next morning, and explains why', async () => {
    const before = (await as('patient')({ method: 'GET', url: '/api/me/plan' })).json().plan;
    await strengthSession('2026-06-02');
    await checkin('2026-06-03', 3);
    await strengthSession('2026-06-04');
    await checkin('2026-06-05', 3);
    await t.ctx.services.progression.idle();
    const after = (await as('patient')({ method: 'GET', url: '/api/me/plan' })).json().plan;
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.source).toBe('progression');
    const history = (await as('patient')({ method: 'GET', url: '/api/me/plan/history' })).json().versions;
    const changes = history[0].changes as { kind: string; reason: string; ruleId: string }[];
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.some((c) => c.kind === 'progress' || c.kind === 'doseUp')).toBe(true);
    for (const c of changes) {
      expect(c.reason.length).toBeGreaterThan(20);
      expect(c.ruleId).toMatch(/^[A-Z]/);
    }
    const moved = before.plan.items.filter(
      (i: { id: string; exercise: string }) =>
        after.plan.items.find((j: { id: string }) => j.id === i.id)?.exercise !== i.exercise,
    );
    expect(moved.length + changes.filter((c) => c.kind === 'doseUp').length).toBeGreaterThan(0);
  });

  it('evaluates once when several servers run the same patient at once', async () => {
    await checkin('2026-06-06', 3);
    await t.ctx.services.progression.idle();
    const versions = (await t.ctx.repos.patientDay.planHistory(users.patient!.id)).length;
    await strengthSession('2026-06-06');
    await t.ctx.services.progression.idle();
    clock.set('2026-06-07');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.ctx.services.progression.runForPatient(users.patient!.id)),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect((await t.ctx.repos.patientDay.planHistory(users.patient!.id)).length).toBeLessThanOrEqual(
      versions + 2,
    );
  });

  it('raises a warning-sign flag to the patient’s PT and tells the patient what to do', async () => {
    await checkin('2026-06-08', 5, ['saddleNumbness']);
    await t.ctx.services.progression.idle();
    const queue = (await as('pt')({ method: 'GET', url: '/api/clinic/flags' })).json().flags;
    const flag = queue.find((f: { kind: string }) => f.kind === 'warningSign');
    expect(flag).toMatchObject({ severity: 'emergency', status: 'open', patientId: users.patient!.id });
    const mine = (await as('patient')({ method: 'GET', url: '/api/me/flags' })).json().flags;
    expect(
      mine.find((f: { kind: string }) => f.kind === 'warningSign').patientMessage.length,
    ).toBeGreaterThan(20);
    // Only the patient's clinic sees it; the colleague is not their clinician, but the admin is in the clinic.
    const col = await as('colleague')({ method: 'GET', url: '/api/clinic/flags' });
    expect(col.statusCode, col.body + cookies.colleague).toBe(200);
    expect(col.json().flags).toEqual([]);
    expect(
      (await as('admin')({ method: 'GET', url: '/api/clinic/flags' })).json().flags.length,
    ).toBeGreaterThan(0);
    expect((await as('otherPt')({ method: 'GET', url: '/api/clinic/flags' })).json().flags).toEqual([]);
    expect((await as('otherAdmin')({ method: 'GET', url: '/api/clinic/flags' })).json().flags).toEqual([]);
    // A new warning sign stops automatic changes.
    const latest = (await as('patient')({ method: 'GET', url: '/api/me/plan' })).json().plan;
    const history = (await as('patient')({ method: 'GET', url: '/api/me/plan/history' })).json().versions;
    expect(history[0].version).toBe(latest.version);
  });

  it('lets the clinic act on a flag, recording each action, and refuses everyone else', async () => {
    const flag = (await as('pt')({ method: 'GET', url: '/api/clinic/flags' })).json().flags[0];
    for (const who of ['otherPt', 'otherAdmin']) {
      expect((await as(who)({ method: 'GET', url: `/api/clinic/flags/${flag.id}` })).statusCode).toBe(404);
      const ack = await as(who)({
        method: 'POST',
        url: `/api/clinic/flags/${flag.id}/acknowledge`,
        payload: {},
      });
      expect(ack.statusCode).toBe(404);
    }
    expect((await as('patient')({ method: 'GET', url: `/api/clinic/flags/${flag.id}` })).statusCode).toBe(
      403,
    );
    expect((await t.ctx.app.inject({ method: 'GET', url: `/api/clinic/flags/${flag.id}` })).statusCode).toBe(
      401,
    );

    const ack = await as('pt')({
      method: 'POST',
      url: `/api/clinic/flags/${flag.id}/acknowledge`,
      payload: { note: 'Called the patient.' },
    });
    expect(ack.json().flag.status).toBe('acknowledged');
    const empty = await as('pt')({
      method: 'POST',
      url: `/api/clinic/flags/${flag.id}/resolve`,
      payload: { note: '' },
    });
    expect(empty.statusCode).toBe(400);
    const resolved = await as('pt')({
      method: 'POST',
      url: `/api/clinic/flags/${flag.id}/resolve`,
      payload: { note: 'Seen in the emergency department; cleared. Program continues.' },
    });
    expect(resolved.json().flag.status).toBe('resolved');
    const detail = (await as('pt')({ method: 'GET', url: `/api/clinic/flags/${flag.id}` })).json();
    // The test clock stands still, so both events share a timestamp: compare without order.
    expect(detail.events.map((e: { action: string }) => e.action).sort()).toEqual(['acknowledge', 'resolve']);
    const audit = await t.ctx.repos.audit.list(users.pt!.clinic_id, 50);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['flag.open', 'flag.acknowledge', 'flag.resolve']),
    );
  });

  it('nudges a patient who has gone quiet, then flags them to the PT', async () => {
    clock.set('2026-06-12');
    await t.ctx.services.progression.runForPatient(users.patient!.id);
    const mine = (await as('patient')({ method: 'GET', url: '/api/me/flags' })).json().flags;
    expect(mine.some((f: { kind: string }) => f.kind === 'quiet' || f.kind === 'silent')).toBe(true);
    clock.set('2026-06-16');
    await t.ctx.services.progression.runForPatient(users.patient!.id);
    const queue = (await as('pt')({ method: 'GET', url: '/api/clinic/flags' })).json().flags;
    expect(queue.some((f: { kind: string }) => f.kind === 'silent')).toBe(true);
  });
});
