import { describe, expect, it } from 'vitest';
import { parseSelfCheck } from './parse';
import { selfCheckInputSchema } from './schema';

const VALID = {
  age: 47,
  painAreas: [
    'lowBack',
    'hipLeft',
    'hipRight',
    'buttockLeft',
    'buttockRight',
    'groin',
    'legLeft',
    'legRight',
  ],
  painStartedWeeksAgo: 3,
  pain: { now: 5, worstLastWeek: 7 },
  warningSigns: [],
  precautions: [
    {
      kind: 'hipReplacement',
      side: 'left',
      approach: 'posterior',
      restrictions: ['hipFlexionOver90'],
      until: '2027-02-01',
    },
    { kind: 'pregnancy', trimester: 2 },
    { kind: 'osteoporosis' },
    { kind: 'recentSurgery', until: '2027-01-15' },
  ],
  activityMinutesLastWeek: 40,
  activities: [{ name: 'putting on socks', score: 4 }],
};

function withField(path: string, value: unknown): Record<string, unknown> {
  const body = structuredClone(VALID) as Record<string, unknown>;
  const keys = path.split('.');
  let target = body;
  for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
  target[keys[keys.length - 1] as string] = value;
  return body;
}

describe('parseSelfCheck', () => {
  it('accepts the documented example', () => {
    const r = parseSelfCheck(VALID);
    expect(r.ok).toBe(true);
  });

  it('accepts the optional extras', () => {
    const r = parseSelfCheck({
      ...VALID,
      movementBreakHours: { start: '08:30', end: '16:00' },
      preferredActivity: 'swimming',
      trend: 'same',
      hadSimilarPainBefore: false,
      inflammatory: {
        onsetBeforeAge40: true,
        insidiousOnset: false,
        improvesWithExercise: true,
        noImprovementWithRest: false,
        nightPainImprovesOnGettingUp: false,
      },
    });
    expect(r.ok).toBe(true);
  });

  it('fills in an empty activity list when it is left out', () => {
    const { activities: _ignored, ...rest } = VALID;
    const r = parseSelfCheck(rest);
    expect(r.ok && r.value.activities).toEqual([]);
  });

  it.each([
    ['age', 15, 'age', 'age must be a whole number from 16 to 110'],
    ['age', 47.5, 'age', 'age must be a whole number from 16 to 110'],
    ['age', '47', 'age', 'age must be a whole number from 16 to 110'],
    ['pain.now', 11, 'pain.now', 'pain.now must be a whole number from 0 to 10'],
    [
      'pain.worstLastWeek',
      -1,
      'pain.worstLastWeek',
      'pain.worstLastWeek must be a whole number from 0 to 10',
    ],
    [
      'painStartedWeeksAgo',
      -2,
      'painStartedWeeksAgo',
      'painStartedWeeksAgo must be a whole number from 0 to 2600',
    ],
    [
      'activityMinutesLastWeek',
      99999,
      'activityMinutesLastWeek',
      'activityMinutesLastWeek must be a whole number',
    ],
    ['warningSigns', ['backache'], 'warningSigns[0]', 'warningSigns[0] is not a known warning sign'],
    ['warningSigns', undefined, 'warningSigns', 'warningSigns is required'],
    ['precautions', undefined, 'precautions', 'precautions is required'],
    ['painAreas', [], 'painAreas', 'painAreas must name at least one place'],
    ['painAreas', ['knee'], 'painAreas[0]', 'painAreas[0] must be one of: lowBack'],
    [
      'painAreas',
      ['lowBack', 'groin', 'lowBack'],
      'painAreas[2]',
      'painAreas[2] lists the pain area "lowBack" more than once',
    ],
    ['pain.now', 8, 'pain.now', 'pain.now (8) cannot be higher than pain.worstLastWeek (7)'],
    [
      'precautions',
      [{ kind: 'hipReplacement', side: 'left', approach: 'posterior', until: '2027-02-30' }],
      'precautions[0].until',
      'precautions[0].until must be a real date',
    ],
    [
      'precautions',
      [{ kind: 'hipReplacement', side: 'left', approach: 'posterior', until: 'soon' }],
      'precautions[0].until',
      'written as YYYY-MM-DD',
    ],
    [
      'precautions',
      [{ kind: 'hipReplacement', side: 'middle', approach: 'posterior' }],
      'precautions[0].side',
      'precautions[0].side must be one of: left, right',
    ],
    [
      'precautions',
      [{ kind: 'hipReplacement', side: 'left', approach: 'posterior', restrictions: ['noJumping'] }],
      'precautions[0].restrictions[0]',
      'must be one of: hipFlexionOver90',
    ],
    [
      'precautions',
      [{ kind: 'pregnancy', trimester: 4 }],
      'precautions[0].trimester',
      'precautions[0].trimester must be 1, 2 or 3',
    ],
    [
      'precautions',
      [
        { kind: 'pregnancy', trimester: 1 },
        { kind: 'pregnancy', trimester: 2 },
      ],
      'precautions[1]',
      'precautions[1] lists pregnancy a second time',
    ],
    [
      'precautions',
      [
        { kind: 'hipReplacement', side: 'left', approach: 'posterior' },
        { kind: 'hipReplacement', side: 'left', approach: 'anterior' },
      ],
      'precautions[1]',
      'second left hip replacement',
    ],
    [
      'precautions',
      [{ kind: 'knee' }],
      'precautions[0].kind',
      'precautions[0].kind must be one of: hipReplacement',
    ],
    [
      'activities',
      [
        { name: 'stairs', score: 3 },
        { name: ' Stairs ', score: 5 },
      ],
      'activities[1]',
      'lists the activity "stairs" more than once',
    ],
    ['activities', [{ name: '   ', score: 3 }], 'activities[0].name', 'activities[0].name must not be empty'],
    [
      'activities',
      Array.from({ length: 6 }, (_, i) => ({ name: `a${i}`, score: 1 })),
      'activities',
      'activities must list at most 5',
    ],
  ])('refuses %s = %j, naming %s', (field, value, path, message) => {
    const r = parseSelfCheck(withField(field, value));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation_failed');
    expect(r.error.path).toBe(path);
    expect(r.error.message).toContain(message);
  });

  it('refuses an unknown field so a typo cannot silently drop an answer', () => {
    const r = parseSelfCheck({ ...VALID, warning_signs: ['saddleNumbness'] });
    expect(r.ok === false && r.error).toMatchObject({
      path: 'warning_signs',
      message: 'warning_signs is not a field the self-check accepts',
    });
  });

  it('refuses break hours that end before they start', () => {
    const r = parseSelfCheck({ ...VALID, movementBreakHours: { start: '17:00', end: '09:00' } });
    expect(r.ok === false && r.error.path).toBe('movementBreakHours.end');
  });

  it('refuses a body that is not an object', () => {
    const r = parseSelfCheck('hello');
    expect(r.ok === false && r.error).toEqual({
      code: 'validation_failed',
      path: '',
      message: 'The request body must be a JSON object with the self-check answers',
    });
  });

  it('carries the contradiction checks on the exported schema itself', () => {
    expect(selfCheckInputSchema.safeParse(withField('pain.now', 9)).success).toBe(false);
  });
});
