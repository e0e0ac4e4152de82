import type { Kysely } from 'kysely';
import type { Database, NewUser, Role, User, UserUpdate } from '../schema';

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(user: NewUser): Promise<void> {
    await this.db.insertInto('users').values(user).execute();
  }

  findById(id: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByEmail(email: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  listByClinic(clinicId: string, roles: Role[]): Promise<User[]> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('role', 'in', roles)
      .orderBy('display_name')
      .orderBy('id')
      .execute();
  }

  listPatientsOfClinician(clinicId: string, clinicianId: string): Promise<User[]> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('role', '=', 'patient')
      .where('clinician_id', '=', clinicianId)
      .orderBy('display_name')
      .orderBy('id')
      .execute();
  }

  async update(id: string, patch: UserUpdate): Promise<void> {
    await this.db.updateTable('users').set(patch).where('id', '=', id).execute();
  }
}
