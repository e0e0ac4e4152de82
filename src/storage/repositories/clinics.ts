import type { Insertable, Kysely } from 'kysely';
import type { Clinic, ClinicLogoTable, ClinicTable, Database } from '../schema';

/** A clinic's logo as stored: its bytes and what was checked about them on upload. */
export interface StoredLogo {
  clinicId: string;
  mime: ClinicLogoTable['mime'];
  width: number;
  height: number;
  sha256: string;
  /** What pages put in the logo's URL and the ETag: the start of the hash (clinics.logo_version). */
  version: string;
  bytes: Buffer;
  updatedAt: string;
}

/** A logo's version: the first 20 hex digits of its SHA-256 (80 bits: collisions are not a concern). */
export const logoVersion = (sha256: string) => sha256.slice(0, 20);

export class ClinicRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(clinic: Insertable<ClinicTable>): Promise<void> {
    await this.db.insertInto('clinics').values(clinic).execute();
  }

  findById(id: string): Promise<Clinic | undefined> {
    return this.db.selectFrom('clinics').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findBySlug(slug: string): Promise<Clinic | undefined> {
    return this.db.selectFrom('clinics').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  /** The clinic this installation serves to the public: the oldest one. */
  findDefault(): Promise<Clinic | undefined> {
    return this.db
      .selectFrom('clinics')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  }

  async update(
    id: string,
    patch: Partial<Omit<ClinicTable, 'id' | 'created_at' | 'logo_version' | 'logo_width' | 'logo_height'>>,
  ): Promise<void> {
    await this.db.updateTable('clinics').set(patch).where('id', '=', id).execute();
  }

  /** The clinic's logo with its bytes, or undefined when it has none. */
  async findLogo(clinicId: string): Promise<StoredLogo | undefined> {
    const row = await this.db
      .selectFrom('clinic_logos')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      clinicId: row.clinic_id,
      mime: row.mime,
      width: Number(row.width),
      height: Number(row.height),
      sha256: row.sha256,
      version: logoVersion(row.sha256),
      bytes: Buffer.from(row.data_base64, 'base64'),
      updatedAt: row.updated_at,
    };
  }

  /**
   * Stores (or replaces) the clinic's logo, and the version and size the
   * pages read from the clinic row, in one transaction.
   */
  async setLogo(logo: Omit<StoredLogo, 'version'> & { updatedBy: string }): Promise<void> {
    const row: ClinicLogoTable = {
      clinic_id: logo.clinicId,
      mime: logo.mime,
      width: logo.width,
      height: logo.height,
      byte_size: logo.bytes.length,
      sha256: logo.sha256,
      data_base64: logo.bytes.toString('base64'),
      updated_by: logo.updatedBy,
      updated_at: logo.updatedAt,
    };
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('clinic_logos')
        .values(row)
        .onConflict((oc) =>
          oc.column('clinic_id').doUpdateSet({
            mime: row.mime,
            width: row.width,
            height: row.height,
            byte_size: row.byte_size,
            sha256: row.sha256,
            data_base64: row.data_base64,
            updated_by: row.updated_by,
            updated_at: row.updated_at,
          }),
        )
        .execute();
      await tx
        .updateTable('clinics')
        .set({ logo_version: logoVersion(logo.sha256), logo_width: logo.width, logo_height: logo.height })
        .where('id', '=', logo.clinicId)
        .execute();
    });
  }

  /** Removes the clinic's logo; true when there was one. */
  async deleteLogo(clinicId: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const res = await tx.deleteFrom('clinic_logos').where('clinic_id', '=', clinicId).executeTakeFirst();
      await tx
        .updateTable('clinics')
        .set({ logo_version: null, logo_width: null, logo_height: null })
        .where('id', '=', clinicId)
        .execute();
      return Number(res.numDeletedRows) > 0;
    });
  }
}
