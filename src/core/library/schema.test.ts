import { describe, expect, it } from 'vitest';
import { validateLibrary } from './schema';
import type { LibraryError } from './schema';
import type { Exercise, LimbAngles, Pose } from './types';

// A small, valid library built in code. Each test breaks exactly one thing,
// so each test fails if the check it is about is removed.

const limb = (o: Partial<LimbAngles> = {}): LimbAngles => ({
  hipFlexion: 0,
  hipAbduction: 0,
  hipRotation: 0,
  kneeFlexion: 0,
  shoulderFlexion: 0,
  elbowFlexion: 0,
  ...o,
});

const lying = (right: Partial<LimbAngles> = {}): Pose => ({
  view: 'side',
  base: 'supine',
  trunkLean: 90,
  spineFlexion: 0,
  spineRotation: 0,
  left: limb({ hipFlexion: 38, kneeFlexion: 90 }),
  right: limb({ hipFlexion: 38, kneeFlexion: 90, ...right }),
});

function exercise(slug: string, id: string, o: Partial<Exercise> = {}): Exercise {
  return {
    slug,
    id,
    version: 1,
    name: slug,
    aliases: [],
    pillar: 'strength',
    summary: 'A test exercise.',
    regions: ['hip'],
    muscles: ['gluteusMaximus'],
    equipment: ['mat'],
    level: 1,
    ladder: null,
    easier: null,
    harder: null,
    type: 'reps',
    defaultDose: { sets: 2, reps: 10, restSeconds: 60, eachSide: false, daysPerWeek: 3, source: '§5.2' },
    steps: ['Do this.', 'Then that.'],
    cues: ['Breathe.'],
    mistakes: ['Rushing.'],
    feel: 'Work in the buttocks.',
    stopIf: ['Pain above 5 out of 10.'],
    precautions: ['lyingOnBack', 'floorTransfer'],
    poses: { start: lying(), end: lying() },
    licence: 'CC-BY-SA-4.0',
    author: 'hipback contributors',
    ...o,
  };
}

function fixture(): Exercise[] {
  return [
    exercise('glute-bridge', '6f1d2c1e-0b7a-4c43-9a4f-3c2f9d1b8e01', {
      ladder: 'bridge',
      level: 1,
      harder: 'bridge-march',
    }),
    exercise('bridge-march', '0c9e7a52-5d4b-4f3e-8a61-2b7d4e9c1f02', {
      ladder: 'bridge',
      level: 2,
      easier: 'glute-bridge',
    }),
    exercise('knee-to-chest', 'a4b3c2d1-e5f6-4a7b-8c9d-0e1f2a3b4c03', {
      pillar: 'stretch',
      type: 'hold',
      defaultDose: {
        sets: 2,
        holdSeconds: 30,
        restSeconds: 10,
        eachSide: true,
        daysPerWeek: 7,
        source: '§5.2',
      },
      precautions: ['hipFlexionOver90', 'lyingOnBack', 'floorTransfer'],
      poses: { start: lying(), end: lying({ hipFlexion: 120, kneeFlexion: 120 }) },
    }),
  ];
}

function errorsOf(items: unknown[]): LibraryError[] {
  const result = validateLibrary(items);
  if ('library' in result) throw new Error('expected the library to be rejected');
  return result.errors;
}

describe('validateLibrary', () => {
  it('accepts a valid library and indexes it by slug', () => {
    const result = validateLibrary(fixture());
    expect('errors' in result ? result.errors : []).toEqual([]);
    if (!('library' in result)) return;
    expect(result.library.exercises).toHaveLength(3);
    expect(result.library.bySlug.get('knee-to-chest')?.name).toBe('knee-to-chest');
  });

  it('rejects a missing field and names its path and slug', () => {
    const items = fixture().map((e) => ({ ...e })) as Record<string, unknown>[];
    delete items[2]!['feel'];
    const errors = errorsOf(items);
    expect(errors).toContainEqual(expect.objectContaining({ slug: 'knee-to-chest', path: 'feel' }));
  });

  it('rejects unknown keys (strict objects)', () => {
    const items = fixture().map((e) => ({ ...e })) as Record<string, unknown>[];
    items[0]!['colour'] = 'red';
    expect(errorsOf(items)).toContainEqual(expect.objectContaining({ slug: 'glute-bridge' }));
  });

  it('names the file when the caller passes file names', () => {
    const items = fixture().map((e) => ({ ...e })) as Record<string, unknown>[];
    delete items[1]!['summary'];
    const result = validateLibrary(items, { files: ['a.json', 'b.json', 'c.json'] });
    expect('errors' in result && result.errors).toContainEqual(
      expect.objectContaining({ file: 'b.json', slug: 'bridge-march', path: 'summary' }),
    );
  });

  it('rejects a ladder link to an exercise that does not exist', () => {
    const items = fixture();
    items[1] = { ...items[1]!, harder: 'single-leg-bridge' };
    expect(errorsOf(items)).toContainEqual(
      expect.objectContaining({
        slug: 'bridge-march',
        path: 'harder',
        message: expect.stringContaining('single-leg-bridge'),
      }),
    );
  });

  it('rejects an asymmetric ladder (A.harder = B but B.easier is not A)', () => {
    const items = fixture();
    items[1] = { ...items[1]!, easier: null };
    expect(errorsOf(items)).toContainEqual(expect.objectContaining({ slug: 'glute-bridge', path: 'harder' }));
  });

  it('rejects a ladder step that skips a level or changes ladder', () => {
    const items = fixture();
    items[1] = { ...items[1]!, level: 3 };
    expect(errorsOf(items)).toContainEqual(expect.objectContaining({ slug: 'glute-bridge', path: 'level' }));
    const other = fixture();
    other[1] = { ...other[1]!, ladder: 'squat' };
    expect(errorsOf(other)).toContainEqual(expect.objectContaining({ slug: 'glute-bridge', path: 'ladder' }));
  });

  it('rejects a duplicate slug', () => {
    const items = fixture();
    items.push({ ...items[2]!, id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a04' });
    expect(errorsOf(items)).toContainEqual(
      expect.objectContaining({
        slug: 'knee-to-chest',
        path: 'slug',
        message: expect.stringContaining('duplicate'),
      }),
    );
  });

  it('rejects a duplicate id', () => {
    const items = fixture();
    items[2] = { ...items[2]!, id: items[0]!.id };
    expect(errorsOf(items)).toContainEqual(
      expect.objectContaining({
        slug: 'knee-to-chest',
        path: 'id',
        message: expect.stringContaining('glute-bridge'),
      }),
    );
  });

  it('rejects an id that is not a UUID v4', () => {
    const items = fixture();
    items[0] = { ...items[0]!, id: '6f1d2c1e-0b7a-1c43-9a4f-3c2f9d1b8e01' };
    expect(errorsOf(items)).toContainEqual(expect.objectContaining({ slug: 'glute-bridge', path: 'id' }));
  });

  it('rejects an unknown precaution tag', () => {
    const items = fixture().map((e) => ({ ...e })) as Record<string, unknown>[];
    items[0]!['precautions'] = ['lyingOnBack', 'floorTransfer', 'jumping'];
    expect(errorsOf(items)).toContainEqual(
      expect.objectContaining({ slug: 'glute-bridge', path: 'precautions.2' }),
    );
  });

  it('rejects a precaution list that disagrees with the pose (knee-to-chest without hipFlexionOver90)', () => {
    const items = fixture();
    items[2] = { ...items[2]!, precautions: ['lyingOnBack', 'floorTransfer'] };
    expect(errorsOf(items)).toContainEqual(
      expect.objectContaining({
        slug: 'knee-to-chest',
        path: 'precautions',
        message: expect.stringContaining('hipFlexionOver90'),
      }),
    );
  });

  it('rejects a dose that lacks the number its type needs', () => {
    const items = fixture();
    items[2] = { ...items[2]!, type: 'timed' };
    expect(errorsOf(items)).toContainEqual(
      expect.objectContaining({ slug: 'knee-to-chest', path: 'defaultDose.durationSeconds' }),
    );
  });

  it('reports every problem, not just the first', () => {
    const items = fixture();
    items[0] = { ...items[0]!, precautions: [] };
    items[2] = { ...items[2]!, id: items[1]!.id };
    const errors = errorsOf(items);
    expect(errors.some((e) => e.slug === 'glute-bridge')).toBe(true);
    expect(errors.some((e) => e.slug === 'knee-to-chest' && e.path === 'id')).toBe(true);
  });
});
