import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectText, expectVisible, logIn, useBrowser } from '../helpers/browser';

describe('the PT portal in a real browser', () => {
  const e = useBrowser();

  it('lets the demo PT swap an exercise past a precaution with a reason, print the handout, and the patient sees it', async () => {
    const pt = await e.newPage(DESKTOP);
    const { page } = pt;
    await logIn(page, 'pt@demo.hipback.test');
    await expectVisible(page.getByRole('heading', { name: 'Your patients' }));
    await expectVisible(page.getByRole('link', { name: 'Maria Lopez' }));
    // Flags first: Priya's worsening pain is at the top.
    await expectText(page.locator('tbody tr').first(), 'Priya Shah');
    await e.screenshot(page, 'portal-list-desktop');
    await e.expectAccessible(page, 'patient list (desktop)');

    // The pager says how many match; the search runs on the server.
    await expectText(page.locator('.pp-pager-range').first(), /^1–\d+ of \d+$/);
    await page.getByLabel('Search patients').fill('maria');
    await expectText(page.locator('.pp-pager-range').first(), '1–1 of 1');
    expect(page.url()).toContain('q=maria');
    expect(await page.locator('tbody tr').count()).toBe(1);
    await expectText(page.locator('tbody'), 'Maria Lopez');
    await page.getByRole('link', { name: 'Maria Lopez' }).click();
    await page.waitForURL('**/app/patients/*');
    await expectVisible(page.getByRole('heading', { name: 'Maria Lopez', level: 1 }));
    await expectText(page.locator('.pp-precautions'), 'Left hip replacement (posterior approach)');
    await expectVisible(page.getByRole('img', { name: /Morning pain/ }));
    await e.screenshot(page, 'portal-patient-desktop');
    await e.expectAccessible(page, 'patient record (desktop)');

    await page.getByRole('link', { name: 'Edit plan' }).click();
    await page.waitForURL('**/plan');
    await expectVisible(page.getByRole('heading', { name: 'Plan for Maria Lopez' }));
    await e.expectAccessible(page, 'plan editor (desktop)');

    // Swap the first stretch for the knee-to-chest stretch, which bends the hip past 90°.
    const stretch = page
      .locator('li.pp-item', { has: page.locator('.pp-pillar', { hasText: /^Stretch$/ }) })
      .first();
    const swapped = (await stretch.locator('h3').textContent()) ?? '';
    await stretch.getByRole('button', { name: 'Swap' }).click();
    await page.getByLabel('Search the library').fill('knee to chest');
    await page.getByRole('button', { name: 'Swap in Knee to chest stretch' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Knee to chest stretch', level: 3 }));
    expect(await page.getByRole('heading', { name: swapped, level: 3 }).count()).toBe(0);
    await page.getByLabel('Reason for this change').fill('A gentler back stretch for the mornings');
    await page.getByRole('button', { name: 'Save plan' }).click();
    await expectText(page.getByRole('alert'), 'conflicts with Left hip replacement (posterior approach)');
    await e.screenshot(page, 'portal-editor-conflict-desktop');

    await page
      .getByLabel('Override reason for Knee to chest stretch')
      .fill('Surgeon allows flexion to 100° from week 5');
    await page.getByRole('button', { name: 'Save plan' }).click();
    await expectText(page.getByRole('status'), 'Saved as version 2');
    await expectText(page.locator('.pp-conflict'), 'Overridden by Demo Therapist');
    await e.screenshot(page, 'portal-editor-saved-desktop');
    await e.expectAccessible(page, 'plan editor after saving (desktop)');

    // The handout: a real PDF with the clinic's name and the new exercise.
    await page.getByRole('link', { name: 'Maria Lopez', exact: true }).click();
    await expectVisible(page.getByRole('link', { name: 'Download handout (PDF)' }));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download handout (PDF)' }).click(),
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-e2e-handout-'));
    const file = path.join(dir, 'handout.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('KinetikChain Denver');
    expect(text).toContain('Knee to chest stretch');
    fs.rmSync(dir, { recursive: true, force: true });
    await expectText(page.locator('section[aria-labelledby="hist-title"]'), 'A gentler back stretch');

    await pt.context.close();
  }, 240_000);

  it('shows Maria the plan her PT changed, and the portal works on a phone', async () => {
    // Maria logs in on her phone and sees the new plan.
    const maria = await e.newPage(PHONE);
    await logIn(maria.page, 'maria@demo.hipback.test');
    const mine = await maria.page.request.get('/api/me/plan');
    const { plan } = (await mine.json()) as {
      plan: { version: number; source: string; plan: { items: { exercise: string | null }[] } };
    };
    expect(plan).toMatchObject({ version: 2, source: 'clinician' });
    expect(plan.plan.items.map((i) => i.exercise)).toContain('knee-to-chest');
    // The swapped stretch comes first in her stretch routine.
    await maria.page.goto('/app/session/stretch');
    await expectText(maria.page.locator('main'), 'Knee to chest stretch');
    await e.screenshot(maria.page, 'portal-patient-sees-plan-phone');
    await maria.context.close();

    // The list on a phone.
    const phone = await e.newPage(PHONE);
    await logIn(phone.page, 'pt@demo.hipback.test');
    await expectVisible(phone.page.getByRole('link', { name: 'Maria Lopez' }));
    // Every filter and the sort order have room for their longest choice, none cut off by a narrow column.
    const cut = await phone.page.locator('.pp-filters select').evaluateAll((els) =>
      (els as HTMLSelectElement[])
        .filter((s) => {
          const style = getComputedStyle(s);
          const ctx = document.createElement('canvas').getContext('2d')!;
          ctx.font = style.font;
          const longest = Math.max(...[...s.options].map((o) => ctx.measureText(o.text).width));
          const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return longest > room;
        })
        .map((s) => s.id),
    );
    expect(cut, 'selects too narrow for their choices').toEqual([]);
    await e.screenshot(phone.page, 'portal-list-phone');
    await e.expectAccessible(phone.page, 'patient list (phone)');
    await phone.page.getByRole('link', { name: 'Maria Lopez' }).click();
    await expectVisible(phone.page.getByRole('heading', { name: 'Maria Lopez', level: 1 }));
    // The sessions table scrolls sideways on a phone rather than squeezing the exercise list into a
    // column one word wide (which made each row several screens tall).
    const rowHeights = await phone.page
      .locator('.pp-sessions tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    expect(rowHeights.length).toBeGreaterThan(0);
    expect(Math.max(...rowHeights), 'tallest session row (px)').toBeLessThan(80);
    await e.screenshot(phone.page, 'portal-patient-phone');
    await e.expectAccessible(phone.page, 'patient record (phone)');
    await phone.context.close();
  }, 240_000);

  it('gives the demo admin the settings, audit log and outcomes pages', async () => {
    const { page, context } = await e.newPage(DESKTOP);
    await logIn(page, 'admin@demo.hipback.test');
    await page.getByRole('link', { name: 'Clinic settings' }).click();
    await page.waitForURL('**/app/admin/settings');
    await expectVisible(page.getByRole('heading', { name: 'Clinic settings' }));
    await page.getByLabel('Main colour').fill('teal');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page.getByRole('alert'), '#rrggbb');
    await page.getByLabel('Main colour').fill('#0f6466');
    await page.getByLabel('Tagline').fill('Hip and lower back physical therapy');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectVisible(page.getByText('Saved. Patients see the new details'));
    await e.screenshot(page, 'portal-settings-desktop');
    await e.expectAccessible(page, 'clinic settings');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL('**/app/admin/audit');
    await expectText(page.locator('tbody'), 'Changed clinic settings');
    await e.screenshot(page, 'portal-audit-desktop');
    await e.expectAccessible(page, 'audit log');

    await page.getByRole('link', { name: 'Outcomes' }).click();
    await page.waitForURL('**/app/outcomes');
    await expectVisible(page.getByRole('heading', { name: 'Pain by six weeks' }));
    await e.screenshot(page, 'portal-outcomes-desktop');
    await e.expectAccessible(page, 'outcomes');

    await page.getByRole('link', { name: 'Patients' }).click();
    await page.waitForURL('**/app/patients');
    await expectVisible(page.getByRole('heading', { name: 'Clinic patients' }));
    // Filter by clinician and adherence band on the server; an empty result offers a way back.
    await page.getByLabel('Clinician').selectOption({ label: 'Demo Therapist' });
    await expectVisible(page.getByRole('link', { name: 'Maria Lopez' }));
    await expectText(page.locator('.pp-pager-range').first(), /^1–\d+ of \d+$/);
    await e.screenshot(page, 'portal-list-admin-desktop');
    await e.expectAccessible(page, 'clinic patients (admin)');
    await page.getByLabel('Search patients').fill('nobody-by-this-name');
    await expectVisible(page.getByRole('heading', { name: 'No patients match' }));
    await e.screenshot(page, 'portal-list-empty-desktop');
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expectVisible(page.getByRole('link', { name: 'Maria Lopez' }));
    expect(await page.getByLabel('Search patients').inputValue()).toBe('');

    // From the settings: consultation hours per clinician, the thresholds, and a deactivation that asks first.
    await page.goto('/app/admin/settings');
    await expectVisible(page.getByRole('link', { name: 'Alert and plan thresholds' }));
    await page.getByRole('button', { name: 'Deactivate Demo Therapist' }).click();
    await expectText(page.locator('.pp-confirm'), 'They are logged out at once');
    await expectVisible(page.getByRole('button', { name: 'Yes, deactivate' }));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expectVisible(page.getByRole('button', { name: 'Deactivate Demo Therapist' }));
    await page.getByRole('link', { name: 'Consultation hours', exact: true }).click();
    await page.waitForURL('**/app/availability');
    await expectVisible(page.getByRole('heading', { name: 'Consultation availability' }));
    await expectVisible(page.getByLabel('Clinician'));
    await context.close();

    // The admin pages on a phone.
    const phone = await e.newPage(PHONE);
    await logIn(phone.page, 'admin@demo.hipback.test');
    await phone.page.goto('/app/patients');
    await expectVisible(phone.page.getByRole('link', { name: 'Maria Lopez' }));
    await e.screenshot(phone.page, 'portal-list-admin-phone');
    await e.expectAccessible(phone.page, 'clinic patients (admin, phone)');
    await phone.page.goto('/app/admin/settings');
    await expectVisible(phone.page.getByRole('heading', { name: 'More clinic settings' }));
    await e.screenshot(phone.page, 'portal-settings-phone');
    await e.expectAccessible(phone.page, 'clinic settings (phone)');
    await phone.context.close();
  }, 240_000);
});
