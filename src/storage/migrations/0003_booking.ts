import { sql, type Kysely } from 'kysely';

/**
 * Free consultations: consultation types, clinicians' weekly availability,
 * bookings, the 15-minute cells a booking holds, and the clinic's inbox of
 * consultation requests. Also lets an outbox message carry attachments
 * (the booking confirmation's calendar file).
 *
 * Two people can never hold the same time with the same clinician, even with
 * several app servers: the database refuses it twice over.
 * - `bookings_active_slot`: one *booked* booking per clinician and start time
 *   (a partial unique index, so a cancelled booking frees its slot);
 * - `booking_holds`: one row per clinician and 15-minute cell, written in the
 *   same transaction as the booking, so bookings of different lengths
 *   (a 30-minute visit at 9:00, a 15-minute call at 9:15) cannot overlap.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consultation_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('consultation_types_clinic_slug')
    .unique()
    .on('consultation_types')
    .columns(['clinic_id', 'slug'])
    .execute();

  await db.schema
    .createTable('availability')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('type_slugs', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('availability_clinic')
    .on('availability')
    .columns(['clinic_id', 'clinician_id'])
    .execute();

  await db.schema
    .createTable('consultation_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('clinician_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('booking_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_preference', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultation_requests_clinic')
    .on('consultation_requests')
    .columns(['clinic_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('request_id', 'text', (c) => c.notNull().references('consultation_requests.id'))
    .addColumn('type_slug', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_preference', 'text', (c) => c.notNull())
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('consent_version', 'text', (c) => c.notNull())
    .addColumn('manage_token_hash', 'text')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rescheduled_to', 'text')
    .addColumn('reminder_sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('bookings_active_slot')
    .unique()
    .on('bookings')
    .columns(['clinician_id', 'starts_at'])
    .where(sql.ref('status'), '=', 'booked')
    .execute();
  await db.schema
    .createIndex('bookings_manage_token')
    .unique()
    .on('bookings')
    .column('manage_token_hash')
    .execute();
  await db.schema
    .createIndex('bookings_clinic_start')
    .on('bookings')
    .columns(['clinic_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('booking_holds')
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('cell_start', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('booking_holds_pk', ['clinician_id', 'cell_start'])
    .execute();
  await db.schema.createIndex('booking_holds_booking').on('booking_holds').column('booking_id').execute();

  await db.schema.alterTable('outbox').addColumn('attachments', 'text').execute();
}
