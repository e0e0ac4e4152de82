import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** Append-only: this repository has no update or delete. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: {
    clinicId: string;
    actorId: string | null;
    action: string;
    subjectType: string;
    subjectId: string | null;
    detail?: Record<string, unknown>;
    at: string;
  }): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        clinic_id: entry.clinicId,
        actor_id: entry.actorId,
        action: entry.action,
        subject_type: entry.subjectType,
        subject_id: entry.subjectId,
        detail: JSON.stringify(entry.detail ?? {}),
        at: entry.at,
      })
      .execute();
  }

  list(clinicId: string, limit: number) {
    return this.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .select([
        'audit_log.id',
        'audit_log.action',
        'audit_log.subject_type',
        'audit_log.subject_id',
        'audit_log.detail',
        'audit_log.at',
        'users.display_name as actor_name',
      ])
      .where('audit_log.clinic_id', '=', clinicId)
      .orderBy('audit_log.id', 'desc')
      .limit(limit)
      .execute();
  }
}
