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

interface Change {
  itemId: string;
  kind: string;
  reason: string;
  from: string;
  to: string;
  automatic: boolean;
  status: 'pending' | 'approved' | 'undone' | null;
  canUndo: boolean;
}
interface Review {
  versions: { version: number; source: string; changes: Change[] }[];
  suggestions: { id: string; itemId: string; to: string; reason: string }[];
}

describe('clinic control over the adaptive plan: thresholds, approve, undo and suggestions', () => {
  const clock = new TestClock('2026-06-01');
  const t = useTestApp({}, { clock });
  const { users, as, make } = namedUsers(t);

  beforeAll(async () => {
    const clinics = [(await t.makeClinic('Clinic')).id, (await t.makeClinic('Clinic')).id];
    await make('pt', clinics[0]!, 'clinician');
    await make('patient', clinics[0]!, 'patient', users.pt!.id);
    await make('admin', clinics[0]!, 'admin');
    await make('otherPt', clinics[1]!, 'clinician');
    await make('twin', clinics[1]!, 'patient', users.otherPt!.id);
    await make('otherAdmin', clinics[1]!, 'admin');
    await make('formless', clinics[0]!, 'patient', users.pt!.id);
    for (const who of ['patient', 'twin', 'formless']) {
      expect((await as(who)({ method: 'POST', url: '/api/me/intake', payload: answers })).statusCode).toBe(
        201,
      );
    }
  });

  async function strengthSession(who: string, day: string, control: 'good' | null = 'good') {
    clock.set(day);
    await logStrengthSession(as(who), control);
  }
  async function checkin(who: string, day: string, painNow: number) {
    clock.set(day);
    const res = await as(who)({
      method: 'POST',
      url: '/api/me/checkins',
      payload: { clientId: crypto.randomUUID(), painNow, warningSigns: [] },
    });
    expect(res.statusCode).toBe(201);
    await t.ctx.services.progression.idle();
  }
  const review = async (who = 'pt'): Promise<Review> => {
    const res = await as(who)({
      method: 'GET',
      url: `/api/clinic/patients/${users.patient!.id}/plan-review`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Review>();
  };
  const post = (who: string, path: string, payload: Record<string, unknown>) =>
    as(who)({ method: 'POST', url: `/api/clinic/patients/${users.patient!.id}${path}`, payload });

  it('shows every threshold with its default, range and source to clinic staff, editable only by the admin', async () => {
    const res = await as('pt')({ method: 'GET', url: '/api/clinic/progression-thresholds' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      canEdit: boolean;
      thresholds: { key: string; default: number; min: number; max: number; value: number; source: string }[];
    }>();
    expect(body.canEdit).toBe(false);
    const green = body.thresholds.find((x) => x.key === 'greenSessionsToProgress');
    expect(green).toMatchObject({ default: 2, value: 2, min: 1, max: 4 });
    expect(green?.source).toMatch(/PM1d/);
    expect(body.thresholds.find((x) => x.key === 'painDuringMax')).toMatchObject({ max: 5 });
    expect(
      (await as('admin')({ method: 'GET', url: '/api/clinic/progression-thresholds' })).json().canEdit,
    ).toBe(true);

    const byPt = await as('pt')({
      method: 'PUT',
      url: '/api/clinic/progression-thresholds',
      payload: { thresholds: { greenSessionsToProgress: 1 } },
    });
    expect(byPt.statusCode).toBe(403);
    const byPatient = await as('patient')({ method: 'GET', url: '/api/clinic/progression-thresholds' });
    expect(byPatient.statusCode).toBe(403);
  });

  it('refuses a value outside the allowed range with 422, the field path and the range', async () => {
    const cases: [Record<string, number>, string, RegExp][] = [
      [{ painDuringMax: 7 }, 'thresholds.painDuringMax', /outside the allowed range, from 3 to 5/],
      [{ greenSessionsToProgress: 0 }, 'thresholds.greenSessionsToProgress', /from 1 to 4/],
      [{ silenceFlagDays: 2.5 }, 'thresholds.silenceFlagDays', /whole number/],
      [{ silenceNudgeDays: 9, silenceFlagDays: 8 }, 'thresholds.silenceNudgeDays', /must be below/],
    ];
    for (const [thresholds, path, message] of cases) {
      const res = await as('admin')({
        method: 'PUT',
        url: '/api/clinic/progression-thresholds',
        payload: { thresholds },
      });
      expect(res.statusCode, JSON.stringify(thresholds)).toBe(422);
      const error = res.json<{ error: { code: string; message: string; path: string } }>().error;
      expect(error.code).toBe('threshold_out_of_range');
      expect(error.path).toBe(path);
      expect(error.message).toMatch(message);
    }
    // Nothing was stored.
    const now = (await as('admin')({ method: 'GET', url: '/api/clinic/progression-thresholds' })).json();
    expect(now.thresholds.every((x: { changed: boolean }) => !x.changed)).toBe(true);
  });

  it('lets the admin change a threshold for their clinic only, recorded in the audit log', async () => {
    const res = await as('admin')({
      method: 'PUT',
      url: '/api/clinic/progression-thresholds',
      payload: { thresholds: { greenSessionsToProgress: 1, silenceNudgeDays: 3 } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json<{ thresholds: { key: string; value: number; changed: boolean }[] }>().thresholds;
    expect(mine.find((x) => x.key === 'greenSessionsToProgress')).toMatchObject({ value: 1, changed: true });
    // The default value sent is not stored as a change.
    expect(mine.find((x) => x.key === 'silenceNudgeDays')).toMatchObject({ value: 3, changed: false });

    // The other clinic's admin changes their own clinic, and cannot reach this one.
    const other = await as('otherAdmin')({
      method: 'PUT',
      url: '/api/clinic/progression-thresholds',
      payload: { thresholds: { greenSessionsToProgress: 4 } },
    });
    expect(other.statusCode).toBe(200);
    const aAfter = (await as('pt')({ method: 'GET', url: '/api/clinic/progression-thresholds' })).json();
    expect(aAfter.thresholds.find((x: { key: string }) => x.key === 'greenSessionsToProgress').value).toBe(1);
    const reset = await as('otherAdmin')({
      method: 'PUT',
      url: '/api/clinic/progression-thresholds',
      payload: { thresholds: {} },
    });
    expect(reset.json().thresholds.every((x: { changed: boolean }) => !x.changed)).toBe(true);
    const audit = await t.ctx.repos.audit.list(users.admin!.clinic_id, 20);
    const entry = audit.find((a) => a.action === 'thresholds.update');
    expect(JSON.parse(entry?.detail ?? '{}')).toEqual({
      changed: { greenSessionsToProgress: { from: 2, to: 1 } },
    });
    expect((await t.ctx.repos.audit.list(users.otherAdmin!.clinic_id, 20)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['thresholds.update', 'thresholds.reset']),
    );
  });

  it('uses the clinic’s threshold: one green session with steady form moves this clinic’s patient up; not the other clinic’s, nor one who did not report form', async () => {
    await strengthSession('patient', '2026-06-02');
    await strengthSession('twin', '2026-06-02');
    // Same clinic, same session, but the form question left unanswered: no step up.
    await strengthSession('formless', '2026-06-02', null);
    await checkin('patient', '2026-06-03', 3);
    await checkin('twin', '2026-06-03', 3);
    await checkin('formless', '2026-06-03', 3);
    const a = (await as('patient')({ method: 'GET', url: '/api/me/plan' })).json().plan;
    const b = (await as('twin')({ method: 'GET', url: '/api/me/plan' })).json().plan;
    expect(a.version).toBe(2);
    expect(a.source).toBe('progression');
    expect(b.version).toBe(1);
    const formless = (await as('formless')({ method: 'GET', url: '/api/me/plan' })).json().plan;
    expect(formless.version).toBe(1);
  });

  it('shows the PT each automatic change; approve is recorded once', async () => {
    const r = await review();
    const auto = r.versions[0]!;
    expect(auto.source).toBe('progression');
    expect(auto.changes.length).toBeGreaterThanOrEqual(2);
    for (const c of auto.changes) {
      expect(c).toMatchObject({ automatic: true, status: 'pending', canUndo: true });
      expect(c.from).not.toBe(c.to);
    }
    const first = auto.changes[0]!;
    const ok = await post('pt', '/plan-review/approve', { version: auto.version, itemId: first.itemId });
    expect(ok.statusCode, ok.body).toBe(200);
    const approved = ok.json<Review>().versions[0]!.changes.find((c) => c.itemId === first.itemId);
    expect(approved?.status).toBe('approved');
    const again = await post('pt', '/plan-review/approve', { version: auto.version, itemId: first.itemId });
    expect(again.statusCode).toBe(409);
    // Other people cannot act on it.
    for (const [who, status] of [
      ['otherPt', 404],
      ['otherAdmin', 404],
      ['patient', 403],
      ['twin', 403],
    ] as const) {
      const res = await post(who, '/plan-review/approve', { version: auto.version, itemId: first.itemId });
      expect(res.statusCode, who).toBe(status);
    }
    const missing = await post('pt', '/plan-review/approve', { version: auto.version, itemId: 'nope' });
    expect(missing.statusCode).toBe(404);
  });

  it('undoes a change with a new plan version the patient reads, and can lock the item', async () => {
    const before = (await as('patient')({ method: 'GET', url: '/api/me/plan' })).json().plan;
    const auto = (await review()).versions[0]!;
    const target = auto.changes[1]!;
    const original = (await t.ctx.repos.patientDay.planHistory(users.patient!.id)).at(-1)!;
    const originalItem = JSON.parse(original.plan).items.find((i: { id: string }) => i.id === target.itemId);

    const res = await post('pt', '/plan-review/undo', {
      version: auto.version,
      itemId: target.itemId,
      note: 'Let us keep this one steady until your next visit.',
      lock: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<Review>();
    expect(after.versions[0]!.source).toBe('clinician');
    expect(after.versions[1]!.changes.find((c) => c.itemId === target.itemId)?.status).toBe('undone');

    const plan = (await as('patient')({ method: 'GET', url: '/api/me/plan' })).json().plan;
    expect(plan.version).toBe(before.version + 1);
    const item = plan.plan.items.find((i: { id: string }) => i.id === target.itemId);
    expect(item.exercise).toBe(originalItem.exercise);
    expect(item.dose).toEqual(originalItem.dose);
    const stored = JSON.parse((await t.ctx.repos.patientDay.latestPlan(users.patient!.id))!.plan);
    expect(stored.items.find((i: { id: string }) => i.id === target.itemId).locked).toBe(true);

    const history = (await as('patient')({ method: 'GET', url: '/api/me/plan/history' })).json().versions;
    const told = history[0].changes[0].reason as string;
    expect(told).toMatch(/^Your therapist kept your /);
    expect(told).toContain('instead of the automatic change');
    expect(told).toContain('Let us keep this one steady until your next visit.');

    const twice = await post('pt', '/plan-review/undo', { version: auto.version, itemId: target.itemId });
    expect(twice.statusCode).toBe(409);
    const approveUndone = await post('pt', '/plan-review/approve', {
      version: auto.version,
      itemId: target.itemId,
    });
    expect(approveUndone.statusCode).toBe(409);
    const otherClinic = await post('otherAdmin', '/plan-review/undo', {
      version: auto.version,
      itemId: auto.changes[0]!.itemId,
    });
    expect(otherClinic.statusCode).toBe(404);

    const actions = (await t.ctx.repos.audit.list(users.pt!.clinic_id, 50)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['plan.change.approve', 'plan.change.undo']));
  });

  it('keeps what the engine would have done to the locked item as a suggestion the PT can apply or dismiss', async () => {
    const locked = (await review()).versions[0]!.changes[0]!.itemId;
    await strengthSession('patient', '2026-06-04');
    await checkin('patient', '2026-06-05', 3);
    let r = await review();
    const s = r.suggestions.find((x) => x.itemId === locked);
    expect(s, JSON.stringify(r.suggestions)).toBeDefined();
    expect(s!.reason.length).toBeGreaterThan(20);
    // The locked item did not move by itself.
    const plan = (await as('patient')({ method: 'GET', url: '/api/me/plan' })).json().plan.plan;
    const before = plan.items.find((i: { id: string }) => i.id === locked);

    expect((await post('otherPt', `/plan-suggestions/${s!.id}/apply`, {})).statusCode).toBe(404);
    expect((await post('patient', `/plan-suggestions/${s!.id}/apply`, {})).statusCode).toBe(403);
    const applied = await post('pt', `/plan-suggestions/${s!.id}/apply`, {});
    expect(applied.statusCode, applied.body).toBe(200);
    r = applied.json<Review>();
    expect(r.suggestions.find((x) => x.id === s!.id)).toBeUndefined();
    const now = (await as('patient')({ method: 'GET', url: '/api/me/plan' })).json().plan;
    const item = now.plan.items.find((i: { id: string }) => i.id === locked);
    expect(JSON.stringify([item.exercise, item.dose])).not.toBe(
      JSON.stringify([before.exercise, before.dose]),
    );
    const stored = JSON.parse((await t.ctx.repos.patientDay.latestPlan(users.patient!.id))!.plan);
    expect(stored.items.find((i: { id: string }) => i.id === locked).locked).toBe(true);
    expect((await post('pt', `/plan-suggestions/${s!.id}/apply`, {})).statusCode).toBe(409);

    // Next time round, a new suggestion; this one the PT dismisses.
    await strengthSession('patient', '2026-06-06');
    await checkin('patient', '2026-06-07', 3);
    const next = (await review()).suggestions.find((x) => x.itemId === locked);
    expect(next).toBeDefined();
    const dismissed = await post('pt', `/plan-suggestions/${next!.id}/dismiss`, {});
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json<Review>().suggestions.find((x) => x.id === next!.id)).toBeUndefined();
    const actions = (await t.ctx.repos.audit.list(users.pt!.clinic_id, 80)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['plan.suggestion.apply', 'plan.suggestion.dismiss']));
  });

  it('resets the clinic to the defaults', async () => {
    const res = await as('admin')({
      method: 'PUT',
      url: '/api/clinic/progression-thresholds',
      payload: { thresholds: {} },
    });
    expect(res.statusCode).toBe(200);
    expect(
      res.json().thresholds.find((x: { key: string }) => x.key === 'greenSessionsToProgress').value,
    ).toBe(2);
    const actions = (await t.ctx.repos.audit.list(users.admin!.clinic_id, 80)).map((a) => a.action);
    expect(actions).toContain('thresholds.reset');
  });
});
