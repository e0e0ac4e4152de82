import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, useTestApp } from '../helpers/app';
import {
  denverToday,
  guardPushNetwork,
  onlyCheckin,
  patientWithPlan,
  putSettings,
} from '../helpers/reminders';
import { browserKeys, decryptPush, startPushService, verifyVapid } from '../helpers/webpush';

const pushOn = onlyCheckin('08:00', { channels: { inApp: true, push: true, email: false } });

describe('web push reminders, up to the encrypted request a push service receives', () => {
  const t = useTestApp();
  let push: Awaited<ReturnType<typeof startPushService>>;
  let clinicId: string;
  beforeAll(async () => {
    push = await startPushService();
    guardPushNetwork(t.ctx.services.reminders);
    clinicId = (await t.makeClinic('Push Clinic')).id;
  });
  afterAll(async () => push?.close());

  const run = (hhmm: string) => t.ctx.services.reminders.runDue(denverToday(hhmm));

  it('sends an encrypted, VAPID-signed push that the browser keys decrypt to the reminder', async () => {
    const p = await patientWithPlan(t, clinicId);
    await putSettings(p.as, pushOn);
    const keys = browserKeys();
    const endpoint = push.url('/push/device-1');
    const sub = await p.as({
      method: 'POST',
      url: '/api/me/push/subscriptions',
      payload: { endpoint, expirationTime: null, keys: keys.json },
    });
    expect(sub.statusCode, sub.body).toBe(201);
    const serverKey = (await p.as({ method: 'GET', url: '/api/me/push/key' })).json().publicKey as string;
    expect(Buffer.from(serverKey, 'base64url')).toHaveLength(65);

    const before = push.hits.length;
    expect(await run('08:03')).toBe(1);
    const hits = push.hits.slice(before);
    expect(hits).toHaveLength(1);
    const hit = hits[0]!;
    expect(hit.method).toBe('POST');
    expect(hit.path).toBe('/push/device-1');
    expect(Number(hit.headers.ttl)).toBeGreaterThan(0);
    expect(hit.headers['content-encoding']).toBe('aes128gcm');
    expect(hit.headers['content-type']).toBe('application/octet-stream');

    const { claims, key } = verifyVapid(String(hit.headers.authorization));
    expect(key).toBe(serverKey);
    expect(claims.aud).toBe(push.origin);
    expect(claims.sub).toMatch(/^mailto:|^https:/);
    const nowSeconds = Date.now() / 1000;
    expect(claims.exp).toBeGreaterThan(nowSeconds);
    expect(claims.exp).toBeLessThanOrEqual(nowSeconds + 24 * 3600);

    const message = JSON.parse(decryptPush(hit.body, keys)) as Record<string, string>;
    const [inApp] = (await p.as({ method: 'GET', url: '/api/me/reminders/inbox' })).json().reminders;
    expect(message).toEqual({
      id: inApp.id,
      kind: 'checkin',
      title: 'Morning check-in',
      body: 'One minute: how are your back and hips today?',
      url: '/app/checkin',
    });
    // A body encrypted for other keys does not decrypt with these: the check above is real.
    expect(() => decryptPush(hit.body, browserKeys())).toThrow();

    // Sent once: another pass sends nothing more.
    expect(await run('08:04')).toBe(0);
    expect(push.hits.length).toBe(before + 1);
    const device = (await p.as({ method: 'GET', url: '/api/me/reminders/settings' })).json().settings
      .devices[0];
    expect(device.lastSuccessAt).not.toBeNull();
  });

  it('forgets a device the push service says is gone (410) or unknown (404)', async () => {
    for (const status of [410, 404]) {
      const p = await patientWithPlan(t, clinicId);
      await putSettings(p.as, pushOn);
      const path = `/push/gone-${status}`;
      push.answer(path, status);
      const res = await p.as({
        method: 'POST',
        url: '/api/me/push/subscriptions',
        payload: { endpoint: push.url(path), keys: browserKeys().json },
      });
      expect(res.statusCode).toBe(201);
      await run('08:05');
      expect(push.hits.some((h) => h.path === path)).toBe(true);
      const settings = (await p.as({ method: 'GET', url: '/api/me/reminders/settings' })).json().settings;
      expect(settings.devices, `after ${status}`).toEqual([]);
      // The in-app reminder is still there.
      expect((await p.as({ method: 'GET', url: '/api/me/reminders/inbox' })).json().reminders).toHaveLength(
        1,
      );
    }
  });

  it('keeps a device after a temporary failure (500) and records the error', async () => {
    const p = await patientWithPlan(t, clinicId);
    await putSettings(p.as, pushOn);
    push.answer('/push/flaky', 500);
    await p.as({
      method: 'POST',
      url: '/api/me/push/subscriptions',
      payload: { endpoint: push.url('/push/flaky'), keys: browserKeys().json },
    });
    await run('08:06');
    const [device] = (await p.as({ method: 'GET', url: '/api/me/reminders/settings' })).json().settings
      .devices;
    expect(device.lastError).toContain('500');
  });

  it('refuses subscriptions that are not a push service URL with usable keys', async () => {
    const p = await patientWithPlan(t, clinicId);
    const keys = browserKeys().json;
    const cases: [object, string, number][] = [
      [{ endpoint: 'not a url', keys }, 'endpoint', 400],
      [{ endpoint: 'ftp://push.example.test/x', keys }, 'endpoint', 422],
      [{ endpoint: 'http://push.example.test/x', keys }, 'endpoint', 422],
      [
        {
          endpoint: 'https://push.example.test/x',
          keys: { ...keys, p256dh: crypto.randomBytes(65).toString('base64url') },
        },
        'keys.p256dh',
        400,
      ],
      [
        {
          endpoint: 'https://push.example.test/x',
          keys: { ...keys, auth: crypto.randomBytes(8).toString('base64url') },
        },
        'keys.auth',
        400,
      ],
    ];
    for (const [payload, path, status] of cases) {
      const res = await p.as({ method: 'POST', url: '/api/me/push/subscriptions', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(errorOf(res).path).toBe(path);
      if (status === 422) expect(errorOf(res).code).toBe('push_endpoint_refused');
    }
  });

  it('moves a device to whoever subscribes it last (one browser, one person at a time)', async () => {
    const a = await patientWithPlan(t, clinicId);
    const b = await patientWithPlan(t, clinicId);
    const payload = { endpoint: push.url('/push/shared-tablet'), keys: browserKeys().json };
    expect((await a.as({ method: 'POST', url: '/api/me/push/subscriptions', payload })).statusCode).toBe(201);
    expect((await b.as({ method: 'POST', url: '/api/me/push/subscriptions', payload })).statusCode).toBe(201);
    const devices = async (who: typeof a) =>
      (await who.as({ method: 'GET', url: '/api/me/reminders/settings' })).json<{
        settings: { devices: unknown[] };
      }>().settings.devices;
    expect(await devices(a)).toEqual([]);
    expect(await devices(b)).toHaveLength(1);
  });
});

describe('VAPID keys from the environment', () => {
  const pair = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = pair.privateKey.export({ format: 'jwk' });
  const publicRaw = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x as string, 'base64url'),
    Buffer.from(jwk.y as string, 'base64url'),
  ]).toString('base64url');
  const t = useTestApp({
    VAPID_PUBLIC_KEY: publicRaw,
    VAPID_PRIVATE_KEY: jwk.d as string,
    VAPID_SUBJECT: 'mailto:ops@clinic.example',
  });

  it('uses the configured key pair and subject instead of generating one', async () => {
    const push = await startPushService();
    try {
      const clinicId = (await t.makeClinic()).id;
      const p = await patientWithPlan(t, clinicId);
      expect((await p.as({ method: 'GET', url: '/api/me/push/key' })).json().publicKey).toBe(publicRaw);
      await putSettings(p.as, pushOn);
      await p.as({
        method: 'POST',
        url: '/api/me/push/subscriptions',
        payload: { endpoint: push.url('/push/env'), keys: browserKeys().json },
      });
      await t.ctx.services.reminders.runDue(denverToday('08:07'));
      const { claims, key } = verifyVapid(String(push.hits[0]?.headers.authorization));
      expect(key).toBe(publicRaw);
      expect(claims.sub).toBe('mailto:ops@clinic.example');
    } finally {
      await push.close();
    }
  });
});
