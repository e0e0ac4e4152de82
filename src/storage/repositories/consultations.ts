import type { Kysely, Transaction } from 'kysely';
import { gridCells } from '../../core/booking/slots';
import type {
  Availability,
  AvailabilityTable,
  Booking,
  BookingTable,
  ConsultationRequest,
  ConsultationRequestStatus,
  ConsultationRequestTable,
  ConsultationType,
  ConsultationTypeTable,
  Database,
} from '../schema';

/** Thrown when the database refuses a booking because the time is already held. */
export class SlotTakenError extends Error {
  override name = 'SlotTakenError';
}

/** A unique-constraint violation, on SQLite or PostgreSQL. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

async function insertHolds(
  trx: Transaction<Database>,
  b: Pick<BookingTable, 'id' | 'clinician_id' | 'starts_at' | 'ends_at'>,
) {
  // Cells in ascending order, in one statement: concurrent bookings lock them in the same order.
  const rows = gridCells(b.starts_at, b.ends_at).map((cell_start) => ({
    clinician_id: b.clinician_id,
    cell_start,
    booking_id: b.id,
  }));
  await trx.insertInto('booking_holds').values(rows).execute();
}

export class ConsultationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  // -- consultation types ------------------------------------------------

  types(clinicId: string): Promise<ConsultationType[]> {
    return this.db
      .selectFrom('consultation_types')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('active', '=', 1)
      .orderBy('sort_order')
      .orderBy('slug')
      .execute();
  }

  async insertType(t: ConsultationTypeTable): Promise<void> {
    await this.db.insertInto('consultation_types').values(t).execute();
  }

  // -- availability -------------------------------------------------------

  availability(clinicId: string, clinicianId?: string): Promise<Availability[]> {
    let q = this.db.selectFrom('availability').selectAll().where('clinic_id', '=', clinicId);
    if (clinicianId) q = q.where('clinician_id', '=', clinicianId);
    return q.orderBy('clinician_id').orderBy('weekday').orderBy('start_time').execute();
  }

  /** Replaces one clinician's weekly availability in one transaction. */
  async replaceAvailability(clinicId: string, clinicianId: string, rows: AvailabilityTable[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('availability')
        .where('clinic_id', '=', clinicId)
        .where('clinician_id', '=', clinicianId)
        .execute();
      if (rows.length) await trx.insertInto('availability').values(rows).execute();
    });
  }

  // -- bookings ---------------------------------------------------------------

  /** Booked (active) bookings of a clinic that overlap [from, to). */
  activeBetween(clinicId: string, from: string, to: string): Promise<Booking[]> {
    return this.db
      .selectFrom('bookings')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('status', '=', 'booked')
      .where('starts_at', '<', to)
      .where('ends_at', '>', from)
      .orderBy('starts_at')
      .execute();
  }

  findById(id: string): Promise<Booking | undefined> {
    return this.db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByTokenHash(hash: string): Promise<Booking | undefined> {
    return this.db
      .selectFrom('bookings')
      .selectAll()
      .where('manage_token_hash', '=', hash)
      .executeTakeFirst();
  }

  /**
   * Writes a new booking, the cells it holds and its inbox entry in one
   * transaction. Throws SlotTakenError when the database refuses the time.
   */
  async insertBooking(booking: BookingTable, request: ConsultationRequestTable | null): Promise<void> {
    try {
      await this.db.transaction().execute(async (trx) => {
        if (request) await trx.insertInto('consultation_requests').values(request).execute();
        await trx.insertInto('bookings').values(booking).execute();
        await insertHolds(trx, booking);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new SlotTakenError('slot taken');
      throw err;
    }
  }

  /** Cancels a booked booking and frees its time. False when it was not booked any more. */
  async cancel(id: string, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('bookings')
        .set({ status: 'cancelled', updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'booked')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      await trx.deleteFrom('booking_holds').where('booking_id', '=', id).execute();
      return true;
    });
  }

  /**
   * Moves a booking: the old one becomes "rescheduled" (its time is freed and
   * its manage token moves to the new one), the new one is written with its
   * holds, all in one transaction. Throws SlotTakenError when the new time is
   * held; returns false when the old booking was not booked any more.
   */
  async reschedule(oldId: string, next: BookingTable, now: string): Promise<boolean> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const res = await trx
          .updateTable('bookings')
          .set({ status: 'rescheduled', manage_token_hash: null, rescheduled_to: next.id, updated_at: now })
          .where('id', '=', oldId)
          .where('status', '=', 'booked')
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return false;
        await trx.deleteFrom('booking_holds').where('booking_id', '=', oldId).execute();
        await trx.insertInto('bookings').values(next).execute();
        await insertHolds(trx, next);
        await trx
          .updateTable('consultation_requests')
          .set({ booking_id: next.id, clinician_id: next.clinician_id, updated_at: now })
          .where('id', '=', next.request_id)
          .execute();
        return true;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new SlotTakenError('slot taken');
      throw err;
    }
  }

  /** Booked bookings starting in [from, to) whose reminder has not gone out. */
  dueReminders(from: string, to: string, limit = 100): Promise<Booking[]> {
    return this.db
      .selectFrom('bookings')
      .selectAll()
      .where('status', '=', 'booked')
      .where('reminder_sent_at', 'is', null)
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .orderBy('starts_at')
      .limit(limit)
      .execute();
  }

  /** Marks a reminder as sent; false when another server claimed it first. */
  async claimReminder(id: string, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('bookings')
      .set({ reminder_sent_at: now })
      .where('id', '=', id)
      .where('reminder_sent_at', 'is', null)
      .where('status', '=', 'booked')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  bookingsByIds(ids: string[]): Promise<Booking[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('bookings').selectAll().where('id', 'in', ids).execute();
  }

  // -- the clinic's inbox ------------------------------------------------------

  /** A clinic's requests, newest first; `clinicianId` limits to theirs and unassigned ones. */
  requests(
    clinicId: string,
    opts: { clinicianId?: string; status?: ConsultationRequestStatus; limit?: number },
  ): Promise<ConsultationRequest[]> {
    let q = this.db.selectFrom('consultation_requests').selectAll().where('clinic_id', '=', clinicId);
    if (opts.clinicianId) {
      const id = opts.clinicianId;
      q = q.where((eb) => eb.or([eb('clinician_id', '=', id), eb('clinician_id', 'is', null)]));
    }
    if (opts.status) q = q.where('status', '=', opts.status);
    return q
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(opts.limit ?? 200)
      .execute();
  }

  findRequest(id: string): Promise<ConsultationRequest | undefined> {
    return this.db.selectFrom('consultation_requests').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async updateRequest(
    id: string,
    patch: Partial<Pick<ConsultationRequestTable, 'status' | 'notes' | 'updated_at'>>,
  ): Promise<void> {
    await this.db.updateTable('consultation_requests').set(patch).where('id', '=', id).execute();
  }

  /** The person's contact preference, on the booking and on its inbox entry. */
  async setContactPreference(
    bookingId: string,
    requestId: string,
    preference: BookingTable['contact_preference'],
    now: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('bookings')
        .set({ contact_preference: preference })
        .where('id', '=', bookingId)
        .execute();
      await trx
        .updateTable('consultation_requests')
        .set({ contact_preference: preference, updated_at: now })
        .where('id', '=', requestId)
        .execute();
    });
  }
}
