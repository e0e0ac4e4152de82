import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf, useTestApp } from '../helpers/app';
import { type World, buildWorld, expectOnlyAllowed } from '../helpers/access';
import { book, freezeBookingClock, WEEKDAY_MORNINGS } from '../helpers/booking';

const NOW = '2027-03-10T17:00:00.000Z';

describe("the clinic's consultation inbox and availability: who may see and change what", () => {
  const t = useTestApp();
  let w: World;
  let mine: string; // a request booked with clinician A
  let unassigned: string; // a request with no clinician
  let otherClinic: string; // a request in clinic B

  beforeAll(async () => {
    w = await buildWorld(t); // clinic A is the oldest, so it is the public home clinic
    freezeBookingClock(t, NOW);
    const put = await t.as(w.cookies.clinician)({
      method: 'PUT',
      url: '/api/clinic/availability',
      payload: { windows: WEEKDAY_MORNINGS },
    });
    expect(put.statusCode, put.body).toBe(200);
    const res = await book(t, '2027-03-11T16:00:00.000Z', {
      email: 'visitor@example.test',
      name: 'Vera Visitor',
    });
    expect(res.statusCode, res.body).toBe(201);
    const booking = await t.ctx.repos.consultations.findById(res.json().booking.id);
    mine = booking!.request_id;
    const at = new Date().toISOString();
    const request = (id: string, clinicId: string, clinicianId: string | null) => ({
      id,
      clinic_id: clinicId,
      clinician_id: clinicianId,
      booking_id: null,
      name: 'Someone',
      email: `${id.slice(0, 8)}@example.test`,
      phone: '',
      reason: '',
      contact_preference: 'email' as const,
      status: 'new' as const,
      notes: '',
      created_at: at,
      updated_at: at,
    });
    unassigned = crypto.randomUUID();
    otherClinic = crypto.randomUUID();
    const db = t.ctx.database.db;
    await db
      .insertInto('consultation_requests')
      .values(request(unassigned, w.clinicA, null))
      .execute();
    await db
      .insertInto('consultation_requests')
      .values(request(otherClinic, w.clinicB, w.users.otherClinicClinician.id))
      .execute();
  });

  it('lists only requests a person may see', async () => {
    const ids = async (persona: keyof World['cookies']) => {
      const res = await t.as(w.cookies[persona])({ method: 'GET', url: '/api/clinic/consultations' });
      return res.statusCode === 200
        ? res
            .json<{ entries: { id: string }[] }>()
            .entries.map((e: { id: string }) => e.id)
            .sort()
        : res.statusCode;
    };
    expect(await ids('anonymous')).toBe(401);
    expect(await ids('owner')).toBe(403);
    expect(await ids('clinician')).toEqual([mine, unassigned].sort());
    expect(await ids('otherClinician')).toEqual([unassigned]);
    expect(await ids('admin')).toEqual([mine, unassigned].sort());
    expect(await ids('otherClinicAdmin')).toEqual([otherClinic]);
    expect(await ids('otherClinicClinician')).toEqual([otherClinic]);
    const entry = (await t.as(w.cookies.clinician)({ method: 'GET', url: '/api/clinic/consultations' }))
      .json()
      .entries.find((e: { id: string }) => e.id === mine);
    expect(entry).toMatchObject({
      status: 'booked',
      name: 'Vera Visitor',
      booking: {
        status: 'booked',
        start: '2027-03-11T16:00:00.000Z',
        typeName: 'Free discovery visit in clinic',
      },
      clinician: { id: w.users.clinician.id },
    });
  });

  it('filters the inbox by status', async () => {
    const res = await t.as(w.cookies.admin)({ method: 'GET', url: '/api/clinic/consultations?status=new' });
    expect(res.json().entries.map((e: { id: string }) => e.id)).toEqual([unassigned]);
    const bad = await t.as(w.cookies.admin)({ method: 'GET', url: '/api/clinic/consultations?status=lost' });
    expect(bad.statusCode).toBe(400);
  });

  it('lets only the clinician and the admin update a booked request', async () => {
    await expectOnlyAllowed(
      t,
      w,
      {
        method: 'PATCH',
        url: `/api/clinic/consultations/${mine}`,
        payload: { status: 'contacted', notes: 'Left a voicemail.' },
      },
      ['clinician', 'admin'],
    );
    const entry = (await t.as(w.cookies.admin)({ method: 'GET', url: '/api/clinic/consultations' }))
      .json()
      .entries.find((e: { id: string }) => e.id === mine);
    expect(entry).toMatchObject({ status: 'contacted', notes: 'Left a voicemail.' });
  });

  it('lets any clinician of the clinic and the admin update an unassigned request', async () => {
    await expectOnlyAllowed(
      t,
      w,
      { method: 'PATCH', url: `/api/clinic/consultations/${unassigned}`, payload: { notes: 'Called back.' } },
      ['clinician', 'otherClinician', 'admin'],
    );
  });

  it("answers 404 for another clinic's request and for ids that do not exist", async () => {
    await expectOnlyAllowed(
      t,
      w,
      { method: 'PATCH', url: `/api/clinic/consultations/${otherClinic}`, payload: { status: 'closed' } },
      ['otherClinicClinician', 'otherClinicAdmin'],
    );
    const res = await t.as(w.cookies.admin)({
      method: 'PATCH',
      url: `/api/clinic/consultations/${otherClinic}`,
      payload: { status: 'closed' },
    });
    expect(res.statusCode).toBe(404);
    const missing = await t.as(w.cookies.admin)({
      method: 'POST',
      url: `/api/clinic/consultations/${crypto.randomUUID()}/invite`,
      payload: {},
    });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe('not_found');
  });

  it('refuses a PATCH with nothing to change or an unknown status', async () => {
    for (const payload of [{}, { status: 'lost' }, { notes: 'x'.repeat(2001) }, { owner: 'me' }]) {
      const res = await t.as(w.cookies.admin)({
        method: 'PATCH',
        url: `/api/clinic/consultations/${mine}`,
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('invites the person as a patient with their name and email carried over', async () => {
    await expectOnlyAllowed(
      t,
      w,
      { method: 'POST', url: `/api/clinic/consultations/${otherClinic}/invite`, payload: {} },
      ['otherClinicClinician', 'otherClinicAdmin'],
    );
    const res = await t.as(w.cookies.clinician)({
      method: 'POST',
      url: `/api/clinic/consultations/${mine}/invite`,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ email: 'visitor@example.test', role: 'patient' });
    await t.flushMail();
    const link = t.smtp.to('visitor@example.test').at(-1)!.link('/invite');
    const token = new URL(link).searchParams.get('token');
    const described = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/invites/describe',
      payload: { token },
    });
    expect(described.json()).toMatchObject({ displayName: 'Vera Visitor', role: 'patient' });
    const entry = (await t.as(w.cookies.clinician)({ method: 'GET', url: '/api/clinic/consultations' }))
      .json()
      .entries.find((e: { id: string }) => e.id === mine);
    expect(entry.status).toBe('converted');
  });

  it("lets a clinician edit their own availability and an admin any clinician's in their clinic", async () => {
    const clinicianId = w.users.clinician.id;
    await expectOnlyAllowed(
      t,
      w,
      { method: 'GET', url: `/api/clinic/availability?clinicianId=${clinicianId}` },
      ['clinician', 'admin'],
    );
    await expectOnlyAllowed(
      t,
      w,
      { method: 'PUT', url: '/api/clinic/availability', payload: { clinicianId, windows: WEEKDAY_MORNINGS } },
      ['clinician', 'admin'],
    );
    const otherClinician = w.users.otherClinicClinician.id;
    await expectOnlyAllowed(
      t,
      w,
      { method: 'GET', url: `/api/clinic/availability?clinicianId=${otherClinician}` },
      ['otherClinicClinician', 'otherClinicAdmin'],
    );
    const own = await t.as(w.cookies.clinician)({ method: 'GET', url: '/api/clinic/availability' });
    expect(own.json()).toMatchObject({ clinicianId, timezone: 'America/Denver' });
    expect(own.json().windows).toHaveLength(5);
    const adminView = await t.as(w.cookies.admin)({ method: 'GET', url: '/api/clinic/availability' });
    expect(
      adminView
        .json()
        .clinicians.map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual([w.users.clinician.id, w.users.otherClinician.id].sort());
  });

  it('refuses availability that overlaps, ends before it starts, is off the quarter hour or names an unknown type', async () => {
    const cases: [unknown[], string][] = [
      [
        [
          { weekday: 1, start: '09:00', end: '12:00', types: ['phone-call'] },
          { weekday: 1, start: '11:00', end: '13:00', types: ['phone-call'] },
        ],
        'windows[1].start',
      ],
      [[{ weekday: 1, start: '12:00', end: '09:00', types: ['phone-call'] }], 'windows[0].end'],
      [[{ weekday: 1, start: '09:10', end: '12:00', types: ['phone-call'] }], 'windows[0].start'],
      [[{ weekday: 1, start: '09:00', end: '12:00', types: ['massage'] }], 'windows[0].types'],
      [[{ weekday: 7, start: '09:00', end: '12:00', types: ['phone-call'] }], 'windows[0].weekday'],
    ];
    for (const [windows, path] of cases) {
      const res = await t.as(w.cookies.clinician)({
        method: 'PUT',
        url: '/api/clinic/availability',
        payload: { windows },
      });
      expect(res.statusCode, JSON.stringify(windows)).toBe(400);
      expect(errorOf(res).path).toBe(path);
    }
  });
});
