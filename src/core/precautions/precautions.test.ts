import { describe, expect, it } from 'vitest';
import { activePrecautions, conflicts, forbiddenTagReasons, forbiddenTags, isForbidden } from './precautions';

const TODAY = '2026-03-02';

describe('activePrecautions', () => {
  it('assumes the usual posterior restrictions, and says so, when the surgeon gave none', () => {
    const [a] = activePrecautions([{ kind: 'hipReplacement', side: 'left', approach: 'posterior' }], TODAY);
    expect(a?.rulesAssumed).toBe(true);
    expect(a?.rules.every((r) => r.assumed)).toBe(true);
    expect(a?.notes.join(' ')).toMatch(/did not tell us your surgeon's restrictions/);
  });

  it('applies only the surgeon’s restrictions when they are given, not marked assumed', () => {
    const [a] = activePrecautions(
      [
        {
          kind: 'hipReplacement',
          side: 'right',
          approach: 'posterior',
          restrictions: ['hipInternalRotation'],
          until: '2026-05-01',
        },
      ],
      TODAY,
    );
    expect(a?.rulesAssumed).toBe(false);
    expect(a?.rules.map((r) => [r.tag, r.assumed])).toEqual([['hipInternalRotation', false]]);
    expect(a?.untilAssumed).toBe(false);
    expect(a?.notes).toEqual([]);
  });

  it('treats an empty restriction list like none given (assumes the usual ones)', () => {
    const [a] = activePrecautions(
      [{ kind: 'hipReplacement', side: 'left', approach: 'anterior', restrictions: [] }],
      TODAY,
    );
    expect(a?.rulesAssumed).toBe(true);
    expect(forbiddenTags(a ? [a] : [])).toEqual(new Set(['hipExtensionWithExternalRotation']));
  });

  it('applies hip precautions for 6 weeks from today when no end date is given, marked assumed', () => {
    const [a] = activePrecautions([{ kind: 'hipReplacement', side: 'left', approach: 'posterior' }], TODAY);
    expect(a?.until).toBe('2026-04-13');
    expect(a?.untilAssumed).toBe(true);
    expect(a?.notes.join(' ')).toMatch(/6 weeks, until 2026-04-13/);
  });

  it('keeps a precaution on its last day and drops it the day after', () => {
    const p = { kind: 'recentSurgery', until: '2026-03-02' } as const;
    expect(activePrecautions([p], '2026-03-02')).toHaveLength(1);
    expect(activePrecautions([p], '2026-03-03')).toHaveLength(0);
  });

  it('never ends pregnancy, osteoporosis or vertebral-fracture precautions by date', () => {
    const active = activePrecautions(
      [{ kind: 'pregnancy', trimester: 1 }, { kind: 'osteoporosis' }, { kind: 'vertebralFracture' }],
      '2099-01-01',
    );
    expect(active.map((a) => a.until)).toEqual([null, null, null]);
  });

  it('allows lying on the back in the first trimester and forbids it from the second', () => {
    const t1 = forbiddenTags(activePrecautions([{ kind: 'pregnancy', trimester: 1 }], TODAY));
    const t2 = forbiddenTags(activePrecautions([{ kind: 'pregnancy', trimester: 2 }], TODAY));
    expect(t1.has('lyingOnBack')).toBe(false);
    expect(t2.has('lyingOnBack')).toBe(true);
  });
});

describe('forbiddenTagReasons', () => {
  it('names every precaution that forbids a tag', () => {
    const active = activePrecautions([{ kind: 'osteoporosis' }, { kind: 'pregnancy', trimester: 3 }], TODAY);
    const reasons = forbiddenTagReasons(active);
    expect(reasons.get('fallRisk')?.map((r) => r.precaution)).toEqual(['osteoporosis', 'pregnancy']);
    expect(reasons.get('lyingOnBack')?.[0]?.reason).toMatch(/first three months/);
    // A caution is not a forbidden tag.
    expect(reasons.has('externalLoad')).toBe(false);
  });
});

describe('conflicts', () => {
  const active = activePrecautions(
    [{ kind: 'hipReplacement', side: 'left', approach: 'posterior' }, { kind: 'osteoporosis' }],
    TODAY,
  );

  it('returns nothing for an exercise without conflicting tags', () => {
    expect(conflicts({ precautions: ['kneeling'] }, active)).toEqual([]);
  });

  it('lists every conflicting tag with the precaution and the reason, forbidden first', () => {
    const found = conflicts({ precautions: ['externalLoad', 'hipFlexionOver90'] }, active);
    expect(found.map((c) => [c.tag, c.severity, c.precaution])).toEqual([
      ['hipFlexionOver90', 'forbidden', 'hipReplacement'],
      ['externalLoad', 'caution', 'osteoporosis'],
    ]);
    expect(found[0]?.reason).toMatch(/bending the hip further than a right angle/);
    expect(found[0]?.label).toBe('Left hip replacement (posterior approach)');
  });

  it('does not forbid an exercise that only meets a caution', () => {
    expect(isForbidden({ precautions: ['externalLoad'] }, active)).toBe(false);
    expect(isForbidden({ precautions: ['spinalFlexionEndRange'] }, active)).toBe(true);
  });
});
