import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../src/context';
import { PUSH_RETRY_DELAYS_MINUTES } from '../../src/services/reminders';
import { localDate } from '../../src/services/selfcheck';
import { errorOf, useTestApp } from '../helpers/app';
import {
  PUBLIC_TEST_ADDRESS,
  TZ,
  denverToday,
  guardPushNetwork,
  onlyCheckin,
  patientWithPlan,
  putSettings,
  secondServer,
} from '../helpers/reminders';
import { browserKeys, decryptPush, startPushService } from '../helpers/webpush';

const pushOn = onlyCheckin('08:00', { channels: { inApp: true, push: true, email: false } });
const minutesAfter = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

describe('push endpoints are refused when they point into our own network (SSRF)', () => {
  const t = useTestApp();
  let recorded: ReturnType<typeof guardPushNetwork>;
  const dns: Record<string, string[]> = {
    'internal.example.test': ['10.1.2.3'],
    'mixed.example.test': [PUBLIC_TEST_ADDRESS, '192.168.1.10'],
    'v6.example.test': ['fd00::5'],
    'rebind.example.test': [PUBLIC_TEST_ADDRESS],
  };
  beforeAll(() => {
    recorded = guardPushNetwork(t.ctx.services.reminders, dns);
  });

  it('refuses at subscribe time with 422 push_endpoint_refused on the endpoint, and keeps nothing', async () => {
    const clinicId = (await t.makeClinic()).id;
    const p = await patientWithPlan(t, clinicId);
    const keys = browserKeys().json;
    const refused = [
      'http://push.example.test/x',
      'https://127.0.0.1/x',
      'https://[::1]/x',
      'https://10.0.0.8/x',
      'https://169.254.169.254/latest/meta-data',
      'https://[fd00::1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://2130706433/x',
      'https://localhost/x',
      'https://internal.example.test/x',
      'https://mixed.example.test/x',
      'https://v6.example.test/x',
      'https://nowhere.invalid/x',
    ];
    for (const endpoint of refused) {
      const res = await p.as({
        method: 'POST',
        url: '/api/me/push/subscriptions',
        payload: { endpoint, keys },
      });
      expect(res.statusCode, endpoint).toBe(422);
      expect(errorOf(res), endpoint).toMatchObject({ code: 'push_endpoint_refused', path: 'endpoint' });
      expect(errorOf(res).message.length).toBeGreaterThan(10);
    }
    const ok = await p.as({
      method: 'POST',
      url: '/api/me/push/subscriptions',
      payload: { endpoint: 'https://fcm.example.test/send/1', keys },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const devices = (await p.as({ method: 'GET', url: '/api/me/reminders/settings' })).json().settings
      .devices;
    expect(devices).toHaveLength(1);
  });

  it('refuses the local receiver too once plain http to loopback is not allowed (as in production)', async () => {
    const push = await startPushService();
    const service = t.ctx.services.reminders;
    try {
      const p = await patientWithPlan(t, (await t.makeClinic()).id);
      service.allowLoopbackHttp = false;
      const res = await p.as({
        method: 'POST',
        url: '/api/me/push/subscriptions',
        payload: { endpoint: push.url('/push/local'), keys: browserKeys().json },
      });
      expect(res.statusCode).toBe(422);
      expect(errorOf(res).code).toBe('push_endpoint_refused');
    } finally {
      service.allowLoopbackHttp = true;
      await push.close();
    }
  });

  it('checks again before sending: a host that now resolves to a private address gets nothing', async () => {
    const p = await patientWithPlan(t, (await t.makeClinic()).id);
    await putSettings(p.as, pushOn);
    const sub = await p.as({
      method: 'POST',
      url: '/api/me/push/subscriptions',
      payload: { endpoint: 'https://rebind.example.test/device', keys: browserKeys().json },
    });
    expect(sub.statusCode).toBe(201);
    const good = await p.as({
      method: 'POST',
      url: '/api/me/push/subscriptions',
      payload: { endpoint: 'https://fcm.example.test/device-2', keys: browserKeys().json },
    });
    expect(good.statusCode).toBe(201);
    // The name's owner points it at the server's own network after subscribing (DNS rebinding).
    dns['rebind.example.test'] = ['127.0.0.1'];
    const before = recorded.length;
    expect(await t.ctx.services.reminders.runDue(denverToday('08:02'))).toBeGreaterThanOrEqual(1);
    const mine = (r: { endpoint: string }) => /\/device(-2)?$/.test(r.endpoint);
    const sent = recorded.slice(before).filter(mine);
    expect(sent.map((r) => r.endpoint)).toEqual(['https://fcm.example.test/device-2']);
    // The request goes to the very address that was checked, not to a second DNS answer.
    expect(sent[0]!.address).toBe(PUBLIC_TEST_ADDRESS);
    const devices = (await p.as({ method: 'GET', url: '/api/me/reminders/settings' })).json().settings
      .devices as { id: string; lastError: string | null }[];
    const refusedDevice = devices.find((d) => d.id === sub.json().id);
    expect(refusedDevice?.lastError).toMatch(/not sent: .*private address/);
    // Refused for good: later passes do not try it again.
    await t.ctx.services.reminders.runDue(minutesAfter(denverToday('08:02'), 40));
    expect(recorded.slice(before).filter(mine)).toHaveLength(1);
  });
});

describe('a failed push is retried with backoff, and never delivered twice', () => {
  const t = useTestApp();
  let push: Awaited<ReturnType<typeof startPushService>>;
  let clinicId: string;
  let second: Context;
  beforeAll(async () => {
    push = await startPushService();
    guardPushNetwork(t.ctx.services.reminders);
    clinicId = (await t.makeClinic('Retry Clinic')).id;
    second = await secondServer(t);
  });
  afterAll(async () => {
    await second?.close();
    await push?.close();
  });

  const servers = () => [t.ctx.services.reminders, second.services.reminders];
  /** Both servers run the scheduler at the same moment, twice each. */
  const race = async (now: Date) => {
    const all = servers();
    await Promise.all([...all, ...all].map((s) => s.runDue(now)));
  };
  const hitsOn = (path: string) => push.hits.filter((h) => h.path === path);

  async function patientWithDevices(paths: string[]) {
    const p = await patientWithPlan(t, clinicId);
    await putSettings(p.as, pushOn);
    const keys = [];
    for (const path of paths) {
      const k = browserKeys();
      keys.push(k);
      const res = await p.as({
        method: 'POST',
        url: '/api/me/push/subscriptions',
        payload: { endpoint: push.url(path), keys: k.json },
      });
      expect(res.statusCode).toBe(201);
    }
    return { ...p, keys };
  }
  const reminderOf = async (patientId: string) => {
    const rows = await t.ctx.repos.reminders.deliveredOn(patientId, localDate(denverToday('08:00'), TZ));
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  it('tries a 500 again after the backoff, once, on one server, and stops when it goes through', async () => {
    const p = await patientWithDevices(['/retry/a']);
    push.answer('/retry/a', 500);
    const start = denverToday('08:03');
    await race(start);
    expect(hitsOn('/retry/a')).toHaveLength(1);
    expect(await reminderOf(p.user.id)).toMatchObject({
      push_status: 'pending',
      push_attempts: 1,
      push_next_at: minutesAfter(start, PUSH_RETRY_DELAYS_MINUTES[0]).toISOString(),
      push_error: 'push service answered 500',
    });
    // Not before the first delay has passed.
    await race(minutesAfter(start, PUSH_RETRY_DELAYS_MINUTES[0] - 1));
    expect(hitsOn('/retry/a')).toHaveLength(1);
    push.answer('/retry/a', 201);
    await race(minutesAfter(start, PUSH_RETRY_DELAYS_MINUTES[0]));
    expect(hitsOn('/retry/a')).toHaveLength(2);
    const r = await reminderOf(p.user.id);
    expect(r.push_status).toBe('sent');
    // The retried message is the reminder itself, encrypted for the device.
    expect(JSON.parse(decryptPush(hitsOn('/retry/a')[1]!.body, p.keys[0]!))).toMatchObject({
      id: r.id,
      kind: 'checkin',
    });
    await race(minutesAfter(start, 60));
    expect(hitsOn('/retry/a')).toHaveLength(2);
  });

  it('retries only the device that failed, a bounded number of times, and keeps what was delivered', async () => {
    const p = await patientWithDevices(['/retry/ok', '/retry/down']);
    push.answer('/retry/down', 503);
    const start = denverToday('08:04');
    await race(start);
    let elapsed = 0;
    for (const delay of PUSH_RETRY_DELAYS_MINUTES) {
      elapsed += delay;
      await race(minutesAfter(start, elapsed));
    }
    await race(minutesAfter(start, elapsed + 60));
    expect(hitsOn('/retry/ok')).toHaveLength(1);
    expect(hitsOn('/retry/down')).toHaveLength(1 + PUSH_RETRY_DELAYS_MINUTES.length);
    const r = await reminderOf(p.user.id);
    // Delivered to one device: sent, with the other's last error kept.
    expect(r.push_status).toBe('sent');
    expect(r.push_error).toContain('503');
    expect(r.push_attempts).toBe(1 + PUSH_RETRY_DELAYS_MINUTES.length);
    expect(r.push_next_at).toBeNull();
  });

  it('retries after 429 and after a network error, but not after another 4xx', async () => {
    const refusedPort = await (async () => {
      const other = await startPushService();
      const url = other.url('/gone-server');
      await other.close();
      return url;
    })();
    const p = await patientWithPlan(t, clinicId);
    await putSettings(p.as, pushOn);
    for (const endpoint of [push.url('/retry/busy'), push.url('/retry/bad'), refusedPort]) {
      const res = await p.as({
        method: 'POST',
        url: '/api/me/push/subscriptions',
        payload: { endpoint, keys: browserKeys().json },
      });
      expect(res.statusCode).toBe(201);
    }
    push.answer('/retry/busy', 429);
    push.answer('/retry/bad', 400);
    const start = denverToday('08:05');
    await race(start);
    await race(minutesAfter(start, PUSH_RETRY_DELAYS_MINUTES[0]));
    expect(hitsOn('/retry/busy')).toHaveLength(2);
    expect(hitsOn('/retry/bad')).toHaveLength(1);
    const devices = (await p.as({ method: 'GET', url: '/api/me/reminders/settings' })).json().settings
      .devices as { lastError: string | null }[];
    expect(devices.every((d) => d.lastError !== null)).toBe(true);
    expect(devices.map((d) => d.lastError).join(' ')).toMatch(/ECONNREFUSED|connect/);
    await race(minutesAfter(start, 120));
    expect((await reminderOf(p.user.id)).push_status).toBe('failed');
  });
});
