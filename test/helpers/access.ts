import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { User } from '../../src/storage/schema';
import type { TestApp } from './app';

/**
 * The people an ownership test tries every request as (after wger's
 * anonymous / owner / other-user helper): a patient ("owner") of clinician A
 * in clinic A, everyone else around them, and the same cast in clinic B.
 */
export const PERSONAS = [
  'anonymous',
  'owner',
  'otherPatient',
  'clinician',
  'otherClinician',
  'admin',
  'otherClinicPatient',
  'otherClinicClinician',
  'otherClinicAdmin',
] as const;
export type Persona = (typeof PERSONAS)[number];

/** Clinic A's staff: who may see and change a clinic-A patient's record. */
export const CLINIC_A_STAFF: Persona[] = ['clinician', 'otherClinician', 'admin'];

/** Every persona but those in `allowed`. */
export function everyoneBut(allowed: Persona[]): Persona[] {
  return PERSONAS.filter((p) => !allowed.includes(p));
}

export interface World {
  clinicA: string;
  clinicB: string;
  users: Record<Exclude<Persona, 'anonymous'>, User>;
  cookies: Record<Persona, string | null>;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const a = await t.makeClinic('Clinic A');
  const b = await t.makeClinic('Clinic B');
  const clinician = await t.makeUser(a.id, 'clinician');
  const otherClinician = await t.makeUser(a.id, 'clinician');
  const otherClinicClinician = await t.makeUser(b.id, 'clinician');
  const users = {
    owner: await t.makeUser(a.id, 'patient', { clinician_id: clinician.id }),
    otherPatient: await t.makeUser(a.id, 'patient', { clinician_id: otherClinician.id }),
    clinician,
    otherClinician,
    admin: await t.makeUser(a.id, 'admin'),
    otherClinicPatient: await t.makeUser(b.id, 'patient', { clinician_id: otherClinicClinician.id }),
    otherClinicClinician,
    otherClinicAdmin: await t.makeUser(b.id, 'admin'),
  };
  const cookies = { anonymous: null } as Record<Persona, string | null>;
  for (const [k, u] of Object.entries(users)) cookies[k as Persona] = await t.login(u.email);
  return { clinicA: a.id, clinicB: b.id, users, cookies };
}

/**
 * Sends the same request as every persona: those in `allowed` must get a 2xx,
 * everyone else a 401 (anonymous), 403 or 404 — never the data.
 */
export async function expectOnlyAllowed(
  t: TestApp,
  world: World,
  request: InjectOptions,
  allowed: Persona[],
): Promise<void> {
  for (const persona of PERSONAS) {
    const res = await t.as(world.cookies[persona])(request);
    const label = `${String(request.method)} ${JSON.stringify(request.url)} as ${persona}`;
    if (allowed.includes(persona)) {
      expect(res.statusCode, `${label}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, label).toBeLessThan(300);
    } else if (persona === 'anonymous') {
      expect(res.statusCode, label).toBe(401);
    } else {
      expect([403, 404], `${label} got ${res.statusCode}`).toContain(res.statusCode);
    }
  }
}

/** The ids in the `key` list that a GET of `url` gives `persona`, sorted. */
export async function listedIds(
  t: TestApp,
  world: World,
  persona: Persona,
  url: string,
  key = 'patients',
): Promise<string[]> {
  const res = await t.as(world.cookies[persona])({ method: 'GET', url });
  const list = res.json<Record<string, { id: string }[]>>()[key] ?? [];
  return list.map((p) => p.id).sort();
}
