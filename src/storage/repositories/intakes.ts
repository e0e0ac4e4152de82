import type { Kysely } from 'kysely';
import type { Database, Intake, IntakeTable } from '../schema';

export class IntakeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(intake: IntakeTable): Promise<void> {
    await this.db.insertInto('intakes').values(intake).execute();
  }

  latestFor(patientId: string): Promise<Intake | undefined> {
    return this.db
      .selectFrom('intakes')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  listFor(patientId: string): Promise<Intake[]> {
    return this.db
      .selectFrom('intakes')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }
}
