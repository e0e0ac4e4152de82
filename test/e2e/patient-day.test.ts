import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  PHONE,
  expectText,
  expectVisible,
  logIn,
  signUpWithPlan,
  useBrowser,
  waitForOfflineExercises,
} from '../helpers/browser';

/**
 * The patient's day on a phone: Today, the guided session player (timers run
 * 20 times faster with localStorage['hb:fast'] = '1'), resume after a reload,
 * the morning check-in, the activity log, and offline use with a sync that
 * stores every write exactly once.
 */

const LONG = 60_000;

describe("the patient's day in a real browser", () => {
  const e = useBrowser();

  /** A fresh patient who has taken the self-check (made through the API), logged in through the UI. */
  async function patient(
    name: string,
  ): Promise<{ page: Page; context: BrowserContext; id: string; cookie: string }> {
    const { email, password, user, cookie } = await signUpWithPlan(e, `${name} Tester`);
    const { page, context } = await e.newPage(PHONE);
    await logIn(page, email, password);
    await expectText(page.getByRole('heading', { level: 1 }), `Hello, ${name}`);
    await page.evaluate(() => localStorage.setItem('hb:fast', '1'));
    return { page, context, id: user.id, cookie };
  }

  const get = async <T>(cookie: string, url: string): Promise<T> => {
    const res = await e.ctx.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return res.json<T>();
  };
  const stretchCard = (page: Page) =>
    page.locator('section', { has: page.getByRole('heading', { name: 'Daily stretch routine' }) });

  /** Answers the two end-of-session questions and saves. */
  async function finishSession(page: Page, pain: number, effort: number) {
    await page.getByRole('heading', { name: 'Nicely done' }).waitFor({ timeout: LONG });
    await e.expectAccessible(page, 'player (end)');
    await e.screenshot(page, 'patient-player-end-phone');
    // Pain during is required.
    await page.getByRole('button', { name: 'Save and finish' }).click();
    await expectVisible(page.getByText('Choose how much pain you felt during the session'));
    await page.locator(`#opt-painDuring-${pain}`).check();
    await page.locator(`#opt-effort-${effort}`).check();
    // Form ("could you keep good form?") is asked for each exercise that was done, not skipped or stopped.
    const form = page.locator('#fld-control fieldset');
    const asked = await form.count();
    if (asked > 0) {
      await page.getByRole('button', { name: 'Save and finish' }).click();
      await expectVisible(page.getByText('Tell us for each exercise whether you could keep good form'));
      if (asked > 1) await page.getByRole('button', { name: /^Yes, steady for all/ }).click();
      await form.first().getByLabel('Mostly').check();
      await e.screenshot(page, 'patient-player-form-question-phone');
    }
    await page.getByRole('button', { name: 'Save and finish' }).click();
    await page.getByRole('heading', { name: 'Session done' }).waitFor();
  }

  it('runs the daily stretch routine with holds on both sides, then a strength session with reps', async () => {
    const { page, context, cookie, id } = await patient('Rosa');
    await expectVisible(page.getByRole('link', { name: 'Check in (1 min)' }));
    await expectVisible(stretchCard(page).getByText(/About \d+ minutes? · 4 exercises/));
    await expectText(page.getByTestId('streak'), '0');
    await e.screenshot(page, 'patient-today-phone');
    // What a phone shows without scrolling.
    await page.screenshot({ path: '.test-artifacts/screenshots/patient-today-top-phone.png' });
    await e.expectAccessible(page, 'Today');

    await stretchCard(page).getByRole('link', { name: 'Start' }).click();
    await page.waitForURL('**/app/session/stretch');
    await expectText(page.locator('.pt-kicker'), 'exercise 1 of 4');
    await expectVisible(page.locator('.pt-figure img'));
    await e.screenshot(page, 'patient-player-ready-phone');
    await page.getByRole('button', { name: 'Start', exact: true }).click();

    // A hold on the left side, then the right.
    await expectText(page.locator('.pt-setline'), 'left side');
    await page.getByRole('button', { name: 'Too easy' }).click();
    await expectText(page.locator('.pt-note'), 'Noted: too easy');
    await page.getByRole('button', { name: 'Pause' }).click();
    await expectText(page.locator('.pt-phase'), 'Paused');
    await e.screenshot(page, 'patient-player-hold-phone');
    await page.screenshot({ path: '.test-artifacts/screenshots/patient-player-hold-top-phone.png' });
    await e.expectAccessible(page, 'player (mid-exercise)');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectText(page.locator('.pt-setline'), 'right side', 20_000);
    await expectText(page.locator('.pt-kicker'), 'exercise 2 of 4', 20_000);

    await finishSession(page, 2, 4);
    await e.screenshot(page, 'patient-player-summary-phone');
    await expectVisible(page.getByText('Too easy'));
    await expectVisible(page.getByText('mostly steady form'));
    await page.getByRole('link', { name: 'Back to Today' }).click();
    await page.waitForURL(/\/app$/);
    await expectText(stretchCard(page), 'Done today');
    await expectText(page.getByTestId('streak'), '1');

    const session = (await get<{ today: { stretch: { done: boolean } } }>(cookie, '/api/me/today')).today
      .stretch;
    expect(session.done).toBe(true);
    // The form answers reach the server with each exercise, for the plan's step-up rule.
    const stored = await e.ctx.repos.patientDay.sessionsBetween(id, '2000-01-01', '2999-12-31');
    const controls = stored.flatMap((s) =>
      (JSON.parse(s.items) as { control?: string }[]).map((i) => i.control),
    );
    expect(controls[0]).toBe('ok');
    expect(controls.slice(1).every((c) => c === 'good')).toBe(true);

    // Strength, with reps: the player counts them.
    await page.goto('/app/session/strength');
    await expectText(page.locator('.pt-kicker'), 'exercise 1 of 7');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Bird dog');
    await page.getByRole('button', { name: 'Start now' }).click();
    await expectText(page.locator('.pt-ring-inner'), 'of 8');
    await page.getByRole('button', { name: 'Pause' }).click();
    await e.screenshot(page, 'patient-player-reps-phone');
    await page.getByRole('button', { name: 'This hurts' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Stop this exercise' }));
    await e.screenshot(page, 'patient-player-hurts-phone');
    await page.getByRole('button', { name: 'Move on to the next exercise' }).click();
    for (let i = 0; i < 4; i++) {
      await page.getByRole('button', { name: 'Skip' }).click();
    }
    await finishSession(page, 3, 6);
    const strength = await e.ctx.app.inject({ method: 'GET', url: '/api/me/today', headers: { cookie } });
    expect(strength.json().today.strength.done).toBe(true);
    await context.close();
  });

  it('resumes a session at the same exercise after a reload', async () => {
    const { page, context, cookie } = await patient('Sam');
    await stretchCard(page).getByRole('link', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expectText(page.locator('.pt-kicker'), 'exercise 2 of 4', 30_000);
    await page.getByRole('button', { name: 'Pause' }).click();
    const name = await page.getByRole('heading', { level: 1 }).textContent();
    await page.reload();
    await expectText(page.locator('.pt-kicker'), 'exercise 2 of 4');
    await expectText(page.getByRole('heading', { level: 1 }), name ?? '');
    await expectVisible(page.getByRole('button', { name: 'Resume', exact: true }));
    // The server knows about it too: Today offers to resume it.
    const today = await get<{ today: { stretch: { inProgressClientId: string | null } } }>(
      cookie,
      '/api/me/today',
    );
    expect(today.today.stretch.inProgressClientId).not.toBeNull();
    await page.goto('/app');
    await expectVisible(stretchCard(page).getByRole('link', { name: 'Resume' }));
    await stretchCard(page).getByRole('link', { name: 'Resume' }).click();
    await expectText(page.locator('.pt-kicker'), 'exercise 2 of 4');
    await context.close();
  });

  it('shows the emergency advice first, and alone, after a check-in with a warning sign', async () => {
    const { page, context } = await patient('Ana');
    await page.getByRole('link', { name: 'Check in (1 min)' }).click();
    await page.waitForURL('**/app/checkin');
    await page.getByRole('heading', { level: 1, name: 'Morning check-in' }).waitFor();
    await e.expectAccessible(page, 'check-in');
    await e.screenshot(page, 'patient-checkin-phone');
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    await expectVisible(page.getByText('Choose your pain right now'));
    await page.locator('#opt-painNow-3').check();
    await page.getByLabel('New numbness or tingling between your legs or around your bottom').check();
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    await expectText(page.getByRole('heading', { level: 2 }).first(), 'Please get medical help now');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('checkin-result-title');
    expect(await page.getByRole('link', { name: 'Back to Today' }).count()).toBe(0);
    await e.screenshot(page, 'patient-checkin-emergency-phone');
    await e.expectAccessible(page, 'check-in result (emergency)');

    // Today now shows only that.
    await page.goto('/app');
    await expectText(page.locator('.sc-triage-title'), 'Please get medical help now');
    await expectVisible(page.getByText('Numbness in the saddle area'));
    expect(await page.getByRole('heading', { name: 'Daily stretch routine' }).count()).toBe(0);
    await e.screenshot(page, 'patient-today-emergency-phone');
    await context.close();
  });

  it('logs an activity and updates the week’s minutes', async () => {
    const { page, context, cookie } = await patient('Lee');
    await page.getByRole('link', { name: 'Log activity' }).click();
    await page.waitForURL('**/app/activity');
    await expectText(page.getByTestId('week-minutes'), /^0 of \d+ minutes/);
    await e.expectAccessible(page, 'activity');
    await page.getByLabel('Cycling').check();
    await page.getByLabel('Minutes').fill('25');
    await page.locator('#opt-effort-4').check();
    await page.getByRole('button', { name: 'Save activity' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Cycling' }), 'Cycling, 25 minutes: saved');
    await expectText(page.getByTestId('week-minutes'), /^25 of \d+ minutes/);
    await expectVisible(page.getByText('Cycling, 25 minutes'));
    await e.screenshot(page, 'patient-activity-phone');
    const list = await get<{ activities: { minutes: number; kind: string; effort: number }[] }>(
      cookie,
      '/api/me/activities?days=7',
    );
    expect(list.activities).toEqual([expect.objectContaining({ kind: 'cycling', minutes: 25, effort: 4 })]);
    await page.getByRole('link', { name: 'Back to Today' }).click();
    await expectText(page.getByTestId('today-week-minutes'), /^25 of \d+ min$/);

    // A long walk makes the week's minutes three digits: "of … min" stays on one line on a phone.
    const walk = await e.ctx.app.inject({
      method: 'POST',
      url: '/api/me/activities',
      headers: { cookie },
      payload: { clientId: globalThis.crypto.randomUUID(), kind: 'walking', minutes: 100, effort: 3 },
    });
    expect(walk.statusCode).toBe(201);
    await page.reload();
    await expectText(page.getByTestId('today-week-minutes'), /^125 of \d+ min$/);
    const unitLines = await page
      .getByTestId('today-week-minutes')
      .locator('.pt-stat-unit')
      .evaluate((el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size);
    expect(unitLines, '"of … min" on one line').toBe(1);
    await e.screenshot(page, 'patient-today-stats-phone');

    await page.goto('/app/breaks');
    await page.getByRole('heading', { level: 1, name: 'Movement breaks' }).waitFor();
    await expectVisible(page.locator('.pt-break img').first());
    await page
      .getByRole('button', { name: /^Done: / })
      .first()
      .click();
    await expectText(page.locator('.pt-note'), 'counted');
    await e.screenshot(page, 'patient-breaks-phone');
    await e.expectAccessible(page, 'movement breaks');
    await context.close();
  });

  it('works offline and syncs every write exactly once when back online', async () => {
    const { page, context, cookie, id } = await patient('Noor');
    // Online first: Today warms the device's copies of the plan and the exercises.
    expect(await waitForOfflineExercises(page)).toBeGreaterThanOrEqual(10);

    await context.setOffline(true);
    await stretchCard(page).getByRole('link', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await finishSession(page, 1, 3);
    await expectVisible(page.getByText('Saved on this device'));
    await expectText(page.locator('.pt-sync'), 'Offline — your changes will sync (1 change waiting)');
    await page.getByRole('link', { name: 'Back to Today' }).click();
    await expectText(stretchCard(page), 'Done today');
    await expectText(page.getByTestId('streak'), '1');
    await page.getByRole('link', { name: 'Log activity' }).click();
    await page.getByLabel('Minutes').fill('20');
    await page.getByRole('button', { name: 'Save activity' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Walking' }), 'saved on this device');
    await expectText(page.locator('.pt-sync'), '(2 changes waiting)');
    await expectVisible(page.getByText('waiting to sync'));
    await e.screenshot(page, 'patient-offline-phone');

    // Nothing reached the server yet.
    const before = await get<{ activities: unknown[] }>(cookie, '/api/me/activities?days=7');
    expect(before.activities).toHaveLength(0);
    const queue = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.endsWith(':queue'));
      return key ? { key, value: localStorage.getItem(key) ?? '[]' } : null;
    });
    expect(queue && (JSON.parse(queue.value) as unknown[]).length).toBe(2);

    await context.setOffline(false);
    await page.waitForFunction(() => !document.querySelector('.pt-sync-line'), undefined, {
      timeout: 15_000,
    });

    const check = async () => {
      const acts = await get<{ activities: { minutes: number }[] }>(cookie, '/api/me/activities?days=7');
      expect(acts.activities.map((a) => a.minutes)).toEqual([20]);
      const sessions = await e.ctx.repos.patientDay.sessionsBetween(id, '2000-01-01', '2999-12-31');
      expect(sessions.map((s) => [s.kind, s.status, s.pain_during])).toEqual([['stretch', 'completed', 1]]);
    };
    await check();

    // Sync the very same writes a second time: the client ids make it change nothing.
    await page.evaluate((q) => {
      if (!q) return;
      localStorage.setItem(q.key, q.value);
      window.dispatchEvent(new Event('online'));
    }, queue);
    await page.waitForFunction(() => {
      const key = Object.keys(localStorage).find((k) => k.endsWith(':queue'));
      return !key || localStorage.getItem(key) === '[]';
    });
    await check();
    await page.reload();
    await expectText(page.getByTestId('week-minutes'), /^20 of \d+ minutes/);
    await context.close();
  });
});
