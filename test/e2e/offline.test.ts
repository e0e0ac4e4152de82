import type { Page } from 'playwright-core';
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
import { intakeAnswers } from '../helpers/fixtures';

/**
 * The patient's app with no connection at all, page loads included: after one visit online, the
 * service worker serves Today and the session player when the page is reloaded offline; a session
 * done offline survives a reload in the middle and resumes where it stopped; when the connection
 * comes back the server stores that session exactly once.
 */

const LONG = 60_000;

describe('the patient app offline, across reloads', () => {
  const e = useBrowser();

  const stretchCard = (page: Page) =>
    page.locator('section', { has: page.getByRole('heading', { name: 'Daily stretch routine' }) });

  it('reloads Today and the player offline, resumes a session after a reload, and syncs it once', async () => {
    // A patient with a plan (made through the API), logged in through the UI on a phone.
    const { email, password, user, cookie } = await signUpWithPlan(
      e,
      'Ines Offline',
      intakeAnswers({
        age: 52,
        painAreas: ['lowBack'],
        painStartedWeeksAgo: 6,
        pain: { now: 3, worstLastWeek: 5 },
        activityMinutesLastWeek: 60,
      }),
    );
    const userId = user.id;
    const api = async <T>(url: string): Promise<T> => {
      const res = await e.ctx.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      return res.json<T>();
    };

    const { page, context } = await e.newPage(PHONE);
    await logIn(page, email, password);
    await expectVisible(stretchCard(page).getByRole('link', { name: 'Start' }));
    await page.evaluate(() => localStorage.setItem('hb:fast', '1'));

    // Online, once: the service worker installs (precaching the app) and takes control of the page, and
    // Today keeps copies of the plan and the exercises on the device.
    expect(await waitForOfflineExercises(page)).toBeGreaterThanOrEqual(4);

    await context.setOffline(true);
    // The device really has no connection: the server cannot be reached from the page.
    expect(
      await page.evaluate(() =>
        fetch('/api/health').then(
          () => 'reached',
          () => 'unreachable',
        ),
      ),
    ).toBe('unreachable');

    // Reload Today offline: it comes from the service worker and shows the day as saved on the device.
    await page.reload();
    await expectText(page.getByRole('heading', { level: 1 }), 'Hello, Ines');
    await expectVisible(page.getByText('Showing what was saved on this device'));
    await expectVisible(stretchCard(page).getByRole('link', { name: 'Start' }));
    await e.screenshot(page, 'offline-today-reloaded-phone');
    await e.expectAccessible(page, 'Today reloaded offline');

    // Open the player by its address (a full page load, offline), then start.
    await page.goto('/app/session/stretch');
    await expectText(page.locator('.pt-kicker'), 'exercise 1 of 4');
    await expectVisible(page.locator('.pt-figure img'));
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expectText(page.locator('.pt-kicker'), 'exercise 2 of 4', 30_000);
    await page.getByRole('button', { name: 'Pause' }).click();
    const second = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    expect(second).not.toBe('');

    // Reload in the middle of the session, still offline: it resumes at the same exercise.
    await page.reload();
    await expectText(page.locator('.pt-kicker'), 'exercise 2 of 4');
    await expectText(page.getByRole('heading', { level: 1 }), second);
    await expectText(page.locator('.pt-sync'), 'Offline');
    await e.screenshot(page, 'offline-player-resumed-phone');
    await e.expectAccessible(page, 'player reloaded offline');
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    // The rest of the session, offline (the timers run fast in tests).
    await page.getByRole('heading', { name: 'Nicely done' }).waitFor({ timeout: LONG });
    await page.locator('#opt-painDuring-2').check();
    await page.locator('#opt-effort-4').check();
    const form = page.locator('#fld-control fieldset');
    const asked = await form.count();
    if (asked > 0) {
      // The movement-control question, where the player asks it: "mostly" for every exercise.
      for (let i = 0; i < asked; i++) await form.nth(i).getByLabel('Mostly').check();
    }
    await page.getByRole('button', { name: 'Save and finish' }).click();
    await page.getByRole('heading', { name: 'Session done' }).waitFor();
    await expectVisible(page.getByText('Saved on this device'));
    await expectText(page.locator('.pt-sync'), '(1 change waiting)');

    // The finished session did not reach the server while offline. (Chromium's offline emulation can let
    // a request through around a page load, so an in-progress save may have; a real phone's would not.)
    const early = await e.ctx.repos.patientDay.sessionsBetween(userId, '2000-01-01', '2999-12-31');
    expect(early.filter((s) => s.status === 'completed')).toEqual([]);
    const clientId = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.endsWith(':queue'));
      const queue = JSON.parse((key && localStorage.getItem(key)) || '[]') as { key: string }[];
      return queue.length === 1 ? queue[0]!.key : null;
    });
    expect(clientId).not.toBeNull();

    // Back online: the queued session syncs, once.
    await context.setOffline(false);
    await page.waitForFunction(() => !document.querySelector('.pt-sync-line'), undefined, {
      timeout: 15_000,
    });
    const stored = await api<{ session: { clientId: string; status: string; painDuring: number | null } }>(
      `/api/me/sessions/${clientId}`,
    );
    expect([stored.session.status, stored.session.painDuring]).toEqual(['completed', 2]);
    const today = await api<{ today: { stretch: { done: boolean }; stretchStreak: number } }>(
      '/api/me/today',
    );
    expect([today.today.stretch.done, today.today.stretchStreak]).toEqual([true, 1]);
    const sessions = await e.ctx.repos.patientDay.sessionsBetween(userId, '2000-01-01', '2999-12-31');
    expect(sessions.map((s) => [s.client_id, s.kind, s.status])).toEqual([
      [clientId, 'stretch', 'completed'],
    ]);

    // Reloaded online, Today shows the session done, from the server.
    await page.goto('/app');
    await expectText(stretchCard(page), 'Done today');
    await expect.poll(() => page.getByText('Showing what was saved on this device').count()).toBe(0);
    await context.close();
  });
});
