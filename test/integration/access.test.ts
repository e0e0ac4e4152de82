import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app';
import { type Persona, type World, buildWorld, expectOnlyAllowed, listedIds } from '../helpers/access';

describe('who sees what', () => {
  const t = useTestApp();
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(t);
  });

  it('shows each person only their own account', async () => {
    await expectOnlyAllowed(t, w, { method: 'GET', url: '/api/auth/me' }, [
      'owner',
      'otherPatient',
      'clinician',
      'otherClinician',
      'admin',
      'otherClinicPatient',
      'otherClinicClinician',
      'otherClinicAdmin',
    ]);
    const me = await t.as(w.cookies.owner)({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().user.id).toBe(w.users.owner.id);
  });

  it('lets only clinic staff list patients, and only their own clinic’s', async () => {
    await expectOnlyAllowed(t, w, { method: 'GET', url: '/api/patients' }, [
      'clinician',
      'otherClinician',
      'admin',
      'otherClinicClinician',
      'otherClinicAdmin',
    ]);
    const ids = (who: Persona) => listedIds(t, w, who, '/api/patients');
    expect(await ids('clinician')).toEqual([w.users.owner.id]);
    expect(await ids('otherClinician')).toEqual([w.users.otherPatient.id]);
    expect(await ids('admin')).toEqual([w.users.owner.id, w.users.otherPatient.id].sort());
    expect(await ids('otherClinicAdmin')).toEqual([w.users.otherClinicPatient.id]);
  });

  it('lets only a clinic admin list staff, and only their own clinic’s', async () => {
    await expectOnlyAllowed(t, w, { method: 'GET', url: '/api/clinic/staff' }, ['admin', 'otherClinicAdmin']);
    const staff = (await t.as(w.cookies.admin)({ method: 'GET', url: '/api/clinic/staff' })).json<{
      staff: { id: string }[];
    }>().staff;
    expect(staff.map((s) => s.id).sort()).toEqual(
      [w.users.clinician.id, w.users.otherClinician.id, w.users.admin.id].sort(),
    );
  });

  it('keeps invitations inside the inviter’s clinic', async () => {
    const res = await t.as(w.cookies.otherClinicClinician)({
      method: 'POST',
      url: '/api/invites',
      payload: { email: 'crossclinic@example.test', role: 'patient' },
    });
    expect(res.statusCode).toBe(201);
    const listA = await t.as(w.cookies.admin)({ method: 'GET', url: '/api/patients' });
    expect(JSON.stringify(listA.json())).not.toContain('crossclinic@example.test');
    const listB = await t.as(w.cookies.otherClinicClinician)({ method: 'GET', url: '/api/patients' });
    expect(JSON.stringify(listB.json())).toContain('crossclinic@example.test');
  });
});
