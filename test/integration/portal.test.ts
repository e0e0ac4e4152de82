import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/services/selfcheck';
import { errorOf, useTestApp } from '../helpers/app';
import { type World, buildWorld } from '../helpers/access';

const hipAnswers = {
  age: 68,
  painAreas: ['lowBack', 'hipLeft'],
  painStartedWeeksAgo: 10,
  pain: { now: 6, worstLastWeek: 7 },
  warningSigns: [],
  precautions: [{ kind: 'hipReplacement', side: 'left', approach: 'posterior', until: '2099-01-01' }],
  activityMinutesLastWeek: 30,
  activities: [
    { name: 'putting on socks', score: 3 },
    { name: 'walking the dog', score: 5 },
  ],
};

interface Item {
  id: string;
  pillar: string;
  exercise: string | null;
  title: string;
  dose: Record<string, unknown> | null;
  schedule: { daysPerWeek: number };
  reason: string;
  locked?: boolean;
  override?: { reason: string; by: string; conflicts: { tag: string }[] };
}
interface PlanOut {
  version: number | null;
  plan: { items: Item[]; locked?: boolean; note?: string; precautions: unknown[] };
}

// The test clinic and its people are in Denver: "today" is Denver's calendar day.
const daysAgo = (n: number) => localDate(new Date(Date.now() - n * 86_400_000), 'America/Denver');
const today = () => daysAgo(0);

describe('the PT portal', () => {
  const t = useTestApp();
  let w: World;
  const pt = () => t.as(w.cookies.clinician);
  const owner = () => w.users.owner.id;

  const getPlan = async () =>
    (await pt()({ method: 'GET', url: `/api/clinic/patients/${owner()}/plan` })).json<PlanOut>();
  const knee = () => {
    const ex = t.ctx.services.content.library.bySlug.get('knee-to-chest')!;
    return {
      id: 'stretch:knee-to-chest',
      pillar: 'stretch',
      exercise: ex.slug,
      title: ex.name,
      dose: { ...ex.defaultDose },
      schedule: { daysPerWeek: 7 },
      reason: 'To ease the lower back.',
    };
  };

  beforeAll(async () => {
    w = await buildWorld(t);
    const res = await t.as(w.cookies.owner)({ method: 'POST', url: '/api/me/intake', payload: hipAnswers });
    expect(res.statusCode).toBe(201);
    // A little history: check-ins (pain falling) and sessions over two weeks.
    const db = t.ctx.database.db;
    for (let d = 13; d >= 0; d--) {
      await db
        .insertInto('checkins')
        .values({
          id: crypto.randomUUID(),
          clinic_id: w.clinicA,
          patient_id: owner(),
          client_id: `c-${d}-${crypto.randomUUID().slice(0, 8)}`,
          date: daysAgo(d),
          pain_now: d >= 7 ? 6 : 3,
          stiffness: null,
          sleep: null,
          warning_signs: '[]',
          triage_level: 'selfCare',
          triage: '{}',
          created_at: new Date().toISOString(),
        })
        .execute();
    }
    for (const d of [0, 1, 2]) {
      await db
        .insertInto('session_logs')
        .values({
          id: crypto.randomUUID(),
          clinic_id: w.clinicA,
          patient_id: owner(),
          client_id: `s-${d}-${crypto.randomUUID().slice(0, 8)}`,
          date: daysAgo(d),
          kind: 'stretch',
          plan_version: 1,
          status: 'completed',
          progress: '{}',
          items: JSON.stringify([
            { exercise: 'hip-flexor-stretch-standing', setsDone: 2, feedback: 'right' },
          ]),
          pain_during: 2,
          effort: 4,
          started_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
          completed_at: new Date().toISOString(),
        })
        .execute();
    }
  });

  it('lists the patient with last activity, adherence, pain trend and open flags; searches, sorts, filters', async () => {
    const res = await pt()({ method: 'GET', url: '/api/clinic/patients' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      total: number;
      patients: {
        id: string;
        lastActiveOn: string;
        adherence7d: number | null;
        pain: { recent: number; prior: number; trend: string };
        openFlags: number;
      }[];
    }>();
    const p = body.patients.find((x) => x.id === owner())!;
    expect(p.lastActiveOn).toBe(today());
    expect(p.pain).toEqual({ recent: 3, prior: 6, trend: 'improved' });
    // A plan made today: the share of the sessions due so far.
    expect(p.adherence7d).not.toBeNull();
    expect(p.openFlags).toBe(0);

    const admin = t.as(w.cookies.admin);
    const name = w.users.owner.display_name;
    const search = await admin({
      method: 'GET',
      url: `/api/clinic/patients?q=${encodeURIComponent(name.toUpperCase())}`,
    });
    expect(search.json<{ patients: { id: string }[] }>().patients.map((x) => x.id)).toEqual([owner()]);
    const none = await admin({ method: 'GET', url: '/api/clinic/patients?q=%25' });
    expect(none.json<{ total: number }>().total).toBe(0);
    const sorted = await admin({ method: 'GET', url: '/api/clinic/patients?sort=name' });
    const names = sorted.json<{ patients: { displayName: string }[] }>().patients.map((x) => x.displayName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const noPlan = await admin({ method: 'GET', url: '/api/clinic/patients?filter=noPlan' });
    expect(noPlan.json<{ patients: { id: string }[] }>().patients.map((x) => x.id)).toEqual([
      w.users.otherPatient.id,
    ]);
    const bad = await admin({ method: 'GET', url: '/api/clinic/patients?sort=shoe' });
    expect(bad.statusCode).toBe(400);
  });

  it('counts open flags in the PT queue, and filters and sorts by them', async () => {
    const now = new Date().toISOString();
    const flag = {
      clinic_id: w.clinicA,
      patient_id: owner(),
      action: 'flag',
      severity: 'attention',
      summary: 'Pain rising',
      patient_message: '',
      since: daysAgo(3),
      rule_id: 'test',
      source: 'test',
      triage_level: null,
      created_at: now,
      updated_at: now,
      acknowledged_by: null,
      acknowledged_at: null,
      resolved_by: null,
      resolved_at: null,
      resolution_note: null,
    };
    await t.ctx.repos.flags.open({
      ...flag,
      id: crypto.randomUUID(),
      kind: 'worsening',
      status: 'open',
      open_key: 'worsening',
    });
    await t.ctx.repos.flags.open({
      ...flag,
      id: crypto.randomUUID(),
      kind: 'silence',
      status: 'resolved',
      open_key: null,
    });
    const admin = t.as(w.cookies.admin);
    const flagged = await admin({ method: 'GET', url: '/api/clinic/patients?filter=flagged' });
    const rows = flagged.json<{ patients: { id: string; openFlags: number }[] }>().patients;
    expect(rows).toEqual([expect.objectContaining({ id: owner(), openFlags: 1 })]);
    const first = await admin({ method: 'GET', url: '/api/clinic/patients?sort=flags' });
    expect(first.json<{ patients: { id: string }[] }>().patients[0]?.id).toBe(owner());
    const view = await pt()({ method: 'GET', url: `/api/clinic/patients/${owner()}` });
    expect(view.json<{ openFlags: number }>().openFlags).toBe(1);
  });

  it('shows the patient’s record: intake, precautions, pain, sessions, PSFS, plan history', async () => {
    const res = await pt()({ method: 'GET', url: `/api/clinic/patients/${owner()}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.intakes).toHaveLength(1);
    expect(body.precautions[0].label).toBe('Left hip replacement (posterior approach)');
    expect(body.precautions[0].until).toBe('2099-01-01');
    expect(body.precautions[0].forbidden.map((f: { tag: string }) => f.tag)).toContain('hipFlexionOver90');
    expect(body.pain).toHaveLength(14);
    expect(body.sessions[0].painDuring).toBe(2);
    expect(body.psfs).toEqual({
      items: [
        { name: 'putting on socks', score: 3 },
        { name: 'walking the dog', score: 5 },
      ],
      score: 4,
    });
    expect(body.planHistory[0]).toMatchObject({ version: 1, source: 'intake' });
    expect(body.activityWeeks).toHaveLength(12);
  });

  it('refuses a conflicting exercise with 409 until an override reason is given, and records it', async () => {
    const current = await getPlan();
    expect(current.version).toBe(1);
    const items = [...current.plan.items, knee()];
    const refused = await pt()({
      method: 'PUT',
      url: `/api/clinic/patients/${owner()}/plan`,
      payload: { basedOnVersion: 1, reason: 'Add a back stretch', items },
    });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toMatchObject({
      code: 'precaution_conflict',
      path: `items[${items.length - 1}].exercise`,
    });
    expect(errorOf(refused).message).toContain('Left hip replacement (posterior approach)');
    // An empty reason is no override.
    const blank = await pt()({
      method: 'PUT',
      url: `/api/clinic/patients/${owner()}/plan`,
      payload: {
        basedOnVersion: 1,
        reason: 'x',
        items: [...current.plan.items, { ...knee(), override: { reason: '  ' } }],
      },
    });
    expect(blank.statusCode).toBe(409);
    expect((await getPlan()).version).toBe(1);

    const ok = await pt()({
      method: 'PUT',
      url: `/api/clinic/patients/${owner()}/plan`,
      payload: {
        basedOnVersion: 1,
        reason: 'Add a back stretch',
        items: [
          ...current.plan.items,
          { ...knee(), override: { reason: 'Surgeon cleared flexion to 100° on review' } },
        ],
        note: 'Go gently on the new stretch.',
        locked: true,
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const saved = ok.json<PlanOut>();
    expect(saved.version).toBe(2);
    const item = saved.plan.items.find((i) => i.exercise === 'knee-to-chest')!;
    expect(item.override).toMatchObject({
      reason: 'Surgeon cleared flexion to 100° on review',
      by: w.users.clinician.id,
    });
    expect(item.override!.conflicts.map((c) => c.tag)).toContain('hipFlexionOver90');
    expect(saved.plan.locked).toBe(true);
    expect(saved.plan.note).toBe('Go gently on the new stretch.');
    // The stored version, its source and author, and the patient sees it.
    const history = (await pt()({ method: 'GET', url: `/api/clinic/patients/${owner()}` })).json()
      .planHistory;
    expect(history[0]).toMatchObject({ version: 2, source: 'clinician', reason: 'Add a back stretch' });
    const mine = await t.as(w.cookies.owner)({ method: 'GET', url: '/api/me/plan' });
    expect(JSON.stringify(mine.json())).toContain('knee-to-chest');
    const audit = (
      await t.as(w.cookies.admin)({ method: 'GET', url: `/api/clinic/audit?patientId=${owner()}` })
    ).json<{
      entries: { action: string; detail: Record<string, unknown> }[];
    }>().entries;
    const override = audit.find((e) => e.action === 'plan.override');
    expect(override?.detail).toMatchObject({
      exercise: 'knee-to-chest',
      reason: 'Surgeon cleared flexion to 100° on review',
    });
  });

  it('refuses a stale edit, an unknown exercise and a bad dose with clear errors', async () => {
    const current = await getPlan();
    const stale = await pt()({
      method: 'PUT',
      url: `/api/clinic/patients/${owner()}/plan`,
      payload: { basedOnVersion: 1, reason: 'x', items: current.plan.items },
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('plan_changed');
    const unknown = await pt()({
      method: 'PUT',
      url: `/api/clinic/patients/${owner()}/plan`,
      payload: { basedOnVersion: current.version, reason: 'x', items: [{ ...knee(), exercise: 'moonwalk' }] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown)).toMatchObject({ code: 'unknown_exercise', path: 'items[0].exercise' });
    const dose = await pt()({
      method: 'PUT',
      url: `/api/clinic/patients/${owner()}/plan`,
      payload: {
        basedOnVersion: current.version,
        reason: 'x',
        items: [{ ...knee(), dose: { ...knee().dose, sets: 40 } }],
      },
    });
    expect(dose.statusCode).toBe(400);
    expect(errorOf(dose).path).toBe('items[0].dose.sets');
  });

  it('round-trips a template, and the precaution check applies when starting from one', async () => {
    // A patient without precautions, whose plan includes knee-to-chest.
    const free = await t.makeUser(w.clinicA, 'patient', { clinician_id: w.users.clinician.id });
    const cookie = await t.login(free.email);
    await t.as(cookie)({
      method: 'POST',
      url: '/api/me/intake',
      payload: { ...hipAnswers, precautions: [] },
    });
    const base = (await pt()({ method: 'GET', url: `/api/clinic/patients/${free.id}/plan` })).json<PlanOut>();
    const put = await pt()({
      method: 'PUT',
      url: `/api/clinic/patients/${free.id}/plan`,
      payload: { basedOnVersion: base.version, reason: 'Add knee hug', items: [...base.plan.items, knee()] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const saved = await pt()({
      method: 'POST',
      url: '/api/clinic/templates',
      payload: { patientId: free.id, name: 'Back basics', description: 'Starter for low back pain' },
    });
    expect(saved.statusCode).toBe(201);
    const id = saved.json<{ template: { id: string } }>().template.id;
    const listed = (await pt()({ method: 'GET', url: '/api/clinic/templates' })).json<{
      templates: { id: string; name: string }[];
    }>();
    expect(listed.templates.map((x) => x.name)).toContain('Back basics');
    const one = (await pt()({ method: 'GET', url: `/api/clinic/templates/${id}` })).json<{
      template: { items: Item[] };
    }>();
    expect(one.template.items.map((i) => i.exercise)).toContain('knee-to-chest');

    // Applying it to the hip-replacement patient: refused until the conflicting item has an override.
    // Each refusal names one conflicting item; the PT gives a reason for each in turn.
    const current = await getPlan();
    const overrides: Record<string, string> = {};
    let applied = await pt()({
      method: 'POST',
      url: `/api/clinic/patients/${owner()}/plan/from-template`,
      payload: { templateId: id, basedOnVersion: current.version },
    });
    expect(applied.statusCode).toBe(409);
    for (let i = 0; i < 20 && applied.statusCode === 409; i++) {
      const err = errorOf(applied);
      expect(err.code).toBe('precaution_conflict');
      const index = Number(/^items\[(\d+)\]\.exercise$/.exec(err.path ?? '')?.[1]);
      const itemId = one.template.items[index]!.id;
      expect(overrides[itemId]).toBeUndefined();
      overrides[itemId] = 'Cleared by surgeon at the 6-week review';
      applied = await pt()({
        method: 'POST',
        url: `/api/clinic/patients/${owner()}/plan/from-template`,
        payload: { templateId: id, basedOnVersion: current.version, overrides },
      });
    }
    expect(overrides['stretch:knee-to-chest']).toBeDefined();
    expect(applied.statusCode, applied.body).toBe(200);
    const after = applied.json<PlanOut>();
    expect(after.plan.items.map((i) => i.exercise)).toEqual(one.template.items.map((i) => i.exercise));
    expect(after.plan.precautions).toHaveLength(1);
  });

  it('keeps private notes for staff and never shows them to the patient', async () => {
    const res = await pt()({
      method: 'POST',
      url: `/api/clinic/patients/${owner()}/notes`,
      payload: { text: 'Guarded with hip flexion; recheck at 6 weeks.' },
    });
    expect(res.statusCode).toBe(201);
    const view = (await pt()({ method: 'GET', url: `/api/clinic/patients/${owner()}` })).json();
    expect(view.notes[0].text).toBe('Guarded with hip flexion; recheck at 6 weeks.');
    for (const url of ['/api/me/plan', '/api/me/today', '/api/me/intake']) {
      const mine = await t.as(w.cookies.owner)({ method: 'GET', url });
      expect(mine.body, url).not.toContain('Guarded with hip flexion');
    }
  });

  it('renders the handout PDF with the clinic name and exercise names, and emails it as an attachment', async () => {
    const res = await pt()({ method: 'GET', url: `/api/clinic/patients/${owner()}/handout.pdf` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-handout-'));
    const file = path.join(dir, 'handout.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Clinic A');
    expect(text).toContain('Knee to chest stretch');
    expect(text).toContain('A note from');
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', file, path.join(dir, 'page')]);
    expect(fs.readdirSync(dir).some((f) => f.endsWith('.png'))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });

    const sent = await pt()({ method: 'POST', url: `/api/clinic/patients/${owner()}/handout/email` });
    expect(sent.statusCode).toBe(202);
    await t.flushMail();
    const mail = t.smtp.received.find(
      (m) => m.to.includes(w.users.owner.email) && /home program/.test(m.subject),
    );
    expect(mail).toBeDefined();
    expect(mail!.raw).toContain('application/pdf');
    expect(mail!.raw).toContain('home-program.pdf');
  });

  it('assigns a patient to a colleague and back', async () => {
    const res = await pt()({
      method: 'POST',
      url: `/api/clinic/patients/${owner()}/assign`,
      payload: { clinicianId: w.users.otherClinician.id },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().patient.clinicianId).toBe(w.users.otherClinician.id);
    const mine = (await pt()({ method: 'GET', url: '/api/clinic/patients' })).json<{
      patients: { id: string }[];
    }>();
    expect(mine.patients.map((p) => p.id)).not.toContain(owner());
    const back = await t.as(w.cookies.otherClinician)({
      method: 'POST',
      url: `/api/clinic/patients/${owner()}/assign`,
      payload: { clinicianId: w.users.clinician.id },
    });
    expect(back.statusCode).toBe(200);
  });

  it('audits views and changes, append-only, readable by the admin alone', async () => {
    const res = await t.as(w.cookies.admin)({ method: 'GET', url: '/api/clinic/audit?limit=500' });
    const actions = new Set(res.json<{ entries: { action: string }[] }>().entries.map((e) => e.action));
    for (const a of [
      'patient.view',
      'plan.view',
      'plan.update',
      'plan.override',
      'note.create',
      'handout.download',
      'handout.email',
      'patient.assign',
      'template.create',
      'template.apply',
    ]) {
      expect(actions, a).toContain(a);
    }
    // No route changes or deletes audit entries.
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const r = await t.as(w.cookies.admin)({ method, url: '/api/clinic/audit' });
      expect(r.statusCode, method).toBe(404);
    }
    const audited = t.ctx.app.routeList.filter((r) => r.url.includes('audit'));
    expect(audited.every((r) => r.method === 'GET' || r.method === 'HEAD')).toBe(true);
  });

  it('lets the admin change settings with validated colours and time zone, and deactivate a clinician', async () => {
    const admin = t.as(w.cookies.admin);
    const badColour = await admin({ method: 'PATCH', url: '/api/clinic', payload: { primaryColor: 'teal' } });
    expect(badColour.statusCode).toBe(400);
    expect(errorOf(badColour).path).toBe('primaryColor');
    const badZone = await admin({
      method: 'PATCH',
      url: '/api/clinic',
      payload: { timezone: 'Mars/Olympus' },
    });
    expect(badZone.statusCode).toBe(400);
    const ok = await admin({
      method: 'PATCH',
      url: '/api/clinic',
      payload: {
        name: 'Clinic A',
        tagline: 'Hips and backs',
        primaryColor: '#1A5E63',
        timezone: 'Europe/Dublin',
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().clinic).toMatchObject({
      tagline: 'Hips and backs',
      primaryColor: '#1a5e63',
      timezone: 'Europe/Dublin',
    });

    const leaving = await t.makeUser(w.clinicA, 'clinician');
    const cookie = await t.login(leaving.email);
    expect((await t.as(cookie)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    const res = await admin({ method: 'POST', url: `/api/clinic/staff/${leaving.id}/deactivate` });
    expect(res.statusCode).toBe(200);
    expect((await t.as(cookie)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const login = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: leaving.email, password: 'correct horse battery' },
    });
    expect(login.statusCode).not.toBe(200);
    const self = await admin({ method: 'POST', url: `/api/clinic/staff/${w.users.admin.id}/deactivate` });
    expect(self.statusCode).toBe(409);
  });

  it('reports the clinic’s outcomes', async () => {
    const res = await t.as(w.cookies.admin)({ method: 'GET', url: '/api/clinic/outcomes' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.patients).toBeGreaterThanOrEqual(2);
    expect(body.adherence.buckets).toHaveLength(4);
    expect(body.flagsPerWeek).toHaveLength(12);
  });
});
