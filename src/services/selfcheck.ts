import crypto from 'node:crypto';
import { localParts } from '../core/booking/slots';
import type { Library } from '../core/library/library';
import { ENGINE_VERSION } from '../core/plan';
import { type SelfCheckResult, runSelfCheck } from '../core/plan/run';
import type { SelfCheckInput } from '../core/selfcheck/schema';
import type { Repositories } from '../storage';
import { type Actor, assertCanSeePatient, requireRole, requireUser } from './access';
import { type Clock, iso } from './clock';

/** YYYY-MM-DD of `now` in a time zone: "today" is the person's own calendar day. */
export function localDate(now: Date, timeZone: string): string {
  return localParts(now, timeZone).date;
}

export interface SavedIntake {
  id: string;
  createdAt: string;
  answers: SelfCheckInput;
  result: SelfCheckResult;
}

/**
 * The free self-check (anyone, nothing stored) and the patient's intake (the
 * same check, saved to their record so their plan is built from it).
 */
export class SelfCheckService {
  constructor(
    private readonly repos: Repositories,
    private readonly library: Library,
    private readonly clock: Clock,
  ) {}

  /** Anonymous and stateless: the answers are not stored. */
  run(input: SelfCheckInput, timeZone: string): SelfCheckResult {
    return runSelfCheck(input, this.library, localDate(this.clock.now(), timeZone));
  }

  async saveIntake(actor: Actor, input: SelfCheckInput): Promise<SavedIntake> {
    const patient = requireRole(actor, 'patient');
    const now = this.clock.now();
    const result = runSelfCheck(input, this.library, localDate(now, patient.timezone));
    const id = crypto.randomUUID();
    await this.repos.intakes.insert({
      id,
      clinic_id: patient.clinic_id,
      patient_id: patient.id,
      answers: JSON.stringify(input),
      triage_level: result.triage.level,
      result: JSON.stringify(result),
      engine_version: ENGINE_VERSION,
      created_at: iso(now),
    });
    if (result.plan) {
      // The intake's plan becomes the patient's current plan (a new version when retaken).
      await this.repos.patientDay.addPlanVersion({
        id: crypto.randomUUID(),
        clinic_id: patient.clinic_id,
        patient_id: patient.id,
        plan: JSON.stringify(result.plan),
        source: 'intake',
        reason: 'Built from your self-check answers.',
        created_by: patient.id,
        created_at: iso(now),
        state: null,
        changes: null,
      });
    }
    await this.repos.audit.append({
      clinicId: patient.clinic_id,
      actorId: patient.id,
      action: 'intake.create',
      subjectType: 'patient',
      subjectId: patient.id,
      detail: { triage: result.triage.level },
      at: iso(now),
    });
    return { id, createdAt: iso(now), answers: input, result };
  }

  /** The patient's latest intake: the patient themself, or their clinic's staff. */
  async latestIntake(actor: Actor, patientId?: string): Promise<SavedIntake | null> {
    const viewer = requireUser(actor);
    const id = patientId ?? viewer.id;
    assertCanSeePatient(viewer, await this.repos.users.findById(id));
    const row = await this.repos.intakes.latestFor(id);
    if (!row) return null;
    return {
      id: row.id,
      createdAt: row.created_at,
      answers: JSON.parse(row.answers) as SelfCheckInput,
      result: JSON.parse(row.result) as SelfCheckResult,
    };
  }
}
