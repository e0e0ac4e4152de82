import type { Db } from './db';
import { AuditRepository } from './repositories/audit';
import { ClinicRepository } from './repositories/clinics';
import { ConsultationRepository } from './repositories/consultations';
import { IntakeRepository } from './repositories/intakes';
import { FlagRepository } from './repositories/flags';
import { PatientDayRepository } from './repositories/patient-day';
import { ProgressRepository } from './repositories/progress';
import { PlanReviewRepository } from './repositories/plan-review';
import { PortalRepository } from './repositories/portal';
import { ReminderRepository } from './repositories/reminders';
import { PatientSummaryRepository } from './repositories/patient-summary';
import { OutboxRepository } from './repositories/outbox';
import { SessionRepository } from './repositories/sessions';
import { LoginThrottleRepository } from './repositories/throttle';
import { TokenRepository } from './repositories/tokens';
import { UserRepository } from './repositories/users';

/** Every repository, over one database. Services receive this; only repositories write SQL. */
export function createRepositories(database: Db) {
  const { db } = database;
  return {
    dialect: database.dialect,
    clinics: new ClinicRepository(db),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    tokens: new TokenRepository(db),
    outbox: new OutboxRepository(db),
    throttle: new LoginThrottleRepository(db),
    audit: new AuditRepository(db),
    intakes: new IntakeRepository(db),
    consultations: new ConsultationRepository(db),
    patientDay: new PatientDayRepository(db),
    progress: new ProgressRepository(db),
    flags: new FlagRepository(db),
    planReview: new PlanReviewRepository(db),
    portal: new PortalRepository(db, database.dialect),
    reminders: new ReminderRepository(db),
    patientSummaries: new PatientSummaryRepository(db, database.dialect),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
