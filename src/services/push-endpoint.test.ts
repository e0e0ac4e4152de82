/**
 * The push-endpoint policy (no server-side request forgery): https only, a
 * host name rather than an IP address, and only public addresses behind it.
 * The resolver is a stub: no DNS is asked.
 */
import { describe, expect, it } from 'vitest';
import { checkPushEndpoint, isNonPublicAddress } from './push-endpoint';

const resolveTo =
  (...addresses: string[]) =>
  async () =>
    addresses;

describe('which addresses are not public', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.5',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    '2001:db8::1',
    'not an address',
  ])('%s is refused', (ip) => {
    expect(isNonPublicAddress(ip)).toBe(true);
  });

  it.each(['142.250.74.46', '172.32.0.1', '8.8.8.8', '2a00:1450:4001:82a::200a', '::ffff:8.8.8.8'])(
    '%s is public',
    (ip) => {
      expect(isNonPublicAddress(ip)).toBe(false);
    },
  );
});

describe('checkPushEndpoint', () => {
  const strict = (resolve = resolveTo('142.250.74.46')) => ({ resolve, allowLoopbackHttp: false });

  it('accepts an https push service whose host resolves to public addresses, pinned to the checked one', async () => {
    const r = await checkPushEndpoint('https://fcm.googleapis.com/fcm/send/abc', strict());
    expect(r).toMatchObject({ ok: true, address: '142.250.74.46' });
  });

  it.each([
    ['http://push.example/x', /https/],
    ['ftp://push.example/x', /https/],
    ['https://127.0.0.1/x', /not an IP address/],
    ['https://[::1]/x', /not an IP address/],
    ['https://10.1.2.3/x', /not an IP address/],
    ['https://2130706433/x', /not an IP address/], // 127.0.0.1 written as one number
    ['https://0x7f.1/x', /not an IP address/],
    ['https://localhost/x', /public push service/],
    ['https://user:pw@push.example/x', /user name/],
  ])('refuses %s', async (endpoint, reason) => {
    const r = await checkPushEndpoint(endpoint, strict());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('refuses a host that resolves to a private address, even among public ones', async () => {
    for (const answer of [['10.0.0.7'], ['142.250.74.46', '192.168.0.3'], ['::1'], ['fd00::7']]) {
      const r = await checkPushEndpoint('https://push.example/x', strict(resolveTo(...answer)));
      expect(r.ok, answer.join()).toBe(false);
    }
  });

  it('says a host that cannot be found may work later', async () => {
    const r = await checkPushEndpoint('https://nowhere.example/x', {
      resolve: () => Promise.reject(new Error('ENOTFOUND')),
      allowLoopbackHttp: false,
    });
    expect(r).toMatchObject({ ok: false, transient: true });
  });

  it('allows plain http to loopback only when told to (a local receiver in development)', async () => {
    expect((await checkPushEndpoint('http://127.0.0.1:9000/p', strict())).ok).toBe(false);
    const dev = await checkPushEndpoint('http://127.0.0.1:9000/p', {
      resolve: resolveTo(),
      allowLoopbackHttp: true,
    });
    expect(dev).toMatchObject({ ok: true, address: null });
    // Only loopback, only http: not a private network address.
    expect(
      (await checkPushEndpoint('http://10.0.0.1/p', { resolve: resolveTo(), allowLoopbackHttp: true })).ok,
    ).toBe(false);
  });
});
