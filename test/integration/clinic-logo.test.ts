import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOGO_LIMITS } from '../../src/documents/images';
import { type World, buildWorld, expectOnlyAllowed } from '../helpers/access';
import { errorOf, useTestApp } from '../helpers/app';
import { INTAKE } from '../helpers/fixtures';
import { makeJpeg, makePng, pngWithBrokenData } from '../helpers/images';

interface ClinicOut {
  id: string;
  hasLogo: boolean;
  logoUrl: string | null;
}

const put = (bytes: Buffer, type = 'image/png'): InjectOptions => ({
  method: 'PUT',
  url: '/api/clinic/logo',
  headers: { 'content-type': type },
  payload: bytes,
});

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** The first page of a PDF at 50 dpi, as RGB pixels (pdftoppm's PPM output: a short text header, then bytes). */
function firstPage(pdf: Buffer): { width: number; height: number; rgb: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-logo-pdf-'));
  try {
    const file = path.join(dir, 'handout.pdf');
    fs.writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page')]);
    const ppm = fs.readFileSync(path.join(dir, 'page.ppm'));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'));
    if (!header) throw new Error('pdftoppm did not write a PPM');
    return { width: Number(header[1]), height: Number(header[2]), rgb: ppm.subarray(header[0].length) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** How many pixels in the rectangle (in points from the top-left; 50 dpi) satisfy `test`. */
function countPixels(
  page: { width: number; rgb: Buffer },
  box: { x: number; y: number; w: number; h: number },
  test: (r: number, g: number, b: number) => boolean,
): number {
  const k = 50 / 72;
  let n = 0;
  for (let y = Math.round(box.y * k); y < Math.round((box.y + box.h) * k); y++) {
    for (let x = Math.round(box.x * k); x < Math.round((box.x + box.w) * k); x++) {
      const i = (y * page.width + x) * 3;
      if (test(page.rgb[i]!, page.rgb[i + 1]!, page.rgb[i + 2]!)) n++;
    }
  }
  return n;
}

/** The logo's box in the handout: the left of the header band (see LOGO_BOX in src/documents/plan-pdf.ts). */
const LOGO_AREA = { x: 50, y: 12, w: 150, h: 60 };
const red = (r: number, g: number, b: number) => r > 180 && g < 90 && b < 90;
const nearBlack = (r: number, g: number, b: number) => r < 70 && g < 70 && b < 70;

describe('the clinic logo', () => {
  const t = useTestApp();
  let w: World;
  const admin = () => t.as(w.cookies.admin);
  const logoOf = (clinicId: string) =>
    t.ctx.app.inject({ method: 'GET', url: `/api/clinic/logo?clinic=${clinicId}` });

  beforeAll(async () => {
    w = await buildWorld(t);
    const intake = await t.as(w.cookies.owner)({ method: 'POST', url: '/api/me/intake', payload: INTAKE });
    expect(intake.statusCode).toBe(201);
  });

  it('uploads a PNG, serves it back byte for byte, and says so in the clinic details', async () => {
    const png = makePng(240, 80, [220, 20, 30], { noise: true });
    const res = await admin()(put(png));
    expect(res.statusCode, res.body).toBe(200);
    const clinic = res.json<{ clinic: ClinicOut }>().clinic;
    expect(clinic.hasLogo).toBe(true);
    expect(clinic.logoUrl).toBe(`/api/clinic/logo?clinic=${w.clinicA}&v=${sha(png).slice(0, 20)}`);

    const got = await t.ctx.app.inject({ method: 'GET', url: clinic.logoUrl! });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(got.headers.etag).toBe(`"${sha(png).slice(0, 20)}"`);
    expect(Buffer.compare(got.rawPayload, png)).toBe(0);

    // Without the version the answer must be checked each time; the ETag makes that a 304.
    const plain = await logoOf(w.clinicA);
    expect(plain.headers['cache-control']).toBe('public, no-cache');
    const again = await t.ctx.app.inject({
      method: 'GET',
      url: `/api/clinic/logo?clinic=${w.clinicA}`,
      headers: { 'if-none-match': plain.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);

    const audit = await admin()({ method: 'GET', url: '/api/clinic/audit?action=clinic.logo.set' });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(JSON.stringify(audit.json())).toContain('clinic.logo.set');
  });

  it('replaces the logo with a JPEG, and the old version is no longer served', async () => {
    const before = (await logoOf(w.clinicA)).headers.etag;
    const jpeg = makeJpeg(300, 120, 30);
    const res = await admin()(put(jpeg, 'image/jpeg'));
    expect(res.statusCode, res.body).toBe(200);
    const got = await logoOf(w.clinicA);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(got.rawPayload, jpeg)).toBe(0);
    expect(got.headers.etag).not.toBe(before);
    // An address with the old version is not cached for good.
    const stale = await t.ctx.app.inject({
      method: 'GET',
      url: `/api/clinic/logo?clinic=${w.clinicA}&v=${String(before).replace(/"/g, '')}`,
    });
    expect(stale.headers['cache-control']).toBe('public, no-cache');
    expect(Buffer.compare(stale.rawPayload, jpeg)).toBe(0);
  });

  it('takes the file type from its bytes, not from the Content-Type sent', async () => {
    const png = makePng(64, 64, [10, 200, 10]);
    const res = await admin()(put(png, 'image/jpeg'));
    expect(res.statusCode, res.body).toBe(200);
    expect((await logoOf(w.clinicA)).headers['content-type']).toBe('image/png');
  });

  it.each([
    [
      'an SVG sent as a PNG',
      () => put(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
      400,
      'logo_not_an_image',
    ],
    [
      'a GIF',
      () => put(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')),
      400,
      'logo_not_an_image',
    ],
    ['an SVG content type', () => put(Buffer.from('<svg/>'), 'image/svg+xml'), 415, 'logo_unsupported_type'],
    ['JSON', () => put(Buffer.from('{"logo":"x"}'), 'application/json'), 415, 'logo_unsupported_type'],
    ['an empty body', () => put(Buffer.alloc(0)), 400, 'logo_missing'],
    ['a PNG signature and nothing else', () => put(makePng(64, 64).subarray(0, 20)), 400, 'logo_corrupt'],
    ['a PNG whose pixels are garbage', () => put(pngWithBrokenData(64, 64)), 400, 'logo_corrupt'],
    ['a truncated JPEG', () => put(makeJpeg(64, 64).subarray(0, 12), 'image/jpeg'), 400, 'logo_corrupt'],
    ['a 20 × 200 PNG', () => put(makePng(20, 200)), 400, 'logo_dimensions'],
    ['a 4001 × 100 JPEG', () => put(makeJpeg(4001, 100), 'image/jpeg'), 400, 'logo_dimensions'],
    [
      'a file over 256 KB',
      () => put(Buffer.concat([makePng(64, 64), Buffer.alloc(LOGO_LIMITS.maxBytes)])),
      413,
      'logo_too_large',
    ],
  ] as const)('refuses %s with a 4xx, a code and the field', async (_what, request, status, code) => {
    const current = (await logoOf(w.clinicA)).rawPayload;
    const res = await admin()(request());
    expect(res.statusCode, res.body).toBe(status);
    const err = errorOf(res);
    expect(err.code).toBe(code);
    expect(err.path).toBe('logo');
    expect(err.message.length).toBeGreaterThan(20);
    // Nothing changed.
    expect(Buffer.compare((await logoOf(w.clinicA)).rawPayload, current)).toBe(0);
  });

  it('accepts a file of exactly 256 KB', async () => {
    const png = makePng(300, 300, [1, 2, 3], { noise: true });
    // Pad with an ancillary chunk-free tail: bytes after IEND are ignored by readers.
    const exact = Buffer.concat([png, Buffer.alloc(LOGO_LIMITS.maxBytes - png.length)]);
    expect(exact.length).toBe(LOGO_LIMITS.maxBytes);
    const res = await admin()(put(exact));
    expect(res.statusCode, res.body).toBe(200);
  });

  it('lets only a clinic admin change their own clinic’s logo', async () => {
    const mine = makePng(100, 50, [200, 0, 0]);
    await expectOnlyAllowed(t, w, put(mine), ['admin', 'otherClinicAdmin']);
    await expectOnlyAllowed(t, w, { method: 'DELETE', url: '/api/clinic/logo' }, [
      'admin',
      'otherClinicAdmin',
    ]);

    // Clinic B's admin setting "their" logo leaves clinic A's alone.
    const a = makePng(100, 50, [200, 0, 0]);
    const b = makePng(100, 50, [0, 0, 200]);
    expect((await admin()(put(a))).statusCode).toBe(200);
    expect((await t.as(w.cookies.otherClinicAdmin)(put(b))).statusCode).toBe(200);
    expect(Buffer.compare((await logoOf(w.clinicA)).rawPayload, a)).toBe(0);
    expect(Buffer.compare((await logoOf(w.clinicB)).rawPayload, b)).toBe(0);
    // …and removing it too.
    expect(
      (await t.as(w.cookies.otherClinicAdmin)({ method: 'DELETE', url: '/api/clinic/logo' })).statusCode,
    ).toBe(200);
    expect((await logoOf(w.clinicB)).statusCode).toBe(404);
    expect(Buffer.compare((await logoOf(w.clinicA)).rawPayload, a)).toBe(0);
  });

  it('refuses a non-admin before reading the upload', async () => {
    for (const who of ['clinician', 'owner', 'anonymous', 'otherClinicClinician'] as const) {
      const res: LightMyRequestResponse = await t.as(w.cookies[who])(
        put(Buffer.concat([makePng(64, 64), Buffer.alloc(LOGO_LIMITS.maxBytes)])),
      );
      expect(res.statusCode, who).toBe(who === 'anonymous' ? 401 : 403);
    }
  });

  it('serves any clinic’s logo to anyone, as it is public branding', async () => {
    for (const who of ['anonymous', 'owner', 'otherClinicPatient', 'otherClinicAdmin'] as const) {
      const res = await t.as(w.cookies[who])({ method: 'GET', url: `/api/clinic/logo?clinic=${w.clinicA}` });
      expect(res.statusCode, who).toBe(200);
    }
    const unknown = await t.ctx.app.inject({ method: 'GET', url: '/api/clinic/logo?clinic=no-such-clinic' });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('not_found');
  });

  it('serves the public clinic’s logo without a clinic id, matching the clinic details', async () => {
    const details = (await t.ctx.app.inject({ method: 'GET', url: '/api/clinic' })).json<{
      clinic: ClinicOut;
    }>().clinic;
    const res = await t.ctx.app.inject({ method: 'GET', url: '/api/clinic/logo' });
    if (details.hasLogo) {
      expect(res.statusCode).toBe(200);
      const byId = await logoOf(details.id);
      expect(Buffer.compare(res.rawPayload, byId.rawPayload)).toBe(0);
    } else {
      expect(res.statusCode).toBe(404);
    }
  });

  it('shows the public clinic’s logo in the header of the pages the server draws, beside the name', async () => {
    const home = (await t.ctx.app.inject({ method: 'GET', url: '/api/clinic' })).json<{ clinic: ClinicOut }>()
      .clinic;
    const homeAdmin = home.id === w.clinicA ? w.cookies.admin : w.cookies.otherClinicAdmin;
    expect((await t.as(homeAdmin)({ method: 'DELETE', url: '/api/clinic/logo' })).statusCode).toBe(200);
    expect((await t.ctx.app.inject({ method: 'GET', url: '/' })).body).not.toContain('class="brand-logo"');
    expect((await t.as(homeAdmin)(put(makePng(300, 100)))).statusCode).toBe(200);
    const url = (await t.ctx.app.inject({ method: 'GET', url: '/api/clinic' })).json<{ clinic: ClinicOut }>()
      .clinic.logoUrl!;
    for (const page of ['/', '/exercises', '/login']) {
      const html = (await t.ctx.app.inject({ method: 'GET', url: page })).body;
      // An empty alt (the name follows as text); the size reserves the logo's shape before it loads.
      expect(html, page).toContain(
        `<img class="brand-logo" src="${url.replace(/&/g, '&amp;')}" alt width="300" height="100"`,
      );
      expect(html, page).toMatch(/class="brand has-logo"[^>]*>.*Clinic [AB]/s);
    }
    expect((await t.as(homeAdmin)({ method: 'DELETE', url: '/api/clinic/logo' })).statusCode).toBe(200);
    expect((await t.ctx.app.inject({ method: 'GET', url: '/' })).body).not.toContain('class="brand-logo"');
  });

  it('draws the logo at the top of the handout, and leaves it out once removed', async () => {
    const handout = async () => {
      const res = await t.as(w.cookies.clinician)({
        method: 'GET',
        url: `/api/clinic/patients/${w.users.owner.id}/handout.pdf`,
      });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      return firstPage(res.rawPayload);
    };
    // A solid red PNG: red pixels in the logo's box, where the brand band has none.
    expect((await admin()(put(makePng(200, 100, [230, 0, 0])))).statusCode).toBe(200);
    const withPng = await handout();
    const area = (LOGO_AREA.w * LOGO_AREA.h * (50 / 72) ** 2) / 4;
    expect(countPixels(withPng, LOGO_AREA, red)).toBeGreaterThan(area);
    // Nowhere else on the page is that red.
    expect(countPixels(withPng, { x: 0, y: 90, w: 595, h: 700 }, red)).toBe(0);

    // A near-black JPEG.
    expect((await admin()(put(makeJpeg(160, 80, 10), 'image/jpeg'))).statusCode).toBe(200);
    const withJpeg = await handout();
    expect(countPixels(withJpeg, LOGO_AREA, nearBlack)).toBeGreaterThan(area);

    const removed = await admin()({ method: 'DELETE', url: '/api/clinic/logo' });
    expect(removed.statusCode).toBe(200);
    expect(removed.json<{ clinic: ClinicOut }>().clinic).toMatchObject({ hasLogo: false, logoUrl: null });
    const without = await handout();
    expect(countPixels(without, LOGO_AREA, red)).toBe(0);
    expect(countPixels(without, LOGO_AREA, nearBlack)).toBe(0);
  });

  it('answers 404 with the error shape when the clinic has no logo, and removing none is fine', async () => {
    expect((await admin()({ method: 'DELETE', url: '/api/clinic/logo' })).statusCode).toBe(200);
    const res = await logoOf(w.clinicA);
    expect(res.statusCode).toBe(404);
    expect(errorOf(res)).toMatchObject({ code: 'not_found', path: null });
    expect(errorOf(res).message.length).toBeGreaterThan(10);
  });
});
