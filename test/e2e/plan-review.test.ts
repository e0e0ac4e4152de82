import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/library';
import { addDays } from '../../src/core/dates';
import type { Plan } from '../../src/core/plan/types';
import { evaluateProgression, planStateFromPlan } from '../../src/core/progression';
import { applyState } from '../../src/services/progression';
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
import { intakeAnswers } from '../helpers/fixtures';

describe('the PT reviews automatic changes; the admin tunes thresholds', () => {
  const e = useBrowser();

  it('the PT undoes an automatic change after confirming, and the patient reads why', async () => {
    // A patient of the demo clinic with a plan…
    const { email, password, user } = await signUpWithPlan(
      e,
      'Robin Tester',
      intakeAnswers({ age: 50, painStartedWeeksAgo: 4 }),
    );
    const id = user.id;

    // …and an automatic change made by the engine itself: two comfortable strength sessions with
    // steady form over the last days, the mornings after settled.
    const library = loadLibrary();
    const row = (await e.ctx.repos.patientDay.latestPlan(id))!;
    const plan = JSON.parse(row.plan) as Plan;
    const today = localDate(new Date(), 'America/Denver');
    const start = addDays(today, -4);
    const state = planStateFromPlan(plan, start);
    const strength = state.items.filter((i) => i.pillar === 'strength').map((i) => i.exercise);
    const sessions = [start, addDays(start, 2)].flatMap((date) =>
      strength.map((exercise) => ({
        date,
        exercise,
        completed: true,
        painDuring: 2,
        feedback: 'right' as const,
        control: 'good' as const,
        symptomsSpread: false,
      })),
    );
    const checkIns = [0, 1, 2, 3, 4].map((n) => ({ date: addDays(start, n), painNow: 3, warningSigns: [] }));
    const result = evaluateProgression(
      {
        plan: state,
        sessions,
        checkIns,
        activities: [],
        precautions: [],
        baselinePain: plan.baseline.painNow,
        startDate: start,
      },
      library,
      today,
    );
    expect(result.changes.length).toBeGreaterThanOrEqual(2);
    await e.ctx.repos.patientDay.addPlanVersion({
      id: crypto.randomUUID(),
      clinic_id: row.clinic_id,
      patient_id: id,
      plan: JSON.stringify(applyState(plan, result.plan, library)),
      source: 'progression',
      reason: result.changes[0]!.reason,
      created_by: null,
      created_at: new Date().toISOString(),
      state: JSON.stringify(result.plan),
      changes: JSON.stringify(result.changes),
    });
    const undone = result.changes[0]!;
    const fromName = library.bySlug.get(undone.from.exercise!)!.name;

    const pt = await e.newPage(DESKTOP);
    await logIn(pt.page, 'pt@demo.hipback.test');
    await pt.page.goto(`/app/patients/${id}`);
    const history = pt.page.locator('section', {
      has: pt.page.getByRole('heading', { name: 'Plan history' }),
    });
    await expectText(history, `${result.changes.length} automatic changes not reviewed yet`);
    await expectVisible(history.getByText('Not reviewed').first());
    await e.screenshot(pt.page, 'plan-review-history-desktop');
    await e.expectAccessible(pt.page, 'patient page with plan review');

    // Approve the second change.
    await history
      .getByRole('button', { name: /^Approve: / })
      .nth(1)
      .click();
    await expectText(history.getByRole('status'), 'Change approved.');
    await expectVisible(history.getByText('Approved by Demo Therapist'));

    // Undo the first: it asks first.
    await history
      .getByRole('button', { name: /^Undo: / })
      .first()
      .click();
    const confirm = history.getByRole('group', { name: 'Undo this change?' });
    await expectVisible(confirm);
    await expectText(confirm, fromName);
    expect(await pt.page.evaluate(() => document.activeElement?.textContent)).toBe('Undo this change?');
    await confirm
      .getByLabel('Note to the patient (optional)')
      .fill('We keep this one until your visit on Friday.');
    await e.screenshot(pt.page, 'plan-review-undo-confirm-desktop');
    await e.expectAccessible(pt.page, 'undo confirmation');
    await confirm.getByRole('button', { name: 'Yes, undo it' }).click();
    await expectText(history.getByRole('status'), `Undone. The patient is back on ${fromName}`);
    await expectVisible(history.getByText('Undone by Demo Therapist'));
    await expectVisible(history.getByText(/^Your therapist kept your /));
    await e.screenshot(pt.page, 'plan-review-undone-desktop');
    const audit = (await e.ctx.repos.audit.list(row.clinic_id, 30)).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['plan.change.approve', 'plan.change.undo']));

    // The patient reads it on Today and in their plan's history.
    const patient = await e.newPage(PHONE);
    await logIn(patient.page, email, password);
    const changed = patient.page.locator('section', {
      has: patient.page.getByRole('heading', { name: 'Your plan changed' }),
    });
    await expectText(changed, `Your therapist kept your ${fromName.toLowerCase()}`);
    await expectText(changed, 'We keep this one until your visit on Friday.');
    // The other automatic changes of that day are still told; the undone one only as kept.
    await expectText(changed, 'moved up to');
    expect(await changed.getByText(`Your ${fromName.toLowerCase()} moved up`).count()).toBe(0);
    await e.screenshot(patient.page, 'plan-review-patient-today-phone');
    await patient.page.goto('/app/plan');
    const told = patient.page.locator('section', {
      has: patient.page.getByRole('heading', { name: 'How your plan has changed' }),
    });
    await expectText(told, 'By your physical therapist');
    await expectText(told, 'instead of the automatic change');
    await told.screenshot({ path: '.test-artifacts/screenshots/plan-review-patient-history-phone.png' });
    await e.expectAccessible(patient.page, 'patient plan history');
    await patient.context.close();
    await pt.context.close();
  });

  it('the admin changes a threshold, and a value outside the range is refused with a clear message', async () => {
    const admin = await e.newPage(DESKTOP);
    await logIn(admin.page, 'admin@demo.hipback.test');
    await admin.page.getByRole('link', { name: 'Plan thresholds' }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'Adaptive plan thresholds' }).waitFor();
    await expectText(admin.page.locator('main'), 'All values are the defaults.');
    await e.expectAccessible(admin.page, 'thresholds page');

    const pain = admin.page.getByLabel('Highest acceptable pain during exercise');
    await pain.fill('7');
    await admin.page.getByRole('button', { name: 'Save thresholds' }).click();
    await expectText(
      admin.page.getByRole('alert'),
      'Highest acceptable pain during exercise: 7 is outside the allowed range, from 3 to 5 points out of 10.',
    );
    expect(await admin.page.evaluate(() => document.activeElement?.id)).toBe('th-painDuringMax');
    await e.screenshot(admin.page, 'thresholds-refused-desktop');
    await e.expectAccessible(admin.page, 'thresholds page with an error');

    await pain.fill('4');
    await admin.page.getByLabel('Comfortable sessions before a step up').fill('3');
    await admin.page.getByRole('button', { name: 'Save thresholds' }).click();
    await expectText(admin.page.getByRole('status').filter({ hasText: 'Saved' }), 'Saved.');
    await expectText(admin.page.locator('main'), '2 values changed from the defaults');
    const stored = await e.ctx.app.inject({
      method: 'GET',
      url: '/api/clinic/progression-thresholds',
      headers: {
        cookie: `hb_session=${(await admin.context.cookies()).find((c) => c.name === 'hb_session')?.value}`,
      },
    });
    const values = stored.json<{ thresholds: { key: string; value: number }[] }>().thresholds;
    expect(values.find((t) => t.key === 'painDuringMax')?.value).toBe(4);
    expect(values.find((t) => t.key === 'greenSessionsToProgress')?.value).toBe(3);
    await e.screenshot(admin.page, 'thresholds-saved-desktop');

    await admin.page.getByRole('button', { name: 'Reset to defaults' }).click();
    await expectText(admin.page.locator('main'), 'All values are the defaults.');

    // A clinician reads them and cannot change them.
    const pt = await e.newPage(PHONE);
    await logIn(pt.page, 'pt@demo.hipback.test');
    await pt.page.goto('/app/thresholds');
    await expectText(pt.page.locator('main'), 'Only a clinic admin can change them.');
    expect(await pt.page.getByRole('button', { name: 'Save thresholds' }).count()).toBe(0);
    await e.screenshot(pt.page, 'thresholds-clinician-phone');
    await e.expectAccessible(pt.page, 'thresholds page (clinician, phone)');
    await pt.context.close();
    await admin.context.close();
  });
});
