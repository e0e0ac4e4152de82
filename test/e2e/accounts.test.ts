import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectText, expectVisible, useBrowser } from '../helpers/browser';

describe('accounts in a real browser', () => {
  const e = useBrowser();

  it('signs up, logs out and logs back in on a phone', async () => {
    const { page, context } = await e.newPage(PHONE);
    await page.goto('/');
    await e.screenshot(page, 'home-phone');
    await e.expectAccessible(page, 'home (phone)');
    await page.getByRole('link', { name: 'Start my program' }).click();
    await page.waitForURL('**/signup');
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await e.expectAccessible(page, 'sign-up (phone)');

    // A mistake first: the error is shown next to the field.
    await page.getByLabel('Your name').fill('Rosa Diaz');
    await page.getByLabel('Email').fill('rosa@example.test');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectText(page.getByRole('alert'), 'at least 10 characters');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await e.screenshot(page, 'signup-error-phone');

    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/app');
    await expectText(page.getByRole('heading', { level: 1 }), 'Hello, Rosa');
    await e.screenshot(page, 'patient-home-phone');
    await e.expectAccessible(page, 'patient home (phone)');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(e.baseUrl + '/');
    await page.goto('/app');
    await page.waitForURL('**/login?next=%2Fapp');

    await page.getByLabel('Email').fill('rosa@example.test');
    await page.getByLabel('Password').fill('wrong password here');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expectText(page.getByRole('alert'), 'do not match');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/app');
    await expectText(page.getByRole('heading', { level: 1 }), 'Hello, Rosa');
    await context.close();
  });

  it('lets the demo therapist invite a patient, who accepts from the emailed link', async () => {
    const pt = await e.newPage(DESKTOP);
    await pt.page.goto('/login');
    await e.screenshot(pt.page, 'login-desktop');
    await e.expectAccessible(pt.page, 'login (desktop)');
    await pt.page.getByLabel('Email').fill('pt@demo.hipback.test');
    await pt.page.getByLabel('Password').fill('hipback-demo');
    await pt.page.getByRole('button', { name: 'Log in' }).click();
    await pt.page.waitForURL('**/app');
    await expectVisible(pt.page.getByRole('heading', { name: 'Your patients' }));
    await expectVisible(pt.page.getByRole('cell', { name: 'Demo Patient' }));
    await pt.page.getByLabel('Name').fill('Sam Okafor');
    await pt.page.getByLabel('Email').fill('sam@example.test');
    await pt.page.getByRole('button', { name: 'Send invitation' }).click();
    await expectText(pt.page.getByRole('status'), 'Invitation sent to sam@example.test');
    await expectVisible(pt.page.getByRole('cell', { name: 'sam@example.test' }));
    await e.screenshot(pt.page, 'clinician-home-desktop');
    await e.expectAccessible(pt.page, 'clinician home (desktop)');

    // The invited person opens the dev mail page, as a developer would, and follows the link.
    const sam = await e.newPage(PHONE);
    await e.ctx.services.mail.processDue();
    await sam.page.goto('/dev/mail');
    await e.screenshot(sam.page, 'dev-mail-phone');
    const link = sam.page.getByRole('link', { name: /\/invite\?token=/ }).first();
    await link.click();
    await sam.page.waitForURL('**/invite?token=*');
    await expectVisible(sam.page.getByText('invited you to join'));
    expect(await sam.page.getByLabel('Your name').inputValue()).toBe('Sam Okafor');
    await e.expectAccessible(sam.page, 'invite acceptance (phone)');
    await e.screenshot(sam.page, 'invite-phone');
    await sam.page.getByLabel('Choose a password').fill('sams own password');
    await sam.page.getByRole('button', { name: 'Create my account' }).click();
    await sam.page.waitForURL('**/app');
    await expectText(sam.page.getByRole('heading', { level: 1 }), 'Hello, Sam');
    await expectVisible(sam.page.getByText('Your physical therapist is preparing'));

    await pt.page.reload();
    await expectText(pt.page.getByRole('row', { name: /Sam Okafor/ }), 'Active');
    await pt.context.close();
    await sam.context.close();
  });

  it('lets the demo admin see the team and invite a clinician', async () => {
    const { page, context } = await e.newPage(DESKTOP);
    await page.goto('/login');
    await page.getByLabel('Email').fill('admin@demo.hipback.test');
    await page.getByLabel('Password').fill('hipback-demo');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/app');
    await expectVisible(page.getByRole('cell', { name: 'Demo Therapist' }));
    await page.getByLabel('Email').fill('newpt@example.test');
    await page.getByLabel('Role').selectOption('clinician');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expectVisible(page.getByRole('cell', { name: 'newpt@example.test' }));
    await e.screenshot(page, 'admin-home-desktop');
    await e.expectAccessible(page, 'admin home (desktop)');
    await context.close();
  });

  it('resets a forgotten password from the emailed link', async () => {
    const { page, context } = await e.newPage(PHONE);
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill('patient@demo.hipback.test');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expectText(page.getByRole('status'), 'If an account uses this address');
    await e.ctx.services.mail.processDue();
    await page.goto('/dev/mail');
    await page
      .getByRole('link', { name: /\/reset\?token=/ })
      .first()
      .click();
    await page.getByLabel('New password').fill('a brand new password');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expectText(page.getByRole('status'), 'Your password has been changed');
    await e.screenshot(page, 'reset-done-phone');
    await page.getByRole('link', { name: 'Log in' }).last().click();
    await page.getByLabel('Email').fill('patient@demo.hipback.test');
    await page.getByLabel('Password').fill('a brand new password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/app');
    await context.close();
  });
});
