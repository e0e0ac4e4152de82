import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app';
import { PERSONAS, type World, buildWorld } from '../helpers/access';
import { INTAKE, denverToday, guardPushNetwork, onlyCheckin, putSettings } from '../helpers/reminders';
import { browserKeys } from '../helpers/webpush';

/**
 * Reminders are the patient's own: only they read or change their settings,
 * inbox and devices. Clinic staff have no reminder routes (a clinician gets
 * 403 on every /api/me/reminders route), and another person's reminder or
 * device id is "not found".
 */
describe('who may touch reminders', () => {
  const t = useTestApp();
  let w: World;
  let reminderId: string;
  let deviceId: string;

  beforeAll(async () => {
    w = await buildWorld(t);
    guardPushNetwork(t.ctx.services.reminders);
    for (const who of ['owner', 'otherPatient', 'otherClinicPatient'] as const) {
      const res = await t.as(w.cookies[who])({ method: 'POST', url: '/api/me/intake', payload: INTAKE });
      expect(res.statusCode).toBe(201);
    }
    const owner = t.as(w.cookies.owner);
    await putSettings(owner, onlyCheckin('08:00'));
    await t.ctx.services.reminders.runForPatient(w.users.owner.id, denverToday('08:01'));
    t.ctx.services.reminders.clock = { now: () => denverToday('08:02') };
    reminderId = (await owner({ method: 'GET', url: '/api/me/reminders/inbox' })).json().reminders[0].id;
    const sub = await owner({
      method: 'POST',
      url: '/api/me/push/subscriptions',
      payload: { endpoint: 'https://push.example.test/owner-phone', keys: browserKeys().json },
    });
    expect(sub.statusCode).toBe(201);
    deviceId = sub.json().id;
  });

  const me: InjectOptions[] = [
    { method: 'GET', url: '/api/me/reminders/settings' },
    { method: 'PUT', url: '/api/me/reminders/settings', payload: onlyCheckin('08:00') },
    { method: 'POST', url: '/api/me/reminders/snooze', payload: { minutes: 15 } },
    { method: 'DELETE', url: '/api/me/reminders/snooze' },
    { method: 'POST', url: '/api/me/reminders/calendar/rotate' },
    { method: 'GET', url: '/api/me/reminders/inbox' },
    { method: 'GET', url: '/api/me/push/key' },
    {
      method: 'POST',
      url: '/api/me/push/subscriptions',
      payload: { endpoint: 'https://push.example.test/x', keys: browserKeys().json },
    },
  ];

  it('answers every patient only about themself, refuses clinic staff (403) and anonymous (401)', async () => {
    for (const request of me) {
      for (const persona of PERSONAS) {
        const res = await t.as(w.cookies[persona])(request);
        const label = `${String(request.method)} ${JSON.stringify(request.url)} as ${persona}`;
        if (persona === 'anonymous') expect(res.statusCode, label).toBe(401);
        else if (persona.endsWith('Patient') || persona === 'owner')
          expect(res.statusCode, label).toBeLessThan(300);
        else expect(res.statusCode, label).toBe(403);
      }
    }
  });

  it("never shows one patient another's settings, calendar link or inbox", async () => {
    const get = async (who: 'owner' | 'otherPatient', url: string) =>
      (await t.as(w.cookies[who])({ method: 'GET', url })).json<{
        settings: { calendarUrl: string; devices: unknown[] };
        reminders: unknown[];
      }>();
    const mine = (await get('owner', '/api/me/reminders/settings')).settings;
    const theirs = (await get('otherPatient', '/api/me/reminders/settings')).settings;
    expect(theirs.calendarUrl).not.toBe(mine.calendarUrl);
    expect(theirs.devices).toEqual([]);
    expect((await get('otherPatient', '/api/me/reminders/inbox')).reminders).toEqual([]);
  });

  /** Everyone but the owner is refused first (and nothing changes); then the owner succeeds. */
  async function onlyOwner(request: InjectOptions, stillThere: () => Promise<boolean>) {
    for (const persona of PERSONAS.filter((p) => p !== 'owner')) {
      const res = await t.as(w.cookies[persona])(request);
      const label = `${String(request.method)} ${JSON.stringify(request.url)} as ${persona}`;
      expect([401, 403, 404], `${label} got ${res.statusCode}`).toContain(res.statusCode);
      expect(await stillThere(), label).toBe(true);
    }
    const res = await t.as(w.cookies.owner)(request);
    expect(res.statusCode, res.body).toBe(200);
    expect(await stillThere()).toBe(false);
  }

  it("refuses to dismiss someone else's reminder", async () => {
    await onlyOwner({ method: 'POST', url: `/api/me/reminders/${reminderId}/dismiss` }, async () =>
      (await t.as(w.cookies.owner)({ method: 'GET', url: '/api/me/reminders/inbox' }))
        .json<{ reminders: { id: string }[] }>()
        .reminders.some((r) => r.id === reminderId),
    );
  });

  it("refuses to remove someone else's push device", async () => {
    await onlyOwner({ method: 'DELETE', url: `/api/me/push/subscriptions/${deviceId}` }, async () =>
      (await t.as(w.cookies.owner)({ method: 'GET', url: '/api/me/reminders/settings' }))
        .json<{ settings: { devices: { id: string }[] } }>()
        .settings.devices.some((d) => d.id === deviceId),
    );
  });
});
