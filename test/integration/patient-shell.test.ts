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
      today?: unknown;
    };

  it('draws the whole of Today from the same answers the API gives, for the app to take over as it is', async () => {
    const as = t.as(w.cookies.owner);
    const res = await as({ method: 'GET', url: '/app' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const first = w.users.owner.display_name.split(' ')[0];
    expect(res.body).toContain(`<h1 tabindex="-1">Hello, ${first}</h1>`);
    // The day's tasks are in the HTML, not a loading line, and nothing needs preloading.
    expect(res.body).toContain('<div id="app" data-hydrate="1">');
    expect(res.body).toContain('Morning check-in');
    expect(res.body).toContain('Start stretching');
    expect(res.body).not.toContain('Loading your day');
    expect(res.body).not.toContain('rel="preload"');
    // The answers it was drawn from are the API's own, so the app's first draw is the same page.
    const b = boot(res.body);
    const today = (await as({ method: 'GET', url: '/api/me/today' })).json<unknown>();
    const plan = (await as({ method: 'GET', url: '/api/me/plan' })).json<unknown>();
    expect(b.today).toEqual({ today, plan });
    const zone = b.zone!;
    expect(zone.timezone).toBeTruthy();
    expect(zone.offsetMinutes).toBe(offsetMinutesIn(zone.timezone, new Date(zone.at)));
  });

  it('leaves Today to the app, with its answers preloaded, when there is no plan yet', async () => {
    const res = await t.as(w.cookies.otherPatient)({ method: 'GET', url: '/app' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<div id="app">');
    expect(res.body).toContain('Loading your day');
    expect(boot(res.body).today).toBeUndefined();
    expect(res.body).toContain(
      '<link rel="preload" href="/api/me/today" as="fetch" crossorigin="anonymous">',
    );
    expect(res.body).toContain('<link rel="preload" href="/api/me/plan" as="fetch" crossorigin="anonymous">');
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

  it("never draws the day's tasks over a warning sign from today's check-in: the app shows that first", async () => {
    const as = t.as(w.cookies.owner);
    const checkin = await as({
      method: 'POST',
      url: '/api/me/checkins',
      payload: {
        clientId: 'shell-warning-1',
        painNow: 5,
        stiffness: 4,
        sleep: 'poor',
        warningSigns: ['newBladderOrBowelProblem'],
      },
    });
    expect(checkin.statusCode).toBe(201);
    const res = await as({ method: 'GET', url: '/app' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<div id="app">');
    expect(res.body).not.toContain('Start stretching');
    expect(res.body).toContain('Loading your day');
    expect(boot(res.body).today).toBeUndefined();
  });
});
