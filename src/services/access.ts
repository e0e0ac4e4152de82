import type { Role, User } from '../storage/schema';
import { forbidden, notFound, unauthorized } from './errors';

/** Who is asking. Every service method that touches data takes one and checks it first. */
export type Actor = { kind: 'anonymous' } | { kind: 'user'; user: User };

export const anonymous: Actor = { kind: 'anonymous' };

export function requireUser(actor: Actor): User {
  if (actor.kind !== 'user') throw unauthorized();
  return actor.user;
}

export function requireRole(actor: Actor, ...roles: Role[]): User {
  const user = requireUser(actor);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

/**
 * May `viewer` see this patient's health data? The patient themself; a
 * clinician or admin of the same clinic. Anyone else gets "not found", so
 * that ids cannot be probed.
 */
export function assertCanSeePatient(viewer: User, patient: User | undefined): asserts patient is User {
  if (!patient || patient.role !== 'patient') throw notFound('That patient');
  if (viewer.id === patient.id) return;
  if ((viewer.role === 'clinician' || viewer.role === 'admin') && viewer.clinic_id === patient.clinic_id)
    return;
  throw notFound('That patient');
}
