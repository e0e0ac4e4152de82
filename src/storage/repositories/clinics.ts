import type { Kysely } from 'kysely';
import type { Clinic, ClinicTable, Database } from '../schema';

export class ClinicRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(clinic: ClinicTable): Promise<void> {
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

  async update(id: string, patch: Partial<Omit<ClinicTable, 'id' | 'created_at'>>): Promise<void> {
    await this.db.updateTable('clinics').set(patch).where('id', '=', id).execute();
  }
}
