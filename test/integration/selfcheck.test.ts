import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf, useTestApp } from '../helpers/app';
import { type World, buildWorld, expectOnlyAllowed } from '../helpers/access';
import { intakeAnswers } from '../helpers/fixtures';

const answers = intakeAnswers({ activities: [{ name: 'putting on socks', score: 4 }] });

describe('self-check API', () => {
  const t = useTestApp();
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(t);
  });

  it('gives a five-pillar starter plan when there are no warning signs', async () => {
    const res = await t.ctx.app.inject({ method: 'POST', url: '/api/self-check', payload: answers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.triage.level).toBe('selfCare');
    const pillars = new Set(body.plan.items.map((i: { pillar: string }) => i.pillar));
    expect([...pillars].sort()).toEqual(['activity', 'guidance', 'movementBreaks', 'strength', 'stretch']);
    for (const item of body.plan.items) expect(item.reason.length).toBeGreaterThan(10);
  });

  it('answers a warning sign with emergency advice and no plan', async () => {
    const res = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/self-check',
      payload: { ...answers, warningSigns: ['saddleNumbness'] },
    });
    expect(res.json().triage.level).toBe('emergency');
    expect(res.json().plan).toBeNull();
  });

  it('never prescribes an exercise that conflicts with a posterior hip replacement', async () => {
    const res = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/self-check',
      payload: {
        ...answers,
        precautions: [{ kind: 'hipReplacement', side: 'left', approach: 'posterior', until: '2099-01-01' }],
      },
    });
    const slugs = res
      .json()
      .plan.items.map((i: { exercise: string | null }) => i.exercise)
      .filter(Boolean);
    const lib = t.ctx.services.content.library;
    for (const slug of slugs) {
      expect(lib.bySlug.get(slug)?.precautions, slug).not.toContain('hipFlexionOver90');
    }
  });

  it.each([
    [{ ...answers, pain: { now: 11, worstLastWeek: 11 } }, 'pain.now'],
    [{ ...answers, pain: { now: 8, worstLastWeek: 3 } }, 'pain.now'],
    [{ ...answers, warningSigns: ['feelingSad'] }, 'warningSigns[0]'],
    [{ ...answers, age: 'forty' }, 'age'],
    [{ ...answers, precautions: [{ kind: 'recentSurgery', until: '2027-13-45' }] }, 'precautions[0].until'],
  ])('refuses bad answers with a 400 naming the field (%#)', async (payload, path) => {
    const res = await t.ctx.app.inject({ method: 'POST', url: '/api/self-check', payload });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'validation_failed', path });
    expect(errorOf(res).message.length).toBeGreaterThan(15);
  });

  it('saves a patient’s intake, and only the patient can save their own', async () => {
    await expectOnlyAllowed(t, w, { method: 'POST', url: '/api/me/intake', payload: answers }, [
      'owner',
      'otherPatient',
      'otherClinicPatient',
    ]);
    const mine = await t.as(w.cookies.owner)({ method: 'GET', url: '/api/me/intake' });
    expect(mine.json().intake.result.triage.level).toBe('selfCare');
    expect(mine.json().intake.answers.age).toBe(47);
  });

  it('keeps each patient’s intake to themselves', async () => {
    const fresh = await t.makeUser(w.clinicA, 'patient');
    const cookie = await t.login(fresh.email);
    const none = await t.as(cookie)({ method: 'GET', url: '/api/me/intake' });
    expect(none.json().intake).toBeNull();
    const res = await t.as(cookie)({
      method: 'POST',
      url: '/api/me/intake',
      payload: { ...answers, age: 61 },
    });
    expect(res.statusCode).toBe(201);
    const owner = await t.as(w.cookies.owner)({ method: 'GET', url: '/api/me/intake' });
    expect(owner.json().intake.answers.age).toBe(47);
  });
});
