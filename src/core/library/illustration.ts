/**
 * Our own exercise illustrations, drawn from the pose data.
 *
 * A pose (./types.ts) is a set of joint angles. We turn it into a simple 3-D
 * skeleton with forward kinematics (pelvis → trunk → head and arms; pelvis →
 * thighs → shins → feet), stand it on the floor, look at it from a slightly
 * raised three-quarter camera and draw it as flat, rounded shapes. The
 * animated version samples poses between start and end and moves every
 * shape with SMIL `<animate>` (no script, no CSS, so it works as `<img src>`
 * under a strict Content-Security-Policy). Presentation attributes only.
 *
 * Pure and deterministic: the same exercise always gives the same SVG.
 */
import type { Equipment, Exercise, LimbAngles, Pose } from './types';

export interface RenderOptions {
  frame: 'start' | 'end' | 'animated';
  /** Shirt colour; any SVG colour. */
  accent?: string;
}

// ---------------------------------------------------------------------------
// Small vector maths (right-handed: X right, Y up, Z towards the viewer).

type Vec = readonly [number, number, number];
type Mat = readonly [number, number, number, number, number, number, number, number, number];

const add = (a: Vec, b: Vec): Vec => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const mul = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k, a[2] * k];
const mid = (a: Vec, b: Vec): Vec => mul(add(a, b), 0.5);
const len = (a: Vec): number => Math.hypot(a[0], a[1], a[2]);
const cross = (a: Vec, b: Vec): Vec => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const norm = (a: Vec): Vec => {
  const l = len(a);
  return l < 1e-9 ? [0, 0, 0] : mul(a, 1 / l);
};
const apply = (m: Mat, v: Vec): Vec => [
  m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
  m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
  m[6] * v[0] + m[7] * v[1] + m[8] * v[2],
];
const compose = (a: Mat, b: Mat): Mat => {
  const r: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      r.push(a[i * 3]! * b[j]! + a[i * 3 + 1]! * b[3 + j]! + a[i * 3 + 2]! * b[6 + j]!);
    }
  }
  return r as unknown as Mat;
};
const rad = (deg: number): number => (deg * Math.PI) / 180;
const IDENTITY: Mat = [1, 0, 0, 0, 1, 0, 0, 0, 1];
/** Rotation about X; positive turns +Y towards +Z. */
const rotX = (deg: number): Mat => {
  const c = Math.cos(rad(deg));
  const s = Math.sin(rad(deg));
  return [1, 0, 0, 0, c, -s, 0, s, c];
};
/** Rotation about Y; positive turns +Z towards +X. */
const rotY = (deg: number): Mat => {
  const c = Math.cos(rad(deg));
  const s = Math.sin(rad(deg));
  return [c, 0, s, 0, 1, 0, -s, 0, c];
};
/** Rotation about Z; positive turns +X towards +Y. */
const rotZ = (deg: number): Mat => {
  const c = Math.cos(rad(deg));
  const s = Math.sin(rad(deg));
  return [c, -s, 0, s, c, 0, 0, 0, 1];
};
const chain = (...ms: Mat[]): Mat => ms.reduce((acc, m) => compose(acc, m), IDENTITY);

// ---------------------------------------------------------------------------
// Body model, in metres. Body axes: x forward, y up (head), z to the body's right.

const BODY = {
  hipHalfWidth: 0.09,
  shoulderHalfWidth: 0.17,
  spine: 0.5,
  neck: 0.07,
  headRadius: 0.105,
  thigh: 0.43,
  shin: 0.42,
  sole: 0.07,
  foot: 0.17,
  heel: 0.05,
  upperArm: 0.29,
  forearm: 0.24,
  torsoWidth: 0.235,
  thighWidth: 0.155,
  thighTopWidth: 0.195,
  shinWidth: 0.105,
  upperArmWidth: 0.088,
  forearmWidth: 0.07,
  handRadius: 0.045,
  shoeWidth: 0.075,
} as const;

type Side = 'left' | 'right';
const SIDES: readonly Side[] = ['left', 'right'];
const sideSign = (side: Side): number => (side === 'right' ? 1 : -1);

interface Skeleton {
  pelvis: Vec;
  hip: Record<Side, Vec>;
  knee: Record<Side, Vec>;
  ankle: Record<Side, Vec>;
  /** Direction the foot points if nothing stops it (perpendicular to the shin). */
  footDir: Record<Side, Vec>;
  /** Direction from knee to ankle. */
  shinDir: Record<Side, Vec>;
  shoulderMid: Vec;
  /** Bezier control point of the spine curve. */
  spineCtrl: Vec;
  /** Body-left/right offsets used to give the torso its width. */
  torsoSideHip: Vec;
  torsoSideShoulder: Vec;
  waist: Vec;
  shoulder: Record<Side, Vec>;
  elbow: Record<Side, Vec>;
  wrist: Record<Side, Vec>;
  hand: Record<Side, Vec>;
  neckTop: Vec;
  head: Vec;
  /** Unit vector pointing out of the front of the pelvis. */
  front: Vec;
  /** Unit vectors of the head: up (crown) and forward (face). */
  headUp: Vec;
  headForward: Vec;
}

const UPRIGHT_BASES: ReadonlySet<Pose['base']> = new Set(['standing', 'sitting', 'kneeling', 'halfKneeling']);
const LYING_BASES: ReadonlySet<Pose['base']> = new Set(['supine', 'prone', 'sideLying']);

/** Side-lying: body x → world Z (faces the viewer), body y → world X (head to the right), body z → world Y. */
const SIDE_LYING: Mat = [0, 1, 0, 0, 0, 1, 1, 0, 0];

function finite(n: number, fallback = 0): number {
  return Number.isFinite(n) ? n : fallback;
}

function clampPose(p: Pose): Pose {
  const limb = (l: LimbAngles): LimbAngles => ({
    hipFlexion: finite(l.hipFlexion),
    hipAbduction: finite(l.hipAbduction),
    hipRotation: finite(l.hipRotation),
    kneeFlexion: finite(l.kneeFlexion),
    shoulderFlexion: finite(l.shoulderFlexion),
    elbowFlexion: finite(l.elbowFlexion),
    kneeOnFloor: l.kneeOnFloor === true,
  });
  return {
    view: p.view === 'front' ? 'front' : 'side',
    base: p.base,
    trunkLean: finite(p.trunkLean),
    spineFlexion: Math.max(-150, Math.min(150, finite(p.spineFlexion))),
    spineRotation: finite(p.spineRotation),
    left: limb(p.left),
    right: limb(p.right),
  };
}

/** Orientation of the body (trunk line) in the world. */
function baseMatrix(pose: Pose, view: Pose['view']): Mat {
  switch (pose.base) {
    case 'supine':
      return rotZ(pose.trunkLean);
    case 'sideLying':
      return compose(rotZ(90 - pose.trunkLean), SIDE_LYING);
    case 'standing':
    case 'sitting':
    case 'kneeling':
    case 'halfKneeling':
      // Face-on, a forward lean is invisible: it is drawn as a side bend instead (see pose.ts).
      return view === 'front' ? IDENTITY : rotZ(-pose.trunkLean);
    case 'prone':
    case 'quadruped':
      return rotZ(-pose.trunkLean);
  }
}

/** Forward kinematics: joint positions in world orientation, pelvis at the origin (not yet on the floor). */
function skeleton(pose: Pose, view: Pose['view']): Skeleton {
  const world = baseMatrix(pose, view);
  const sideBend = view === 'front' && UPRIGHT_BASES.has(pose.base) ? pose.trunkLean : 0;
  const flex = pose.spineFlexion;
  const twist = pose.spineRotation;
  const lying = LYING_BASES.has(pose.base);

  // The trunk line (pelvis → shoulders) is the body's y axis; a side bend tilts it.
  const chord = compose(world, rotX(-sideBend));
  // Spine as a circular arc of fixed length: flexion bulges it backwards.
  const arc = rad(Math.abs(flex) + Math.abs(sideBend) * 0.6);
  const chordLen = arc < 1e-6 ? BODY.spine : (BODY.spine * Math.sin(arc / 2)) / (arc / 2);
  const bulge = (chordLen / 2) * Math.tan(rad(flex) / 2);
  const lateralBulge = (chordLen / 2) * Math.tan(rad(sideBend * 0.6) / 2);
  const shoulderMid = apply(chord, [0, chordLen, 0]);
  const spineCtrl = apply(chord, [-bulge, chordLen / 2, lateralBulge]);

  // Upper body frame: tangent at the top of the arc, then the twist (lying: the pelvis turns instead).
  // Upright, a twist turns the chest towards the body's right, which faces the camera in side view.
  const upper = chain(chord, rotZ(-flex / 2), rotX(-sideBend * 0.3), lying ? IDENTITY : rotY(-twist));
  // Hips hang from the pelvis, which a side bend (front view) leaves level.
  const pelvisFrame = lying ? compose(world, rotY(-twist)) : world;

  const hip = {} as Record<Side, Vec>;
  const knee = {} as Record<Side, Vec>;
  const ankle = {} as Record<Side, Vec>;
  const footDir = {} as Record<Side, Vec>;
  const shinDir = {} as Record<Side, Vec>;
  const shoulder = {} as Record<Side, Vec>;
  const elbow = {} as Record<Side, Vec>;
  const wrist = {} as Record<Side, Vec>;
  const hand = {} as Record<Side, Vec>;

  for (const side of SIDES) {
    const s = sideSign(side);
    const limb = pose[side];
    hip[side] = apply(pelvisFrame, [0, 0, BODY.hipHalfWidth * s]);
    const thighFrame = chain(
      pelvisFrame,
      rotZ(limb.hipFlexion),
      rotX(-s * limb.hipAbduction),
      rotY(-s * limb.hipRotation),
    );
    knee[side] = add(hip[side], apply(thighFrame, [0, -BODY.thigh, 0]));
    const k = rad(limb.kneeFlexion);
    shinDir[side] = apply(thighFrame, [-Math.sin(k), -Math.cos(k), 0]);
    ankle[side] = add(knee[side], mul(shinDir[side], BODY.shin));
    footDir[side] = apply(thighFrame, [Math.cos(k), -Math.sin(k), 0]);

    shoulder[side] = add(shoulderMid, apply(upper, [0, -0.03, BODY.shoulderHalfWidth * s]));
    // A small fixed abduction keeps the arms clear of the body when seen face-on. Lying on the side,
    // arms are drawn moving in the plane we see (as if raised sideways): that is how a person props
    // themselves on an elbow, which flexion alone cannot show.
    const sideLyingArm = pose.base === 'sideLying';
    const armFrame = sideLyingArm
      ? compose(upper, rotX(-s * limb.shoulderFlexion))
      : chain(upper, rotZ(limb.shoulderFlexion), rotX(-s * 8));
    elbow[side] = add(shoulder[side], apply(armFrame, [0, -BODY.upperArm, 0]));
    const e = rad(limb.elbowFlexion);
    const forearmDir = sideLyingArm
      ? apply(compose(upper, rotX(-s * (limb.shoulderFlexion + limb.elbowFlexion))), [0, -1, 0])
      : apply(armFrame, [Math.sin(e), -Math.cos(e), 0]);
    wrist[side] = add(elbow[side], mul(forearmDir, BODY.forearm));
    hand[side] = add(wrist[side], mul(forearmDir, 0.035));
  }

  const headFrame = compose(upper, rotZ(-flex * 0.25));
  const neckTop = add(shoulderMid, apply(upper, [0, BODY.neck, 0]));
  const headUp = apply(headFrame, [0, 1, 0]);
  const head = add(neckTop, mul(headUp, BODY.headRadius * 0.85));
  return {
    pelvis: [0, 0, 0],
    hip,
    knee,
    ankle,
    footDir,
    shinDir,
    shoulderMid,
    spineCtrl,
    torsoSideHip: apply(pelvisFrame, [0, 0, 0.05]),
    torsoSideShoulder: apply(upper, [0, 0, 0.07]),
    waist: apply(pelvisFrame, [0, 0.13, 0]),
    shoulder,
    elbow,
    wrist,
    hand,
    neckTop,
    head,
    headUp,
    headForward: apply(headFrame, [1, 0, 0]),
    front: apply(pelvisFrame, [1, 0, 0]),
  };
}

/** Point on the spine curve, t = 0 (pelvis) … 1 (shoulders). */
function spineAt(sk: Skeleton, t: number): Vec {
  const a = mul(sk.pelvis, (1 - t) * (1 - t));
  const b = mul(sk.spineCtrl, 2 * t * (1 - t));
  const c = mul(sk.shoulderMid, t * t);
  return add(add(a, b), c);
}

function translate(sk: Skeleton, d: Vec): Skeleton {
  const t = (v: Vec): Vec => add(v, d);
  const both = (r: Record<Side, Vec>): Record<Side, Vec> => ({ left: t(r.left), right: t(r.right) });
  return {
    ...sk,
    pelvis: t(sk.pelvis),
    hip: both(sk.hip),
    knee: both(sk.knee),
    ankle: both(sk.ankle),
    shoulderMid: t(sk.shoulderMid),
    spineCtrl: t(sk.spineCtrl),
    waist: t(sk.waist),
    shoulder: both(sk.shoulder),
    elbow: both(sk.elbow),
    wrist: both(sk.wrist),
    hand: both(sk.hand),
    neckTop: t(sk.neckTop),
    head: t(sk.head),
  };
}

/** The lowest point of the drawn body (bottom of each rounded shape). */
function lowestY(sk: Skeleton): number {
  const pts: [Vec, number][] = [
    [sk.pelvis, BODY.torsoWidth / 2],
    [spineAt(sk, 0.5), BODY.torsoWidth / 2],
    [sk.shoulderMid, BODY.torsoWidth / 2 - 0.02],
    [sk.head, BODY.headRadius],
  ];
  for (const side of SIDES) {
    pts.push([sk.knee[side], BODY.thighWidth / 2 - 0.01]);
    pts.push([sk.ankle[side], BODY.sole]);
    pts.push([sk.elbow[side], BODY.upperArmWidth / 2]);
    pts.push([sk.hand[side], BODY.handRadius]);
  }
  return Math.min(...pts.map(([p, r]) => p[1] - r));
}

// ---------------------------------------------------------------------------
// Which point stays still during the animation.

type AnchorPoint =
  'leftAnkle' | 'rightAnkle' | 'ankles' | 'leftKnee' | 'rightKnee' | 'knees' | 'pelvis' | 'shoulders';
interface Anchor {
  point: AnchorPoint;
  /** 'x': every frame rests on the floor and keeps the anchor's x; 'xy': frames keep the start frame's anchor exactly. */
  mode: 'x' | 'xy';
}

/**
 * A start and an end pose cannot say which foot stays planted (a reverse and
 * a walking lunge have the same two poses), so a few exercises name it here.
 */
const ANCHOR_OVERRIDES: Readonly<Record<string, Anchor>> = {
  'reverse-lunge': { point: 'leftAnkle', mode: 'x' },
  'walking-lunge': { point: 'rightAnkle', mode: 'x' },
  'step-up': { point: 'leftAnkle', mode: 'xy' },
  'side-plank': { point: 'ankles', mode: 'xy' },
  'side-plank-knees': { point: 'knees', mode: 'xy' },
};

/** Heel raises: ankle movement is not in the pose model, so the renderer lifts the body by this much at the end pose. */
const END_RISE: Readonly<Record<string, number>> = { 'heel-raise': 0.07 };

function anchorPoint(sk: Skeleton, point: AnchorPoint): Vec {
  switch (point) {
    case 'leftAnkle':
      return sk.ankle.left;
    case 'rightAnkle':
      return sk.ankle.right;
    case 'ankles':
      return mid(sk.ankle.left, sk.ankle.right);
    case 'leftKnee':
      return sk.knee.left;
    case 'rightKnee':
      return sk.knee.right;
    case 'knees':
      return mid(sk.knee.left, sk.knee.right);
    case 'pelvis':
      return sk.pelvis;
    case 'shoulders':
      return sk.shoulderMid;
  }
}

function legChange(a: LimbAngles, b: LimbAngles): number {
  return (
    Math.abs(a.hipFlexion - b.hipFlexion) +
    Math.abs(a.kneeFlexion - b.kneeFlexion) +
    Math.abs(a.hipAbduction - b.hipAbduction) +
    Math.abs(a.hipRotation - b.hipRotation) / 2
  );
}

function chooseAnchor(slug: string, start: Pose, end: Pose): Anchor {
  const override = ANCHOR_OVERRIDES[slug];
  if (override) return override;
  const changeL = legChange(start.left, end.left);
  const changeR = legChange(start.right, end.right);
  const stillLeg: 'left' | 'right' | 'both' =
    changeL > 2 * changeR + 10 ? 'right' : changeR > 2 * changeL + 10 ? 'left' : 'both';
  const ankle: AnchorPoint =
    stillLeg === 'both' ? 'ankles' : stillLeg === 'left' ? 'leftAnkle' : 'rightAnkle';
  const knee: AnchorPoint = stillLeg === 'both' ? 'knees' : stillLeg === 'left' ? 'leftKnee' : 'rightKnee';
  switch (start.base) {
    case 'supine':
      return { point: 'shoulders', mode: 'x' };
    case 'prone':
    case 'sideLying':
      return { point: 'pelvis', mode: 'x' };
    case 'standing':
    case 'sitting':
      return { point: ankle, mode: 'x' };
    case 'quadruped':
      return {
        point: start.left.kneeOnFloor === true || start.right.kneeOnFloor === true ? knee : ankle,
        mode: 'x',
      };
    case 'kneeling':
    case 'halfKneeling':
      if (start.left.kneeOnFloor === true && start.right.kneeOnFloor !== true)
        return { point: 'leftKnee', mode: 'x' };
      if (start.right.kneeOnFloor === true && start.left.kneeOnFloor !== true)
        return { point: 'rightKnee', mode: 'x' };
      return { point: 'knees', mode: 'x' };
  }
}

// ---------------------------------------------------------------------------
// Scenes: what surrounds the figure.

type Scene = 'floor' | 'bike' | 'exerciseBike' | 'elliptical' | 'swim' | 'waterWalk';

function sceneOf(ex: Exercise): Scene {
  const eq = ex.equipment;
  if (eq.includes('pool')) {
    return ex.poses.start.base === 'standing' && Math.abs(ex.poses.start.trunkLean) > 45
      ? 'swim'
      : 'waterWalk';
  }
  if (eq.includes('exerciseBike')) return 'exerciseBike';
  if (eq.includes('ellipticalTrainer')) return 'elliptical';
  if (eq.includes('bike')) return 'bike';
  return 'floor';
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

function lerpPose(a: Pose, b: Pose, t: number): Pose {
  const limb = (x: LimbAngles, y: LimbAngles): LimbAngles => ({
    hipFlexion: lerp(x.hipFlexion, y.hipFlexion, t),
    hipAbduction: lerp(x.hipAbduction, y.hipAbduction, t),
    hipRotation: lerp(x.hipRotation, y.hipRotation, t),
    kneeFlexion: lerp(x.kneeFlexion, y.kneeFlexion, t),
    shoulderFlexion: lerp(x.shoulderFlexion, y.shoulderFlexion, t),
    elbowFlexion: lerp(x.elbowFlexion, y.elbowFlexion, t),
    kneeOnFloor: t < 0.5 ? x.kneeOnFloor === true : y.kneeOnFloor === true,
  });
  return {
    view: a.view,
    base: t < 0.5 ? a.base : b.base,
    trunkLean: lerp(a.trunkLean, b.trunkLean, t),
    spineFlexion: lerp(a.spineFlexion, b.spineFlexion, t),
    spineRotation: lerp(a.spineRotation, b.spineRotation, t),
    left: limb(a.left, b.left),
    right: limb(a.right, b.right),
  };
}

/** Places each sampled pose in the world so that the anchor stays put and the body rests on its support. */
function placeFrames(
  ex: Exercise,
  poses: Pose[],
  ts: number[],
  view: Pose['view'],
  scene: Scene,
): Skeleton[] {
  const raw = poses.map((p) => skeleton(p, view));
  const first = raw[0]!;
  const anchor = chooseAnchor(ex.slug, ex.poses.start, ex.poses.end);
  const rise = END_RISE[ex.slug] ?? 0;

  if (scene === 'bike' || scene === 'exerciseBike' || scene === 'elliptical' || scene === 'swim') {
    // The seat, the pedals or the water carry the body: the pelvis stays put.
    let lift: number;
    if (scene === 'swim') lift = 0.55;
    else if (scene === 'elliptical')
      lift = 0.17 - Math.min(first.ankle.left[1], first.ankle.right[1]) + BODY.sole;
    else lift = 0.3 - mid(first.ankle.left, first.ankle.right)[1];
    return raw.map((sk) => translate(sk, [-sk.pelvis[0], lift - sk.pelvis[1], 0]));
  }

  const a0 = anchorPoint(first, anchor.point);
  const y0 = -lowestY(first);
  return raw.map((sk, i) => {
    const a = anchorPoint(sk, anchor.point);
    const dy = anchor.mode === 'xy' ? a0[1] + y0 - a[1] : -lowestY(sk);
    return translate(sk, [-a[0], dy + rise * (ts[i] ?? 0), a0[2] - a[2]]);
  });
}

// ---------------------------------------------------------------------------
// Camera and 2-D shapes.

interface Camera {
  yaw: number;
  pitch: number;
}

function cameraFor(ex: Exercise, view: Pose['view'], scene: Scene): Camera {
  const base = ex.poses.start.base;
  const yaw = view === 'front' ? -90 - 14 : base === 'sideLying' ? -6 : -18;
  let pitch = 7;
  if (base === 'supine' || base === 'prone' || base === 'quadruped') pitch = 13;
  if (base === 'sideLying') {
    const flex = Math.max(
      ex.poses.start.left.hipFlexion,
      ex.poses.start.right.hipFlexion,
      ex.poses.end.left.hipFlexion,
      ex.poses.end.right.hipFlexion,
    );
    pitch = Math.max(14, Math.min(40, 14 + Math.max(0, flex) * 0.5));
  }
  if (scene === 'swim') pitch = 12;
  return { yaw, pitch };
}

interface P2 {
  x: number;
  y: number;
  depth: number;
}

function projector(cam: Camera): (v: Vec) => P2 {
  const m = compose(rotX(cam.pitch), rotY(cam.yaw));
  return (v) => {
    const r = apply(m, v);
    return { x: r[0], y: r[1], depth: r[2] };
  };
}

/** A drawable shape whose geometry is sampled per frame (metres, y up). */
interface Shape {
  kind: 'path' | 'circle';
  /** For paths: list of commands; each command is a letter and its points. */
  attrs: Record<string, string>;
  /** One geometry per frame. */
  frames: Geometry[];
}
type Geometry = { d: [string, P2[]][] } | { c: P2; r: number; opacity?: number };

function fmt(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

interface Viewport {
  scale: number;
  ox: number;
  oy: number;
}

function toPx(vp: Viewport, p: P2): [number, number] {
  return [vp.ox + p.x * vp.scale, vp.oy - p.y * vp.scale];
}

function geometryAttr(vp: Viewport, g: Geometry): Record<string, string> {
  if ('c' in g) {
    const [cx, cy] = toPx(vp, g.c);
    const out: Record<string, string> = { cx: fmt(cx), cy: fmt(cy), r: fmt(g.r * vp.scale) };
    if (g.opacity !== undefined) out['fill-opacity'] = fmt(g.opacity);
    return out;
  }
  const d = g.d
    .map(([cmd, pts]) => cmd + pts.map((p) => toPx(vp, p).map(fmt).join(' ')).join(' '))
    .join('')
    .replace(/([MLQZ])\s*/g, '$1');
  return { d: d === '' ? 'M0 0' : d };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attrString(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
}

// ---------------------------------------------------------------------------
// Palette.

const COLORS = {
  background: '#f2f6f5',
  floor: '#e3ebe9',
  floorLine: '#c9d6d2',
  shadow: '#cfdad7',
  skinNear: '#f1c6a5',
  skinFar: '#d9a582',
  hair: '#4a3b33',
  legNear: '#33425c',
  legFar: '#8b98b3',
  shoeNear: '#1f2735',
  shoeFar: '#5f6a80',
  mat: '#b7dccf',
  matEdge: '#95c4b4',
  wood: '#c49a6c',
  woodDark: '#9c7651',
  wall: '#dde6ea',
  wallEdge: '#c3cfd5',
  step: '#d2dae3',
  stepTop: '#e9eef3',
  band: '#e8643c',
  strap: '#d9a441',
  metal: '#55606e',
  metalLight: '#8c97a5',
  water: '#7cc3e3',
  waterLine: '#4c9fc9',
  pillow: '#f4e3c3',
} as const;

const DEFAULT_ACCENT = '#2f7f7a';

// ---------------------------------------------------------------------------
// Building the scene.

const FRAMES_PER_HALF = 10;

function sampleTimes(frame: RenderOptions['frame']): number[] {
  if (frame === 'start') return [0];
  if (frame === 'end') return [1];
  const ts: number[] = [];
  for (let i = 0; i <= FRAMES_PER_HALF; i++) ts.push((1 - Math.cos((Math.PI * i) / FRAMES_PER_HALF)) / 2);
  return ts;
}

function limbPath(points: Vec[], proj: (v: Vec) => P2): Geometry {
  const ps = points.map(proj);
  return {
    d: [
      ['M', [ps[0]!]],
      ['L', ps.slice(1)],
    ],
  };
}

/** Foot from heel to toe; a foot near the floor is laid on it (toes down), otherwise it follows the shin. */
function footPoints(sk: Skeleton, side: Side, floorY: number | null): [Vec, Vec] {
  const ankle = sk.ankle[side];
  // With no floor (swimming) the toes point away, in line with the shin.
  let dir =
    floorY === null
      ? norm(add(mul(sk.shinDir[side], 0.85), mul(sk.footDir[side], 0.3)))
      : norm(sk.footDir[side]);
  const nearFloor = floorY !== null && ankle[1] - floorY < BODY.sole + BODY.foot * 0.8;
  if (nearFloor && floorY !== null) {
    let horiz = norm([dir[0], 0, dir[2]]);
    if (len([dir[0], 0, dir[2]]) < 0.35) {
      const back = mul(sk.shinDir[side], -1);
      horiz = norm([back[0], 0, back[2]]);
    }
    const drop = Math.max(-1, Math.min(1, (ankle[1] - floorY - BODY.sole * 0.45) / BODY.foot));
    const c = Math.sqrt(1 - drop * drop);
    dir = norm([horiz[0] * c, -drop, horiz[2] * c]);
  }
  const heel = add(ankle, mul(dir, -BODY.heel));
  const toe = add(ankle, mul(dir, BODY.foot));
  return [heel, toe];
}

interface Layout {
  frames: Skeleton[];
  proj: (v: Vec) => P2;
  near: Side;
  far: Side;
  floorY: number | null;
  scene: Scene;
  /** Horizontal world direction that points to the right of the picture. */
  right: Vec;
  view: Pose['view'];
}

function buildFigure(layout: Layout, accent: string): Shape[] {
  const { frames, proj, near, far, floorY } = layout;
  const shapes: Shape[] = [];
  const path = (attrs: Record<string, string>, geo: (sk: Skeleton) => Geometry): void => {
    shapes.push({ kind: 'path', attrs, frames: frames.map(geo) });
  };
  const circle = (attrs: Record<string, string>, geo: (sk: Skeleton) => Geometry): void => {
    shapes.push({ kind: 'circle', attrs, frames: frames.map(geo) });
  };
  const stroke = (
    color: string,
    width: number,
    extra: Record<string, string> = {},
  ): Record<string, string> => ({
    fill: 'none',
    stroke: color,
    'stroke-width': String(width),
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
    ...extra,
  });
  // Widths are in metres here and converted to px in render().
  const leg = (side: Side, color: string, shoe: string): void => {
    path(stroke(color, BODY.thighWidth), (sk) => limbPath([sk.hip[side], sk.knee[side]], proj));
    // A second, wider stroke over the top of the thigh gives it a natural taper.
    path(stroke(color, BODY.thighTopWidth), (sk) =>
      limbPath([sk.hip[side], add(sk.hip[side], mul(sub(sk.knee[side], sk.hip[side]), 0.3))], proj),
    );
    path(stroke(color, BODY.shinWidth), (sk) => limbPath([sk.knee[side], sk.ankle[side]], proj));
    path(stroke(shoe, BODY.shoeWidth), (sk) => limbPath(footPoints(sk, side, floorY), proj));
  };
  const arm = (side: Side, sleeve: string, skin: string, farTone: boolean): void => {
    path(stroke(skin, BODY.forearmWidth), (sk) => limbPath([sk.elbow[side], sk.wrist[side]], proj));
    circle({ fill: skin }, (sk) => ({ c: proj(sk.hand[side]), r: BODY.handRadius }));
    path(stroke(sleeve, BODY.upperArmWidth), (sk) => limbPath([sk.shoulder[side], sk.elbow[side]], proj));
    if (farTone) {
      path(stroke('#ffffff', BODY.upperArmWidth, { 'stroke-opacity': '0.38' }), (sk) =>
        limbPath([sk.shoulder[side], sk.elbow[side]], proj),
      );
    }
  };

  leg(far, COLORS.legFar, COLORS.shoeFar);
  arm(far, accent, COLORS.skinFar, true);
  // Neck, then the torso as a rounded outline around the spine curve.
  path(stroke(COLORS.skinNear, 0.075), (sk) => limbPath([sk.shoulderMid, sk.neckTop], proj));
  const torsoGeo = (sk: Skeleton): Geometry => {
    const hl = proj(sub(sk.pelvis, sk.torsoSideHip));
    const hr = proj(add(sk.pelvis, sk.torsoSideHip));
    const cl = proj(sub(sk.spineCtrl, mid(sk.torsoSideHip, sk.torsoSideShoulder)));
    const cr = proj(add(sk.spineCtrl, mid(sk.torsoSideHip, sk.torsoSideShoulder)));
    const sl = proj(sub(sk.shoulderMid, sk.torsoSideShoulder));
    const sr = proj(add(sk.shoulderMid, sk.torsoSideShoulder));
    return {
      d: [
        ['M', [hl]],
        ['Q', [cl, sl]],
        ['L', [sr]],
        ['Q', [cr, hr]],
        ['Z', []],
      ],
    };
  };
  path({ ...stroke(accent, BODY.torsoWidth), fill: accent }, torsoGeo);
  // Trousers over the pelvis: the lower part of the torso shape, in the leg colour.
  path({ ...stroke(COLORS.legNear, BODY.torsoWidth), fill: COLORS.legNear }, (sk) => {
    const w = sk.torsoSideHip;
    const top = spineAt(sk, 0.2);
    return {
      d: [
        ['M', [proj(sub(sk.pelvis, w))]],
        ['L', [proj(sub(top, w)), proj(add(top, w)), proj(add(sk.pelvis, w))]],
        ['Z', []],
      ],
    };
  });
  // Hair sits behind the head, towards the back and the crown, so the face direction reads.
  circle({ fill: COLORS.hair }, (sk) => ({
    c: proj(add(sk.head, add(mul(sk.headForward, -0.022), mul(sk.headUp, 0.02)))),
    r: BODY.headRadius * 1.04,
  }));
  circle({ fill: COLORS.skinNear }, (sk) => ({
    c: proj(add(sk.head, mul(sk.headForward, 0.006))),
    r: BODY.headRadius,
  }));
  // Two small eyes show which way the face points; an eye turned away from us fades out.
  for (const lateral of [-1, 1]) {
    circle({ fill: COLORS.hair }, (sk) => {
      const side = norm(cross(sk.headForward, sk.headUp));
      const eye = add(
        add(sk.head, mul(sk.headForward, 0.088)),
        add(mul(sk.headUp, 0.015), mul(side, 0.042 * lateral)),
      );
      const facing = proj(eye).depth - proj(sk.head).depth;
      return { c: proj(eye), r: 0.0115, opacity: facing > 0.015 ? 1 : 0 };
    });
  }
  leg(near, COLORS.legNear, COLORS.shoeNear);
  arm(near, accent, COLORS.skinNear, false);
  return shapes;
}

function hasEq(ex: Exercise, eq: Equipment): boolean {
  return ex.equipment.includes(eq);
}

/** Moving props: the band and strap follow the limbs; a dumbbell sits in the hands. */
function buildMovingProps(ex: Exercise, layout: Layout): Shape[] {
  const { frames, proj } = layout;
  const shapes: Shape[] = [];
  if (hasEq(ex, 'resistanceBand')) {
    shapes.push({
      kind: 'path',
      attrs: { fill: 'none', stroke: COLORS.band, 'stroke-width': '0.035', 'stroke-linecap': 'round' },
      frames: frames.map((sk) => {
        const at = (s: Side): Vec => add(sk.hip[s], mul(sub(sk.knee[s], sk.hip[s]), 0.78));
        return limbPath([at('left'), at('right')], proj);
      }),
    });
  }
  if (hasEq(ex, 'towelOrStrap')) {
    shapes.push({
      kind: 'path',
      attrs: { fill: 'none', stroke: COLORS.strap, 'stroke-width': '0.03', 'stroke-linecap': 'round' },
      frames: frames.map((sk) => {
        // The strap runs from the hands round the sole of the foot that is furthest from the floor.
        const s: Side = sk.ankle.left[1] > sk.ankle.right[1] ? 'left' : 'right';
        const toe = add(sk.ankle[s], mul(norm(sk.footDir[s]), BODY.foot));
        const sole = add(mid(sk.ankle[s], toe), mul(norm(sk.shinDir[s]), 0.05));
        return {
          d: [
            ['M', [proj(sk.hand.left)]],
            ['L', [proj(sole), proj(sk.hand.right)]],
          ],
        };
      }),
    });
  }
  if (hasEq(ex, 'dumbbell')) {
    // Lying on the back, the weight rests across the hips; otherwise it is held in both hands.
    const onHips = ex.poses.start.base === 'supine';
    const at = (sk: Skeleton): Vec =>
      onHips ? add(sk.pelvis, mul(sk.front, BODY.torsoWidth / 2 + 0.05)) : mid(sk.hand.left, sk.hand.right);
    shapes.push({
      kind: 'path',
      attrs: { fill: 'none', stroke: COLORS.metal, 'stroke-width': '0.05', 'stroke-linecap': 'round' },
      frames: frames.map((sk) => limbPath([add(at(sk), [0, 0, -0.11]), add(at(sk), [0, 0, 0.11])], proj)),
    });
    for (const dz of [-0.1, 0.1]) {
      shapes.push({
        kind: 'circle',
        attrs: { fill: COLORS.metal },
        frames: frames.map((sk) => ({ c: proj(add(at(sk), [0, 0, dz])), r: 0.055 })),
      });
    }
  }
  return shapes;
}

/** Static props drawn behind the figure, positioned from the start (or sitting) frame. Returns shapes in metres. */
interface StaticShape {
  attrs: Record<string, string>;
  geo: Geometry;
  /** False for shapes that fill the whole card (water) and must not affect the framing. */
  fit?: boolean;
  /** Drawn straight in pixels once the framing is known (used for the water surface). */
  raw?: (vp: Viewport) => string;
}

function rect3(proj: (v: Vec) => P2, x0: number, y0: number, x1: number, y1: number, z = 0): Geometry {
  return {
    d: [
      ['M', [proj([x0, y0, z])]],
      ['L', [proj([x1, y0, z]), proj([x1, y1, z]), proj([x0, y1, z])]],
      ['Z', []],
    ],
  };
}

function floorQuad(proj: (v: Vec) => P2, x0: number, x1: number, z0: number, z1: number, y = 0): Geometry {
  return {
    d: [
      ['M', [proj([x0, y, z0])]],
      ['L', [proj([x1, y, z0]), proj([x1, y, z1]), proj([x0, y, z1])]],
      ['Z', []],
    ],
  };
}

function seg(proj: (v: Vec) => P2, a: Vec, b: Vec): Geometry {
  return {
    d: [
      ['M', [proj(a)]],
      ['L', [proj(b)]],
    ],
  };
}

function strokeAttrs(color: string, width: number): Record<string, string> {
  return {
    fill: 'none',
    stroke: color,
    'stroke-width': String(width),
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
  };
}

function buildStaticProps(
  ex: Exercise,
  layout: Layout,
  startPoses: Pose[],
): { back: StaticShape[]; front: StaticShape[] } {
  const { frames, proj, scene } = layout;
  const back: StaticShape[] = [];
  const front: StaticShape[] = [];
  const first = frames[0]!;

  if (scene === 'floor' || scene === 'waterWalk') {
    const floorBase =
      LYING_BASES.has(ex.poses.start.base) ||
      ['quadruped', 'kneeling', 'halfKneeling'].includes(ex.poses.start.base);
    const floorSitting =
      (ex.poses.start.base === 'sitting' || ex.poses.end.base === 'sitting') && !hasEq(ex, 'chair');
    if (scene === 'floor' && (hasEq(ex, 'mat') || floorBase || floorSitting)) {
      // The mat lies along the picture's horizontal, under everything the figure touches.
      const toward: Vec = [-layout.right[2], 0, layout.right[0]];
      const pts = frames.flatMap((sk) => [
        sk.head,
        sk.pelvis,
        sk.shoulderMid,
        ...SIDES.flatMap((s) => [sk.ankle[s], sk.knee[s], sk.hand[s]]),
      ]);
      const along = pts.map((p) => p[0] * layout.right[0] + p[2] * layout.right[2]);
      const depth = pts.map((p) => p[0] * toward[0] + p[2] * toward[2]);
      const lo = Math.min(...along) - 0.14;
      const hi = Math.max(...along) + 0.14;
      const dMid = (Math.min(...depth) + Math.max(...depth)) / 2;
      const dHalf = Math.max(0.36, (Math.max(...depth) - Math.min(...depth)) / 2 + 0.1);
      const corner = (a: number, d: number, y: number): Vec =>
        add(add(mul(layout.right, a), mul(toward, dMid + d)), [0, y, 0]);
      const quad = (y: number): Geometry => ({
        d: [
          ['M', [proj(corner(lo, -dHalf, y))]],
          ['L', [proj(corner(hi, -dHalf, y)), proj(corner(hi, dHalf, y)), proj(corner(lo, dHalf, y))]],
          ['Z', []],
        ],
      });
      back.push({ attrs: { fill: COLORS.matEdge }, geo: quad(-0.012) });
      back.push({ attrs: { fill: COLORS.mat }, geo: quad(0.004) });
    }
  }

  if (hasEq(ex, 'pillow')) {
    const head = first.head;
    back.push({
      attrs: { fill: COLORS.pillow, stroke: '#e2cfa8', 'stroke-width': '0.01' },
      geo: rect3(proj, head[0] - 0.16, 0.0, head[0] + 0.16, Math.max(0.06, head[1] - BODY.headRadius), -0.05),
    });
  }

  if (hasEq(ex, 'wall')) {
    // Hands reaching forward lean on a wall in front; otherwise the back rests on a wall behind.
    const handX = Math.max(...SIDES.map((s) => first.hand[s][0]));
    const thick = 0.12;
    if (handX - first.shoulderMid[0] > 0.2) {
      const x = handX + BODY.handRadius;
      back.push({
        attrs: { fill: COLORS.wall, stroke: COLORS.wallEdge, 'stroke-width': '0.012' },
        geo: rect3(proj, x, 0, x + thick, 2.0, -0.3),
      });
    } else {
      const x = Math.min(first.pelvis[0], first.shoulderMid[0], spineAt(first, 0.5)[0]) - BODY.torsoWidth / 2;
      back.push({
        attrs: { fill: COLORS.wall, stroke: COLORS.wallEdge, 'stroke-width': '0.012' },
        geo: rect3(proj, x - thick, 0, x, 2.0, -0.3),
      });
    }
  }

  if (hasEq(ex, 'chair') && scene === 'floor') {
    const sitIdx = startPoses.findIndex((p) => p.base === 'sitting');
    if (sitIdx >= 0) {
      const sk = frames[sitIdx]!;
      const seatY = Math.max(0.3, sk.pelvis[1] - BODY.torsoWidth / 2 + 0.02);
      back.push(...chairShapes(layout, sk.pelvis, seatY));
    } else {
      back.push(...supportShapes(layout, first, 'chair', preferredHand(ex)));
    }
  }
  if (hasEq(ex, 'table')) back.push(...supportShapes(layout, first, 'table', preferredHand(ex)));

  if (hasEq(ex, 'step')) {
    // The step goes under a raised foot in the start pose (or in front of the figure).
    const feet = SIDES.map((s) => first.ankle[s]);
    const raised = feet.filter((a) => a[1] - BODY.sole > 0.08).sort((a, b) => b[0] - a[0])[0];
    const top = raised ? raised[1] - BODY.sole : 0.18;
    const cx = raised ? raised[0] + 0.05 : Math.max(...feet.map((a) => a[0])) + 0.35;
    back.push({
      attrs: { fill: COLORS.step, stroke: '#b8c3cf', 'stroke-width': '0.012' },
      geo: rect3(proj, cx - 0.2, 0, cx + 0.2, top, 0),
    });
    back.push({ attrs: { fill: COLORS.stepTop }, geo: floorQuad(proj, cx - 0.2, cx + 0.2, -0.2, 0.2, top) });
  }

  if (scene === 'bike' || scene === 'exerciseBike') {
    const crank = mid(first.ankle.left, first.ankle.right);
    const crankR = Math.max(0.1, Math.min(0.2, len(sub(first.ankle.left, first.ankle.right)) / 2));
    const seat: Vec = [first.pelvis[0] - 0.02, first.pelvis[1] - BODY.torsoWidth / 2 + 0.02, -0.05];
    const bar: Vec = [
      mid(first.hand.left, first.hand.right)[0],
      mid(first.hand.left, first.hand.right)[1],
      -0.05,
    ];
    const c: Vec = [crank[0], crank[1], -0.05];
    const frame = strokeAttrs(COLORS.metal, 0.04);
    if (scene === 'bike') {
      const rear: Vec = [c[0] - 0.45, 0.34, -0.05];
      const frontW: Vec = [c[0] + 0.62, 0.34, -0.05];
      for (const w of [rear, frontW]) {
        back.push({
          attrs: { fill: 'none', stroke: '#3d4654', 'stroke-width': '0.05' },
          geo: circleGeo(proj, w, 0.32),
        });
        back.push({
          attrs: { fill: 'none', stroke: COLORS.metalLight, 'stroke-width': '0.012' },
          geo: circleGeo(proj, w, 0.26),
        });
      }
      back.push({
        attrs: frame,
        geo: {
          d: [
            ['M', [proj(rear)]],
            ['L', [proj(c), proj(seat), proj(rear)]],
          ],
        },
      });
      back.push({
        attrs: frame,
        geo: {
          d: [
            ['M', [proj(c)]],
            ['L', [proj(add(bar, [-0.08, -0.1, 0])), proj(frontW)]],
          ],
        },
      });
      back.push({ attrs: frame, geo: seg(proj, add(seat, [0.02, 0, 0]), add(bar, [-0.08, -0.1, 0])) });
      back.push({ attrs: frame, geo: seg(proj, add(bar, [-0.08, -0.1, 0]), bar) });
    } else {
      const foot1: Vec = [c[0] - 0.5, 0.02, -0.05];
      const foot2: Vec = [c[0] + 0.45, 0.02, -0.05];
      back.push({ attrs: strokeAttrs(COLORS.metal, 0.05), geo: seg(proj, foot1, foot2) });
      back.push({
        attrs: frame,
        geo: {
          d: [
            ['M', [proj(add(foot1, [0.15, 0, 0]))]],
            ['L', [proj(c), proj(seat)]],
          ],
        },
      });
      back.push({
        attrs: frame,
        geo: {
          d: [
            ['M', [proj(add(foot2, [-0.1, 0, 0]))]],
            ['L', [proj(add(c, [0.32, 0.05, 0])), proj(bar)]],
          ],
        },
      });
      back.push({
        attrs: { fill: COLORS.metalLight, stroke: COLORS.metal, 'stroke-width': '0.02' },
        geo: circleGeo(proj, add(c, [0.34, 0.02, -0.02]), 0.2),
      });
    }
    back.push({
      attrs: strokeAttrs('#2b3340', 0.07),
      geo: seg(proj, add(seat, [-0.09, 0, 0]), add(seat, [0.07, 0, 0])),
    });
    back.push({
      attrs: { fill: 'none', stroke: COLORS.metalLight, 'stroke-width': '0.015' },
      geo: circleGeo(proj, c, crankR),
    });
  }

  if (scene === 'elliptical') {
    const feet = SIDES.map((s) => first.ankle[s]);
    const xs = feet.map((a) => a[0]);
    const x0 = Math.min(...xs) - 0.3;
    const x1 = Math.max(...xs) + 0.55;
    const bar = mid(first.hand.left, first.hand.right);
    back.push({
      attrs: strokeAttrs(COLORS.metal, 0.06),
      geo: seg(proj, [x0, 0.04, -0.05], [x1, 0.04, -0.05]),
    });
    back.push({
      attrs: strokeAttrs(COLORS.metal, 0.05),
      geo: seg(proj, [x1 - 0.05, 0.04, -0.05], [x1 - 0.15, 1.15, -0.05]),
    });
    back.push({
      attrs: strokeAttrs(COLORS.metalLight, 0.035),
      geo: seg(proj, [x1 - 0.12, 0.95, -0.05], [bar[0], bar[1], -0.05]),
    });
    back.push({
      attrs: { fill: COLORS.metalLight, stroke: COLORS.metal, 'stroke-width': '0.02' },
      geo: circleGeo(proj, [x1 - 0.1, 0.25, -0.06], 0.18),
    });
    back.push({ attrs: { fill: '#3a4352' }, geo: rect3(proj, x1 - 0.3, 1.12, x1 + 0.05, 1.24, -0.06) });
  }

  if (scene === 'swim' || scene === 'waterWalk') {
    const level = scene === 'swim' ? first.pelvis[1] + 0.03 : first.pelvis[1] + 0.3;
    const levelAt = proj([0, level, 0.3]);
    front.push({
      attrs: {},
      geo: { c: levelAt, r: 0 },
      fit: false,
      raw: (vp) => {
        const y = toPx(vp, levelAt)[1];
        const wave: string[] = [];
        for (let x = 0; x <= 320; x += 20)
          wave.push(
            `${x === 0 ? 'M' : 'Q'}${x === 0 ? '' : `${x - 10} ${fmt(y + (x % 40 === 0 ? -3 : 3))} `}${x} ${fmt(y)}`,
          );
        return (
          `<rect x="0" y="${fmt(y)}" width="320" height="${fmt(Math.max(0, 240 - y))}" rx="0" fill="${COLORS.water}" fill-opacity="0.45"/>` +
          `<path d="${wave.join('')}" fill="none" stroke="${COLORS.waterLine}" stroke-width="2" stroke-linecap="round"/>`
        );
      },
    });
  }
  return { back, front };
}

function circleGeo(proj: (v: Vec) => P2, c: Vec, r: number): Geometry {
  return { c: proj(c), r };
}

/** A chair seen from the side (profile, back rest behind the sitter) or face-on. */
function chairShapes(layout: Layout, pelvis: Vec, seatY: number): StaticShape[] {
  const { proj, right } = layout;
  const at = (along: number, y: number, depth = -0.12): Vec => {
    const base = add(pelvis, mul(right, along));
    return [base[0], y, base[2] + depth];
  };
  const leg = strokeAttrs(COLORS.woodDark, 0.035);
  if (layout.view === 'front') {
    return [
      { attrs: leg, geo: seg(proj, at(-0.2, seatY + 0.42, -0.2), at(-0.2, 0, -0.2)) },
      { attrs: leg, geo: seg(proj, at(0.2, seatY + 0.42, -0.2), at(0.2, 0, -0.2)) },
      {
        attrs: strokeAttrs(COLORS.wood, 0.08),
        geo: seg(proj, at(-0.2, seatY + 0.38, -0.2), at(0.2, seatY + 0.38, -0.2)),
      },
      { attrs: leg, geo: seg(proj, at(-0.2, seatY, 0.1), at(-0.2, 0, 0.1)) },
      { attrs: leg, geo: seg(proj, at(0.2, seatY, 0.1), at(0.2, 0, 0.1)) },
      {
        attrs: strokeAttrs(COLORS.wood, 0.05),
        geo: seg(proj, at(-0.23, seatY - 0.01, 0), at(0.23, seatY - 0.01, 0)),
      },
    ];
  }
  // Profile: the figure faces right; the back rest is behind the pelvis.
  const xBack = -0.2;
  const xFront = 0.26;
  return [
    { attrs: leg, geo: seg(proj, at(xFront - 0.03, seatY), at(xFront - 0.03, 0)) },
    { attrs: leg, geo: seg(proj, at(xBack + 0.02, seatY + 0.45), at(xBack + 0.03, 0)) },
    {
      attrs: strokeAttrs(COLORS.wood, 0.09),
      geo: seg(proj, at(xBack + 0.02, seatY + 0.42), at(xBack + 0.025, seatY + 0.25)),
    },
    {
      attrs: strokeAttrs(COLORS.wood, 0.05),
      geo: seg(proj, at(xBack, seatY - 0.01), at(xFront, seatY - 0.01)),
    },
  ];
}

/** Face-on, the support goes beside the leg that stays still, away from the moving one. */
function preferredHand(ex: Exercise): Side | null {
  if (ex.poses.start.view !== 'front') return null;
  const changeL = legChange(ex.poses.start.left, ex.poses.end.left);
  const changeR = legChange(ex.poses.start.right, ex.poses.end.right);
  return changeL > changeR ? 'right' : 'left';
}

/** A chair back or table that the figure holds for balance, placed at the hand that reaches furthest. */
function supportShapes(
  layout: Layout,
  sk: Skeleton,
  kind: 'chair' | 'table',
  prefer: Side | null,
): StaticShape[] {
  const { proj, right } = layout;
  const pelvisX = proj(sk.pelvis).x;
  const reachOf = (h: Vec): number => Math.abs(proj(h).x - pelvisX);
  const hand =
    prefer !== null
      ? sk.hand[prefer]
      : reachOf(sk.hand.left) > reachOf(sk.hand.right)
        ? sk.hand.left
        : sk.hand.right;
  // The prop extends away from the body, along the picture's horizontal.
  const dir = proj(hand).x >= pelvisX ? 1 : -1;
  const top = Math.max(0.65, Math.min(1.0, hand[1] - BODY.handRadius));
  const at = (along: number, y: number, depth: number): Vec => {
    const base = add(hand, mul(right, dir * (0.02 + along)));
    return [base[0], y, base[2] + depth];
  };
  if (kind === 'table') {
    const leg = strokeAttrs(COLORS.woodDark, 0.04);
    return [
      { attrs: leg, geo: seg(proj, at(0.06, top, -0.2), at(0.06, 0, -0.2)) },
      { attrs: leg, geo: seg(proj, at(0.69, top, -0.2), at(0.69, 0, -0.2)) },
      { attrs: strokeAttrs(COLORS.wood, 0.05), geo: seg(proj, at(0, top, -0.2), at(0.75, top, -0.2)) },
    ];
  }
  const seatY = top - 0.42;
  const leg = strokeAttrs(COLORS.woodDark, 0.035);
  return [
    { attrs: leg, geo: seg(proj, at(0.41, seatY, -0.05), at(0.41, 0, -0.05)) },
    { attrs: leg, geo: seg(proj, at(0, top, -0.05), at(0.01, 0, -0.05)) },
    {
      attrs: strokeAttrs(COLORS.wood, 0.09),
      geo: seg(proj, at(0, top - 0.02, -0.05), at(0, top - 0.16, -0.05)),
    },
    { attrs: strokeAttrs(COLORS.wood, 0.05), geo: seg(proj, at(0, seatY, -0.05), at(0.44, seatY, -0.05)) },
  ];
}

// ---------------------------------------------------------------------------
// Rendering.

const CANVAS = { width: 320, height: 240, margin: 16 } as const;

function boundsOf(geos: Geometry[]): { x0: number; x1: number; y0: number; y1: number } {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  const take = (p: P2, r: number): void => {
    x0 = Math.min(x0, p.x - r);
    x1 = Math.max(x1, p.x + r);
    y0 = Math.min(y0, p.y - r);
    y1 = Math.max(y1, p.y + r);
  };
  for (const g of geos) {
    if ('c' in g) take(g.c, g.r);
    else for (const [, pts] of g.d) for (const p of pts) take(p, 0.07);
  }
  if (!Number.isFinite(x0)) return { x0: -1, x1: 1, y0: 0, y1: 1.8 };
  return { x0, x1, y0, y1 };
}

function animateTag(attr: string, values: string[], keyTimes: string, dur: string): string {
  return `<animate attributeName="${attr}" values="${values.join(';')}" keyTimes="${keyTimes}" dur="${dur}" repeatCount="indefinite" calcMode="linear"/>`;
}

function renderShape(
  shape: Shape,
  vp: Viewport,
  order: number[] | null,
  keyTimes: string,
  dur: string,
): string {
  const widthAttr = shape.attrs['stroke-width'];
  const attrs = { ...shape.attrs };
  if (widthAttr !== undefined) attrs['stroke-width'] = fmt(Number(widthAttr) * vp.scale);
  const first = shape.frames[0]!;
  const base = geometryAttr(vp, first);
  const tag = shape.kind === 'circle' ? 'circle' : 'path';
  if (order === null) return `<${tag}${attrString({ ...attrs, ...base })}/>`;
  const perFrame = shape.frames.map((g) => geometryAttr(vp, g));
  const anims: string[] = [];
  for (const key of Object.keys(base)) {
    const values = order.map((i) => perFrame[i]![key]!);
    if (values.every((v) => v === values[0])) continue;
    anims.push(animateTag(key, values, keyTimes, dur));
  }
  if (anims.length === 0) return `<${tag}${attrString({ ...attrs, ...base })}/>`;
  return `<${tag}${attrString({ ...attrs, ...base })}>${anims.join('')}</${tag}>`;
}

function renderStatic(s: StaticShape, vp: Viewport): string {
  if (s.raw) return s.raw(vp);
  return renderShape(
    { kind: 'c' in s.geo ? 'circle' : 'path', attrs: s.attrs, frames: [s.geo] },
    vp,
    null,
    '',
    '',
  );
}

/**
 * Draws an exercise as a self-contained SVG (viewBox 0 0 320 240). `start`
 * and `end` give still pictures; `animated` loops smoothly between them.
 */
export function renderExerciseSvg(ex: Exercise, opts: RenderOptions): string {
  const accent = opts.accent ?? DEFAULT_ACCENT;
  const start = clampPose(ex.poses.start);
  const end = clampPose(ex.poses.end);
  const view = start.view;
  const scene = sceneOf(ex);
  const cam = cameraFor(ex, view, scene);
  const proj = projector(cam);

  // Always lay out with the full motion so stills and animation share one framing.
  const allTs = sampleTimes('animated');
  const allPoses = allTs.map((t) => lerpPose(start, end, t));
  const allFrames = placeFrames(ex, allPoses, allTs, view, scene);
  const floorY = scene === 'swim' ? null : 0;
  const first = allFrames[0]!;
  const depthOf = (s: Side): number => proj(first.hip[s]).depth + proj(first.shoulder[s]).depth;
  const near: Side = depthOf('right') >= depthOf('left') ? 'right' : 'left';
  const far: Side = near === 'right' ? 'left' : 'right';
  const right: Vec = [Math.cos(rad(cam.yaw)), 0, Math.sin(rad(cam.yaw))];
  const layoutAll: Layout = { frames: allFrames, proj, near, far, floorY, scene, right, view };

  const wanted = sampleTimes(opts.frame);
  const idx = wanted.map((t) => allTs.indexOf(t));
  const frames = idx.map((i) => allFrames[i]!);
  const layout: Layout = { ...layoutAll, frames };

  const figure = buildFigure(layout, accent);
  const moving = buildMovingProps(ex, layout);
  const statics = buildStaticProps(ex, layoutAll, allPoses);

  // Fit everything the animation will ever show into the canvas.
  const figureAll = [...buildFigure(layoutAll, accent), ...buildMovingProps(ex, layoutAll)].flatMap(
    (s) => s.frames,
  );
  const figB = boundsOf(figureAll);
  const propB = boundsOf(
    [...statics.back, ...statics.front].filter((s) => s.fit !== false).map((s) => s.geo),
  );
  const b = {
    x0: Math.min(figB.x0, scene === 'floor' ? figB.x0 : propB.x0),
    x1: Math.max(figB.x1, scene === 'floor' ? figB.x1 : propB.x1),
    y0: Math.min(
      figB.y0,
      floorY === null ? figB.y0 : proj([0, 0, 0.36]).y,
      scene === 'swim' ? figB.y0 : propB.y0,
    ),
    y1: Math.max(figB.y1, hasEq(ex, 'chair') || hasEq(ex, 'table') ? Math.min(propB.y1, 1.3) : figB.y1),
  };
  const availW = CANVAS.width - 2 * CANVAS.margin;
  const availH = CANVAS.height - 2 * CANVAS.margin;
  const scale = Math.min(availW / Math.max(0.5, b.x1 - b.x0), availH / Math.max(0.5, b.y1 - b.y0), 145);
  const vp: Viewport = {
    scale,
    ox: CANVAS.width / 2 - ((b.x0 + b.x1) / 2) * scale,
    oy: CANVAS.height - CANVAS.margin + b.y0 * scale - (availH - (b.y1 - b.y0) * scale) / 2 + 4,
  };
  // Keep the floor low in the card: figures stand near the bottom, not floating mid-air.
  if (floorY !== null) {
    const floorPx = toPx(vp, proj([0, 0, 0.36]))[1];
    const target = CANVAS.height - CANVAS.margin + 4;
    if (floorPx < target)
      vp.oy += Math.min(target - floorPx, Math.max(0, (b.y0 - (b.y1 - availH / scale)) * scale));
  }

  const animated = opts.frame === 'animated';
  const forward = idx.map((_, i) => i);
  // start → end, hold, end → start, hold: one value per key time.
  const order = animated
    ? [...forward, forward[forward.length - 1]!, ...forward.slice(0, -1).reverse(), 0]
    : null;
  const slow = ex.pillar === 'stretch';
  const move = slow ? 2.0 : ex.pillar === 'activity' ? 0.9 : 1.5;
  const hold = slow ? 1.4 : ex.pillar === 'activity' ? 0.1 : 0.6;
  const n = forward.length - 1;
  const times: number[] = [];
  if (animated) {
    for (let i = 0; i <= n; i++) times.push((move * i) / n);
    times.push(move + hold);
    for (let i = n - 1; i >= 0; i--) times.push(move + hold + (move * (n - i)) / n);
    times.push(2 * move + 2 * hold);
  }
  const total = 2 * move + 2 * hold;
  const keyTimes = times.map((t) => (Math.round((t / total) * 10000) / 10000).toString()).join(';');
  const dur = `${total}s`;

  const floorPxY = floorY === null ? null : toPx(vp, proj([0, 0, -0.45]))[1];
  const parts: string[] = [];
  parts.push(`<rect width="320" height="240" rx="18" fill="${COLORS.background}"/>`);
  if (floorPxY !== null && scene !== 'swim') {
    parts.push(
      `<rect x="0" y="${fmt(floorPxY)}" width="320" height="${fmt(Math.max(0, 240 - floorPxY))}" fill="${COLORS.floor}"/>`,
    );
    parts.push(`<path d="M0 ${fmt(floorPxY)}H320" stroke="${COLORS.floorLine}" stroke-width="1.5"/>`);
  }
  for (const s of statics.back) parts.push(renderStatic(s, vp));
  if (floorY !== null && scene === 'floor') {
    const c = toPx(vp, proj(mid(first.pelvis, first.shoulderMid)));
    const floorAt = toPx(vp, proj([0, 0, 0]))[1];
    if (ex.poses.start.base === 'standing') {
      parts.push(
        `<ellipse cx="${fmt(c[0])}" cy="${fmt(floorAt)}" rx="${fmt(0.45 * scale)}" ry="${fmt(0.05 * scale)}" fill="${COLORS.shadow}" fill-opacity="0.6"/>`,
      );
    }
  }
  for (const s of [...figure, ...moving]) parts.push(renderShape(s, vp, order, keyTimes, dur));
  for (const s of statics.front) parts.push(renderStatic(s, vp));

  const label = `${ex.name}${opts.frame === 'animated' ? '' : opts.frame === 'start' ? ', start position' : ', end position'}`;
  const titleId = `ex-${ex.slug}-${opts.frame}-title`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CANVAS.width} ${CANVAS.height}" width="${CANVAS.width}" height="${CANVAS.height}" role="img" aria-labelledby="${titleId}">` +
    `<title id="${titleId}">${escapeXml(label)}</title>` +
    parts.join('') +
    `</svg>`
  );
}
