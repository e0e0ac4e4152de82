import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { zonedTimeToUtc } from '../../src/core/booking/slots';
import { startReminderWorker } from '../../src/services/reminders';
import { localDate } from '../../src/services/selfcheck';
import { type Requester, errorOf, useTestApp } from '../helpers/app';
import { TZ, denverToday, onlyCheckin, patientWithPlan, putSettings } from '../helpers/reminders';

describe('reminders the patient controls', () => {
  const t = useTestApp();
  let clinicId: string;
  let as: Requester;
  let patientId: string;
  let email: string;

  beforeAll(async () => {
    clinicId = (await t.makeClinic('Reminder Clinic')).id;
    const p = await patientWithPlan(t, clinicId);
    as = p.as;
    patientId = p.user.id;
    email = p.user.email;
  });

  const inbox = async (who = as) => {
    const res = await who({ method: 'GET', url: '/api/me/reminders/inbox' });
    expect(res.statusCode).toBe(200);
    return res.json<{ reminders: { id: string; kind: string; title: string; url: string }[] }>().reminders;
  };
  const at = (hhmm: string) => {
    const d = denverToday(hhmm);
    t.ctx.services.reminders.clock = { now: () => d };
    return d;
  };

  it('starts from gentle defaults: in-app and push on, email off, quiet hours at night', async () => {
    const s = (await as({ method: 'GET', url: '/api/me/reminders/settings' })).json().settings;
    expect(s.channels).toEqual({ inApp: true, push: true, email: false });
    expect(s.kinds).toEqual({
      checkin: true,
      stretch: true,
      session: true,
      activity: true,
      breaks: true,
      weekly: true,
    });
    // The weekly summary comes on Monday mornings (in the app; by email only once email is on).
    expect(s.times.weekly).toBe('09:00');
    expect(s.quietHours).toEqual({ start: '21:30', end: '07:30' });
    expect(s.calendarUrl).toMatch(/^http:\/\/hipback\.test\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(s.timezone).toBe(TZ);
  });

  it('keeps what the patient saves, and refuses settings that make no sense with the field named', async () => {
    const saved = await putSettings(
      as,
      onlyCheckin('08:00', {
        quietHours: { start: '22:00', end: '06:45' },
        breakHours: { start: '08:30', end: '16:30', days: ['mon', 'wed'], intervalMinutes: 60 },
        dailyCap: 5,
      }),
    );
    expect(saved).toMatchObject({ dailyCap: 5, quietHours: { start: '22:00', end: '06:45' } });
    const again = (await as({ method: 'GET', url: '/api/me/reminders/settings' })).json().settings;
    expect(again.breakHours).toEqual({
      start: '08:30',
      end: '16:30',
      days: ['mon', 'wed'],
      intervalMinutes: 60,
    });
    expect(again.kinds.stretch).toBe(false);

    const bad = async (body: object, path: string) => {
      const res = await as({ method: 'PUT', url: '/api/me/reminders/settings', payload: body });
      expect(res.statusCode, res.body).toBe(400);
      expect(errorOf(res).path).toBe(path);
    };
    await bad(onlyCheckin('8am'), 'times.checkin');
    await bad(onlyCheckin('08:00', { dailyCap: 0 }), 'dailyCap');
    await bad(onlyCheckin('08:00', { quietHours: { start: '22:00', end: '22:00' } }), 'quietHours.end');
    await bad(
      onlyCheckin('08:00', {
        breakHours: { start: '17:00', end: '09:00', days: ['mon'], intervalMinutes: 45 },
      }),
      'breakHours.end',
    );
    await bad(
      onlyCheckin('08:00', {
        breakHours: { start: '09:00', end: '17:00', days: ['mon'], intervalMinutes: 5 },
      }),
      'breakHours.intervalMinutes',
    );
  });

  it('makes a due reminder once, shows it in the in-app inbox, and lets the patient dismiss it', async () => {
    await putSettings(as, onlyCheckin('08:00'));
    expect(await t.ctx.services.reminders.runDue(at('07:59'))).toBe(0);
    expect(await t.ctx.services.reminders.runDue(at('08:02'))).toBe(1);
    expect(await t.ctx.services.reminders.runDue(at('08:03'))).toBe(0);
    const [first, ...rest] = await inbox();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ kind: 'checkin', title: 'Morning check-in', url: '/app/checkin' });
    const res = await as({ method: 'POST', url: `/api/me/reminders/${first!.id}/dismiss` });
    expect(res.statusCode).toBe(200);
    expect(await inbox()).toEqual([]);
    // Dismissing is not "not made": the slot stays used.
    expect(await t.ctx.services.reminders.runDue(at('08:10'))).toBe(0);
  });

  it('takes a reminder off the inbox once the thing is done', async () => {
    const p = await patientWithPlan(t, clinicId);
    await putSettings(p.as, onlyCheckin('08:00'));
    await t.ctx.services.reminders.runForPatient(p.user.id, at('08:05'));
    expect((await inbox(p.as)).map((r) => r.kind)).toEqual(['checkin']);
    const checkin = await p.as({
      method: 'POST',
      url: '/api/me/checkins',
      payload: { clientId: crypto.randomUUID(), painNow: 3, warningSigns: [] },
    });
    expect(checkin.statusCode, checkin.body).toBe(201);
    expect(await inbox(p.as)).toEqual([]);
  });

  it('sends an email reminder through the outbox when email is on, with links to the app and the settings', async () => {
    const p = await patientWithPlan(t, clinicId);
    await putSettings(p.as, onlyCheckin('09:00', { channels: { inApp: false, push: false, email: true } }));
    expect(await t.ctx.services.reminders.runForPatient(p.user.id, at('09:01'))).toBe(1);
    expect(await inbox(p.as)).toEqual([]); // in-app is off
    expect(await t.ctx.services.reminders.queuePendingEmails()).toBe(1);
    expect(await t.ctx.services.reminders.queuePendingEmails()).toBe(0);
    // The outbox is due from the reminder's (test) time on: let the mail service's clock catch up.
    const mailer = t.ctx.services.mail as unknown as { clock: { now(): Date } };
    const realClock = mailer.clock;
    mailer.clock = { now: () => denverToday('09:02') };
    try {
      await t.flushMail();
    } finally {
      mailer.clock = realClock;
    }
    const mail = t.smtp.received.find((m) => m.to.includes(p.user.email));
    expect(mail?.subject).toContain('Morning check-in');
    expect(mail?.raw).toContain('http://hipback.test/app/checkin');
    expect(mail?.raw).toContain('http://hipback.test/app/reminders');
    expect(t.smtp.received.filter((m) => m.to.includes(email))).toEqual([]);
  });

  it('is silent while snoozed and on a day paused, and speaks again on resume', async () => {
    const p = await patientWithPlan(t, clinicId);
    await putSettings(p.as, onlyCheckin('08:00'));
    const start = at('08:00');
    let res = await p.as({ method: 'POST', url: '/api/me/reminders/snooze', payload: { minutes: 30 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings.snoozedUntil).toBe(new Date(start.getTime() + 30 * 60_000).toISOString());
    expect(await t.ctx.services.reminders.runForPatient(p.user.id, at('08:20'))).toBe(0);
    expect(await t.ctx.services.reminders.runForPatient(p.user.id, at('08:31'))).toBe(1);

    const q = await patientWithPlan(t, clinicId);
    await putSettings(q.as, onlyCheckin('08:00'));
    at('07:00');
    res = await q.as({ method: 'POST', url: '/api/me/reminders/snooze', payload: { restOfToday: true } });
    expect(res.json().settings.pausedToday).toBe(true);
    expect(await t.ctx.services.reminders.runForPatient(q.user.id, at('08:05'))).toBe(0);
    res = await q.as({ method: 'DELETE', url: '/api/me/reminders/snooze' });
    expect(res.json().settings).toMatchObject({ pausedToday: false, snoozedUntil: null });
    expect(await t.ctx.services.reminders.runForPatient(q.user.id, at('08:06'))).toBe(1);

    for (const payload of [{ minutes: 45 }, {}, { minutes: 15, restOfToday: true }]) {
      res = await q.as({ method: 'POST', url: '/api/me/reminders/snooze', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorOf(res).path).toBe('minutes');
    }
  });

  it('makes no reminders for a patient who reported an urgent warning sign today', async () => {
    const p = await patientWithPlan(t, clinicId);
    await putSettings(
      p.as,
      onlyCheckin('08:00', {
        kinds: { checkin: true, stretch: true, session: true, activity: true, breaks: true },
      }),
    );
    const res = await p.as({
      method: 'POST',
      url: '/api/me/checkins',
      payload: { clientId: crypto.randomUUID(), painNow: 6, warningSigns: ['saddleNumbness'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(['emergency', 'urgent']).toContain(res.json().checkin.triage.level);
    let made = 0;
    for (const hhmm of ['08:00', '12:35', '17:35', '19:35'])
      made += await t.ctx.services.reminders.runForPatient(p.user.id, at(hhmm));
    expect(made).toBe(0);
  });

  it('runs as a worker that stops cleanly', async () => {
    const p = await patientWithPlan(t, clinicId);
    await putSettings(p.as, onlyCheckin('10:00'));
    at('10:01');
    const worker = startReminderWorker(t.ctx.services.reminders, 20, (e) => {
      throw e;
    });
    for (let i = 0; i < 200 && (await inbox(p.as)).length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect((await inbox(p.as)).map((r) => r.kind)).toEqual(['checkin']);
  });

  describe('the calendar feed', () => {
    it("lists the planned sessions for the coming weeks at the patient's times in their zone", async () => {
      await putSettings(
        as,
        onlyCheckin('08:00', {
          times: { checkin: '08:00', stretch: '19:30', session: '17:15', activity: '12:30' },
        }),
      );
      const url = (await as({ method: 'GET', url: '/api/me/reminders/settings' })).json().settings
        .calendarUrl as string;
      const res = await t.ctx.app.inject({ method: 'GET', url: new URL(url).pathname });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/calendar');
      const cal = new ICAL.Component(ICAL.parse(res.body) as unknown[]);
      const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const stretches = events.filter((e) => e.summary === 'Daily stretch routine');
      const strength = events.filter((e) => e.summary === 'Strength session');
      expect(stretches.length).toBe(28);
      expect(strength.length).toBeGreaterThanOrEqual(8);
      expect(strength.length).toBeLessThanOrEqual(12);
      const today = localDate(new Date(), TZ);
      const first = stretches[0]!;
      expect(first.startDate.toJSDate().toISOString()).toBe(
        zonedTimeToUtc(today, '19:30', TZ)!.toISOString(),
      );
      for (const e of strength) {
        const local = new Intl.DateTimeFormat('en-GB', {
          timeZone: TZ,
          hour: '2-digit',
          minute: '2-digit',
        }).format(e.startDate.toJSDate());
        expect(local).toBe('17:15');
        expect(e.endDate.toJSDate().getTime()).toBeGreaterThan(e.startDate.toJSDate().getTime());
      }
      expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    });

    it("gives another patient's secret only that patient's sessions", async () => {
      const other = await patientWithPlan(t, clinicId);
      await putSettings(
        other.as,
        onlyCheckin('08:00', {
          times: { checkin: '08:00', stretch: '06:10', session: '06:40', activity: '12:30' },
        }),
      );
      const mine = (await as({ method: 'GET', url: '/api/me/reminders/settings' })).json().settings
        .calendarUrl as string;
      const theirs = (await other.as({ method: 'GET', url: '/api/me/reminders/settings' })).json().settings
        .calendarUrl as string;
      expect(theirs).not.toBe(mine);
      const body = (await t.ctx.app.inject({ method: 'GET', url: new URL(theirs).pathname })).body;
      const starts = new ICAL.Component(ICAL.parse(body) as unknown[])
        .getAllSubcomponents('vevent')
        .map((v) =>
          new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit' }).format(
            new ICAL.Event(v).startDate.toJSDate(),
          ),
        );
      expect(new Set(starts)).toEqual(new Set(['06:10', '06:40']));
    });

    it('stops answering the old URL once the patient makes a new link', async () => {
      const before = (await as({ method: 'GET', url: '/api/me/reminders/settings' })).json().settings
        .calendarUrl as string;
      const res = await as({ method: 'POST', url: '/api/me/reminders/calendar/rotate' });
      expect(res.statusCode).toBe(200);
      const after = res.json().settings.calendarUrl as string;
      expect(after).not.toBe(before);
      const old = await t.ctx.app.inject({ method: 'GET', url: new URL(before).pathname });
      expect(old.statusCode).toBe(404);
      expect(errorOf(old).code).toBe('not_found');
      expect((await t.ctx.app.inject({ method: 'GET', url: new URL(after).pathname })).statusCode).toBe(200);
      for (const guess of ['/api/calendar/x.ics', '/api/calendar/' + 'A'.repeat(43) + '.ics']) {
        expect((await t.ctx.app.inject({ method: 'GET', url: guess })).statusCode).toBe(404);
      }
    });
  });

  it('keeps the patient id out of everything the inbox answers', async () => {
    const body = (await as({ method: 'GET', url: '/api/me/reminders/inbox' })).body;
    expect(body).not.toContain(patientId);
  });
});
