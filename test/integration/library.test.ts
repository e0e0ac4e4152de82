import { describe, expect, it } from 'vitest';
import { errorOf, useTestApp } from '../helpers/app';

describe('exercise library and education API', () => {
  const t = useTestApp();

  it('lists the library with illustration links and precaution tags', async () => {
    const res = await t.ctx.app.inject({ method: 'GET', url: '/api/exercises' });
    expect(res.statusCode).toBe(200);
    const list = res.json().exercises as { slug: string; illustrationUrl: string; precautions: string[] }[];
    expect(list.length).toBeGreaterThanOrEqual(45);
    for (const e of list) {
      expect(e.illustrationUrl).toBe(`/api/exercises/${e.slug}/illustration.svg`);
      expect(Array.isArray(e.precautions)).toBe(true);
    }
    expect(list.find((e) => e.slug === 'knee-to-chest')?.precautions).toContain('hipFlexionOver90');
  });

  it('filters by pillar, region, equipment, level and text', async () => {
    const get = async (qs: string) =>
      (await t.ctx.app.inject({ method: 'GET', url: `/api/exercises?${qs}` })).json().exercises as {
        slug: string;
        pillar: string;
        regions: string[];
        equipment: string[];
        level: number;
      }[];
    const stretches = await get('pillar=stretch');
    expect(stretches.length).toBeGreaterThan(5);
    expect(stretches.every((e) => e.pillar === 'stretch')).toBe(true);
    expect((await get('region=hip')).every((e) => e.regions.includes('hip'))).toBe(true);
    expect((await get('equipment=chair')).every((e) => e.equipment.includes('chair'))).toBe(true);
    expect((await get('level=3')).every((e) => e.level === 3)).toBe(true);
    expect((await get('q=BRIDGE')).map((e) => e.slug)).toContain('glute-bridge');
    expect(await get('q=zzzznothing')).toEqual([]);
  });

  it('refuses a bad filter with a 400 naming it', async () => {
    const res = await t.ctx.app.inject({ method: 'GET', url: '/api/exercises?level=9' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).path).toBe('level');
    const bad = await t.ctx.app.inject({ method: 'GET', url: '/api/exercises?pillar=yoga' });
    expect(errorOf(bad).path).toBe('pillar');
  });

  it('gives one exercise with its whole ladder, easiest first', async () => {
    const res = await t.ctx.app.inject({ method: 'GET', url: '/api/exercises/single-leg-bridge' });
    expect(res.statusCode).toBe(200);
    expect(res.json().ladder.map((l: { slug: string }) => l.slug)).toEqual([
      'glute-bridge',
      'bridge-march',
      'single-leg-bridge',
      'weighted-bridge',
    ]);
    expect(res.json().exercise.steps.length).toBeGreaterThan(2);
  });

  it('answers an unknown exercise with a 404 in the error shape', async () => {
    const res = await t.ctx.app.inject({ method: 'GET', url: '/api/exercises/moonwalk' });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('not_found');
  });

  it('serves each illustration as SVG, animated and as start and end frames', async () => {
    const animated = await t.ctx.app.inject({
      method: 'GET',
      url: '/api/exercises/glute-bridge/illustration.svg',
    });
    expect(animated.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(animated.body).toMatch(/^<svg|^<\?xml/);
    expect(animated.body).toContain('<animate');
    const start = await t.ctx.app.inject({
      method: 'GET',
      url: '/api/exercises/glute-bridge/illustration.svg?frame=start',
    });
    const end = await t.ctx.app.inject({
      method: 'GET',
      url: '/api/exercises/glute-bridge/illustration.svg?frame=end',
    });
    expect(start.body).not.toEqual(end.body);
    expect(start.body).not.toContain('<animate');
  });

  it('lists education pages and serves each as Markdown and HTML with its sources', async () => {
    const list = (await t.ctx.app.inject({ method: 'GET', url: '/api/education' })).json().pages as {
      slug: string;
    }[];
    expect(list.map((p) => p.slug)).toEqual(
      expect.arrayContaining([
        'hip-and-back-connection',
        'posture-and-movement-breaks',
        'building-up-activity',
        'pain-that-hurts-but-does-not-harm',
        'warning-signs',
      ]),
    );
    for (const p of list) {
      const page = (await t.ctx.app.inject({ method: 'GET', url: `/api/education/${p.slug}` })).json().page;
      expect(page.html).toContain('<p>');
      expect(page.sources.length).toBeGreaterThan(0);
    }
  });

  it('renders the public library and exercise pages on the server, readable without JavaScript', async () => {
    await t.makeClinic();
    const list = await t.ctx.app.inject({ method: 'GET', url: '/exercises?pillar=stretch&q=' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Seated hamstring stretch'.slice(0, 6));
    expect(list.body).not.toMatch(/<script[^>]+src="\/build\/app[^"]*\.js"/);
    const page = await t.ctx.app.inject({ method: 'GET', url: '/exercises/glute-bridge' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<ol class="steps">');
    expect(page.body).toMatch(/<meta name="description" content="[^"]+"/);
    const missing = await t.ctx.app.inject({ method: 'GET', url: '/exercises/moonwalk' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/text\/html/);
    const badFilter = await t.ctx.app.inject({ method: 'GET', url: '/exercises?level=99' });
    expect(badFilter.statusCode).toBe(303);
    const learn = await t.ctx.app.inject({ method: 'GET', url: '/learn/warning-signs' });
    expect(learn.statusCode).toBe(200);
    expect(learn.body).toContain('Where this comes from');
  });
});
