/**
 * Precaution tags that follow from a pose's joint angles.
 *
 * An exercise lists its precaution tags by hand (see types.ts), but many of
 * them can also be read off the start and end poses used for its
 * illustration. The library validator (./schema.ts) checks that every tag a
 * pose implies is listed, so a drawing can never show a position that the
 * plan engine believes the exercise avoids. Tags that a pose cannot show
 * (impact, externalLoad, hipAbductionActive, highAbdominalPressure, fallRisk,
 * waterImmersion) are set by hand in the data.
 *
 * Angle conventions (see `Pose` and `LimbAngles` in ./types.ts):
 * - hip angles are measured from the trunk line (pelvis to shoulders), so a
 *   forward lean while sitting adds to hip flexion;
 * - `trunkLean` is the angle of that trunk line from vertical. In a `front`
 *   view, where a forward lean cannot be seen, the illustration draws it as a
 *   sideways bend of the spine (a side bend); it does not change any tag.
 * - swimming is modelled as base `standing` leaned to 90°: the body is
 *   horizontal but carried by water, not lying on the floor, so the
 *   lying-down tags do not apply (`waterImmersion` is set by hand).
 *
 * Sources: clinical-facts.md §4.1 (hip precautions by surgical approach),
 * §4.3 (exercise-by-exercise check), §4.4 (pregnancy, osteoporosis).
 */
import type { LimbAngles, Pose, PrecautionTag } from './types';
import { PRECAUTION_TAGS } from './types';

/**
 * Thresholds in degrees. One place, as data, each with its reason.
 */
export const POSE_THRESHOLDS = {
  /** Posterior-approach THA: "no hip flexion beyond 90°" (§4.1, T1). Exactly 90° is allowed. */
  hipFlexionMax: 90,
  /**
   * Osteoporosis: avoid end-range trunk flexion (§4.4, O1). Adult thoracolumbar
   * flexion is roughly 80–90°; we call 45° (about half of that, a clearly
   * rounded back such as a full "cat" or child's pose) end range. PT sign-off needed.
   */
  spinalFlexionEndRange: 45,
  /**
   * Osteoporosis: avoid end-range trunk rotation (§4.4, O1). Adult
   * thoracolumbar rotation is roughly 80–90° in total; 45° (about half, e.g.
   * knees dropped fully to one side) counts as end range. PT sign-off needed.
   */
  spinalRotationEndRange: 45,
} as const;

export interface PoseTagReason {
  tag: PrecautionTag;
  /** Plain explanation used in validation messages, e.g. "left hip flexion 120° > 90°". */
  reason: string;
}

const FLOOR_BASES: ReadonlySet<Pose['base']> = new Set(['supine', 'prone', 'sideLying', 'quadruped']);

function limbReasons(side: 'left' | 'right', limb: LimbAngles): PoseTagReason[] {
  const out: PoseTagReason[] = [];
  // Posterior-approach THA (§4.1): flexion past 90°.
  if (limb.hipFlexion > POSE_THRESHOLDS.hipFlexionMax) {
    out.push({
      tag: 'hipFlexionOver90',
      reason: `${side} hip flexion ${limb.hipFlexion}° > ${POSE_THRESHOLDS.hipFlexionMax}°`,
    });
  }
  // Posterior-approach THA (§4.1): adduction past the midline (negative abduction).
  if (limb.hipAbduction < 0) {
    out.push({
      tag: 'hipAdductionPastMidline',
      reason: `${side} hip adduction ${-limb.hipAbduction}° past midline`,
    });
  }
  // Posterior-approach THA (§4.1): internal rotation (negative rotation).
  if (limb.hipRotation < 0) {
    out.push({ tag: 'hipInternalRotation', reason: `${side} hip internal rotation ${-limb.hipRotation}°` });
  }
  // Some surgeons restrict any external rotation early on (§4.1, T3).
  if (limb.hipRotation > 0) {
    out.push({ tag: 'hipExternalRotation', reason: `${side} hip external rotation ${limb.hipRotation}°` });
  }
  // Anterior-approach THA (§4.1, T2): extension behind the body combined with external rotation.
  if (limb.hipFlexion < 0 && limb.hipRotation > 0) {
    out.push({
      tag: 'hipExtensionWithExternalRotation',
      reason: `${side} hip extended ${-limb.hipFlexion}° with external rotation ${limb.hipRotation}°`,
    });
  }
  if (limb.kneeOnFloor === true) {
    out.push({ tag: 'kneeling', reason: `${side} knee on the floor` });
  }
  return out;
}

/** Every tag the pose implies, each with the reason, in vocabulary order, one entry per tag. */
export function explainPoseTags(pose: Pose): PoseTagReason[] {
  const all: PoseTagReason[] = [...limbReasons('left', pose.left), ...limbReasons('right', pose.right)];
  // Pregnancy after the first trimester: no lying on the back (§4.4, P1).
  if (pose.base === 'supine') all.push({ tag: 'lyingOnBack', reason: 'lying on the back' });
  // Pregnancy: lying on the stomach.
  if (pose.base === 'prone') all.push({ tag: 'lyingOnFront', reason: 'lying on the front' });
  if (pose.base === 'kneeling' || pose.base === 'halfKneeling') {
    all.push({ tag: 'kneeling', reason: `${pose.base} position` });
  }
  // Osteoporosis (§4.4, O1): end-range trunk flexion and rotation.
  if (pose.spineFlexion >= POSE_THRESHOLDS.spinalFlexionEndRange) {
    all.push({
      tag: 'spinalFlexionEndRange',
      reason: `spine flexion ${pose.spineFlexion}° ≥ ${POSE_THRESHOLDS.spinalFlexionEndRange}°`,
    });
  }
  if (Math.abs(pose.spineRotation) >= POSE_THRESHOLDS.spinalRotationEndRange) {
    all.push({
      tag: 'spinalRotationEndRange',
      reason: `spine rotation ${Math.abs(pose.spineRotation)}° ≥ ${POSE_THRESHOLDS.spinalRotationEndRange}°`,
    });
  }
  // Getting down to and up from the floor.
  if (FLOOR_BASES.has(pose.base))
    all.push({ tag: 'floorTransfer', reason: `${pose.base} position on the floor` });

  const seen = new Set<PrecautionTag>();
  const unique: PoseTagReason[] = [];
  for (const tag of PRECAUTION_TAGS) {
    const first = all.find((r) => r.tag === tag);
    if (first && !seen.has(tag)) {
      seen.add(tag);
      unique.push(first);
    }
  }
  return unique;
}

/** The precaution tags a pose implies, in vocabulary order. */
export function requiredTagsForPose(pose: Pose): PrecautionTag[] {
  return explainPoseTags(pose).map((r) => r.tag);
}
