import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { zonedTimeToUtc } from '../../src/core/booking/slots';
import { localDate } from '../../src/services/selfcheck';
import {
  DESKTOP,
  PHONE,
  expectText,
  expectVisible,
  logIn,
  signUpWithPlan,
  useBrowser,
} from '../helpers/browser';

/**
 * Reminders on a phone: the settings page keeps what the patient saves, the
 * calendar link answers a real calendar, and a reminder the scheduler made
 * shows at the top of Today and can be dismissed.
 */
describe('reminders in a real browser', () => {
  const e = useBrowser();

  it('lets a patient set their reminders, keeps them, gives a calendar link and shows a reminder on Today', async () => {
    const { email, password, user } = await signUpWithPlan(e, 'Rae Minder');

    const { page, context } = await e.newPage(PHONE);
    await logIn(page, email, password);

    // From Today to the settings page.
    await page.getByRole('link', { name: 'Reminder settings' }).click();
    await page.waitForURL('**/app/reminders');
    await expectText(page.getByRole('heading', { level: 1 }), 'Reminders');
    await expectText(page.locator('.rm-state'), 'Reminders are on.');

    // Change kinds, a time, channels, the cap and quiet hours; save.
    await page.getByLabel('Strength session', { exact: true }).uncheck();
    await page.getByLabel('Movement breaks', { exact: true }).uncheck();
    await page.getByLabel('Morning check-in: time').fill('07:45');
    // The Monday summary: on by default, at a time of their choosing.
    expect(await page.getByLabel('Weekly summary', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Weekly summary: time').fill('08:15');
    await page.getByLabel('Email', { exact: true }).check();
    await page.getByLabel('At most this many reminders a day').fill('6');
    await page.locator('#rm-quiet-start').fill('22:15');
    await page.locator('#rm-quiet-end').fill('06:30');
    // Their own movement-break hours instead of the plan's.
    await page.getByLabel('My own hours').check();
    await page.locator('#rm-break-start').fill('08:30');
    await page.getByLabel('Every').selectOption('60');
    await page.getByLabel('Sat').check();
    await e.screenshot(page, 'reminders-settings-phone');
    await page.getByRole('button', { name: 'Save reminder settings' }).click();
    await expectText(page.locator('.alert-ok'), 'Saved');

    // Keyboard: a snooze from the keyboard alone.
    await page.getByRole('button', { name: 'Snooze 30 min' }).focus();
    await page.keyboard.press('Enter');
    await expectText(page.locator('.rm-state'), 'Snoozed until');
    await page.getByRole('button', { name: 'Resume now' }).click();
    await expectText(page.locator('.rm-state'), 'Reminders are on.');

    // A reload shows what was saved.
    await page.reload();
    await expectText(page.getByRole('heading', { level: 1 }), 'Reminders');
    await expectVisible(page.getByLabel('Strength session', { exact: true }));
    expect(await page.getByLabel('Strength session', { exact: true }).isChecked()).toBe(false);
    expect(await page.getByLabel('Movement breaks', { exact: true }).isChecked()).toBe(false);
    expect(await page.getByLabel('Daily stretch routine', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Email', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Morning check-in: time').inputValue()).toBe('07:45');
    expect(await page.getByLabel('Weekly summary: time').inputValue()).toBe('08:15');
    expect(await page.getByLabel('At most this many reminders a day').inputValue()).toBe('6');
    expect(await page.locator('#rm-quiet-start').inputValue()).toBe('22:15');
    expect(await page.locator('#rm-quiet-end').inputValue()).toBe('06:30');
    expect(await page.getByLabel('My own hours').isChecked()).toBe(true);
    expect(await page.locator('#rm-break-start').inputValue()).toBe('08:30');
    expect(await page.getByLabel('Every').inputValue()).toBe('60');
    expect(await page.getByLabel('Sat').isChecked()).toBe(true);
    expect(await page.getByLabel('Sun').isChecked()).toBe(false);
    await e.expectAccessible(page, 'reminder settings');

    // The calendar link answers a calendar with the planned sessions.
    const calUrl = await page.getByLabel(/Calendar link/).inputValue();
    expect(calUrl).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const res = await fetch(calUrl);
    expect(res.status).toBe(200);
    const cal = new ICAL.Component(ICAL.parse(await res.text()) as unknown[]);
    const titles = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).summary);
    expect(titles).toContain('Daily stretch routine');

    // Making a new link asks first; the old link then stops working.
    await page.getByRole('button', { name: 'Make a new link' }).click();
    await expectVisible(page.getByText('The current link will stop working at once'));
    await e.screenshot(page, 'reminders-calendar-confirm-phone');
    await page.getByRole('button', { name: 'Yes, make a new link' }).click();
    await expectText(page.getByRole('status').last(), 'New link made');
    expect(await page.getByLabel(/Calendar link/).inputValue()).not.toBe(calUrl);
    expect((await fetch(calUrl)).status).toBe(404);

    // The scheduler makes the morning check-in reminder (its time today, in the patient's zone) …
    const today = localDate(new Date(), user.timezone);
    const made = await e.ctx.services.reminders.runForPatient(
      user.id,
      zonedTimeToUtc(today, '07:50', user.timezone)!,
    );
    expect(made).toBe(1);
    // … and it shows at the top of Today.
    await page.goto('/app');
    const reminder = page.locator('.rm-reminder');
    await expectText(reminder, 'Morning check-in');
    await expectVisible(reminder.getByRole('link', { name: 'Check in' }));
    await e.expectAccessible(page, 'Today with a reminder');
    await e.screenshot(page, 'reminders-today-inbox-phone');
    await reminder.getByRole('button', { name: 'Dismiss reminder: Morning check-in' }).click();
    await page.locator('.rm-reminder').waitFor({ state: 'detached' });
    await page.reload();
    await expectVisible(page.getByRole('link', { name: 'Reminder settings' }));
    expect(await page.locator('.rm-reminder').count()).toBe(0);
    await context.close();

    // The settings page at desktop width, for the screenshot.
    const desk = await e.newPage(DESKTOP);
    await logIn(desk.page, email, password);
    await desk.page.goto('/app/reminders');
    await expectText(desk.page.getByRole('heading', { level: 1 }), 'Reminders');
    await expectVisible(desk.page.getByRole('button', { name: 'Save reminder settings' }));
    await e.screenshot(desk.page, 'reminders-settings-desktop');
    await desk.context.close();
  });
});
