import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectText, expectVisible, useBrowser } from '../helpers/browser';

const PILLAR_HEADINGS = [
  'Strengthen core and hips',
  'Stretch',
  'Movement breaks',
  'Low-impact activity',
  'Professional guidance',
];

async function stepTitle(page: Page, n: number) {
  await expectText(page.locator('#sc-step-title'), `Step ${n} of 5`);
}

async function next(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
}

/** Picks a number on a 0-10 scale by its legend. */
async function pick(page: Page, legend: string, n: number) {
  await page.getByRole('group', { name: legend }).getByLabel(String(n), { exact: true }).check();
}

/** The id of the focused element once focus has settled on `expected` (or after 5 s, whatever has it). */
async function focusedId(page: Page, expected?: string): Promise<string | undefined> {
  if (expected) {
    await page
      .waitForFunction((id) => document.activeElement?.id === id, expected, { timeout: 5_000 })
      .catch(() => undefined);
  }
  return page.evaluate(() => document.activeElement?.id);
}

/** Steps 2 to 4 with ordinary answers; ends on the review step. */
async function answerTheRest(page: Page, pain: { now: number; worst: number }) {
  await stepTitle(page, 2);
  await page.getByLabel('How old are you?').fill('47');
  await page.getByLabel('Lower back').check();
  await page.getByLabel('Left hip').check();
  await page.getByLabel('How many weeks ago did this pain start?').fill('3');
  await pick(page, 'How bad is your pain right now?', pain.now);
  await pick(page, 'And at its worst in the last 7 days?', pain.worst);
  await next(page);
  await stepTitle(page, 3);
  await next(page);
  await stepTitle(page, 4);
  await page.getByLabel(/Last week, about how many minutes/).fill('40');
  await page.getByLabel('Activity 1').fill('Putting on socks');
  await pick(page, 'How well can you do activity 1 today?', 4);
  await next(page);
  await stepTitle(page, 5);
}

describe('the free self-check in a real browser', () => {
  const e = useBrowser();

  it('gives a visitor without warning signs a five-pillar plan, a PDF, and keeps it in a new account', async () => {
    const { page, context } = await e.newPage(PHONE);
    const started = Date.now();
    await page.goto('/check');
    await stepTitle(page, 1);
    await e.screenshot(page, 'selfcheck-1-signs-phone');
    await e.expectAccessible(page, 'self-check step 1');

    // Nothing ticked: the step asks for an answer, next to the list.
    await next(page);
    await expectText(page.locator('#err-signs'), 'None of these');
    await e.screenshot(page, 'selfcheck-1-error-phone');
    await e.expectAccessible(page, 'self-check step 1 with an error');

    await page.getByLabel('None of these').check();
    await next(page);
    await stepTitle(page, 2);
    expect(await focusedId(page, 'sc-step-title'), 'focus moves to the step heading').toBe('sc-step-title');
    await e.expectAccessible(page, 'self-check step 2 (empty)');

    // Back keeps the answers.
    await page.getByRole('button', { name: 'Back' }).click();
    await stepTitle(page, 1);
    expect(await page.getByLabel('None of these').isChecked()).toBe(true);
    await next(page);

    await stepTitle(page, 2);
    await page.getByLabel('How old are you?').fill('47');
    await page.getByLabel('Lower back').check();
    await page.getByLabel('Left hip').check();
    await page.getByLabel('How many weeks ago did this pain start?').fill('3');
    await pick(page, 'How bad is your pain right now?', 4);
    await pick(page, 'And at its worst in the last 7 days?', 6);
    await page
      .getByRole('group', { name: /Since it started/ })
      .getByLabel('Getting better')
      .check();
    await e.screenshot(page, 'selfcheck-2-pain-phone');
    await e.expectAccessible(page, 'self-check step 2');
    await next(page);

    await stepTitle(page, 3);
    await page.getByLabel('I have had a hip replacement').check();
    await expectVisible(page.getByRole('group', { name: 'How was the operation done?' }));
    await e.screenshot(page, 'selfcheck-3-precautions-open-phone');
    await e.expectAccessible(page, 'self-check step 3 (hip replacement open)');
    // Half an answer is caught before it goes anywhere.
    await next(page);
    await expectText(page.locator('#err-hipSide'), 'which hip');
    await page.getByLabel('I have had a hip replacement').uncheck();
    await e.screenshot(page, 'selfcheck-3-precautions-phone');
    await next(page);

    await stepTitle(page, 4);
    await page.getByLabel(/Last week, about how many minutes/).fill('40');
    await page
      .getByRole('group', { name: /Which would you most like to do/ })
      .getByLabel('Walking')
      .check();
    await page.getByLabel('Activity 1').fill('Putting on socks');
    await pick(page, 'How well can you do activity 1 today?', 4);
    await e.screenshot(page, 'selfcheck-4-activity-phone');
    await e.expectAccessible(page, 'self-check step 4');
    await next(page);

    await stepTitle(page, 5);
    await expectVisible(page.getByText('Putting on socks (4/10)'));
    await e.screenshot(page, 'selfcheck-5-review-phone');
    await e.expectAccessible(page, 'self-check review');
    await page.getByRole('button', { name: 'See my result' }).click();

    await expectText(page.getByRole('heading', { level: 1 }), 'Your starter plan');
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `self-check, first page to plan (automated, with checks and screenshots): ${seconds.toFixed(1)} s`,
    );
    expect(seconds).toBeLessThan(180);
    expect(await focusedId(page, 'sc-result-title'), 'focus moves to the result heading').toBe(
      'sc-result-title',
    );

    for (const heading of PILLAR_HEADINGS) {
      await expectVisible(page.getByRole('heading', { level: 2, name: heading, exact: true }));
    }
    const items = page.locator('.sc-plan .sc-item');
    const count = await items.count();
    expect(count).toBeGreaterThan(10);
    for (let i = 0; i < count; i++) {
      const why = items.nth(i).locator('.sc-why');
      expect(await why.textContent()).toMatch(/^Why this is in your plan.{20,}/);
    }
    expect(await page.locator('.sc-thumb img').count()).toBeGreaterThan(5);
    expect(await page.locator('main').getByText('not a diagnosis').count(), 'said once').toBe(1);
    const titles = await page.locator('.sc-plan .sc-item h3').allTextContents();
    await e.screenshot(page, 'selfcheck-result-selfcare-phone');
    await e.expectAccessible(page, 'self-check result (self-care)');
    await page.setViewportSize(DESKTOP);
    await e.screenshot(page, 'selfcheck-result-selfcare-desktop');
    await page.setViewportSize(PHONE);

    // The printable plan.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download your plan (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('hipback-plan.pdf');
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF');

    // Save it: the answers come along to the new account.
    await page.getByRole('link', { name: 'Save it: create a free account' }).click();
    await page.waitForURL('**/signup');
    await expectVisible(page.getByText('Your self-check answers will be saved to your new account.'));
    await page.getByLabel('Your name').fill('Maya Lindqvist');
    await page.getByLabel('Email').fill('maya@example.test');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/app');
    await expectText(page.getByRole('heading', { level: 1 }), 'Hello, Maya');
    // Today shows what is due today; the whole plan is one tap away.
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Daily stretch routine' }));
    expect(await page.locator('.sc-plan').count()).toBe(0);
    await page.getByRole('link', { name: 'My whole plan' }).click();
    await page.waitForURL('**/app/plan');
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Your plan', exact: true }));
    expect(await page.locator('.sc-plan .sc-item h3').allTextContents()).toEqual(titles);
    await e.screenshot(page, 'selfcheck-patient-plan-phone');
    await e.expectAccessible(page, 'patient plan page');

    // The patient's own PDF, from their record.
    const [mine] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my plan (PDF)' }).click(),
    ]);
    expect(
      fs
        .readFileSync(await mine.path())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('%PDF');
    await context.close();
  });

  it('tells a visitor with a sign of nerve compression to get care now, with no plan or exercises', async () => {
    const { page, context } = await e.newPage(PHONE);
    await page.goto('/check');
    await page.getByLabel('New numbness or tingling between your legs or around your bottom').check();
    await e.screenshot(page, 'selfcheck-1-sign-ticked-phone');
    await next(page);
    await expectText(page.getByRole('heading', { level: 1 }), 'Please get medical help now');
    expect(await focusedId(page, 'sc-result-title')).toBe('sc-result-title');
    await expectVisible(page.getByText('Call 911 or go to the nearest emergency department now.'));
    await expectVisible(page.getByRole('link', { name: 'Call 911' }));
    await expectVisible(page.getByText('Numbness in the saddle area'));
    expect(await page.locator('.sc-plan, .sc-item, .sc-thumb, .sc-offers').count()).toBe(0);
    expect(await page.locator('img[src*="/illustration.svg"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Download/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /create a free account/i }).count()).toBe(0);
    await e.screenshot(page, 'selfcheck-result-emergency-phone');
    await e.expectAccessible(page, 'self-check result (emergency)');
    await context.close();
  });

  it('asks for a doctor within days first, then gives a gentle plan, after a history of cancer', async () => {
    const { page, context } = await e.newPage(PHONE);
    await page.goto('/check');
    await page.getByLabel('You have had cancer at any time in the past').check();
    await next(page);
    await answerTheRest(page, { now: 3, worst: 5 });
    await page.getByRole('button', { name: 'See my result' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Please see a doctor in the next few days');
    await expectVisible(page.getByText('With a history of cancer'));
    const doctor = await page.locator('.sc-triage-soon').boundingBox();
    const plan = await page.locator('.sc-plan').boundingBox();
    expect(doctor && plan && doctor.y + doctor.height <= plan.y).toBe(true);
    await expectVisible(
      page.getByRole('heading', { level: 3, name: 'See your doctor within the next few days' }),
    );
    await e.screenshot(page, 'selfcheck-result-soon-phone');
    await e.expectAccessible(page, 'self-check result (soon)');
    await context.close();
  });

  it("shows the server's objection next to the field it is about", async () => {
    const { page, context } = await e.newPage(PHONE);
    await page.goto('/check');
    await page.getByLabel('None of these').check();
    await next(page);
    // Pain now higher than the worst of the week: only the server knows this is a contradiction.
    await answerTheRest(page, { now: 8, worst: 3 });
    await page.getByRole('button', { name: 'See my result' }).click();
    await stepTitle(page, 2);
    await expectText(page.locator('#err-painNow'), 'cannot be higher than your worst pain in the last week');
    const group = page.getByRole('group', { name: 'How bad is your pain right now?' });
    expect(await group.getAttribute('aria-describedby')).toContain('err-painNow');
    expect(await focusedId(page, 'opt-painNow-8')).toBe('opt-painNow-8');
    await e.screenshot(page, 'selfcheck-2-server-error-phone');
    await e.expectAccessible(page, 'self-check step 2 with a server error');

    // Fixing it gets through.
    await pick(page, 'And at its worst in the last 7 days?', 8);
    await next(page);
    await stepTitle(page, 3);
    await next(page);
    await next(page);
    await page.getByRole('button', { name: 'See my result' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Your starter plan');
    await context.close();
  });

  it('saves a logged-in patient’s self-check to their record and offers their plan', async () => {
    const { page, context } = await e.newPage(PHONE);
    await page.goto('/login');
    // The demo patient who has not started yet (patient@ has three weeks of history).
    await page.getByLabel('Email').fill('new@demo.hipback.test');
    await page.getByLabel('Password').fill('hipback-demo');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/app');
    await expectVisible(page.getByRole('link', { name: 'Take the self-check to build your plan' }));
    await e.screenshot(page, 'selfcheck-patient-home-empty-phone');
    await e.expectAccessible(page, 'patient home without a plan');
    await page.getByRole('link', { name: 'Take the self-check to build your plan' }).click();
    await page.waitForURL('**/check');
    await page.getByLabel('None of these').check();
    await next(page);
    await answerTheRest(page, { now: 2, worst: 4 });
    await page.getByRole('button', { name: 'See my result' }).click();
    await expectText(page.getByRole('status'), 'Saved to your account');
    await page.getByRole('link', { name: 'Go to my plan' }).click();
    await page.waitForURL('**/app/plan');
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Your plan', exact: true }));
    await context.close();
  });
});
