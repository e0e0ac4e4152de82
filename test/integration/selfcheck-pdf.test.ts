import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, useTestApp } from '../helpers/app';
import { type World, buildWorld } from '../helpers/access';
import { intakeAnswers } from '../helpers/fixtures';
import { makeJpeg, makePng } from '../helpers/images';

const answers = intakeAnswers({ activities: [{ name: 'Putting on socks ≥ 2 times → ✓', score: 4 }] });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-pdf-'));

/** Writes the PDF to disk and reads it back with poppler's own parsers. */
function checkPdf(name: string, bytes: Buffer): { text: string; pages: number } {
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const prefix = path.join(tmp, name);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, prefix]);
  const pngs = fs.readdirSync(tmp).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
  for (const png of pngs) {
    const data = fs.readFileSync(path.join(tmp, png));
    expect(data.length, png).toBeGreaterThan(1000);
    expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
  }
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  expect(pngs.length, 'one image per page').toBe(pages);
  return { text, pages };
}

interface PdfImage {
  page: number;
  type: string;
  width: number;
  height: number;
  enc: string;
}

/** The pictures drawn on a PDF's pages, as poppler's `pdfimages -list` reads them: page, kind, size, encoding. */
function imagesIn(name: string, bytes: Buffer): PdfImage[] {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  // Two header lines, then one line per image: page num type width height color comp bpc enc …
  return list
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const f = line.trim().split(/\s+/);
      return { page: Number(f[0]), type: f[2]!, width: Number(f[3]), height: Number(f[4]), enc: f[8]! };
    });
}

describe('the plan as a PDF', () => {
  const t = useTestApp();
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(t);
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const exerciseNames = () => t.ctx.services.content.library.exercises.map((e) => e.name);

  it('answers the self-check as a real PDF with the clinic, the not-a-diagnosis line and the exercises', async () => {
    const res = await t.ctx.app.inject({ method: 'POST', url: '/api/self-check/pdf', payload: answers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="hipback-plan.pdf"');
    expect(res.headers['cache-control']).toBe('no-store');
    const { text, pages } = checkPdf('selfcare', res.rawPayload);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain((await t.ctx.services.clinic.home()).name);
    const plan = (await t.ctx.app.inject({ method: 'POST', url: '/api/self-check', payload: answers })).json<{
      plan: { items: { exercise: string | null; title: string }[] };
    }>().plan;
    const names = plan.items.filter((i) => i.exercise).map((i) => i.title);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(text, name).toContain(name);
    expect(text).toContain('not a diagnosis');
    expect(text).toContain(`Page 1 of ${pages}`);
    // Symbols the standard fonts cannot draw are said in words.
    expect(text).toContain('Putting on socks at least 2 times to');
  });

  it('names the clinic on every page', async () => {
    const home = await t.ctx.services.clinic.home();
    const res = await t.ctx.app.inject({ method: 'POST', url: '/api/self-check/pdf', payload: answers });
    const { text, pages } = checkPdf('clinic', res.rawPayload);
    expect(text.split(home.name).length - 1).toBeGreaterThanOrEqual(pages);
  });

  it('gives only the emergency advice, and no exercises, when a warning sign calls for it', async () => {
    const res = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/self-check/pdf',
      payload: { ...answers, warningSigns: ['saddleNumbness'] },
    });
    expect(res.statusCode).toBe(200);
    const { text, pages } = checkPdf('emergency', res.rawPayload);
    expect(pages).toBe(1);
    expect(text).toContain('Get medical help now');
    expect(text).toContain('emergency department');
    expect(text).toContain('not a diagnosis');
    expect(text).not.toContain('Your starter plan');
    for (const name of exerciseNames()) expect(text, name).not.toContain(name);
  });

  it('puts the see-a-doctor message before the plan when a doctor should check first', async () => {
    const res = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/self-check/pdf',
      payload: { ...answers, warningSigns: ['cancerHistory'] },
    });
    const { text } = checkPdf('soon', res.rawPayload);
    const doctor = text.indexOf('See a doctor within the next few days');
    expect(doctor).toBeGreaterThan(-1);
    expect(doctor).toBeLessThan(text.indexOf('Your starter plan'));
  });

  it('refuses bad answers with the usual 400 naming the field', async () => {
    const res = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/self-check/pdf',
      payload: { ...answers, pain: { now: 8, worstLastWeek: 3 } },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'validation_failed', path: 'pain.now' });
  });

  it("gives a patient their own latest plan, and no one else's", async () => {
    const get = (cookie: string | null) => t.as(cookie)({ method: 'GET', url: '/api/me/plan.pdf' });

    const anonymous = await get(null);
    expect(anonymous.statusCode).toBe(401);
    expect(errorOf(anonymous).code).toBe('unauthenticated');

    const patient = await t.makeUser(w.clinicA, 'patient');
    const cookie = await t.login(patient.email);
    const none = await get(cookie);
    expect(none.statusCode).toBe(404);
    expect(errorOf(none)).toMatchObject({ code: 'not_found', path: null });
    expect(errorOf(none).message).toContain('self-check');

    const saved = await t.as(cookie)({ method: 'POST', url: '/api/me/intake', payload: answers });
    expect(saved.statusCode).toBe(201);
    const res = await get(cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = checkPdf('patient', res.rawPayload);
    expect(text).toContain('Clinic A');
    expect(text).toContain('Your starter plan');

    // Staff have no plan of their own: refused, not an empty document.
    const clinician = await get(w.cookies.clinician);
    expect(clinician.statusCode).toBe(403);
    expect(errorOf(clinician).code).toBe('forbidden');
    const admin = await get(w.cookies.admin);
    expect(admin.statusCode).toBe(403);

    // Another patient does not get this patient's plan.
    const other = await get(w.cookies.otherPatient);
    expect(other.statusCode).toBe(404);
  });

  it("draws the clinic's logo at the top of the self-check PDF when it has one, and no picture without one", async () => {
    const home = await t.ctx.services.clinic.home();
    const homeAdmin = t.as(home.id === w.clinicA ? w.cookies.admin : w.cookies.otherClinicAdmin);
    const setLogo = (bytes: Buffer, type: string) =>
      homeAdmin({
        method: 'PUT',
        url: '/api/clinic/logo',
        headers: { 'content-type': type },
        payload: bytes,
      });
    const removeLogo = () => homeAdmin({ method: 'DELETE', url: '/api/clinic/logo' });
    const selfCheckPdf = async () => {
      const res = await t.ctx.app.inject({ method: 'POST', url: '/api/self-check/pdf', payload: answers });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      return res.rawPayload;
    };

    expect((await removeLogo()).statusCode).toBe(200);
    const plain = await selfCheckPdf();
    expect(imagesIn('logo-none', plain)).toEqual([]);
    const plainText = checkPdf('logo-none', plain).text;

    const png = await setLogo(makePng(200, 100, [230, 0, 0]), 'image/png');
    expect(png.statusCode, png.body).toBe(200);
    const withPng = await selfCheckPdf();
    expect(imagesIn('logo-png', withPng)).toEqual([
      expect.objectContaining({ page: 1, type: 'image', width: 200, height: 100 }),
    ]);
    // The logo is all that changes: the same words, on the same pages (the name moves over beside it).
    expect(checkPdf('logo-png', withPng).text.trim()).toBe(plainText.trim());

    const jpeg = await setLogo(makeJpeg(160, 80, 10), 'image/jpeg');
    expect(jpeg.statusCode, jpeg.body).toBe(200);
    expect(imagesIn('logo-jpeg', await selfCheckPdf())).toEqual([
      { page: 1, type: 'image', width: 160, height: 80, enc: 'jpeg' },
    ]);

    // A patient's own plan carries their clinic's logo too.
    const patient = await t.makeUser(home.id, 'patient');
    const cookie = await t.login(patient.email);
    expect((await t.as(cookie)({ method: 'POST', url: '/api/me/intake', payload: answers })).statusCode).toBe(
      201,
    );
    const mine = await t.as(cookie)({ method: 'GET', url: '/api/me/plan.pdf' });
    expect(mine.statusCode).toBe(200);
    expect(imagesIn('logo-patient', mine.rawPayload)).toEqual([
      expect.objectContaining({ page: 1, width: 160, height: 80, enc: 'jpeg' }),
    ]);

    expect((await removeLogo()).statusCode).toBe(200);
    expect(imagesIn('logo-removed', await selfCheckPdf())).toEqual([]);
  });
});
