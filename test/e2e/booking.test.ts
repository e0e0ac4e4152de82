import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectText, expectVisible, useBrowser } from '../helpers/browser';

describe('the front door in a real browser: resources, booking, manage link, inbox', () => {
  const e = useBrowser();

  it('lets a visitor read the home page, download a guide, book, and reschedule from the emailed link', async () => {
    const { page, context } = await e.newPage(PHONE);
    await page.goto('/');
    await expectVisible(page.getByRole('heading', { name: 'Why hip and lower back pain go together' }));
    await e.screenshot(page, 'front-home-phone');
    await e.expectAccessible(page, 'home (phone)');

    await page.getByRole('link', { name: 'All free resources' }).click();
    await page.waitForURL('**/resources');
    await e.screenshot(page, 'front-resources-phone');
    await e.expectAccessible(page, 'resources (phone)');
    const guideLink = page.getByRole('link', { name: /Download PDF: Daily stretch routine/ });
    const href = (await guideLink.getAttribute('href')) ?? '';
    expect(href).toBe('/guides/daily-stretch-routine.pdf');
    const pdf = await page.request.get(href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toContain('daily-stretch-routine.pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await page.goto('/privacy');
    await e.expectAccessible(page, 'privacy (phone)');

    await page.goto('/book');
    await expectVisible(page.getByRole('heading', { name: 'Book a free consultation' }));
    await expectVisible(page.getByText('Times are in'));
    await e.expectAccessible(page, 'booking: choose a time (phone)');
    await e.screenshot(page, 'book-times-phone');
    const firstTime = page.locator('.bk-time').first();
    const when = (await firstTime.getAttribute('aria-label')) ?? '';
    await firstTime.click();
    await expectVisible(page.getByRole('heading', { name: '3. Your details' }));
    await page.getByLabel('Your name').fill('Rosa Visitor');
    await page.getByRole('textbox', { name: 'Email' }).fill('rosa.visitor@example.test');
    await page.getByLabel('What would you like help with?').fill('Hip and back ache after long drives.');
    await page.getByRole('radio', { name: 'Phone call', exact: true }).check();
    // Forgetting the consent box: the form says what to do.
    await page.getByRole('button', { name: 'Book my free consultation' }).click();
    await expectText(page.locator('#form-error'), 'tick the box');
    await e.screenshot(page, 'book-details-phone');
    await e.expectAccessible(page, 'booking: details with an error (phone)');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Book my free consultation' }).click();
    await expectVisible(page.getByRole('heading', { name: 'You are booked in' }));
    await expectText(page.locator('.bk-confirm'), 'rosa.visitor@example.test');
    await e.screenshot(page, 'book-confirmed-phone');
    await e.expectAccessible(page, 'booking: confirmed (phone)');

    // The confirmation email, read on the development mail page.
    await e.ctx.services.mail.processDue();
    await page.goto('/dev/mail');
    await expectVisible(page.getByRole('heading', { name: /Booked: Free discovery visit in clinic/ }));
    await e.screenshot(page, 'book-mail-phone');
    await page
      .getByRole('link', { name: /\/consultation\/manage\?token=/ })
      .first()
      .click();
    await page.waitForURL('**/consultation/manage?token=*');
    await expectVisible(page.getByRole('heading', { name: 'Your upcoming consultation' }));
    expect(when).toContain(',');
    await e.screenshot(page, 'manage-phone');
    await e.expectAccessible(page, 'manage (phone)');

    // Cancelling asks first; keep it.
    await page.getByRole('button', { name: 'Cancel this consultation' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Cancel this consultation?' }));
    await e.screenshot(page, 'manage-cancel-confirm-phone');
    await page.getByRole('button', { name: 'No, keep it' }).click();

    await page.getByRole('button', { name: 'Choose another time' }).click();
    await expectVisible(page.getByText('Times are in'));
    await page.locator('.bk-time').nth(2).click();
    await page.getByRole('button', { name: /^Move to / }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Moved' }), 'Moved');
    await e.screenshot(page, 'manage-rescheduled-phone');
    await e.expectAccessible(page, 'manage: rescheduled (phone)');
    await context.close();
  });

  it('shows the booking in the demo therapist’s inbox, with availability to edit', async () => {
    const { page, context } = await e.newPage(PHONE);
    await page.goto('/login');
    await page.getByLabel('Email').fill('pt@demo.hipback.test');
    await page.getByLabel('Password').fill('hipback-demo');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/app');
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.waitForURL('**/app/inbox');
    await expectVisible(page.getByRole('heading', { name: 'Rosa Visitor' }));
    await expectVisible(page.getByRole('heading', { name: 'Dana Whitfield' }));
    await e.screenshot(page, 'inbox-phone');
    await e.expectAccessible(page, 'inbox (phone)');

    const rosa = page.locator('article', { has: page.getByRole('heading', { name: 'Rosa Visitor' }) });
    await rosa.getByLabel('Notes').fill('Called, left a message.');
    await rosa.getByLabel('Status').selectOption('contacted');
    await rosa.getByRole('button', { name: 'Save' }).click();
    await expectText(
      page.locator('article', { has: page.getByRole('heading', { name: 'Rosa Visitor' }) }),
      'Contacted',
    );
    await page.getByRole('button', { name: 'Contacted' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Rosa Visitor' }));
    expect(await page.getByRole('heading', { name: 'Dana Whitfield' }).count()).toBe(0);

    await page.goto('/app/availability');
    await expectVisible(page.getByRole('heading', { name: 'Consultation availability' }));
    await e.screenshot(page, 'availability-phone');
    await e.expectAccessible(page, 'availability (phone)');
    await context.close();

    const desk = await e.newPage(DESKTOP);
    await desk.page.goto('/login');
    await desk.page.getByLabel('Email').fill('admin@demo.hipback.test');
    await desk.page.getByLabel('Password').fill('hipback-demo');
    await desk.page.getByRole('button', { name: 'Log in' }).click();
    await desk.page.waitForURL('**/app');
    await desk.page.goto('/app/inbox');
    await expectVisible(desk.page.getByRole('heading', { name: 'Rosa Visitor' }));
    await e.screenshot(desk.page, 'inbox-admin-desktop');
    await e.expectAccessible(desk.page, 'inbox (admin, desktop)');
    await desk.context.close();
  });
});
