import fs from 'node:fs';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectText, expectVisible, signUpWithPlan, useBrowser } from '../helpers/browser';
import { intakeAnswers } from '../helpers/fixtures';

/**
 * What makes the patient's screens fast on a phone, checked over real HTTP against the built bundle
 * (scripts/build-web.mjs runs before the end-to-end tests): the first screen is in the HTML, the
 * area's code and first answers are preloaded, and the bundle is sent compressed and cacheable.
 */
describe('fast first screens', () => {
  const e = useBrowser();
  const manifest = () =>
    JSON.parse(fs.readFileSync('public/build/manifest.json', 'utf8')) as {
      js: string;
      jsImports: string[];
      css: string;
      areas: Record<string, string[]>;
    };

  async function patientWithPlan(): Promise<string> {
    const answers = intakeAnswers({
      age: 40,
      painAreas: ['lowBack'],
      painStartedWeeksAgo: 4,
      pain: { now: 3, worstLastWeek: 5 },
      activityMinutesLastWeek: 60,
    });
    return (await signUpWithPlan(e, 'Lena Quick', answers)).cookie;
  }

  const links = (html: string, rel: string) =>
    [...html.matchAll(new RegExp(`<link rel="${rel}" href="([^"]+)"`, 'g'))].map((m) => m[1]);

  it('puts the whole of Today in the HTML and preloads the patient app', async () => {
    const cookie = await patientWithPlan();
    const res = await fetch(`${e.baseUrl}/app`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1 tabindex="-1">Hello, Lena</h1>');
    expect(html).toContain('Start stretching');
    expect(html).not.toContain('Loading your day…');
    const m = manifest();
    expect(html).toContain(`<script type="module" src="${m.js}"></script>`);
    expect(new Set(links(html, 'modulepreload'))).toEqual(new Set([...m.jsImports, ...m.areas.PatientApp!]));
    // Its answers are in the page: nothing to ask for before the day shows.
    expect(links(html, 'preload')).toEqual([]);
    // Every file the page names is there.
    for (const href of [m.js, m.css, ...links(html, 'modulepreload')]) {
      expect((await fetch(e.baseUrl + href!)).status, href).toBe(200);
    }
  });

  it("takes over the server's Today as it is, without drawing it again, and it works", async () => {
    const cookie = await patientWithPlan();
    const [name, value] = cookie.split('=');
    const { page, context } = await e.newPage(PHONE);
    await context.addCookies([{ name: name!, value: value!, url: e.baseUrl }]);
    // From before the page's first byte, note every task card the page ever removes.
    await page.addInitScript(() => {
      const w = window as unknown as { removedCards: number };
      w.removedCards = 0;
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.removedNodes)
            if (n instanceof Element && (n.matches('.pt-task') || n.querySelector('.pt-task')))
              w.removedCards++;
      }).observe(document, { childList: true, subtree: true });
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto('/app');
    const breaks = page.getByTestId('breaks-done');
    await expectText(breaks, /^0 /);
    const card = await page.locator('.pt-task').first().elementHandle();
    // The app is running (its sync line and reminder inbox answer) and the cards are the server's own.
    await page.waitForFunction(() => document.querySelector('.rm-settings-link, .rm-inbox') !== null);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { removedCards: number }).removedCards)).toBe(0);
    expect(await card?.evaluate((el) => el.isConnected)).toBe(true);
    // Today's answers came with the page; the app did not ask for them again.
    expect(requests).not.toContain('/api/me/today');
    // The app's event handlers are on the server's buttons.
    await page.getByRole('button', { name: 'I did a break' }).click();
    await expectText(page.locator('.pt-note'), 'Break counted');
    await expectText(breaks, /^1 /);
    // Moving to another screen and back asks the server again (the page's answers are used once).
    await page.getByRole('link', { name: 'Log activity' }).click();
    await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
    requests.length = 0;
    await page.goBack();
    await expectText(breaks, /^1 /);
    expect(requests).toContain('/api/me/today');
    await context.close();
  });

  it("preloads the session's exercises and the first one's start position in the player's HTML", async () => {
    const cookie = await patientWithPlan();
    const plan = (await (await fetch(`${e.baseUrl}/api/me/plan`, { headers: { cookie } })).json()) as {
      plan: { plan: { items: { pillar: string; exercise: string | null }[] } };
    };
    const slugs = plan.plan.plan.items
      .filter((i) => i.pillar === 'stretch' && i.exercise)
      .map((i) => i.exercise);
    expect(slugs.length).toBeGreaterThan(0);
    const html = await (await fetch(`${e.baseUrl}/app/session/stretch`, { headers: { cookie } })).text();
    expect(html).toContain('<h1 tabindex="-1">Daily stretch routine</h1>');
    for (const slug of slugs) expect(html).toContain(`href="/api/exercises/${slug}" as="fetch"`);
    expect(html).toContain(`href="/api/exercises/${slugs[0]}/illustration.svg?frame=start" as="image"`);
  });

  it('sends the bundle brotli- or gzip-compressed, and lets browsers keep hashed files for a year', async () => {
    const m = manifest();
    for (const href of [m.js, m.css]) {
      const raw = fs.readFileSync(`public${href}`);
      const br = await fetch(e.baseUrl + href, { headers: { 'accept-encoding': 'br' } });
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
      // fetch() decodes what it announced: the same bytes as the file.
      expect(Buffer.from(await br.arrayBuffer()).equals(raw)).toBe(true);
      const gz = await fetch(e.baseUrl + href, { headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      expect(Buffer.from(await gz.arrayBuffer()).equals(raw)).toBe(true);
      expect(Number(br.headers.get('content-length'))).toBeLessThan(raw.length / 2);
    }
    // Names without a hash are not cached for long.
    const manifestRes = await fetch(`${e.baseUrl}/build/manifest.json`);
    expect(manifestRes.headers.get('cache-control')).toBe('no-cache');
    expect(
      zlib.gunzipSync(fs.readFileSync(`public${m.js}.gz`)).equals(fs.readFileSync(`public${m.js}`)),
    ).toBe(true);
  });

  it('draws Today and the player without axe violations, on a phone and on a desktop', async () => {
    const cookie = await patientWithPlan();
    const [name, value] = cookie.split('=');
    for (const [width, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      const { page, context } = await e.newPage(viewport);
      await context.addCookies([{ name: name!, value: value!, url: e.baseUrl }]);
      await page.goto('/app');
      await expectVisible(page.getByRole('heading', { level: 2, name: 'Daily stretch routine' }));
      await expectText(page.getByTestId('today-week-minutes'), /^\d+ of \d+ min$/);
      await e.screenshot(page, `today-${width}`);
      await e.expectAccessible(page, `Today (${width})`);
      await page.goto('/app/session/stretch');
      await expectText(page.locator('.pt-kicker'), 'exercise 1 of');
      await expectVisible(page.locator('.pt-figure img'));
      await e.screenshot(page, `player-${width}`);
      await e.expectAccessible(page, `session player (${width})`);
      await context.close();
    }
  });
});
