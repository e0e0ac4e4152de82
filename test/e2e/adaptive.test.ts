import { describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  DESKTOP,
  PHONE,
  expectText,
  expectVisible,
  logIn,
  useBrowser,
} from '../helpers/browser';
import { intakeAnswers } from '../helpers/fixtures';

const answers = intakeAnswers({ age: 44, activityMinutesLastWeek: 30 });

describe('the plan that adapts, seen by the patient and the PT', () => {
  const e = useBrowser();

  it('a warning sign at check-in reaches the PT’s flag queue and the patient’s Today', async () => {
    // The demo patient (a patient of the demo therapist) has taken the self-check.
    const login = await e.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'patient@demo.hipback.test', password: DEMO_PASSWORD },
    });
    const cookie = `hb_session=${login.cookies.find((c) => c.name === 'hb_session')?.value}`;
    const intake = await e.ctx.app.inject({
      method: 'POST',
      url: '/api/me/intake',
      headers: { cookie },
      payload: answers,
    });
    expect(intake.statusCode).toBe(201);

    const patient = await e.newPage(PHONE);
    await logIn(patient.page, 'patient@demo.hipback.test');
    await patient.page.goto('/app/checkin');
    await patient.page.getByRole('heading', { level: 1, name: 'Morning check-in' }).waitFor();
    await patient.page.locator('#opt-painNow-5').check();
    await patient.page.getByLabel('New numbness or tingling between your legs or around your bottom').check();
    await patient.page.getByRole('button', { name: 'Save my check-in' }).click();
    await expectText(patient.page.getByRole('heading', { level: 2 }).first(), 'Please get medical help now');
    await e.screenshot(patient.page, 'adaptive-checkin-emergency-phone');

    await e.ctx.services.progression.idle();
    const pt = await e.newPage(DESKTOP);
    await logIn(pt.page, 'pt@demo.hipback.test');
    const queue = pt.page.getByRole('region', { name: 'Needs attention' });
    await expectVisible(queue.getByText('Warning sign'));
    await expectText(queue, 'Demo Patient');
    await e.screenshot(pt.page, 'adaptive-flag-queue-desktop');
    await e.expectAccessible(pt.page, 'PT home with flag queue');

    await queue.getByRole('button', { name: 'Acknowledge' }).first().click();
    await expectText(queue, 'acknowledged');
    await queue.getByRole('button', { name: 'Resolve…' }).first().click();
    await queue
      .getByLabel('What was done?')
      .fill('Phoned the patient; seen in the emergency department and cleared.');
    await queue.getByRole('button', { name: 'Resolve flag' }).click();
    // Resolved flags leave the queue (other demo patients' flags may stay).
    const demoFlag = queue.getByRole('listitem').filter({ hasText: 'Demo Patient' });
    for (let i = 0; i < 50 && (await demoFlag.count()) > 0; i++) await pt.page.waitForTimeout(200);
    expect(await demoFlag.count()).toBe(0);
    await e.screenshot(pt.page, 'adaptive-flag-resolved-desktop');

    // The patient's Today leads with today's check-in advice.
    await patient.page.goto('/app');
    await expectText(patient.page.locator('main'), 'Please get medical help now');
    await e.screenshot(patient.page, 'adaptive-today-after-warning-phone');
    await patient.context.close();
    await pt.context.close();
  });
});
