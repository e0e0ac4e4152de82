import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app';

describe('free resources: printable guides and front-door pages', () => {
  const t = useTestApp();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-guides-'));

  beforeAll(async () => {
    await t.makeClinic('Guide Clinic');
  });

  it('lists four guides, each with exercises from the library', async () => {
    const res = await t.ctx.app.inject({ method: 'GET', url: '/api/guides' });
    expect(res.statusCode).toBe(200);
    const guides = res.json().guides as { slug: string; exercises: string[] }[];
    expect(guides.map((g) => g.slug)).toEqual([
      'daily-stretch-routine',
      'core-and-hip-starter',
      'workstation-checklist',
      'walking-cycling-swimming-plan',
    ]);
    for (const g of guides) expect(g.exercises.length, g.slug).toBeGreaterThanOrEqual(4);
  });

  it('renders every guide as a PDF that pdftoppm draws and pdftotext reads, with its title and exercise names', async () => {
    const { guides } = (await t.ctx.app.inject({ method: 'GET', url: '/api/guides' })).json<{
      guides: { slug: string; title: string; url: string; exercises: string[] }[];
    }>();
    for (const g of guides) {
      const res = await t.ctx.app.inject({ method: 'GET', url: g.url });
      expect(res.statusCode, g.slug).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const file = path.join(dir, `${g.slug}.pdf`);
      fs.writeFileSync(file, res.rawPayload);
      execFileSync('pdftoppm', ['-r', '40', '-png', file, path.join(dir, g.slug)]);
      const pngs = fs.readdirSync(dir).filter((f) => f.startsWith(g.slug) && f.endsWith('.png'));
      expect(pngs.length, g.slug).toBeGreaterThanOrEqual(1);
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8').replace(/\s+/g, ' ');
      expect(text).toContain(g.title);
      for (const name of g.exercises) expect(text, `${g.slug}: ${name}`).toContain(name);
      expect(text).toContain('not a diagnosis');
      expect(text).toContain('Guide Clinic');
      expect(text).toMatch(new RegExp(`Page 1 of ${pngs.length}`));
    }
  });

  it('answers an unknown guide with the 404 page', async () => {
    for (const url of ['/guides/nope.pdf', '/guides/daily-stretch-routine', '/guides/..%2Fsecret.pdf']) {
      const res = await t.ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('serves the resources, privacy and booking pages', async () => {
    const resources = await t.ctx.app.inject({ method: 'GET', url: '/resources' });
    expect(resources.statusCode).toBe(200);
    expect(resources.body).toContain('/guides/daily-stretch-routine.pdf');
    expect(resources.body).toContain('href="/book"');
    expect(resources.body).toContain('href="/check"');
    const privacy = await t.ctx.app.inject({ method: 'GET', url: '/privacy' });
    expect(privacy.statusCode).toBe(200);
    expect(privacy.body).toContain('How long we keep it');
    for (const url of ['/book', '/consultation/manage?token=abc']) {
      const res = await t.ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toMatch(/<script type="module" src="\/build\/app[^"]*\.js">/);
    }
  });
});
