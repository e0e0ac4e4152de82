import type { Kysely } from 'kysely';
import type {
  Database,
  PlanChangeReview,
  PlanChangeReviewTable,
  PlanSuggestion,
  PlanSuggestionTable,
} from '../schema';

/** Clinic thresholds, PT reviews of automatic changes, and suggestions for locked items. */
export class PlanReviewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  // Thresholds ---------------------------------------------------------------

  findThresholds(clinicId: string) {
    return this.db
      .selectFrom('clinic_thresholds')
      .leftJoin('users', 'users.id', 'clinic_thresholds.updated_by')
      .selectAll('clinic_thresholds')
      .select('users.display_name as updated_by_name')
      .where('clinic_thresholds.clinic_id', '=', clinicId)
      .executeTakeFirst();
  }

  /** Replaces the clinic's overrides (an empty object means "all defaults"). */
  async saveThresholds(clinicId: string, overrides: string, by: string, at: string): Promise<void> {
    await this.db
      .insertInto('clinic_thresholds')
      .values({ clinic_id: clinicId, overrides, updated_by: by, updated_at: at })
      .onConflict((oc) => oc.column('clinic_id').doUpdateSet({ overrides, updated_by: by, updated_at: at }))
      .execute();
  }

  // Reviews of automatic changes -----------------------------------------------

  reviewsFor(patientId: string): Promise<PlanChangeReview[]> {
    return this.db
      .selectFrom('plan_change_reviews')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** Records a review; false when the same action on the same change was already recorded. */
  async addReview(row: PlanChangeReviewTable): Promise<boolean> {
    const res = await this.db
      .insertInto('plan_change_reviews')
      .values(row)
      .onConflict((oc) => oc.columns(['patient_id', 'plan_version', 'item_id', 'action']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async setReviewResult(id: string, resultVersion: number): Promise<void> {
    await this.db
      .updateTable('plan_change_reviews')
      .set({ result_version: resultVersion })
      .where('id', '=', id)
      .execute();
  }

  async removeReview(id: string): Promise<void> {
    await this.db.deleteFrom('plan_change_reviews').where('id', '=', id).execute();
  }

  // Suggestions for locked items -----------------------------------------------

  suggestions(patientId: string, statuses: PlanSuggestion['status'][]): Promise<PlanSuggestion[]> {
    return this.db
      .selectFrom('plan_suggestions')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('status', 'in', statuses)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }

  findSuggestion(id: string): Promise<PlanSuggestion | undefined> {
    return this.db.selectFrom('plan_suggestions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Keeps one open suggestion per item: an open one for the same item is
   * updated to the newest change, otherwise a new one is opened.
   */
  async upsertOpenSuggestion(row: PlanSuggestionTable): Promise<void> {
    await this.db
      .insertInto('plan_suggestions')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['patient_id', 'open_key']).doUpdateSet({
          change: row.change,
          based_on_version: row.based_on_version,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  /**
   * Closes an open suggestion. Returns false when it was no longer open
   * (another request decided it first).
   */
  async closeSuggestion(
    id: string,
    to: { status: 'applied' | 'dismissed' | 'expired'; decided_by: string | null; updated_at: string },
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('plan_suggestions')
      .set({ ...to, open_key: null })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async setSuggestionResult(id: string, resultVersion: number): Promise<void> {
    await this.db
      .updateTable('plan_suggestions')
      .set({ result_version: resultVersion })
      .where('id', '=', id)
      .execute();
  }
}
