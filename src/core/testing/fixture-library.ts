/**
 * A small, hand-tagged exercise library for the clinical-core tests. Its
 * precaution tags are chosen to exercise the engine (substitutions, ladders,
 * missing slugs), so worked-case tests do not depend on the shipped content.
 * The property tests run against the shipped library as well.
 */
import type { Library } from '../library/library';
import type { BodyRegion, Exercise, ExerciseType, Pillar, Pose, PrecautionTag } from '../library/types';

const STANDING: Pose = {
  view: 'side',
  base: 'standing',
  trunkLean: 0,
  spineFlexion: 0,
  spineRotation: 0,
  left: {
    hipFlexion: 0,
    hipAbduction: 0,
    hipRotation: 0,
    kneeFlexion: 0,
    shoulderFlexion: 0,
    elbowFlexion: 0,
  },
  right: {
    hipFlexion: 0,
    hipAbduction: 0,
    hipRotation: 0,
    kneeFlexion: 0,
    shoulderFlexion: 0,
    elbowFlexion: 0,
  },
};

type Row = [
  slug: string,
  pillar: Pillar,
  region: BodyRegion,
  level: number,
  type: ExerciseType,
  tags: PrecautionTag[],
  ladder?: string,
];

const ROWS: readonly Row[] = [
  // strength ladders
  ['wall-plank', 'strength', 'core', 1, 'hold', [], 'plank'],
  [
    'kneeling-plank',
    'strength',
    'core',
    2,
    'hold',
    ['kneeling', 'floorTransfer', 'highAbdominalPressure'],
    'plank',
  ],
  ['plank', 'strength', 'core', 3, 'hold', ['floorTransfer', 'highAbdominalPressure'], 'plank'],
  ['plank-leg-lift', 'strength', 'core', 4, 'hold', ['floorTransfer', 'highAbdominalPressure'], 'plank'],
  ['side-plank-knees', 'strength', 'core', 1, 'hold', ['floorTransfer'], 'side-plank'],
  ['side-plank', 'strength', 'core', 2, 'hold', ['floorTransfer', 'highAbdominalPressure'], 'side-plank'],
  ['glute-bridge', 'strength', 'hip', 1, 'reps', ['lyingOnBack', 'floorTransfer'], 'bridge'],
  ['bridge-march', 'strength', 'hip', 2, 'reps', ['lyingOnBack', 'floorTransfer'], 'bridge'],
  ['single-leg-bridge', 'strength', 'hip', 3, 'reps', ['lyingOnBack', 'floorTransfer'], 'bridge'],
  [
    'weighted-bridge',
    'strength',
    'hip',
    4,
    'reps',
    ['lyingOnBack', 'floorTransfer', 'externalLoad'],
    'bridge',
  ],
  ['sit-to-stand', 'strength', 'thigh', 1, 'reps', [], 'squat'],
  ['sit-to-stand-low', 'strength', 'thigh', 2, 'reps', ['hipFlexionOver90'], 'squat'],
  ['box-squat', 'strength', 'thigh', 3, 'reps', ['hipFlexionOver90'], 'squat'],
  ['goblet-squat', 'strength', 'thigh', 4, 'reps', ['hipFlexionOver90', 'externalLoad'], 'squat'],
  ['supported-split-stance', 'strength', 'thigh', 1, 'reps', [], 'lunge'],
  ['split-squat', 'strength', 'thigh', 2, 'reps', ['fallRisk'], 'lunge'],
  [
    'reverse-lunge',
    'strength',
    'thigh',
    3,
    'reps',
    ['fallRisk', 'hipExtensionWithExternalRotation'],
    'lunge',
  ],
  [
    'walking-lunge',
    'strength',
    'thigh',
    4,
    'reps',
    ['fallRisk', 'hipExtensionWithExternalRotation'],
    'lunge',
  ],
  // other strength
  ['clamshell', 'strength', 'hip', 1, 'reps', ['hipExternalRotation', 'hipAbductionActive', 'floorTransfer']],
  ['side-lying-hip-abduction', 'strength', 'hip', 2, 'reps', ['hipAbductionActive', 'floorTransfer']],
  ['bird-dog', 'strength', 'core', 2, 'reps', ['kneeling', 'floorTransfer']],
  ['dead-bug', 'strength', 'core', 2, 'reps', ['lyingOnBack', 'floorTransfer']],
  ['hip-hinge', 'strength', 'lowBack', 2, 'reps', []],
  ['step-up', 'strength', 'thigh', 2, 'reps', []],
  ['standing-hip-abduction', 'strength', 'hip', 1, 'reps', ['hipAbductionActive']],
  ['standing-hip-extension', 'strength', 'hip', 1, 'reps', []],
  ['pelvic-tilt', 'strength', 'lowBack', 1, 'reps', ['lyingOnBack', 'floorTransfer']],
  ['wall-sit', 'strength', 'thigh', 2, 'hold', []],
  ['heel-raise', 'strength', 'knee', 1, 'reps', []],
  // stretch
  [
    'hip-flexor-stretch-kneeling',
    'stretch',
    'hip',
    2,
    'hold',
    ['kneeling', 'hipExtensionWithExternalRotation', 'floorTransfer'],
  ],
  ['hip-flexor-stretch-standing', 'stretch', 'hip', 1, 'hold', ['hipExtensionWithExternalRotation']],
  ['seated-hamstring-stretch', 'stretch', 'thigh', 1, 'hold', []],
  [
    'piriformis-stretch-lying',
    'stretch',
    'hip',
    1,
    'hold',
    ['lyingOnBack', 'hipFlexionOver90', 'hipAdductionPastMidline', 'floorTransfer'],
  ],
  ['piriformis-stretch-seated', 'stretch', 'hip', 1, 'hold', ['hipFlexionOver90', 'hipExternalRotation']],
  [
    'figure-4-stretch',
    'stretch',
    'hip',
    1,
    'hold',
    ['lyingOnBack', 'hipFlexionOver90', 'hipExternalRotation', 'floorTransfer'],
  ],
  [
    'knee-to-chest',
    'stretch',
    'lowBack',
    1,
    'hold',
    ['lyingOnBack', 'hipFlexionOver90', 'spinalFlexionEndRange', 'floorTransfer'],
  ],
  ['cat-cow', 'stretch', 'lowBack', 1, 'reps', ['kneeling', 'spinalFlexionEndRange', 'floorTransfer']],
  [
    'childs-pose',
    'stretch',
    'lowBack',
    1,
    'hold',
    ['kneeling', 'hipFlexionOver90', 'spinalFlexionEndRange', 'floorTransfer'],
  ],
  [
    'lower-back-rotation',
    'stretch',
    'lowBack',
    1,
    'reps',
    ['lyingOnBack', 'spinalRotationEndRange', 'floorTransfer'],
  ],
  ['adductor-stretch', 'stretch', 'thigh', 1, 'hold', []],
  ['quadriceps-stretch-standing', 'stretch', 'thigh', 1, 'hold', ['fallRisk']],
  ['standing-glute-stretch', 'stretch', 'hip', 1, 'hold', ['fallRisk', 'hipExternalRotation']],
  // movement breaks
  ['standing-back-extension', 'movementBreaks', 'lowBack', 1, 'reps', []],
  ['seated-march', 'movementBreaks', 'hip', 1, 'reps', []],
  [
    'standing-hip-circles',
    'movementBreaks',
    'hip',
    1,
    'reps',
    ['hipInternalRotation', 'hipExternalRotation'],
  ],
  ['desk-walk-break', 'movementBreaks', 'wholeBody', 1, 'timed', []],
  ['seated-pelvic-tilt', 'movementBreaks', 'lowBack', 1, 'reps', []],
  ['standing-side-bend', 'movementBreaks', 'lowBack', 1, 'reps', []],
  ['sit-to-stand-break', 'movementBreaks', 'thigh', 1, 'reps', []],
  // activity
  ['walking', 'activity', 'wholeBody', 1, 'timed', []],
  ['cycling', 'activity', 'wholeBody', 2, 'timed', ['fallRisk']],
  ['stationary-cycling', 'activity', 'wholeBody', 1, 'timed', []],
  ['swimming', 'activity', 'wholeBody', 2, 'timed', ['waterImmersion']],
  ['water-walking', 'activity', 'wholeBody', 1, 'timed', ['waterImmersion']],
  ['elliptical-trainer', 'activity', 'wholeBody', 2, 'timed', ['fallRisk']],
];

function title(slug: string): string {
  const s = slug.replace(/-/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function exercise(row: Row, index: number, all: readonly Row[]): Exercise {
  const [slug, pillar, region, level, type, tags, ladder] = row;
  const steps = ladder ? all.filter((r) => r[6] === ladder).sort((a, b) => a[3] - b[3]) : [];
  const at = steps.findIndex((r) => r[0] === slug);
  const dose =
    type === 'reps'
      ? { sets: 3, reps: 10, restSeconds: 60, eachSide: false, daysPerWeek: 3, source: 'fixture' }
      : type === 'hold'
        ? {
            sets: 3,
            holdSeconds: 20,
            restSeconds: 30,
            eachSide: pillar === 'stretch',
            daysPerWeek: 3,
            source: 'fixture',
          }
        : {
            sets: 1,
            durationSeconds: 600,
            restSeconds: 0,
            eachSide: false,
            daysPerWeek: 5,
            source: 'fixture',
          };
  return {
    slug,
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    version: 1,
    name: title(slug),
    aliases: [],
    pillar,
    summary: title(slug),
    regions: [region],
    muscles: ['gluteusMaximus'],
    equipment: ['none'],
    level,
    ladder: ladder ?? null,
    easier: at > 0 ? (steps[at - 1]?.[0] ?? null) : null,
    harder: at >= 0 && at < steps.length - 1 ? (steps[at + 1]?.[0] ?? null) : null,
    type,
    defaultDose: dose,
    steps: ['Do it.'],
    cues: [],
    mistakes: [],
    feel: 'Muscles working.',
    stopIf: ['Sharp pain.'],
    precautions: tags,
    poses: { start: STANDING, end: STANDING },
    licence: 'CC0-1.0',
    author: 'test fixture',
  };
}

/** The fixture library; `without` drops slugs to test missing-content behaviour. */
export function fixtureLibrary(without: readonly string[] = []): Library {
  const exercises = ROWS.filter((r) => !without.includes(r[0])).map((r, i, all) => exercise(r, i, all));
  return { exercises, bySlug: new Map(exercises.map((e) => [e.slug, e])) };
}
