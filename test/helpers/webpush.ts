/**
 * The receiving side of Web Push, written from the RFCs so the tests check
 * the app's requests independently of the library that makes them:
 * - a local HTTP server standing in for a push service;
 * - a browser-side subscription (ECDH P-256 key pair and a 16-byte auth secret);
 * - decryption of an aes128gcm body (RFC 8188) with the Web Push key schedule (RFC 8291);
 * - verification of the VAPID Authorization header (RFC 8292): an ES256 JWT.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PushHit {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A push service on a loopback port: answers each path with the status set for it (201 by default). */
export async function startPushService() {
  const hits: PushHit[] = [];
  const statusFor = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      hits.push({ method: req.method ?? '', path, headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = statusFor.get(path) ?? 201;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    hits,
    origin: `http://127.0.0.1:${port}`,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    answer(path: string, status: number) {
      statusFor.set(path, status);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a browser's PushManager.subscribe() makes: a key pair and an auth secret. */
export function browserKeys() {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = crypto.randomBytes(16);
  return {
    ecdh,
    auth,
    json: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
  };
}

const hmac = (key: Buffer, data: Buffer) => crypto.createHmac('sha256', key).update(data).digest();

/** Decrypts a Web Push message body (Content-Encoding: aes128gcm) for the subscription's keys. */
export function decryptPush(body: Buffer, keys: ReturnType<typeof browserKeys>): string {
  // RFC 8188 §2.1 header: salt (16) | record size (4) | key id length (1) | key id.
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  const senderPublic = body.subarray(21, 21 + idLength);
  const records = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error(`key id should be the sender's 65-byte public key, got ${idLength}`);
  if (records.length > recordSize) throw new Error('expected a single record');

  // RFC 8291 §3.3-3.4: combine the ECDH secret with the auth secret.
  const ecdhSecret = keys.ecdh.computeSecret(senderPublic);
  const prkKey = hmac(keys.auth, ecdhSecret);
  const keyInfo = Buffer.concat([
    Buffer.from('WebPush: info\0', 'latin1'),
    keys.ecdh.getPublicKey(),
    senderPublic,
  ]);
  const ikm = hmac(prkKey, Buffer.concat([keyInfo, Buffer.from([1])]));
  // RFC 8188 §2.2-2.3: content-encryption key and nonce from the salt.
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'latin1')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'latin1')).subarray(0, 12);

  const tag = records.subarray(records.length - 16);
  const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(tag);
  const plain = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (plain[end] !== 2) throw new Error('missing the last-record delimiter');
  return plain.subarray(0, end).toString('utf8');
}

/** Parses and verifies `vapid t=<jwt>, k=<key>`; returns the JWT claims and the key. */
export function verifyVapid(authorization: string): { claims: Record<string, unknown>; key: string } {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
  if (!m) throw new Error(`not a VAPID authorization header: ${authorization}`);
  const [, jwt, key] = m as unknown as [string, string, string];
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg: string; typ: string };
  if (head.alg !== 'ES256') throw new Error(`JWT alg should be ES256, got ${head.alg}`);
  const raw = Buffer.from(key, 'base64url');
  const publicKey = crypto.createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const ok = crypto.verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) throw new Error('the VAPID JWT signature does not verify');
  return { claims: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>, key };
}
