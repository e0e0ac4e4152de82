import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../src/context';
import { PUSH_RETRY_DELAYS_MINUTES, PUSH_STALE_AFTER_MINUTES } from '../../src/services/reminders';
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

type TestApp = ReturnType<typeof useTestApp>;

/** A patient of the clinic with a plan, push reminders on, and a device subscribed at each of `paths`. */
async function patientWithPushDevices(
  t: TestApp,
  clinicId: string,
  push: Awaited<ReturnType<typeof startPushService>>,
  paths: string[],
) {
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

/** The patient's one reminder of the test day. */
async function theOnlyReminder(t: TestApp, patientId: string) {
  const rows = await t.ctx.repos.reminders.deliveredOn(patientId, localDate(denverToday('08:00'), TZ));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

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

/**
 * A test app with a clinic, a recording push service and a second server on the same database, for the
 * races. Read the fields inside tests (they are set before the first one runs).
 */
function usePushRig(clinicName: string) {
  const t = useTestApp();
  const rig = { t } as {
    t: TestApp;
    push: Awaited<ReturnType<typeof startPushService>>;
    clinicId: string;
    second: Context;
  };
  beforeAll(async () => {
    rig.push = await startPushService();
    guardPushNetwork(t.ctx.services.reminders);
    rig.clinicId = (await t.makeClinic(clinicName)).id;
    rig.second = await secondServer(t);
  });
  afterAll(async () => {
    await rig.second?.close();
    await rig.push?.close();
  });
  return rig;
}

describe('a failed push is retried with backoff, and never delivered twice', () => {
  const rig = usePushRig('Retry Clinic');
  const { t } = rig;

  const servers = () => [t.ctx.services.reminders, rig.second.services.reminders];
  /** Both servers run the scheduler at the same moment, twice each. */
  const race = async (now: Date) => {
    const all = servers();
    await Promise.all([...all, ...all].map((s) => s.runDue(now)));
  };
  const hitsOn = (path: string) => rig.push.hits.filter((h) => h.path === path);

  const patientWithDevices = (paths: string[]) => patientWithPushDevices(t, rig.clinicId, rig.push, paths);
  const reminderOf = (patientId: string) => theOnlyReminder(t, patientId);

  it('tries a 500 again after the backoff, once, on one server, and stops when it goes through', async () => {
    const p = await patientWithDevices(['/retry/a']);
    rig.push.answer('/retry/a', 500);
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
    rig.push.answer('/retry/a', 201);
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
    rig.push.answer('/retry/down', 503);
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
    const p = await patientWithPlan(t, rig.clinicId);
    await putSettings(p.as, pushOn);
    for (const endpoint of [rig.push.url('/retry/busy'), rig.push.url('/retry/bad'), refusedPort]) {
      const res = await p.as({
        method: 'POST',
        url: '/api/me/push/subscriptions',
        payload: { endpoint, keys: browserKeys().json },
      });
      expect(res.statusCode).toBe(201);
    }
    rig.push.answer('/retry/busy', 429);
    rig.push.answer('/retry/bad', 400);
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

describe('a push left "sending" by a server that stopped mid-send is sent again after the cut-off', () => {
  const rig = usePushRig('Crash Clinic');
  const { t } = rig;

  const hitsOn = (path: string) => rig.push.hits.filter((h) => h.path === path);
  const reminderOf = (patientId: string) => theOnlyReminder(t, patientId);

  const patientWithDevices = (paths: string[]) => patientWithPushDevices(t, rig.clinicId, rig.push, paths);

  /**
   * Makes the patient's reminder at `madeAt` (not sent), then claims its push
   * at `claimedAt` as a server would, and stops there (the server "crashed").
   */
  async function claimedThenCrashed(patientId: string, madeAt: Date, claimedAt: Date = madeAt) {
    expect(await t.ctx.services.reminders.runForPatient(patientId, madeAt)).toBe(1);
    const made = await reminderOf(patientId);
    expect(made).toMatchObject({ push_status: 'pending', push_next_at: madeAt.toISOString() });
    const claim = (repos: Context['repos']) =>
      repos.reminders.claimPush(made.id, made.push_next_at!, claimedAt.toISOString());
    expect(await claim(t.ctx.repos)).toBe(true);
    // A second claim of the same read loses: exactly one server holds it.
    expect(await claim(rig.second.repos)).toBe(false);
    // The claim time is recorded: the cut-off counts from it, not from when the push was due.
    expect(await reminderOf(patientId)).toMatchObject({
      push_status: 'sending',
      push_next_at: claimedAt.toISOString(),
    });
  }

  it('leaves it alone within the cut-off, then sends it once to each device and settles it as sent', async () => {
    const p = await patientWithDevices(['/crash/a', '/crash/b']);
    const due = denverToday('08:06');
    // Claimed a while after it fell due (a busy server), so the two times differ.
    const claimed = minutesAfter(due, 8);
    await claimedThenCrashed(p.user.id, due, claimed);
    const service = t.ctx.services.reminders;

    // 5 minutes after the claim, that server may still be sending: nothing goes out.
    await service.sendPendingPushes(minutesAfter(claimed, 5));
    expect(hitsOn('/crash/a')).toHaveLength(0);
    expect(hitsOn('/crash/b')).toHaveLength(0);
    expect((await reminderOf(p.user.id)).push_status).toBe('sending');

    // Past the cut-off it is put back in the queue and sent on the same pass.
    await service.sendPendingPushes(minutesAfter(claimed, PUSH_STALE_AFTER_MINUTES + 1));
    expect(hitsOn('/crash/a')).toHaveLength(1);
    expect(hitsOn('/crash/b')).toHaveLength(1);
    const r = await reminderOf(p.user.id);
    expect(r).toMatchObject({ push_status: 'sent', push_attempts: 1, push_next_at: null, push_error: null });
    expect(JSON.parse(decryptPush(hitsOn('/crash/a')[0]!.body, p.keys[0]!))).toMatchObject({ id: r.id });
    expect(JSON.parse(decryptPush(hitsOn('/crash/b')[0]!.body, p.keys[1]!))).toMatchObject({ id: r.id });

    // Settled: later passes send nothing more.
    await service.sendPendingPushes(minutesAfter(claimed, 60));
    expect(hitsOn('/crash/a')).toHaveLength(1);
    expect(hitsOn('/crash/b')).toHaveLength(1);
  });

  it('delivers it once per device when two servers pick it up at the same moment after the cut-off', async () => {
    const p = await patientWithDevices(['/crash/race-1', '/crash/race-2']);
    const start = denverToday('08:07');
    await claimedThenCrashed(p.user.id, start);
    const after = minutesAfter(start, PUSH_STALE_AFTER_MINUTES + 1);
    const all = [t.ctx.services.reminders, rig.second.services.reminders];
    await Promise.all([...all, ...all].map((s) => s.sendPendingPushes(after)));
    expect(hitsOn('/crash/race-1')).toHaveLength(1);
    expect(hitsOn('/crash/race-2')).toHaveLength(1);
    expect((await reminderOf(p.user.id)).push_status).toBe('sent');
    // And again a little later, as the workers would: still once each.
    await Promise.all([...all, ...all].map((s) => s.runDue(minutesAfter(after, 1))));
    expect(hitsOn('/crash/race-1')).toHaveLength(1);
    expect(hitsOn('/crash/race-2')).toHaveLength(1);
  });

  it('does not send it again to a device recorded as having it from an earlier attempt', async () => {
    const p = await patientWithDevices(['/crash/had-it', '/crash/was-down']);
    rig.push.answer('/crash/was-down', 503);
    const start = denverToday('08:08');
    const service = t.ctx.services.reminders;
    await service.runDue(start);
    expect(hitsOn('/crash/had-it')).toHaveLength(1);
    expect(hitsOn('/crash/was-down')).toHaveLength(1);
    // The retry is claimed when due, and its server stops mid-send.
    const retryAt = minutesAfter(start, PUSH_RETRY_DELAYS_MINUTES[0]);
    const waiting = await reminderOf(p.user.id);
    expect(waiting).toMatchObject({ push_status: 'pending', push_next_at: retryAt.toISOString() });
    expect(
      await t.ctx.repos.reminders.claimPush(waiting.id, waiting.push_next_at!, retryAt.toISOString()),
    ).toBe(true);
    rig.push.answer('/crash/was-down', 201);
    await service.sendPendingPushes(minutesAfter(retryAt, PUSH_STALE_AFTER_MINUTES + 1));
    expect(hitsOn('/crash/had-it')).toHaveLength(1);
    expect(hitsOn('/crash/was-down')).toHaveLength(2);
    expect(await reminderOf(p.user.id)).toMatchObject({ push_status: 'sent', push_attempts: 2 });
  });
});
