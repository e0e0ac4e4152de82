import { describe, expect, it } from 'vitest';
import { selfCheckInputSchema } from '../../../core/selfcheck/schema';
import { build, checkStep, emptyDraft, humanize, locate, type Draft } from './draft';

const filled = (): Draft => ({
  ...emptyDraft(),
  noSigns: true,
  age: '47',
  painAreas: ['lowBack', 'hipLeft'],
  weeks: '14',
  painNow: 4,
  painWorst: 6,
  minutes: '40',
  hip: { on: true, side: 'both', approach: 'posterior', restrictions: [], until: '2027-01-31' },
  surgery: { on: true, until: '' },
  activities: [
    { name: '', score: null },
    { name: 'Putting on socks', score: 4 },
  ],
});

describe('the self-check draft', () => {
  it('becomes a request the server schema accepts', () => {
    const { body } = build(filled());
    expect(selfCheckInputSchema.safeParse(body).success).toBe(true);
    expect(body.precautions).toHaveLength(3);
    expect(body.activities).toEqual([{ name: 'Putting on socks', score: 4 }]);
    // Long-lasting low back pain: the inflammatory questions are asked and sent.
    expect(body.inflammatory).toBeDefined();
  });

  it('asks for what is missing on each step', () => {
    expect(Object.keys(checkStep(1, emptyDraft()))).toEqual(['signs']);
    expect(Object.keys(checkStep(2, emptyDraft()))).toEqual([
      'age',
      'painAreas',
      'weeks',
      'painNow',
      'painWorst',
    ]);
    expect(checkStep(2, filled())).toEqual({});
    const half = { ...filled(), activities: [{ name: 'Gardening', score: null }] };
    expect(Object.keys(checkStep(4, half))).toEqual(['activity0Score']);
  });

  it("points a server error's path at the right step and field", () => {
    const built = build(filled());
    expect(locate('pain.now', built)).toEqual({ step: 2, field: 'painNow' });
    expect(locate('precautions[1].until', built)).toEqual({ step: 3, field: 'hipUntil' });
    expect(locate('precautions[2].until', built)).toEqual({ step: 3, field: 'surgeryUntil' });
    // The second row on screen is the first activity sent.
    expect(locate('activities[0].name', built)).toEqual({ step: 4, field: 'activity1Name' });
    expect(locate(null, built)).toEqual({ step: 5, field: null });
  });

  it('says the server’s messages in plain words', () => {
    expect(
      humanize(
        '"pain.now": (8) cannot be higher than pain.worstLastWeek (3): the worst pain in the last week includes today',
        'pain.now',
      ),
    ).toBe(
      'Your pain right now (8) cannot be higher than your worst pain in the last week (3): the worst pain in the last week includes today.',
    );
    expect(humanize('"age": must be a whole number from 16 to 110', 'age')).toBe(
      'Your age must be a whole number from 16 to 110.',
    );
  });
});
