/**
 * The exercise library's data model. Pure types and constants: no I/O.
 *
 * The library is content-as-data: one JSON file per exercise under
 * `content/exercises/`, validated against `exerciseSchema` (see ./schema.ts)
 * when the app starts and in the tests. The plan engine, the session player
 * and the handouts all read this model.
 */

/** The five pillars of the clinic's method (PRODUCT.md, "The method"). */
export const PILLARS = ['strength', 'stretch', 'movementBreaks', 'activity', 'guidance'] as const;
export type Pillar = (typeof PILLARS)[number];

/**
 * Fixed vocabulary of exercise precaution tags, shared by the library, the
 * plan engine and the API. A tag says "this exercise puts the body in this
 * position or asks for this kind of effort". An active precaution (a hip
 * replacement, pregnancy, osteoporosis, recent surgery) forbids a set of
 * tags; see src/core/precautions. Sources: clinical-facts.md §4.
 */
export const PRECAUTION_TAGS = [
  /** Hip flexed past 90° (posterior-approach THA restriction). */
  'hipFlexionOver90',
  /** Hip brought across the body's midline (posterior-approach THA). */
  'hipAdductionPastMidline',
  /** Hip turned inwards (posterior-approach THA). */
  'hipInternalRotation',
  /** Hip extended behind the body while turned outwards (anterior-approach THA). */
  'hipExtensionWithExternalRotation',
  /** Hip turned outwards at all (some surgeons restrict this early on). */
  'hipExternalRotation',
  /** Lifting the leg out to the side against gravity (lateral-approach THA). */
  'hipAbductionActive',
  /** Lying flat on the back (pregnancy after the first trimester). */
  'lyingOnBack',
  /** Lying on the stomach (pregnancy). */
  'lyingOnFront',
  /** Bending the spine forwards to the end of its range (osteoporosis). */
  'spinalFlexionEndRange',
  /** Twisting the spine to the end of its range (osteoporosis). */
  'spinalRotationEndRange',
  /** Weight taken through a knee on the floor. */
  'kneeling',
  /** Jumping, running or other jarring impact. */
  'impact',
  /** Carrying or lifting an external weight. */
  'externalLoad',
  /** Strong abdominal bracing / pressure (pregnancy, recent abdominal surgery). */
  'highAbdominalPressure',
  /** A position with real risk of losing balance or falling (pregnancy, osteoporosis). */
  'fallRisk',
  /** Getting down to or up from the floor. */
  'floorTransfer',
  /** Activity in water (recent surgery: wounds must be healed). */
  'waterImmersion',
] as const;
export type PrecautionTag = (typeof PRECAUTION_TAGS)[number];

export const BODY_REGIONS = ['lowBack', 'hip', 'core', 'pelvis', 'thigh', 'knee', 'wholeBody'] as const;
export type BodyRegion = (typeof BODY_REGIONS)[number];

export const MUSCLES = [
  'gluteusMaximus',
  'gluteusMedius',
  'gluteusMinimus',
  'iliopsoas',
  'rectusFemoris',
  'quadriceps',
  'hamstrings',
  'adductors',
  'piriformis',
  'deepHipRotators',
  'tensorFasciaeLatae',
  'transversusAbdominis',
  'rectusAbdominis',
  'obliques',
  'multifidus',
  'erectorSpinae',
  'quadratusLumborum',
  'latissimusDorsi',
  'calves',
  'hipFlexors',
  'shoulders',
  'wholeBody',
] as const;
export type Muscle = (typeof MUSCLES)[number];

export const EQUIPMENT = [
  'none',
  'mat',
  'chair',
  'wall',
  'step',
  'resistanceBand',
  'dumbbell',
  'towelOrStrap',
  'pillow',
  'bike',
  'pool',
  'table',
  /** A stationary exercise bike (different from a road bike: no balance needed). */
  'exerciseBike',
  /** An elliptical (cross-) trainer machine. */
  'ellipticalTrainer',
] as const;
export type Equipment = (typeof EQUIPMENT)[number];

/**
 * How an exercise is dosed.
 * - `reps`: sets × repetitions (optionally with a short hold at the top)
 * - `hold`: sets × a hold in seconds (stretches, planks)
 * - `timed`: a continuous duration in minutes (walking, cycling) or seconds (movement breaks)
 */
export const EXERCISE_TYPES = ['reps', 'hold', 'timed'] as const;
export type ExerciseType = (typeof EXERCISE_TYPES)[number];

export interface Dose {
  sets: number;
  /** For `reps` exercises. */
  reps?: number;
  /** Seconds held per repetition (`hold` exercises, or a pause in a `reps` exercise). */
  holdSeconds?: number;
  /** For `timed` exercises: the duration of one bout in seconds. */
  durationSeconds?: number;
  /** Rest between sets in seconds. */
  restSeconds: number;
  /** True when the exercise is done on each side in turn (left then right). */
  eachSide: boolean;
  /** Days per week this is meant to be done. */
  daysPerWeek: number;
  /** Which line of clinical-facts.md this dose rests on, e.g. "§5.2 ACSM flexibility: 10-30 s holds". */
  source: string;
}

/**
 * A simple 2-D body model in side (sagittal) or front view, described as
 * joint angles in degrees. Rendering turns it into SVG; the tests use it to
 * check that precaution tags agree with the positions.
 */
export interface Pose {
  /** Which way we look at the body. */
  view: 'side' | 'front';
  /** The overall orientation of the trunk: standing/sitting upright, lying face up, face down, on the side, on all fours, kneeling. */
  base: 'standing' | 'sitting' | 'supine' | 'prone' | 'sideLying' | 'quadruped' | 'kneeling' | 'halfKneeling';
  /** Angle of the trunk from vertical, degrees (0 upright, 90 lying); forward lean positive. */
  trunkLean: number;
  /** Spine flexion (positive = rounding forward, negative = arching back), degrees. */
  spineFlexion: number;
  /** Spine rotation (twist) in degrees, absolute. */
  spineRotation: number;
  left: LimbAngles;
  right: LimbAngles;
}

export interface LimbAngles {
  /** Hip flexion in degrees (negative = extension behind the body). */
  hipFlexion: number;
  /** Hip abduction in degrees (negative = adduction past the midline). */
  hipAbduction: number;
  /** Hip rotation in degrees (positive = external, negative = internal). */
  hipRotation: number;
  /** Knee flexion in degrees (0 straight). */
  kneeFlexion: number;
  /** Shoulder flexion in degrees (0 arms by the side, 180 overhead). */
  shoulderFlexion: number;
  /** Elbow flexion in degrees. */
  elbowFlexion: number;
  /** True when this knee carries weight on the floor. */
  kneeOnFloor?: boolean;
}

export interface Exercise {
  /** Stable, URL-safe identifier, e.g. "glute-bridge". Never changes once published. */
  slug: string;
  /** Stable UUID (v4) for export and sync. */
  id: string;
  /** Content version of this file; bump when the text or dose changes. */
  version: number;
  name: string;
  /** Other names people search for, e.g. "hip bridge". */
  aliases: string[];
  pillar: Pillar;
  /** One-line summary for lists. */
  summary: string;
  regions: BodyRegion[];
  muscles: Muscle[];
  equipment: Equipment[];
  /** 1 (easiest) to 5 (hardest) within its ladder; standalone exercises use their general difficulty. */
  level: number;
  /** Ladder this exercise belongs to (e.g. "bridge"), or null. */
  ladder: string | null;
  /** Slug of the next easier / harder exercise on its ladder, or null. */
  easier: string | null;
  harder: string | null;
  type: ExerciseType;
  defaultDose: Dose;
  /** Step-by-step instructions, in order. */
  steps: string[];
  cues: string[];
  mistakes: string[];
  /** What the person should feel, and where. */
  feel: string;
  /** When to stop and what to do. */
  stopIf: string[];
  precautions: PrecautionTag[];
  /** Start and end poses for the illustration and animation. */
  poses: { start: Pose; end: Pose };
  licence: string;
  author: string;
}
