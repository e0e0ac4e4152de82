import type { Kysely } from 'kysely';
import type { Database, User } from '../schema';

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(s: {
    id: string;
    userId: string;
    createdAt: string;
    expiresAt: string;
    userAgent: string;
  }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: s.id,
        user_id: s.userId,
        created_at: s.createdAt,
        expires_at: s.expiresAt,
        last_seen_at: s.createdAt,
        user_agent: s.userAgent.slice(0, 300),
      })
      .execute();
  }

  /** The live session's user, or undefined when the session is unknown, expired or the user deactivated. */
  async findUser(
    id: string,
    now: string,
  ): Promise<{ user: User; expiresAt: string; lastSeenAt: string } | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select(['sessions.expires_at as session_expires_at', 'sessions.last_seen_at as session_last_seen_at'])
      .where('sessions.id', '=', id)
      .where('sessions.expires_at', '>', now)
      .where('users.deactivated_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const { session_expires_at, session_last_seen_at, ...user } = row;
    return { user, expiresAt: session_expires_at, lastSeenAt: session_last_seen_at };
  }

  async touch(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpired(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }
}
