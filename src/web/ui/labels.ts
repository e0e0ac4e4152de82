import type {
  BodyRegion,
  Dose,
  Equipment,
  ExerciseType,
  Muscle,
  Pillar,
  PrecautionTag,
} from '../../core/library/types';

/** Words people read for the library's vocabulary. One place, so a translation has one file to change. */

export const PILLAR_LABELS: Record<Pillar, string> = {
  strength: 'Strengthen core and hips',
  stretch: 'Stretch',
  movementBreaks: 'Movement breaks',
  activity: 'Low-impact activity',
  guidance: 'Professional guidance',
};

export const PILLAR_SHORT: Record<Pillar, string> = {
  strength: 'Strength',
  stretch: 'Stretch',
  movementBreaks: 'Movement break',
  activity: 'Activity',
  guidance: 'Guidance',
};

export const REGION_LABELS: Record<BodyRegion, string> = {
  lowBack: 'Lower back',
  hip: 'Hip',
  core: 'Core',
  pelvis: 'Pelvis',
  thigh: 'Thigh',
  knee: 'Knee',
  wholeBody: 'Whole body',
};

export const EQUIPMENT_LABELS: Record<Equipment, string> = {
  none: 'No equipment',
  mat: 'Mat',
  chair: 'Chair',
  wall: 'Wall',
  step: 'Step',
  resistanceBand: 'Resistance band',
  dumbbell: 'Dumbbell or weight',
  towelOrStrap: 'Towel or strap',
  pillow: 'Pillow',
  bike: 'Bike',
  exerciseBike: 'Exercise bike',
  ellipticalTrainer: 'Elliptical trainer',
  pool: 'Pool',
  table: 'Table or counter',
};

export const MUSCLE_LABELS: Record<Muscle, string> = {
  gluteusMaximus: 'Gluteus maximus',
  gluteusMedius: 'Gluteus medius',
  gluteusMinimus: 'Gluteus minimus',
  iliopsoas: 'Iliopsoas (hip flexor)',
  rectusFemoris: 'Rectus femoris',
  quadriceps: 'Quadriceps',
  hamstrings: 'Hamstrings',
  adductors: 'Inner thigh (adductors)',
  piriformis: 'Piriformis',
  deepHipRotators: 'Deep hip rotators',
  tensorFasciaeLatae: 'Tensor fasciae latae',
  transversusAbdominis: 'Transversus abdominis',
  rectusAbdominis: 'Rectus abdominis',
  obliques: 'Obliques',
  multifidus: 'Multifidus',
  erectorSpinae: 'Erector spinae',
  quadratusLumborum: 'Quadratus lumborum',
  latissimusDorsi: 'Latissimus dorsi',
  calves: 'Calves',
  hipFlexors: 'Hip flexors',
  shoulders: 'Shoulders',
  wholeBody: 'Whole body',
};

/** "Take extra care with this exercise if…": what each precaution tag means for a person. */
export const PRECAUTION_LABELS: Record<PrecautionTag, string> = {
  hipFlexionOver90: 'Bends the hip past a right angle',
  hipAdductionPastMidline: 'Brings the leg across the middle of the body',
  hipInternalRotation: 'Turns the hip inwards',
  hipExtensionWithExternalRotation: 'Takes the leg behind you while turned outwards',
  hipExternalRotation: 'Turns the hip outwards',
  hipAbductionActive: 'Lifts the leg out to the side',
  lyingOnBack: 'Lying on your back',
  lyingOnFront: 'Lying on your front',
  spinalFlexionEndRange: 'Rounds the back fully forward',
  spinalRotationEndRange: 'Twists the back as far as it goes',
  kneeling: 'Kneeling on the floor',
  impact: 'Jumping or jarring impact',
  externalLoad: 'Holding or lifting a weight',
  highAbdominalPressure: 'Strong tummy bracing',
  fallRisk: 'Needs good balance',
  floorTransfer: 'Getting down to and up from the floor',
  waterImmersion: 'In the water',
};

export const TYPE_LABELS: Record<ExerciseType, string> = {
  reps: 'Repetitions',
  hold: 'Holds',
  timed: 'Timed',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function duration(seconds: number): string {
  if (seconds >= 60 && seconds % 60 === 0) return plural(seconds / 60, 'minute');
  if (seconds > 90) return `${Math.round(seconds / 60)} minutes`;
  return plural(seconds, 'second');
}

/** "2 sets of 10 · each side · rest 45 s · 3 days a week". */
export function formatDose(type: ExerciseType, dose: Dose): string {
  const parts: string[] = [];
  if (type === 'reps') {
    parts.push(`${plural(dose.sets, 'set')} of ${dose.reps ?? 10}`);
    if (dose.holdSeconds) parts.push(`hold ${duration(dose.holdSeconds)} each time`);
  } else if (type === 'hold') {
    parts.push(`${dose.sets} × ${duration(dose.holdSeconds ?? 30)} hold`);
  } else {
    parts.push(
      dose.sets > 1
        ? `${dose.sets} × ${duration(dose.durationSeconds ?? 60)}`
        : duration(dose.durationSeconds ?? 60),
    );
  }
  if (dose.eachSide) parts.push('each side');
  if (dose.restSeconds && type !== 'timed') parts.push(`rest ${duration(dose.restSeconds)}`);
  parts.push(dose.daysPerWeek >= 7 ? 'every day' : `${plural(dose.daysPerWeek, 'day')} a week`);
  return parts.join(' · ');
}
