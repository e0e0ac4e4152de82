import type { Kysely } from 'kysely';
import type { Database, OutboxMessage, OutboxTable } from '../schema';

export class OutboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(msg: OutboxTable): Promise<void> {
    await this.db.insertInto('outbox').values(msg).execute();
  }

  due(now: string, limit: number): Promise<OutboxMessage[]> {
    return this.db
      .selectFrom('outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('created_at')
      .limit(limit)
      .execute();
  }

  /**
   * Claims a message for sending. The conditional update makes the claim
   * atomic on both databases, so with several app servers each message is
   * sent by exactly one of them.
   */
  async claim(id: string, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('outbox')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: now }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async markSent(id: string, now: string, status: 'sent' | 'captured'): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status, sent_at: now, last_error: null })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, error: string, retryAt: string | null): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({
        status: retryAt ? 'pending' : 'failed',
        last_error: error.slice(0, 500),
        ...(retryAt ? { next_attempt_at: retryAt } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Messages stuck in "sending" (a server died mid-send) go back to the queue. */
  async requeueStale(before: string): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status: 'pending' })
      .where('status', '=', 'sending')
      .where('next_attempt_at', '<', before)
      .execute();
  }

  recent(limit: number): Promise<OutboxMessage[]> {
    return this.db
      .selectFrom('outbox')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  findById(id: string): Promise<OutboxMessage | undefined> {
    return this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  }
}
