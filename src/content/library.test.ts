import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getExercise, ladderOf, searchExercises } from '../core/library/library';
import { renderExerciseSvg } from '../core/library/illustration';
import { requiredTagsForPose } from '../core/library/pose';
import { xmlWellFormednessErrors } from '../core/library/xml';
import type { Pillar, PrecautionTag } from '../core/library/types';
import { PILLARS } from '../core/library/types';
import { DEFAULT_EXERCISES_DIR, loadLibrary } from './library';

const lib = loadLibrary();

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

describe('the shipped exercise library', () => {
  it('loads with no errors and has at least 45 exercises', () => {
    expect(lib.exercises.length).toBeGreaterThanOrEqual(45);
  });

  it('has enough exercises in each pillar', () => {
    const minimum: Record<Pillar, number> = {
      strength: 20,
      stretch: 12,
      movementBreaks: 6,
      activity: 5,
      guidance: 0,
    };
    for (const pillar of PILLARS) {
      expect(searchExercises(lib, { pillar }).length, pillar).toBeGreaterThanOrEqual(minimum[pillar]);
    }
  });

  it('contains every exercise the plan engine refers to by slug', () => {
    const slugs = [
      'wall-plank',
      'kneeling-plank',
      'plank',
      'plank-leg-lift',
      'side-plank-knees',
      'side-plank',
      'glute-bridge',
      'bridge-march',
      'single-leg-bridge',
      'weighted-bridge',
      'sit-to-stand',
      'sit-to-stand-low',
      'box-squat',
      'goblet-squat',
      'supported-split-stance',
      'split-squat',
      'reverse-lunge',
      'walking-lunge',
      'clamshell',
      'side-lying-hip-abduction',
      'bird-dog',
      'dead-bug',
      'hip-hinge',
      'step-up',
      'standing-hip-abduction',
      'standing-hip-extension',
      'pelvic-tilt',
      'wall-sit',
      'heel-raise',
      'hip-flexor-stretch-kneeling',
      'hip-flexor-stretch-standing',
      'seated-hamstring-stretch',
      'piriformis-stretch-lying',
      'piriformis-stretch-seated',
      'figure-4-stretch',
      'knee-to-chest',
      'cat-cow',
      'childs-pose',
      'lower-back-rotation',
      'adductor-stretch',
      'quadriceps-stretch-standing',
      'standing-glute-stretch',
      'standing-back-extension',
      'seated-march',
      'standing-hip-circles',
      'desk-walk-break',
      'seated-pelvic-tilt',
      'standing-side-bend',
      'sit-to-stand-break',
      'walking',
      'cycling',
      'stationary-cycling',
      'swimming',
      'water-walking',
      'elliptical-trainer',
    ];
    const missing = slugs.filter((s) => getExercise(lib, s) === undefined);
    expect(missing).toEqual([]);
  });

  it('orders each ladder easiest to hardest', () => {
    const ladders: Record<string, string[]> = {
      plank: ['wall-plank', 'kneeling-plank', 'plank', 'plank-leg-lift'],
      'side-plank': ['side-plank-knees', 'side-plank'],
      bridge: ['glute-bridge', 'bridge-march', 'single-leg-bridge', 'weighted-bridge'],
      squat: ['sit-to-stand', 'sit-to-stand-low', 'box-squat', 'goblet-squat'],
      lunge: ['supported-split-stance', 'split-squat', 'reverse-lunge', 'walking-lunge'],
    };
    for (const [name, slugs] of Object.entries(ladders)) {
      for (const slug of slugs) {
        expect(
          ladderOf(lib, slug).map((e) => e.slug),
          `${name} from ${slug}`,
        ).toEqual(slugs);
      }
      expect(ladderOf(lib, slugs[0]!).map((e) => e.level)).toEqual(slugs.map((_, i) => i + 1));
    }
    expect(ladderOf(lib, 'bird-dog').map((e) => e.slug)).toEqual(['bird-dog']);
  });

  it('has every exercise named in the seed article under a recognisable name', () => {
    const named = [
      'plank',
      'bridge',
      'lunge',
      'squat',
      'hip flexor stretch',
      'seated hamstring stretch',
      'piriformis stretch',
      'swimming',
      'cycling',
      'walking',
    ];
    for (const q of named) expect(searchExercises(lib, { q }).length, q).toBeGreaterThan(0);
    expect(searchExercises(lib, { q: 'PLANK', pillar: 'strength' }).map((e) => e.slug)).toContain('plank');
  });

  it('filters by region, equipment and level', () => {
    expect(searchExercises(lib, { region: 'lowBack', pillar: 'stretch' }).length).toBeGreaterThan(3);
    expect(searchExercises(lib, { equipment: 'chair' }).every((e) => e.equipment.includes('chair'))).toBe(
      true,
    );
    expect(searchExercises(lib, { level: 4, pillar: 'strength' }).map((e) => e.slug)).toContain(
      'goblet-squat',
    );
    expect(searchExercises(lib, { q: 'hamstrings' }).length).toBeGreaterThan(3);
  });

  it('carries the precaution tags that clinical-facts §4.3 expects', () => {
    const has = (slug: string, tag: PrecautionTag): boolean =>
      getExercise(lib, slug)?.precautions.includes(tag) ?? false;
    for (const slug of ['piriformis-stretch-lying', 'figure-4-stretch', 'knee-to-chest', 'goblet-squat']) {
      expect(has(slug, 'hipFlexionOver90'), slug).toBe(true);
    }
    expect(has('standing-glute-stretch', 'hipFlexionOver90')).toBe(false);
    expect(has('hip-flexor-stretch-kneeling', 'kneeling')).toBe(true);
    expect(has('hip-flexor-stretch-kneeling', 'hipExtensionWithExternalRotation')).toBe(true);
    expect(has('glute-bridge', 'lyingOnBack')).toBe(true);
    expect(has('goblet-squat', 'externalLoad')).toBe(true);
    expect(has('swimming', 'waterImmersion')).toBe(true);
  });

  it('offers an alternative without each restrictive tag for the main pillars and regions', () => {
    const restrictive: PrecautionTag[] = [
      'hipFlexionOver90',
      'hipAdductionPastMidline',
      'hipInternalRotation',
      'hipExternalRotation',
      'hipExtensionWithExternalRotation',
      'hipAbductionActive',
      'lyingOnBack',
      'lyingOnFront',
      'spinalFlexionEndRange',
      'spinalRotationEndRange',
      'kneeling',
      'floorTransfer',
      'externalLoad',
      'highAbdominalPressure',
      'fallRisk',
      'waterImmersion',
    ];
    const gaps: string[] = [];
    for (const pillar of ['strength', 'stretch', 'movementBreaks', 'activity'] as const) {
      for (const region of ['lowBack', 'hip', 'core'] as const) {
        const pool = searchExercises(lib, { pillar, region });
        if (pool.length === 0) continue;
        for (const tag of restrictive) {
          if (!pool.some((e) => !e.precautions.includes(tag)))
            gaps.push(`${pillar}/${region} without ${tag}`);
        }
      }
    }
    expect(gaps).toEqual([]);
  });

  it('lists every tag its poses imply (the loader would refuse it otherwise)', () => {
    for (const ex of lib.exercises) {
      for (const tag of [...requiredTagsForPose(ex.poses.start), ...requiredTagsForPose(ex.poses.end)]) {
        expect(ex.precautions, ex.slug).toContain(tag);
      }
    }
  });

  it('renders start, end and animated SVG for every exercise, well-formed and titled with its name', () => {
    for (const ex of lib.exercises) {
      for (const frame of ['start', 'end', 'animated'] as const) {
        const svg = renderExerciseSvg(ex, { frame });
        expect(xmlWellFormednessErrors(svg), `${ex.slug} ${frame}`).toEqual([]);
        expect(svg).toMatch(/^<svg [^>]*role="img"/);
        expect(svg).toContain(`>${escapeXml(ex.name)}`);
        expect(svg).not.toContain(' style=');
        if (frame === 'animated') {
          expect(svg, ex.slug).toContain('<animate ');
          // SMIL ignores an animation whose values and keyTimes differ in number.
          for (const m of svg.matchAll(/values="([^"]*)" keyTimes="([^"]*)"/g)) {
            expect(m[1]!.split(';').length, ex.slug).toBe(m[2]!.split(';').length);
          }
        } else {
          expect(svg).not.toContain('<animate');
        }
      }
    }
  });

  it('draws the same exercise identically every time', () => {
    const ex = getExercise(lib, 'glute-bridge')!;
    expect(renderExerciseSvg(ex, { frame: 'animated' })).toBe(renderExerciseSvg(ex, { frame: 'animated' }));
    expect(renderExerciseSvg(ex, { frame: 'start', accent: '#aa3355' })).toContain('#aa3355');
  });
});

describe('loadLibrary', () => {
  it('caches the default library', () => {
    expect(loadLibrary()).toBe(lib);
  });

  it('throws one error that lists every problem with its file and path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hipback-lib-'));
    const bridge = JSON.parse(
      readFileSync(path.join(DEFAULT_EXERCISES_DIR, 'glute-bridge.json'), 'utf8'),
    ) as Record<string, unknown>;
    writeFileSync(
      path.join(dir, 'glute-bridge.json'),
      JSON.stringify({ ...bridge, harder: null, precautions: [] }),
    );
    writeFileSync(
      path.join(dir, 'plank.json'),
      JSON.stringify({ ...bridge, slug: 'plank', harder: null, precautions: [] }),
    );
    writeFileSync(path.join(dir, 'broken.json'), '{ not json');
    let message = '';
    try {
      loadLibrary(dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('broken.json');
    expect(message).toContain('glute-bridge.json "glute-bridge": precautions');
    expect(message).toContain('plank.json "plank": id: duplicate id');
  });
});
