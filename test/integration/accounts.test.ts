import { describe, expect, it } from 'vitest';
import { errorOf, useTestApp } from '../helpers/app';

describe('accounts', () => {
  const t = useTestApp();

  async function signUp(email: string, password = 'a long enough password') {
    return t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email, password, displayName: 'Pat Example' },
    });
  }

  it('signs up a patient, who is then logged in, and logs out', async () => {
    await t.makeClinic('Home Clinic');
    const res = await signUp('Pat@Example.test');
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({
      email: 'pat@example.test',
      role: 'patient',
      displayName: 'Pat Example',
    });
    const cookie = res.cookies.find((c) => c.name === 'hb_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const as = t.as(`hb_session=${cookie?.value}`);
    expect((await as({ method: 'GET', url: '/api/auth/me' })).json().user.email).toBe('pat@example.test');
    expect((await as({ method: 'POST', url: '/api/auth/logout', payload: {} })).statusCode).toBe(200);
    const after = await as({ method: 'GET', url: '/api/auth/me' });
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).code).toBe('unauthenticated');
  });

  it('stores the password as an argon2id hash, never as given', async () => {
    await signUp('hash@example.test', 'my secret password');
    const user = await t.ctx.repos.users.findByEmail('hash@example.test');
    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    expect(user?.password_hash).not.toContain('my secret password');
  });

  it('refuses a second account for the same address, naming the field', async () => {
    await signUp('twice@example.test');
    const res = await signUp('TWICE@example.test');
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: 'email_in_use', path: 'email' });
  });

  it('refuses a short password with a message a person can act on', async () => {
    const res = await signUp('short@example.test', 'short');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'validation_failed', path: 'password' });
    expect(errorOf(res).message).toMatch(/at least 10 characters/);
  });

  it('gives the same answer for a wrong password and an unknown address', async () => {
    await signUp('known@example.test');
    const wrong = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'known@example.test', password: 'not the password' },
    });
    const unknown = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.test', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('locks logins for an address after repeated failures, even with the right password', async () => {
    await signUp('locked@example.test', 'the right password');
    for (let i = 0; i < 6; i++) {
      await t.ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'locked@example.test', password: 'wrong password ' + i },
      });
    }
    const res = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'locked@example.test', password: 'the right password' },
    });
    expect(res.statusCode).toBe(429);
    expect(errorOf(res).code).toBe('too_many_attempts');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('resets a password through the emailed link, once, and ends old sessions', async () => {
    const signup = await signUp('reset@example.test', 'the old password');
    const oldCookie = `hb_session=${signup.cookies.find((c) => c.name === 'hb_session')?.value}`;
    const ask = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: 'reset@example.test' },
    });
    expect(ask.statusCode).toBe(202);
    await t.flushMail();
    const mail = t.smtp.to('reset@example.test').at(-1);
    expect(mail?.subject).toMatch(/Reset your .* password/);
    const link = new URL(mail!.link('/reset'));
    expect(link.origin).toBe('http://hipback.test');
    const token = link.searchParams.get('token')!;

    const confirm = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'the new password' },
    });
    expect(confirm.statusCode).toBe(200);
    expect((await t.as(oldCookie)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    await expect(t.login('reset@example.test', 'the new password')).resolves.toMatch(/^hb_session=/);

    const again = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'yet another password' },
    });
    expect(again.statusCode).toBe(410);
    expect(errorOf(again)).toMatchObject({ code: 'link_expired', path: 'token' });
  });

  it('answers a reset request for an unknown address exactly like a known one, and sends nothing', async () => {
    const before = t.smtp.received.length;
    const res = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: 'ghost@example.test' },
    });
    const known = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: 'reset@example.test' },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual(known.json());
    await t.flushMail();
    expect(t.smtp.to('ghost@example.test')).toHaveLength(0);
    expect(t.smtp.received.length).toBe(before + 1);
  });

  it('lets a clinician invite a patient, who accepts once and is linked to that clinician', async () => {
    const clinic = await t.makeClinic();
    const pt = await t.makeUser(clinic.id, 'clinician');
    const as = t.as(await t.login(pt.email));
    const invite = await as({
      method: 'POST',
      url: '/api/invites',
      payload: { email: 'newpatient@example.test', role: 'patient', displayName: 'New Patient' },
    });
    expect(invite.statusCode).toBe(201);
    await t.flushMail();
    const mail = t.smtp.to('newpatient@example.test').at(-1)!;
    expect(mail.subject).toContain(pt.display_name);
    const token = new URL(mail.link('/invite')).searchParams.get('token')!;

    const described = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/invites/describe',
      payload: { token },
    });
    expect(described.json()).toMatchObject({
      email: 'newpatient@example.test',
      role: 'patient',
      inviterName: pt.display_name,
    });

    const accept = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/invites/accept',
      payload: { token, displayName: 'New Patient', password: 'patient password' },
    });
    expect(accept.statusCode).toBe(201);
    expect(accept.json().user).toMatchObject({ role: 'patient', clinicId: clinic.id, clinicianId: pt.id });

    const list = await as({ method: 'GET', url: '/api/patients' });
    expect(list.json().patients.map((p: { email: string }) => p.email)).toContain('newpatient@example.test');

    const reuse = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/invites/accept',
      payload: { token, displayName: 'Someone Else', password: 'patient password' },
    });
    expect(reuse.statusCode).toBe(410);
  });

  it('accepts an invitation only once even when two people race for it', async () => {
    const clinic = await t.makeClinic();
    const admin = await t.makeUser(clinic.id, 'admin');
    const as = t.as(await t.login(admin.email));
    await as({
      method: 'POST',
      url: '/api/invites',
      payload: { email: 'race@example.test', role: 'clinician' },
    });
    await t.flushMail();
    const token = new URL(t.smtp.to('race@example.test').at(-1)!.link('/invite')).searchParams.get('token')!;
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        t.ctx.app.inject({
          method: 'POST',
          url: '/api/invites/accept',
          payload: { token, displayName: `Racer ${i}`, password: 'racing password' },
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 410)).toHaveLength(4);
  });

  it('lets a clinic admin invite a clinician, and not a clinician invite staff', async () => {
    const clinic = await t.makeClinic();
    const admin = await t.makeUser(clinic.id, 'admin');
    const pt = await t.makeUser(clinic.id, 'clinician');
    const patient = await t.makeUser(clinic.id, 'patient');
    const ok = await t.as(await t.login(admin.email))({
      method: 'POST',
      url: '/api/invites',
      payload: { email: 'newpt@example.test', role: 'clinician' },
    });
    expect(ok.statusCode).toBe(201);
    const byClinician = await t.as(await t.login(pt.email))({
      method: 'POST',
      url: '/api/invites',
      payload: { email: 'x@example.test', role: 'admin' },
    });
    expect(byClinician.statusCode).toBe(403);
    const byPatient = await t.as(await t.login(patient.email))({
      method: 'POST',
      url: '/api/invites',
      payload: { email: 'y@example.test', role: 'patient' },
    });
    expect(byPatient.statusCode).toBe(403);
    const anonymous = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/invites',
      payload: { email: 'z@example.test', role: 'patient' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses a logged-in deactivated user', async () => {
    const clinic = await t.makeClinic();
    const pt = await t.makeUser(clinic.id, 'clinician');
    const cookie = await t.login(pt.email);
    await t.ctx.repos.users.update(pt.id, { deactivated_at: new Date().toISOString() });
    expect((await t.as(cookie)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});
