import { type Kysely, sql } from 'kysely';

/**
 * The clinic's logo, as a raster image (PNG or JPEG) the admin uploads.
 *
 * The bytes live in their own table, base64-encoded as text (portable across
 * SQLite and PostgreSQL, and never read with the clinic row that every page
 * loads); the clinic row carries only what the header needs: the logo's
 * version (a hash of its bytes, for cache-busting URLs and ETags) and its size
 * in pixels (so the page reserves the space before the image arrives).
 *
 * The old `logo_svg` column was never filled by the app; it is cleared here
 * and never read again, because an SVG served from our origin could carry
 * script.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('clinic_logos')
    .addColumn('clinic_id', 'text', (c) => c.primaryKey().references('clinics.id').onDelete('cascade'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data_base64', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('clinics').addColumn('logo_version', 'text').execute();
  await db.schema.alterTable('clinics').addColumn('logo_width', 'integer').execute();
  await db.schema.alterTable('clinics').addColumn('logo_height', 'integer').execute();
  await sql`update clinics set logo_svg = null`.execute(db);
}
