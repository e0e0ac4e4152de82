import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan/types';
import { planStateFromPlan } from '../../src/core/progression';
import { CLINIC_A_STAFF, type World, buildWorld, everyoneBut, expectOnlyAllowed } from '../helpers/access';
import { useTestApp } from '../helpers/app';

const answers = {
  age: 52,
  painAreas: ['lowBack'],
  painStartedWeeksAgo: 5,
  pain: { now: 4, worstLastWeek: 6 },
  warningSigns: [],
  precautions: [],
  activityMinutesLastWeek: 60,
  activities: [],
};

describe('who may see and act on plan reviews and clinic thresholds', () => {
  const t = useTestApp();
  let w: World;
  let patientId: string;
  let version: number;
  let itemId: string;

  beforeAll(async () => {
    w = await buildWorld(t);
    patientId = w.users.owner.id;
    const intake = await t.as(w.cookies.owner)({ method: 'POST', url: '/api/me/intake', payload: answers });
    expect(intake.statusCode).toBe(201);
    // An automatic change, as the engine writes it: one strength item's repetitions up by two.
    const first = (await t.ctx.repos.patientDay.latestPlan(patientId))!;
    const plan = JSON.parse(first.plan) as Plan;
    const item = plan.items.find((i) => i.pillar === 'strength' && i.dose?.reps !== undefined)!;
    itemId = item.id;
    const to = { ...item.dose!, reps: item.dose!.reps! + 2 };
    const state = planStateFromPlan(plan, plan.generatedOn);
    state.items = state.items.map((i) => (i.id === item.id ? { ...i, dose: to } : i));
    const saved = await t.ctx.repos.patientDay.addPlanVersion({
      id: crypto.randomUUID(),
      clinic_id: w.clinicA,
      patient_id: patientId,
      plan: JSON.stringify({
        ...plan,
        items: plan.items.map((i) => (i.id === item.id ? { ...i, dose: to } : i)),
      }),
      source: 'progression',
      reason: 'Reps up.',
      created_by: null,
      created_at: new Date().toISOString(),
      state: JSON.stringify(state),
      changes: JSON.stringify([
        {
          itemId: item.id,
          exercise: item.exercise,
          kind: 'doseUp',
          from: { exercise: item.exercise, dose: item.dose },
          to: { exercise: item.exercise, dose: to },
          reason: 'Your exercise goes up by two repetitions because it went well.',
          ruleId: 'PROG-GREEN',
          source: 'D1b',
        },
      ]),
    });
    version = saved.version;
  });

  it('shows a patient’s plan review only to their clinic’s staff', async () => {
    await expectOnlyAllowed(
      t,
      w,
      { method: 'GET', url: `/api/clinic/patients/${patientId}/plan-review` },
      CLINIC_A_STAFF,
    );
  });

  it('shows the thresholds to every clinic’s staff (each their own), never to patients', async () => {
    await expectOnlyAllowed(t, w, { method: 'GET', url: '/api/clinic/progression-thresholds' }, [
      ...CLINIC_A_STAFF,
      'otherClinicClinician',
      'otherClinicAdmin',
    ]);
  });

  it('lets only clinic admins change thresholds, each for their own clinic', async () => {
    await expectOnlyAllowed(
      t,
      w,
      { method: 'PUT', url: '/api/clinic/progression-thresholds', payload: { thresholds: {} } },
      ['admin', 'otherClinicAdmin'],
    );
    const res = await t.as(w.cookies.otherClinicAdmin)({
      method: 'PUT',
      url: '/api/clinic/progression-thresholds',
      payload: { thresholds: { reviewAfterDays: 10 } },
    });
    expect(res.statusCode).toBe(200);
    const a = await t.as(w.cookies.admin)({ method: 'GET', url: '/api/clinic/progression-thresholds' });
    expect(a.json().thresholds.find((x: { key: string }) => x.key === 'reviewAfterDays').value).toBe(14);
  });

  it('refuses approve, undo, apply and dismiss to everyone outside the patient’s clinic staff', async () => {
    const url = (path: string) => `/api/clinic/patients/${patientId}${path}`;
    for (const persona of everyoneBut(CLINIC_A_STAFF)) {
      const as = t.as(w.cookies[persona]);
      for (const [path, payload] of [
        ['/plan-review/approve', { version, itemId }],
        ['/plan-review/undo', { version, itemId }],
        ['/plan-suggestions/00000000-0000-0000-0000-000000000000/apply', {}],
        ['/plan-suggestions/00000000-0000-0000-0000-000000000000/dismiss', {}],
      ] as const) {
        const res = await as({ method: 'POST', url: url(path), payload });
        const expected = persona === 'anonymous' ? [401] : [403, 404];
        expect(expected, `${path} as ${persona}: ${res.statusCode}`).toContain(res.statusCode);
      }
    }
    // A colleague in the same clinic may act; the change is then undone once.
    const undo = await t.as(w.cookies.otherClinician)({
      method: 'POST',
      url: url('/plan-review/undo'),
      payload: { version, itemId },
    });
    expect(undo.statusCode, undo.body).toBe(200);
    const plan = await t.as(w.cookies.owner)({ method: 'GET', url: '/api/me/plan/history' });
    expect(plan.json().versions[0].changes[0].reason).toMatch(
      /^Your therapist kept your .* at \d sets? of \d+/,
    );
  });

  it('refuses to undo back into an exercise an active precaution forbids', async () => {
    // Pregnant (second trimester): lying on the back is not advised, so the glute bridge is forbidden.
    const who = w.users.otherPatient;
    const res = await t.as(w.cookies.otherPatient)({
      method: 'POST',
      url: '/api/me/intake',
      payload: { ...answers, precautions: [{ kind: 'pregnancy', trimester: 2 }] },
    });
    expect(res.statusCode).toBe(201);
    const first = (await t.ctx.repos.patientDay.latestPlan(who.id))!;
    const plan = JSON.parse(first.plan) as Plan;
    const item = plan.items.find((i) => i.pillar === 'strength' && i.exercise && i.dose)!;
    const state = planStateFromPlan(plan, plan.generatedOn);
    const saved = await t.ctx.repos.patientDay.addPlanVersion({
      id: crypto.randomUUID(),
      clinic_id: w.clinicA,
      patient_id: who.id,
      plan: first.plan,
      source: 'progression',
      reason: 'Swapped away from the bridge.',
      created_by: null,
      created_at: new Date().toISOString(),
      state: JSON.stringify(state),
      changes: JSON.stringify([
        {
          itemId: item.id,
          exercise: 'glute-bridge',
          kind: 'swap',
          from: { exercise: 'glute-bridge', dose: item.dose },
          to: { exercise: item.exercise, dose: item.dose },
          reason: 'We swapped the glute bridge because lying on your back is not advised now.',
          ruleId: 'PROG-PRECAUTION-NOW',
          source: '§4',
        },
      ]),
    });
    const undo = await t.as(w.cookies.otherClinician)({
      method: 'POST',
      url: `/api/clinic/patients/${who.id}/plan-review/undo`,
      payload: { version: saved.version, itemId: item.id },
    });
    expect(undo.statusCode, undo.body).toBe(409);
    expect(undo.json().error.code).toBe('precaution_conflict');
    expect(undo.json().error.message).toMatch(/^Glute bridge is not advised with the patient’s .*pregnan/i);
    expect((await t.ctx.repos.patientDay.latestPlan(who.id))!.version).toBe(saved.version);
    // Nothing was recorded: the change can still be approved.
    const approve = await t.as(w.cookies.otherClinician)({
      method: 'POST',
      url: `/api/clinic/patients/${who.id}/plan-review/approve`,
      payload: { version: saved.version, itemId: item.id },
    });
    expect(approve.statusCode).toBe(200);
  });

  it('refuses another clinic’s suggestion id, even to this clinic’s staff', async () => {
    // A suggestion that belongs to the other clinic's patient.
    const id = crypto.randomUUID();
    await t.ctx.repos.planReview.upsertOpenSuggestion({
      id,
      clinic_id: w.clinicB,
      patient_id: w.users.otherClinicPatient.id,
      item_id: 'strength:x',
      change: JSON.stringify({
        itemId: 'strength:x',
        kind: 'progress',
        from: {},
        to: {},
        reason: 'r',
        ruleId: 'R',
        source: 's',
      }),
      based_on_version: 1,
      status: 'open',
      open_key: 'strength:x',
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
      decided_by: null,
      result_version: null,
    });
    for (const action of ['apply', 'dismiss']) {
      const res = await t.as(w.cookies.admin)({
        method: 'POST',
        url: `/api/clinic/patients/${patientId}/plan-suggestions/${id}/${action}`,
        payload: {},
      });
      expect(res.statusCode).toBe(404);
    }
    expect((await t.ctx.repos.planReview.findSuggestion(id))?.status).toBe('open');
  });
});
