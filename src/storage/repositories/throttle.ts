import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export class LoginThrottleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  find(key: string) {
    return this.db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  }

  async save(key: string, failures: number, lockedUntil: string | null, now: string): Promise<void> {
    await this.db
      .insertInto('login_throttle')
      .values({ key, failures, locked_until: lockedUntil, updated_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ failures, locked_until: lockedUntil, updated_at: now }),
      )
      .execute();
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('login_throttle').where('key', '=', key).execute();
  }
}
