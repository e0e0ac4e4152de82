/**
 * Which push endpoints the server will send to, and the transport that sends.
 *
 * A push subscription's endpoint is a URL the browser gives, so anyone can
 * send one: unchecked, it would let a patient make the server send requests
 * into its own network (server-side request forgery). The endpoint must be
 * https, name a host (not an IP address), and that host must resolve only to
 * public addresses. It is checked when the patient subscribes and again
 * before every send (a DNS answer can change), and the request then goes to
 * the very address that was checked, so a second, different DNS answer at
 * connection time cannot slip past (DNS rebinding).
 *
 * Development and tests may allow one exception: plain http to the loopback
 * address, for a push receiver on the same machine. Production never does.
 */
import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** Every address a host name resolves to. */
export type HostResolver = (hostname: string) => Promise<string[]>;

export const dnsResolver: HostResolver = async (hostname) =>
  (await dns.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

function ipv4Bytes(ip: string): number[] | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
}

/** The 16 bytes of an IPv6 address (with an embedded IPv4 tail, if any). */
function ipv6Bytes(ip: string): number[] | null {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = ipv4Bytes(text.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const rest = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const all = [...head, ...Array<string>(Math.max(0, missing)).fill('0'), ...rest];
  const bytes: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 255);
  }
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** Loopback, private, link-local, shared, documentation, multicast or reserved IPv4 (RFC 6890). */
function nonPublicV4([a, b, c]: number[] = []): boolean {
  if (a === undefined || b === undefined || c === undefined) return true;
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    a >= 224 // multicast and reserved
  );
}

/** True for any address a push service could not legitimately be on (IPv4 or IPv6, incl. IPv4-mapped). */
export function isNonPublicAddress(ip: string): boolean {
  const v4 = ipv4Bytes(ip);
  if (v4) return nonPublicV4(v4);
  const b = ipv6Bytes(ip);
  if (!b) return true;
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 16)) return true; // ::
  if (zeros(0, 15) && b[15] === 1) return true; // ::1
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d): judge the IPv4 inside.
  if (zeros(0, 10) && ((b[10] === 0xff && b[11] === 0xff) || (b[10] === 0 && b[11] === 0))) {
    return nonPublicV4(b.slice(12));
  }
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) {
    return nonPublicV4(b.slice(12));
  }
  const first = b[0] ?? 0;
  const second = b[1] ?? 0;
  return (
    (first & 0xfe) === 0xfc || // unique local fc00::/7
    (first === 0xfe && (second & 0xc0) === 0x80) || // link-local fe80::/10
    (first === 0xfe && (second & 0xc0) === 0xc0) || // old site-local fec0::/10
    first === 0xff || // multicast
    (first === 0x20 && second === 0x01 && b[2] === 0x0d && b[3] === 0xb8) || // documentation 2001:db8::/32
    (first === 0x01 && second === 0x00 && zeros(2, 8)) // discard 100::/64
  );
}

export type EndpointCheck =
  | {
      ok: true;
      url: URL;
      /** The checked address to connect to; null for the local dev receiver. */ address: string | null;
    }
  | { ok: false; reason: string; /** The host could not be resolved: it may work later. */ transient?: true };

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Is `endpoint` a URL the server may send a push to? Resolves the host (with
 * `resolve`) and refuses it when any of its addresses is not public.
 */
export async function checkPushEndpoint(
  endpoint: string,
  opts: { resolve: HostResolver; allowLoopbackHttp: boolean },
): Promise<EndpointCheck> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, reason: 'endpoint must be the push service URL the browser gave.' };
  }
  if (opts.allowLoopbackHttp && url.protocol === 'http:' && LOOPBACK_NAMES.has(url.hostname)) {
    return { ok: true, url, address: null };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'endpoint must be an https:// URL.' };
  if (url.username || url.password) {
    return { ok: false, reason: 'endpoint must not carry a user name or password.' };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) !== 0) {
    return { ok: false, reason: 'endpoint must name a push service host, not an IP address.' };
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return { ok: false, reason: 'endpoint must be a public push service.' };
  }
  let addresses: string[];
  try {
    addresses = await opts.resolve(host);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) {
    return { ok: false, reason: `endpoint's host ${host} could not be found.`, transient: true };
  }
  if (addresses.some(isNonPublicAddress)) {
    return {
      ok: false,
      reason: 'endpoint must be a public push service (its host resolves to a private address).',
    };
  }
  return { ok: true, url, address: addresses[0] ?? null };
}

export interface PushRequest {
  endpoint: string;
  /** Connect to this (already checked) address instead of resolving the host again; null: resolve as usual. */
  address: string | null;
  method: string;
  headers: Record<string, string>;
  body: Buffer;
}
/** Sends one prepared (encrypted, signed) push request; returns the push service's HTTP status. */
export type PushTransport = (req: PushRequest) => Promise<number>;

const PUSH_TIMEOUT_MS = 10_000;

/** Node's http(s) client; the TLS name is still the endpoint's host, only the address is pinned. */
export const httpPushTransport: PushTransport = (req) =>
  new Promise<number>((resolve, reject) => {
    const url = new URL(req.endpoint);
    const pinned = req.address;
    const family = pinned && net.isIP(pinned) === 6 ? 6 : 4;
    const lookup: net.LookupFunction = (_host, options, callback) => {
      if (!pinned) return callback(new Error('no address'), '', 4);
      if ((options as { all?: boolean }).all) {
        (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
          { address: pinned, family },
        ]);
      } else callback(null, pinned, family);
    };
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: req.method,
        headers: { ...req.headers, 'content-length': String(req.body.length) },
        timeout: PUSH_TIMEOUT_MS,
        ...(pinned ? { lookup } : {}),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('the push service did not answer in time')));
    request.on('error', reject);
    request.end(req.body);
  });
