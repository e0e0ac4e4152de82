import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app';
import { type World, buildWorld } from '../helpers/access';
import { INTAKE } from '../helpers/fixtures';
import { offsetMinutesIn } from '../../src/web/ui/patient-shell';

/**
 * The HTML of the patient's Today and session player: their first screenful is drawn on the server,
 * and what the app asks for first is preloaded, for this patient only.
 */
describe("the patient's first screen, from the server", () => {
  const t = useTestApp();
  let w: World;
  let slugs: string[];
  beforeAll(async () => {
    w = await buildWorld(t);
    const as = t.as(w.cookies.owner);
    const intake = await as({
      method: 'POST',
      url: '/api/me/intake',
      payload: INTAKE,
    });
    expect(intake.statusCode).toBe(201);
    const plan = (await as({ method: 'GET', url: '/api/me/plan' })).json<{
      plan: { plan: { items: { pillar: string; exercise: string | null }[] } };
    }>();
    slugs = plan.plan.plan.items.filter((i) => i.pillar === 'stretch' && i.exercise).map((i) => i.exercise!);
    expect(slugs.length).toBeGreaterThan(1);
  });

  const boot = (html: string) =>
    JSON.parse(/<script type="application\/json" id="boot">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null') as {
      zone?: { timezone: string; offsetMinutes: number; at: number };
    };

  it("draws Today's heading and preloads the day's answers, with the zone's offset for the app", async () => {
    const res = await t.as(w.cookies.owner)({ method: 'GET', url: '/app' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const first = w.users.owner.display_name.split(' ')[0];
    expect(res.body).toContain(`<h1 tabindex="-1">Hello, ${first}</h1>`);
    expect(res.body).toContain(
      '<link rel="preload" href="/api/me/today" as="fetch" crossorigin="anonymous">',
    );
    expect(res.body).toContain('<link rel="preload" href="/api/me/plan" as="fetch" crossorigin="anonymous">');
    const zone = boot(res.body).zone!;
    expect(zone.timezone).toBeTruthy();
    expect(zone.offsetMinutes).toBe(offsetMinutesIn(zone.timezone, new Date(zone.at)));
  });

  it("preloads the player's exercises from the patient's own plan", async () => {
    const res = await t.as(w.cookies.owner)({ method: 'GET', url: '/app/session/stretch' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 tabindex="-1">Daily stretch routine</h1>');
    const preloaded = [
      ...res.body.matchAll(/<link rel="preload" href="\/api\/exercises\/([^"/]+)" as="fetch"/g),
    ].map((m) => m[1]);
    expect(preloaded).toEqual([...new Set(slugs)]);
    expect(res.body).toContain(`href="/api/exercises/${slugs[0]}/illustration.svg?frame=start" as="image"`);
  });

  it('preloads no exercises for a patient without a plan, and sends staff and strangers elsewhere', async () => {
    const other = await t.as(w.cookies.otherPatient)({ method: 'GET', url: '/app/session/stretch' });
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain('/api/exercises/');
    const staff = await t.as(w.cookies.clinician)({ method: 'GET', url: '/app' });
    expect(staff.statusCode).toBe(200);
    expect(staff.body).not.toContain('Hello,');
    expect(staff.body).not.toContain('/api/me/today');
    const stranger = await t.as(null)({ method: 'GET', url: '/app/session/stretch' });
    expect(stranger.statusCode).toBe(302);
    expect(stranger.headers.location).toBe('/login?next=%2Fapp%2Fsession%2Fstretch');
  });
});
