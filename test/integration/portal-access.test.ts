import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app';
import {
  CLINIC_A_STAFF,
  type Persona,
  type World,
  buildWorld,
  expectOnlyAllowed,
  listedIds,
} from '../helpers/access';

const answers = {
  age: 61,
  painAreas: ['lowBack', 'hipLeft'],
  painStartedWeeksAgo: 8,
  pain: { now: 5, worstLastWeek: 7 },
  warningSigns: [],
  precautions: [],
  activityMinutesLastWeek: 60,
  activities: [{ name: 'climbing stairs', score: 4 }],
};

describe('who sees what in the PT portal', () => {
  const t = useTestApp();
  let w: World;
  let templateId: string;
  let noteId: string;
  beforeAll(async () => {
    w = await buildWorld(t);
    const res = await t.as(w.cookies.owner)({ method: 'POST', url: '/api/me/intake', payload: answers });
    expect(res.statusCode).toBe(201);
    const tpl = await t.as(w.cookies.clinician)({
      method: 'POST',
      url: '/api/clinic/templates',
      payload: { patientId: w.users.owner.id, name: 'Access template' },
    });
    expect(tpl.statusCode).toBe(201);
    templateId = tpl.json<{ template: { id: string } }>().template.id;
    const note = await t.as(w.cookies.clinician)({
      method: 'POST',
      url: `/api/clinic/patients/${w.users.owner.id}/notes`,
      payload: { text: 'Access note' },
    });
    noteId = note.json<{ note: { id: string } }>().note.id;
  });

  it('lists patients only for clinic staff, each only their own (an admin the clinic’s)', async () => {
    await expectOnlyAllowed(t, w, { method: 'GET', url: '/api/clinic/patients' }, [
      'clinician',
      'otherClinician',
      'admin',
      'otherClinicClinician',
      'otherClinicAdmin',
    ]);
    const ids = (who: Persona) => listedIds(t, w, who, '/api/clinic/patients');
    expect(await ids('clinician')).toEqual([w.users.owner.id]);
    expect(await ids('otherClinician')).toEqual([w.users.otherPatient.id]);
    expect(await ids('admin')).toEqual([w.users.owner.id, w.users.otherPatient.id].sort());
    expect(await ids('otherClinicAdmin')).toEqual([w.users.otherClinicPatient.id]);
  });

  it('filters the list by a clinician only for that clinician and their clinic’s admin', async () => {
    // A clinician id is one more id a client can send: a colleague's (403) or another clinic's (404) is refused.
    await expectOnlyAllowed(
      t,
      w,
      { method: 'GET', url: `/api/clinic/patients?clinicianId=${w.users.clinician.id}` },
      ['clinician', 'admin'],
    );
    const theirs = await t.as(w.cookies.admin)({
      method: 'GET',
      url: `/api/clinic/patients?clinicianId=${w.users.clinician.id}`,
    });
    expect(theirs.json<{ patients: { id: string }[] }>().patients.map((p) => p.id)).toEqual([
      w.users.owner.id,
    ]);
    // A patient's id is not a clinician's.
    const notStaff = await t.as(w.cookies.admin)({
      method: 'GET',
      url: `/api/clinic/patients?clinicianId=${w.users.owner.id}`,
    });
    expect(notStaff.statusCode).toBe(404);
  });

  it('shows a patient’s record, plan and handout only to their clinic’s staff', async () => {
    const id = w.users.owner.id;
    for (const url of [
      `/api/clinic/patients/${id}`,
      `/api/clinic/patients/${id}/plan`,
      `/api/clinic/patients/${id}/handout.pdf`,
    ]) {
      await expectOnlyAllowed(t, w, { method: 'GET', url }, CLINIC_A_STAFF);
    }
  });

  it('refuses a patient id from another clinic, or one that is not a patient, everywhere', async () => {
    for (const id of [w.users.otherClinicPatient.id, w.users.clinician.id, 'no-such-id']) {
      for (const url of [
        `/api/clinic/patients/${id}`,
        `/api/clinic/patients/${id}/plan`,
        `/api/clinic/patients/${id}/handout.pdf`,
      ]) {
        const res = await t.as(w.cookies.admin)({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
      }
    }
  });

  it('lets only clinic-A staff save a plan, add a note or email a handout for a clinic-A patient', async () => {
    const id = w.users.owner.id;
    await expectOnlyAllowed(
      t,
      w,
      { method: 'POST', url: `/api/clinic/patients/${id}/notes`, payload: { text: 'A note' } },
      CLINIC_A_STAFF,
    );
    await expectOnlyAllowed(
      t,
      w,
      { method: 'POST', url: `/api/clinic/patients/${id}/handout/email` },
      CLINIC_A_STAFF,
    );
    // Saving needs the current version: each allowed persona reads it right before.
    for (const persona of [
      'anonymous',
      'owner',
      'otherPatient',
      'otherClinicClinician',
      'otherClinicAdmin',
    ] as const) {
      const res = await t.as(w.cookies[persona])({
        method: 'PUT',
        url: `/api/clinic/patients/${id}/plan`,
        payload: { basedOnVersion: 1, reason: 'x', items: [] },
      });
      expect([401, 403, 404], persona).toContain(res.statusCode);
    }
    for (const persona of CLINIC_A_STAFF) {
      const current = await t.as(w.cookies[persona])({
        method: 'GET',
        url: `/api/clinic/patients/${id}/plan`,
      });
      const { version, plan } = current.json<{ version: number; plan: { items: unknown[] } }>();
      const res = await t.as(w.cookies[persona])({
        method: 'PUT',
        url: `/api/clinic/patients/${id}/plan`,
        payload: { basedOnVersion: version, reason: `Checked by ${persona}`, items: plan.items },
      });
      expect(res.statusCode, `${persona}: ${res.body.slice(0, 200)}`).toBe(200);
    }
  });

  it('lets a clinician assign only their own patients, and only to a colleague in the same clinic', async () => {
    const url = `/api/clinic/patients/${w.users.owner.id}/assign`;
    // The clinician id a client sends: a colleague is fine, a clinician in another clinic is not found.
    const cross = await t.as(w.cookies.clinician)({
      method: 'POST',
      url,
      payload: { clinicianId: w.users.otherClinicClinician.id },
    });
    expect(cross.statusCode).toBe(404);
    const patientAsClinician = await t.as(w.cookies.clinician)({
      method: 'POST',
      url,
      payload: { clinicianId: w.users.otherPatient.id },
    });
    expect(patientAsClinician.statusCode).toBe(404);
    // Only the owner's clinician and the admin may move this patient.
    await expectOnlyAllowed(t, w, { method: 'POST', url, payload: { clinicianId: w.users.clinician.id } }, [
      'clinician',
      'admin',
    ]);
    // The other clinician's patient cannot be taken by our clinician.
    const steal = await t.as(w.cookies.clinician)({
      method: 'POST',
      url: `/api/clinic/patients/${w.users.otherPatient.id}/assign`,
      payload: { clinicianId: w.users.clinician.id },
    });
    expect(steal.statusCode).toBe(403);
  });

  it('keeps templates and notes inside their clinic', async () => {
    await expectOnlyAllowed(
      t,
      w,
      { method: 'GET', url: `/api/clinic/templates/${templateId}` },
      CLINIC_A_STAFF,
    );
    await expectOnlyAllowed(t, w, { method: 'GET', url: `/api/clinic/notes/${noteId}` }, CLINIC_A_STAFF);
    await expectOnlyAllowed(t, w, { method: 'GET', url: '/api/clinic/templates' }, [
      ...CLINIC_A_STAFF,
      'otherClinicClinician',
      'otherClinicAdmin',
    ]);
    const listB = await t.as(w.cookies.otherClinicAdmin)({ method: 'GET', url: '/api/clinic/templates' });
    expect(listB.json<{ templates: unknown[] }>().templates).toEqual([]);
    // Applying a template from another clinic, or to a patient of another clinic, is not found.
    const crossTemplate = await t.as(w.cookies.otherClinicClinician)({
      method: 'POST',
      url: `/api/clinic/patients/${w.users.otherClinicPatient.id}/plan/from-template`,
      payload: { templateId, basedOnVersion: null },
    });
    expect(crossTemplate.statusCode).toBe(404);
    const crossPatient = await t.as(w.cookies.clinician)({
      method: 'POST',
      url: `/api/clinic/patients/${w.users.otherClinicPatient.id}/plan/from-template`,
      payload: { templateId, basedOnVersion: null },
    });
    expect(crossPatient.statusCode).toBe(404);
    // Saving a template from another clinic's patient is not found either.
    const crossSave = await t.as(w.cookies.otherClinicClinician)({
      method: 'POST',
      url: '/api/clinic/templates',
      payload: { patientId: w.users.owner.id, name: 'Stolen' },
    });
    expect(crossSave.statusCode).toBe(404);
  });

  it('keeps the audit log, outcomes and settings for the right people', async () => {
    await expectOnlyAllowed(t, w, { method: 'GET', url: '/api/clinic/audit' }, ['admin', 'otherClinicAdmin']);
    const auditB = await t.as(w.cookies.otherClinicAdmin)({ method: 'GET', url: '/api/clinic/audit' });
    expect(JSON.stringify(auditB.json())).not.toContain(w.users.owner.id);
    await expectOnlyAllowed(t, w, { method: 'GET', url: '/api/clinic/outcomes' }, [
      'clinician',
      'otherClinician',
      'admin',
      'otherClinicClinician',
      'otherClinicAdmin',
    ]);
    await expectOnlyAllowed(
      t,
      w,
      { method: 'PATCH', url: '/api/clinic', payload: { tagline: 'Hips and backs' } },
      ['admin', 'otherClinicAdmin'],
    );
    // Staff read their own clinic's details (the ones their settings page changes), never another's.
    await expectOnlyAllowed(t, w, { method: 'GET', url: '/api/clinic/mine' }, [
      'clinician',
      'otherClinician',
      'admin',
      'otherClinicClinician',
      'otherClinicAdmin',
    ]);
    for (const [who, clinic] of [
      ['admin', w.clinicA],
      ['clinician', w.clinicA],
      ['otherClinicAdmin', w.clinicB],
      ['otherClinicClinician', w.clinicB],
    ] as const) {
      const mine = await t.as(w.cookies[who])({ method: 'GET', url: '/api/clinic/mine' });
      expect(mine.json<{ clinic: { id: string } }>().clinic.id, who).toBe(clinic);
    }
  });

  it('lets only the clinic’s own admin deactivate a team member (the staff id is checked)', async () => {
    const a = await t.makeUser(w.clinicA, 'clinician');
    await t.login(a.email);
    await expectOnlyAllowed(t, w, { method: 'POST', url: `/api/clinic/staff/${a.id}/deactivate` }, ['admin']);
    for (const id of [w.users.otherClinicClinician.id, w.users.owner.id]) {
      const res = await t.as(w.cookies.admin)({ method: 'POST', url: `/api/clinic/staff/${id}/deactivate` });
      expect(res.statusCode, id).toBe(404);
    }
  });
});
