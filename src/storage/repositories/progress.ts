import type { Kysely } from 'kysely';
import type { Database, FunctionalRating, FunctionalRatingTable } from '../schema';

/**
 * The patient's functional-activity ratings (the rest of what the progress
 * view reads comes from PatientDayRepository). Writes are idempotent on
 * (patient_id, client_id): a repeated write stores nothing new.
 */
export class ProgressRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts the rating if new; reports whether this call created it. */
  async insertFunctionalRating(row: FunctionalRatingTable): Promise<boolean> {
    const res = await this.db
      .insertInto('functional_ratings')
      .values(row)
      .onConflict((oc) => oc.columns(['patient_id', 'client_id']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  findFunctionalRating(patientId: string, clientId: string): Promise<FunctionalRating | undefined> {
    return this.db
      .selectFrom('functional_ratings')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
  }

  /** Every rating of one patient, oldest first. */
  functionalRatings(patientId: string): Promise<FunctionalRating[]> {
    return this.db
      .selectFrom('functional_ratings')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('date')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }
}
