import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderExerciseSvg } from './illustration';
import { explainPoseTags, POSE_THRESHOLDS, requiredTagsForPose } from './pose';
import type { Exercise, LimbAngles, Pose } from './types';
import { EQUIPMENT, PILLARS } from './types';
import { xmlWellFormednessErrors } from './xml';

const limb = (o: Partial<LimbAngles> = {}): LimbAngles => ({
  hipFlexion: 0,
  hipAbduction: 0,
  hipRotation: 0,
  kneeFlexion: 0,
  shoulderFlexion: 0,
  elbowFlexion: 0,
  ...o,
});

const standing = (o: Partial<Pose> = {}, right: Partial<LimbAngles> = {}): Pose => ({
  view: 'side',
  base: 'standing',
  trunkLean: 0,
  spineFlexion: 0,
  spineRotation: 0,
  left: limb(),
  right: limb(right),
  ...o,
});

describe('requiredTagsForPose', () => {
  it('asks for nothing when standing upright', () => {
    expect(requiredTagsForPose(standing())).toEqual([]);
  });

  it('flags hip flexion past 90° but allows exactly 90°', () => {
    expect(requiredTagsForPose(standing({}, { hipFlexion: 91 }))).toContain('hipFlexionOver90');
    expect(requiredTagsForPose(standing({}, { hipFlexion: 90 }))).not.toContain('hipFlexionOver90');
  });

  it('flags adduction past the midline and internal rotation (posterior THA)', () => {
    expect(requiredTagsForPose(standing({}, { hipAbduction: -10 }))).toEqual(['hipAdductionPastMidline']);
    expect(requiredTagsForPose(standing({}, { hipRotation: -5 }))).toEqual(['hipInternalRotation']);
  });

  it('flags external rotation, and extension with external rotation (anterior THA)', () => {
    expect(requiredTagsForPose(standing({}, { hipRotation: 20 }))).toEqual(['hipExternalRotation']);
    expect(requiredTagsForPose(standing({}, { hipFlexion: -10, hipRotation: 10 }))).toEqual([
      'hipExtensionWithExternalRotation',
      'hipExternalRotation',
    ]);
    expect(requiredTagsForPose(standing({}, { hipFlexion: -10 }))).toEqual([]);
  });

  it('derives lying, kneeling and floor tags from the base', () => {
    expect(requiredTagsForPose(standing({ base: 'supine', trunkLean: 90 }))).toEqual([
      'lyingOnBack',
      'floorTransfer',
    ]);
    expect(requiredTagsForPose(standing({ base: 'prone', trunkLean: 90 }))).toEqual([
      'lyingOnFront',
      'floorTransfer',
    ]);
    expect(requiredTagsForPose(standing({ base: 'sideLying', trunkLean: 90 }))).toEqual(['floorTransfer']);
    expect(requiredTagsForPose(standing({ base: 'quadruped', trunkLean: 90 }))).toEqual(['floorTransfer']);
    expect(requiredTagsForPose(standing({ base: 'kneeling' }))).toEqual(['kneeling']);
    expect(requiredTagsForPose(standing({ base: 'halfKneeling' }))).toEqual(['kneeling']);
    expect(requiredTagsForPose(standing({ base: 'sitting' }))).toEqual([]);
  });

  it('flags a knee on the floor whatever the base', () => {
    expect(
      requiredTagsForPose(standing({ base: 'quadruped', trunkLean: 90 }, { kneeOnFloor: true })),
    ).toEqual(['kneeling', 'floorTransfer']);
  });

  it('flags end-range spinal flexion and rotation at the documented thresholds', () => {
    const f = POSE_THRESHOLDS.spinalFlexionEndRange;
    const r = POSE_THRESHOLDS.spinalRotationEndRange;
    expect(requiredTagsForPose(standing({ spineFlexion: f }))).toEqual(['spinalFlexionEndRange']);
    expect(requiredTagsForPose(standing({ spineFlexion: f - 1 }))).toEqual([]);
    expect(requiredTagsForPose(standing({ spineRotation: r }))).toEqual(['spinalRotationEndRange']);
    expect(requiredTagsForPose(standing({ spineRotation: -r }))).toEqual(['spinalRotationEndRange']);
    expect(requiredTagsForPose(standing({ spineRotation: r - 1 }))).toEqual([]);
  });

  it('explains each tag once, naming the side and the angle', () => {
    const reasons = explainPoseTags(standing({}, { hipFlexion: 120 }));
    expect(reasons).toEqual([{ tag: 'hipFlexionOver90', reason: 'right hip flexion 120° > 90°' }]);
    const both = explainPoseTags({
      ...standing(),
      left: limb({ hipFlexion: 100 }),
      right: limb({ hipFlexion: 110 }),
    });
    expect(both).toHaveLength(1);
  });
});

// --- property: the renderer never crashes and always gives well-formed SVG ---------

const angle = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });
const limbArb: fc.Arbitrary<LimbAngles> = fc.record({
  hipFlexion: angle(-45, 160),
  hipAbduction: angle(-45, 90),
  hipRotation: angle(-70, 90),
  kneeFlexion: angle(0, 165),
  shoulderFlexion: angle(-90, 200),
  elbowFlexion: angle(0, 160),
  kneeOnFloor: fc.boolean(),
});
const poseArb: fc.Arbitrary<Pose> = fc.record({
  view: fc.constantFrom('side' as const, 'front' as const),
  base: fc.constantFrom(
    'standing' as const,
    'sitting' as const,
    'supine' as const,
    'prone' as const,
    'sideLying' as const,
    'quadruped' as const,
    'kneeling' as const,
    'halfKneeling' as const,
  ),
  trunkLean: angle(-90, 180),
  spineFlexion: angle(-90, 120),
  spineRotation: angle(-90, 90),
  left: limbArb,
  right: limbArb,
});

function exerciseWith(start: Pose, end: Pose, equipment: Exercise['equipment'], name: string): Exercise {
  return {
    slug: 'random-pose',
    id: '00000000-0000-4000-8000-000000000000',
    version: 1,
    name,
    aliases: [],
    pillar: PILLARS[0],
    summary: 'Random.',
    regions: ['hip'],
    muscles: ['wholeBody'],
    equipment,
    level: 1,
    ladder: null,
    easier: null,
    harder: null,
    type: 'timed',
    defaultDose: {
      sets: 1,
      durationSeconds: 60,
      restSeconds: 0,
      eachSide: false,
      daysPerWeek: 1,
      source: 'test',
    },
    steps: ['a', 'b'],
    cues: ['c'],
    mistakes: ['d'],
    feel: 'e',
    stopIf: ['f'],
    precautions: [],
    poses: { start, end },
    licence: 'CC-BY-SA-4.0',
    author: 'test',
  };
}

describe('renderExerciseSvg with random poses', () => {
  it('never crashes and always yields well-formed SVG with the name in <title>', () => {
    fc.assert(
      fc.property(
        poseArb,
        poseArb,
        fc.subarray([...EQUIPMENT]),
        fc.constantFrom('start' as const, 'end' as const, 'animated' as const),
        fc.string({ maxLength: 20 }),
        (start, end, equipment, frame, name) => {
          const ex = exerciseWith(
            start,
            end,
            equipment.length > 0 ? equipment : ['none'],
            `Move <${name}> & "go"`,
          );
          const svg = renderExerciseSvg(ex, { frame });
          expect(xmlWellFormednessErrors(svg)).toEqual([]);
          expect(svg).not.toContain('NaN');
          expect(svg).not.toContain('Infinity');
          expect(svg).toContain('<title');
          expect(svg).not.toContain(' style=');
          expect(svg).not.toContain('<script');
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('xmlWellFormednessErrors', () => {
  it('accepts well-formed XML and rejects broken nesting, stray ampersands and unquoted attributes', () => {
    expect(xmlWellFormednessErrors('<a x="1"><b/>t &amp; u</a>')).toEqual([]);
    expect(xmlWellFormednessErrors('<a><b></a></b>')).not.toEqual([]);
    expect(xmlWellFormednessErrors('<a>fish & chips</a>')).not.toEqual([]);
    expect(xmlWellFormednessErrors('<a x=1/>')).not.toEqual([]);
    expect(xmlWellFormednessErrors('<a x="1" x="2"/>')).not.toEqual([]);
    expect(xmlWellFormednessErrors('<a/><b/>')).not.toEqual([]);
  });
});
