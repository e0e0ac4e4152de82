import type { Kysely } from 'kysely';
import type {
  Database,
  OutboxTable,
  PushSubscription,
  PushSubscriptionTable,
  Reminder,
  ReminderSettingsRow,
  ReminderSettingsTable,
  ReminderTable,
} from '../schema';

/**
 * Reminder settings, push subscriptions, the reminders made (also the in-app
 * inbox) and the app's generated secrets.
 */
export class ReminderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  // Settings ----------------------------------------------------------------

  findSettings(patientId: string): Promise<ReminderSettingsRow | undefined> {
    return this.db
      .selectFrom('reminder_settings')
      .selectAll()
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
  }

  /** Creates the patient's settings row unless it exists (concurrent callers: one wins, all read it). */
  async ensureSettings(row: ReminderSettingsTable): Promise<ReminderSettingsRow> {
    await this.db
      .insertInto('reminder_settings')
      .values(row)
      .onConflict((oc) => oc.column('patient_id').doNothing())
      .execute();
    const found = await this.findSettings(row.patient_id);
    if (!found) throw new Error('reminder settings vanished after insert');
    return found;
  }

  async updateSettings(
    patientId: string,
    fields: Partial<Omit<ReminderSettingsTable, 'patient_id' | 'clinic_id' | 'created_at'>>,
  ): Promise<void> {
    await this.db.updateTable('reminder_settings').set(fields).where('patient_id', '=', patientId).execute();
  }

  findByCalendarSecret(secret: string): Promise<ReminderSettingsRow | undefined> {
    return this.db
      .selectFrom('reminder_settings')
      .selectAll()
      .where('calendar_secret', '=', secret)
      .executeTakeFirst();
  }

  // Push subscriptions ------------------------------------------------------

  /** Adds or moves a device's subscription to this patient (the endpoint is unique per browser). */
  async upsertSubscription(row: PushSubscriptionTable): Promise<PushSubscription> {
    await this.db
      .insertInto('push_subscriptions')
      .values(row)
      .onConflict((oc) =>
        oc.column('endpoint').doUpdateSet({
          clinic_id: row.clinic_id,
          patient_id: row.patient_id,
          p256dh: row.p256dh,
          auth: row.auth,
          user_agent: row.user_agent,
          last_error: null,
        }),
      )
      .execute();
    const found = await this.db
      .selectFrom('push_subscriptions')
      .selectAll()
      .where('endpoint', '=', row.endpoint)
      .executeTakeFirst();
    if (!found) throw new Error('push subscription vanished after insert');
    return found;
  }

  subscriptionsOf(patientId: string): Promise<PushSubscription[]> {
    return this.db
      .selectFrom('push_subscriptions')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('created_at')
      .execute();
  }

  /** Deletes one of the patient's subscriptions; false when it is not theirs or not there. */
  async deleteSubscription(patientId: string, id: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom('push_subscriptions')
      .where('id', '=', id)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }

  /** The push service said this endpoint is gone (404/410). */
  async deleteSubscriptionById(id: string): Promise<void> {
    await this.db.deleteFrom('push_subscriptions').where('id', '=', id).execute();
  }

  async markSubscription(id: string, result: { ok: true; at: string } | { ok: false; error: string }) {
    await this.db
      .updateTable('push_subscriptions')
      .set(
        result.ok
          ? { last_success_at: result.at, last_error: null }
          : { last_error: result.error.slice(0, 300) },
      )
      .where('id', '=', id)
      .execute();
  }

  // Reminders and the inbox -------------------------------------------------

  /**
   * Takes the scheduler's lease on one patient (a conditional update, atomic
   * on both databases): true when this server may work on them until
   * `until`. Holding no transaction open keeps servers from waiting on each
   * other; a server that dies simply lets its lease run out.
   */
  async claimPatient(patientId: string, owner: string, now: string, until: string): Promise<boolean> {
    const res = await this.db
      .updateTable('reminder_settings')
      .set({ lock_owner: owner, lock_until: until })
      .where('patient_id', '=', patientId)
      .where((eb) => eb.or([eb('lock_until', 'is', null), eb('lock_until', '<=', now)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async releasePatient(patientId: string, owner: string): Promise<void> {
    await this.db
      .updateTable('reminder_settings')
      .set({ lock_owner: null, lock_until: null })
      .where('patient_id', '=', patientId)
      .where('lock_owner', '=', owner)
      .execute();
  }

  /** The patient's reminders of one local day (any channel, dismissed or not). */
  deliveredOn(patientId: string, localDate: string): Promise<Reminder[]> {
    return this.db
      .selectFrom('reminders')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('local_date', '=', localDate)
      .orderBy('created_at')
      .execute();
  }

  /** Inserts the reminder unless its (patient, kind, date, slot) exists; true when this call made it. */
  async insertReminder(row: ReminderTable): Promise<boolean> {
    // A pending push is due from the moment it is made unless told otherwise (else it would never be picked).
    const push_next_at =
      row.push_status === 'pending' ? (row.push_next_at ?? row.created_at) : row.push_next_at;
    const res = await this.db
      .insertInto('reminders')
      .values({ ...row, push_next_at })
      .onConflict((oc) => oc.columns(['patient_id', 'kind', 'local_date', 'slot']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Reminders whose email is still to be queued. */
  pendingEmails(limit: number): Promise<Reminder[]> {
    return this.db
      .selectFrom('reminders')
      .selectAll()
      .where('email_status', '=', 'pending')
      .orderBy('created_at')
      .limit(limit)
      .execute();
  }

  /**
   * Queues a reminder's email in the outbox under the reminder's own id, so
   * a second server or a retry after a crash cannot queue it twice; then
   * marks it queued.
   */
  async queueEmail(reminderId: string, msg: Omit<OutboxTable, 'id'>): Promise<void> {
    await this.db
      .insertInto('outbox')
      .values({ ...msg, id: reminderId })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await this.db
      .updateTable('reminders')
      .set({ email_status: 'queued' })
      .where('id', '=', reminderId)
      .execute();
  }

  /** Today's inbox: reminders shown in the app and not dismissed, newest first. */
  inbox(patientId: string, localDate: string): Promise<Reminder[]> {
    return this.db
      .selectFrom('reminders')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('local_date', '=', localDate)
      .where('in_app', '=', 1)
      .where('dismissed_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Dismisses one of the patient's reminders; false when it is not theirs. */
  async dismiss(patientId: string, id: string, at: string): Promise<boolean> {
    const res = await this.db
      .updateTable('reminders')
      .set({ dismissed_at: at })
      .where('id', '=', id)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  findReminder(patientId: string, id: string): Promise<Reminder | undefined> {
    return this.db
      .selectFrom('reminders')
      .selectAll()
      .where('id', '=', id)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
  }

  /**
   * Reminders whose push is due at `now`: new ones (due when made) and
   * retries whose wait is over, oldest first. One range of the index
   * (push_status, push_next_at).
   */
  pendingPushes(limit: number, now: string): Promise<Reminder[]> {
    return this.db
      .selectFrom('reminders')
      .selectAll()
      .where('push_status', '=', 'pending')
      .where('push_next_at', '<=', now)
      .orderBy('push_next_at')
      .limit(limit)
      .execute();
  }

  /** The devices that already have this reminder's push, or refused it for good. */
  pushOutcomes(reminderId: string): Promise<{ subscription_id: string; outcome: 'sent' | 'refused' }[]> {
    return this.db
      .selectFrom('reminder_push_outcomes')
      .select(['subscription_id', 'outcome'])
      .where('reminder_id', '=', reminderId)
      .execute();
  }

  /**
   * Puts a claimed push (sending) back in the queue until `nextAt`, after
   * recording which devices got it or refused it for good on this attempt.
   */
  async retryPush(
    id: string,
    retry: {
      attempts: number;
      nextAt: string;
      error: string | null;
      sent: string[];
      refused: string[];
      at: string;
    },
  ): Promise<void> {
    const outcomes = [
      ...retry.sent.map((s) => ({ subscription_id: s, outcome: 'sent' as const })),
      ...retry.refused.map((s) => ({ subscription_id: s, outcome: 'refused' as const })),
    ];
    if (outcomes.length > 0) {
      await this.db
        .insertInto('reminder_push_outcomes')
        .values(outcomes.map((o) => ({ ...o, reminder_id: id, created_at: retry.at })))
        .onConflict((oc) => oc.columns(['reminder_id', 'subscription_id']).doNothing())
        .execute();
    }
    await this.db
      .updateTable('reminders')
      .set({
        push_status: 'pending',
        push_attempts: retry.attempts,
        push_next_at: retry.nextAt,
        push_error: retry.error?.slice(0, 300) ?? null,
      })
      .where('id', '=', id)
      .where('push_status', '=', 'sending')
      .execute();
  }

  /**
   * Claims a reminder's push (pending → sending) and records when, in
   * `push_next_at`, in the same conditional update; with several servers
   * exactly one claim succeeds. `dueAt` is the `push_next_at` the caller read:
   * a server holding an older read (the push was sent and put back to wait for
   * a retry since) does not claim it.
   */
  async claimPush(id: string, dueAt: string, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('reminders')
      .set({ push_status: 'sending', push_next_at: now })
      .where('id', '=', id)
      .where('push_status', '=', 'pending')
      .where('push_next_at', '=', dueAt)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /**
   * Pushes claimed before `before` and still sending (the server that
   * claimed them stopped mid-send) go back to the queue, due at once: their
   * `push_next_at` is the claim time. One range of the index
   * (push_status, push_next_at). Returns how many were put back.
   */
  async requeueStalePushes(before: string): Promise<number> {
    const res = await this.db
      .updateTable('reminders')
      .set({ push_status: 'pending' })
      .where('push_status', '=', 'sending')
      .where('push_next_at', '<', before)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /** Settles a push after its last attempt (`attempts` made in all). */
  async finishPush(
    id: string,
    status: 'sent' | 'failed' | 'none',
    error: string | null,
    attempts: number,
  ): Promise<void> {
    await this.db
      .updateTable('reminders')
      .set({
        push_status: status,
        push_error: error?.slice(0, 300) ?? null,
        push_attempts: attempts,
        push_next_at: null,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Patients the scheduler looks at: everyone with a plan who is still active. */
  async activePatientsWithPlans(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'patient')
      .where('deactivated_at', 'is', null)
      .where((eb) =>
        eb.exists(eb.selectFrom('plan_versions').select('id').whereRef('patient_id', '=', 'users.id')),
      )
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  // App secrets -------------------------------------------------------------

  /**
   * The stored value under `name`, or `make()`'s value stored now. When two
   * servers start at once, both insert with ON CONFLICT DO NOTHING and both
   * read back the one that won.
   */
  async secret(name: string, make: () => string, now: string): Promise<string> {
    const existing = await this.db
      .selectFrom('app_secrets')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirst();
    if (existing) return existing.value;
    await this.db
      .insertInto('app_secrets')
      .values({ name, value: make(), created_at: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('app_secrets')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return row.value;
  }
}
