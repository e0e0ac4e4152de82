import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan/types';
import { addDays } from '../../src/core/dates';
import { adherence, weeklyTargets } from '../../src/core/patient-figures';
import { localDate } from '../../src/services/selfcheck';
import { useTestApp } from '../helpers/app';
import { type World, buildWorld } from '../helpers/access';

const answers = {
  age: 52,
  painAreas: ['lowBack'],
  painStartedWeeksAgo: 8,
  pain: { now: 5, worstLastWeek: 6 },
  warningSigns: [],
  precautions: [],
  activityMinutesLastWeek: 60,
  activities: [{ name: 'gardening', score: 5 }],
};

// The test clinic is in Denver: the list's "today" is Denver's calendar day.
const today = () => localDate(new Date(), 'America/Denver');
const cid = () => crypto.randomUUID();

/**
 * The patient list answers from one summary row per patient (migration
 * 0009). These tests make each kind of write the figures depend on and check
 * the stored row right after it — without a list read in between — against
 * figures worked out here from what was written.
 */
describe('the patient list summary', () => {
  const t = useTestApp();
  let w: World;
  const owner = () => w.users.owner.id;
  const me = () => t.as(w.cookies.owner);
  const pt = () => t.as(w.cookies.clinician);
  let plan: Plan;

  const row = async () => {
    await t.ctx.services.progression.idle();
    const r = await t.ctx.repos.patientSummaries.find(owner());
    if (!r) throw new Error('no summary row');
    return r;
  };
  /** The row was recomputed after the last write (its counter caught up) for today. */
  const expectFresh = async () => {
    const r = await row();
    expect(Number(r.computed_changes)).toBe(Number(r.changes));
    expect(r.as_of).toBe(today());
    return r;
  };
  const expected = (p: Plan, done: { stretch: number; strength: number }) => {
    const a = adherence(weeklyTargets(p), 1, done);
    return a === null ? null : Math.round(a * 100) / 100;
  };

  beforeAll(async () => {
    w = await buildWorld(t);
    const res = await me()({ method: 'POST', url: '/api/me/intake', payload: answers });
    expect(res.statusCode).toBe(201);
    plan = (await pt()({ method: 'GET', url: `/api/clinic/patients/${owner()}/plan` })).json<{ plan: Plan }>()
      .plan;
  });

  it('marks the row stale in the same statement as a write that skips the services, and a list read recomputes it', async () => {
    // The intake's plan version was written without a refresh: the trigger made the row stale.
    const before = await row();
    expect(Number(before.changes)).toBeGreaterThan(Number(before.computed_changes));
    const list = await pt()({ method: 'GET', url: '/api/clinic/patients' });
    expect(list.statusCode).toBe(200);
    const mine = list.json<{ patients: { id: string; hasPlan: boolean; adherence7d: number | null }[] }>()
      .patients;
    expect(mine).toEqual([
      expect.objectContaining({
        id: owner(),
        hasPlan: true,
        adherence7d: expected(plan, { stretch: 0, strength: 0 }),
      }),
    ]);
    const after = await expectFresh();
    expect(after.last_active_on).toBeNull();
    expect(Number(after.has_plan)).toBe(1);
  });

  it('is current right after a check-in', async () => {
    const res = await me()({
      method: 'POST',
      url: '/api/me/checkins',
      payload: { clientId: cid(), painNow: 4, warningSigns: [] },
    });
    expect(res.statusCode).toBe(201);
    const r = await expectFresh();
    expect(r.last_active_on).toBe(today());
    expect(Number(r.pain_recent)).toBe(4);
    expect(r.pain_prior).toBeNull();
    expect(r.pain_trend).toBeNull();
  });

  it('is current right after a completed session, and counts it in the 7-day adherence', async () => {
    const kind = weeklyTargets(plan).stretch > 0 ? 'stretch' : 'strength';
    const res = await me()({
      method: 'PUT',
      url: `/api/me/sessions/${cid()}`,
      payload: {
        kind,
        status: 'completed',
        progress: {},
        items: [
          { exercise: plan.items.find((i) => i.pillar === kind)!.exercise!, setsDone: 2, feedback: 'right' },
        ],
        painDuring: 2,
        effort: 5,
      },
    });
    expect(res.statusCode).toBe(201);
    const r = await expectFresh();
    const done = { stretch: kind === 'stretch' ? 1 : 0, strength: kind === 'strength' ? 1 : 0 };
    expect(r.adherence_7d === null ? null : Number(r.adherence_7d)).toBe(expected(plan, done));
    expect(Number(r.adherence_7d)).toBeGreaterThan(0);
  });

  it('is current right after an activity and a movement break dated earlier, keeping the latest day', async () => {
    const yesterday = addDays(today(), -1);
    const a = await me()({
      method: 'POST',
      url: '/api/me/activities',
      payload: { clientId: cid(), date: yesterday, kind: 'walking', minutes: 20 },
    });
    expect(a.statusCode).toBe(201);
    expect((await expectFresh()).last_active_on).toBe(today());
    const b = await me()({ method: 'POST', url: '/api/me/movement-breaks', payload: { clientId: cid() } });
    expect(b.statusCode).toBe(201);
    expect((await expectFresh()).last_active_on).toBe(today());
  });

  it('follows flags: raised (stale until refreshed), acknowledged (still open) and resolved', async () => {
    const at = new Date().toISOString();
    const flagId = crypto.randomUUID();
    await t.ctx.repos.flags.open({
      id: flagId,
      clinic_id: w.clinicA,
      patient_id: owner(),
      kind: 'worsening',
      action: 'flag',
      severity: 'urgent',
      status: 'open',
      summary: 'Pain rising',
      patient_message: '',
      since: today(),
      rule_id: 'test',
      source: 'test',
      triage_level: null,
      open_key: 'worsening',
      created_at: at,
      updated_at: at,
      acknowledged_by: null,
      acknowledged_at: null,
      resolved_by: null,
      resolved_at: null,
      resolution_note: null,
    });
    const raised = await row();
    expect(Number(raised.changes)).toBeGreaterThan(Number(raised.computed_changes));
    const flagged = await pt()({ method: 'GET', url: '/api/clinic/patients?filter=flagged' });
    expect(
      flagged.json<{ patients: { id: string; openFlags: number; mostSerious: string }[] }>().patients,
    ).toEqual([expect.objectContaining({ id: owner(), openFlags: 1, mostSerious: 'urgent' })]);
    const ack = await pt()({ method: 'POST', url: `/api/clinic/flags/${flagId}/acknowledge`, payload: {} });
    expect(ack.statusCode).toBe(200);
    const r1 = await expectFresh();
    expect(Number(r1.open_flags)).toBe(1);
    expect(Number(r1.flag_rank)).toBe(1);
    const res = await pt()({
      method: 'POST',
      url: `/api/clinic/flags/${flagId}/resolve`,
      payload: { note: 'Called; settling with rest.' },
    });
    expect(res.statusCode).toBe(200);
    const r2 = await expectFresh();
    expect(Number(r2.open_flags)).toBe(0);
    expect(r2.flag_rank).toBeNull();
  });

  it('is current right after the PT saves a new plan version, with adherence against the new plan', async () => {
    const current = (await pt()({ method: 'GET', url: `/api/clinic/patients/${owner()}/plan` })).json<{
      version: number;
      plan: Plan;
    }>();
    // Keep only strength items: today's stretch session no longer counts.
    const items = current.plan.items.filter((i) => i.pillar !== 'stretch');
    const res = await pt()({
      method: 'PUT',
      url: `/api/clinic/patients/${owner()}/plan`,
      payload: { basedOnVersion: current.version, reason: 'Strength only for now', items },
    });
    expect(res.statusCode).toBe(200);
    const r = await expectFresh();
    const done = { stretch: 1, strength: 0 };
    const want = expected({ ...current.plan, items }, done);
    expect(r.adherence_7d === null ? null : Number(r.adherence_7d)).toBe(want);
  });

  it('moves its 7-day windows on with the date in the daily pass', async () => {
    const later = new Date(Date.now() + 8 * 86_400_000);
    await t.ctx.repos.patientSummaries.refreshAll(later);
    const r = await row();
    expect(r.as_of).toBe(localDate(later, 'America/Denver'));
    // Today's check-in (4) is now in the earlier window; nothing in the recent one.
    expect(r.pain_recent).toBeNull();
    expect(Number(r.pain_prior)).toBe(4);
    expect(r.last_active_on).toBe(today());
    // Back to the real today on the next read.
    await pt()({ method: 'GET', url: '/api/clinic/patients' });
    expect((await expectFresh()).pain_recent).not.toBeNull();
  });

  it('refuses a clinician filter from another clinic, and a colleague’s list to a clinician', async () => {
    const admin = t.as(w.cookies.admin);
    const other = await admin({
      method: 'GET',
      url: `/api/clinic/patients?clinicianId=${w.users.otherClinicClinician.id}`,
    });
    expect(other.statusCode).toBe(404);
    const colleague = await pt()({
      method: 'GET',
      url: `/api/clinic/patients?clinicianId=${w.users.otherClinician.id}`,
    });
    expect(colleague.statusCode).toBe(403);
    const theirs = await admin({
      method: 'GET',
      url: `/api/clinic/patients?clinicianId=${w.users.otherClinician.id}`,
    });
    expect(theirs.json<{ patients: { id: string }[] }>().patients.map((p) => p.id)).toEqual([
      w.users.otherPatient.id,
    ]);
  });

  it('follows a reassignment to a colleague at once (the clinician copied by trigger)', async () => {
    const admin = t.as(w.cookies.admin);
    const moved = await admin({
      method: 'POST',
      url: `/api/clinic/patients/${owner()}/assign`,
      payload: { clinicianId: w.users.otherClinician.id },
    });
    expect(moved.statusCode).toBe(200);
    const ids = async (cookie: string | null) =>
      (await t.as(cookie)({ method: 'GET', url: '/api/clinic/patients' }))
        .json<{ patients: { id: string }[] }>()
        .patients.map((p) => p.id);
    expect(await ids(w.cookies.otherClinician)).toContain(owner());
    expect(await ids(w.cookies.clinician)).not.toContain(owner());
    const back = await admin({
      method: 'POST',
      url: `/api/clinic/patients/${owner()}/assign`,
      payload: { clinicianId: w.users.clinician.id },
    });
    expect(back.statusCode).toBe(200);
    expect(await ids(w.cookies.clinician)).toContain(owner());
    // Search reads the copied name and email: part of the email finds them.
    const part = w.users.owner.email.split('@')[0]!.toUpperCase();
    const found = await admin({ method: 'GET', url: `/api/clinic/patients?q=${encodeURIComponent(part)}` });
    expect(found.json<{ patients: { id: string }[] }>().patients.map((p) => p.id)).toEqual([owner()]);
  });

  it('pages without overlap or gaps, with the total of all pages', async () => {
    const admin = t.as(w.cookies.admin);
    for (let i = 0; i < 7; i++)
      await t.makeUser(w.clinicA, 'patient', { clinician_id: w.users.clinician.id });
    const all = await admin({ method: 'GET', url: '/api/clinic/patients?sort=name&limit=500' });
    const ids = all.json<{ total: number; patients: { id: string }[] }>().patients.map((p) => p.id);
    expect(ids.length).toBe(all.json<{ total: number }>().total);
    const paged: string[] = [];
    for (let offset = 0; offset < ids.length; offset += 3) {
      const page = await admin({
        method: 'GET',
        url: `/api/clinic/patients?sort=name&limit=3&offset=${offset}`,
      });
      const body = page.json<{ total: number; offset: number; patients: { id: string }[] }>();
      expect(body.total).toBe(ids.length);
      expect(body.offset).toBe(offset);
      paged.push(...body.patients.map((p) => p.id));
    }
    expect(paged).toEqual(ids);
  });
});
