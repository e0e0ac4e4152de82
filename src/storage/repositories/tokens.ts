import type { Kysely } from 'kysely';
import type { Database, Token, TokenKind, TokenTable } from '../schema';

export class TokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(token: TokenTable): Promise<void> {
    await this.db.insertInto('tokens').values(token).execute();
  }

  findLive(id: string, kind: TokenKind, now: string): Promise<Token | undefined> {
    return this.db
      .selectFrom('tokens')
      .selectAll()
      .where('id', '=', id)
      .where('kind', '=', kind)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  /** Marks a token used. Returns false when another request used it first (single use, even under races). */
  async consume(id: string, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('tokens')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  listOpenInvites(clinicId: string, now: string): Promise<Token[]> {
    return this.db
      .selectFrom('tokens')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('kind', '=', 'invite')
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .execute();
  }
}
