import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectText, expectVisible, logIn, useBrowser } from '../helpers/browser';

describe('progress in a real browser', () => {
  const e = useBrowser();

  it('shows the demo patient’s three weeks in charts with sentences, and takes a new activity rating', async () => {
    const { page, context } = await e.newPage(PHONE);
    await logIn(page, 'patient@demo.hipback.test');
    await page.getByRole('link', { name: 'My progress' }).click();
    await page.waitForURL('**/app/progress');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'How you are doing' }));

    // Each chart has its sentence in the figure caption, and a text alternative.
    const pain = page.getByRole('figure', { name: /Morning pain/ });
    await expectText(
      pain.locator('figcaption'),
      /Your morning pain has gone from 6 to [2-4] over three weeks/,
    );
    await expectVisible(page.getByRole('img', { name: /Morning pain, 0 to 10/ }));
    const activity = page.getByRole('figure', { name: /Minutes of activity per week/ });
    await expectText(activity.locator('figcaption'), /Last full week you moved for \d+ minutes/);
    await expectText(
      page.getByRole('figure', { name: /Share of planned sessions/ }).locator('figcaption'),
      /Since you started you have done \d+ of \d+ planned stretch routines/,
    );
    await pain.getByText('Show the numbers').click();
    expect(await pain.getByRole('row').count()).toBeGreaterThan(15);

    // Milestones as badges, and last week's summary with a sentence per part.
    const badges = page.getByRole('region', { name: 'Milestones' }).getByRole('listitem');
    await expectText(page.getByRole('region', { name: 'Milestones' }), '7-day stretch streak');
    expect(await badges.count()).toBe(4);
    await page.getByText(/See all \d+ milestones/).click();
    expect(await badges.count()).toBeGreaterThanOrEqual(5);
    const summary = page.getByRole('region', { name: /^Last week/ });
    await expectText(summary.getByTestId('summary-sessions'), /You did \d+ of \d+ stretch routines/);
    await expectText(summary.getByTestId('summary-activity'), /You moved for \d+/);
    await expectText(summary.getByTestId('summary-pain'), /Your morning pain averaged/);
    await expectText(summary.getByTestId('summary-breaks'), /movement breaks/);

    // The plan history explains its changes.
    await expectText(page.getByRole('region', { name: 'How your plan has changed' }), 'because');

    await e.screenshot(page, 'progress-phone');
    await e.expectAccessible(page, 'progress page (phone)');

    // Rate an everyday activity: it moves from 4 at the start to the new number.
    const socks = page.getByRole('group', { name: 'Putting on socks' });
    await expectText(socks, 'Last time: 7 out of 10');
    await socks.getByRole('radio', { name: '9', exact: true }).check();
    await page.getByRole('button', { name: 'Save my ratings' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Saved' }), 'Saved your rating');
    const row = page.locator('.pg-fn').filter({ hasText: 'Putting on socks' });
    await expectText(row, '4 → 9');
    await expectText(page.getByRole('group', { name: 'Putting on socks' }), 'Last time: 9 out of 10');
    await e.screenshot(page, 'progress-rated-phone');
    await context.close();

    const desk = await e.newPage(DESKTOP);
    await logIn(desk.page, 'patient@demo.hipback.test');
    await desk.page.goto('/app/progress');
    await expectVisible(desk.page.getByRole('figure', { name: /Morning pain/ }));
    await e.screenshot(desk.page, 'progress-desktop');
    await e.expectAccessible(desk.page, 'progress page (desktop)');
    await desk.context.close();
  });

  it('gives a patient with no history an empty state and lets them name a first activity', async () => {
    const { page, context } = await e.newPage(PHONE);
    await logIn(page, 'new@demo.hipback.test');
    await page.goto('/app/progress');
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Your progress starts here' }));
    await expectText(
      page.locator('main'),
      'Each morning check-in, session and walk you log adds to these charts',
    );
    expect(await page.getByRole('region', { name: 'Stretch streak' }).count()).toBe(0);
    expect(await page.getByRole('figure').count()).toBe(0);
    await e.screenshot(page, 'progress-empty-phone');
    await e.expectAccessible(page, 'progress page, new patient');

    await page.getByLabel('An everyday activity your pain makes hard').fill('Getting out of the car');
    await page
      .getByRole('group', { name: 'Getting out of the car' })
      .getByRole('radio', { name: '3', exact: true })
      .check();
    await page.getByRole('button', { name: 'Save my ratings' }).click();
    await expectText(page.locator('.pg-fn').first(), 'Getting out of the car');
    await context.close();
  });
});
