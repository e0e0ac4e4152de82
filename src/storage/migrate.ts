import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DialectName } from './db';

export interface MigrationContext {
  dialect: DialectName;
}

interface MigrationModule {
  up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
}

interface MigrationFile {
  name: string;
  checksum: string;
  load(): Promise<MigrationModule>;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/** Thrown when the database and the migration files disagree; the app refuses to start. */
export class MigrationMismatchError extends Error {
  override name = 'MigrationMismatchError';
}

export function migrationFiles(dir: URL = MIGRATIONS_DIR): MigrationFile[] {
  const names = fs
    .readdirSync(fileURLToPath(dir))
    .filter((f) => /^\d{4}_[a-z0-9_]+\.ts$/.test(f))
    .sort();
  return names.map((file) => {
    // White space is folded before hashing, so re-formatting a migration is not a change;
    // any other edit is.
    const text = fs
      .readFileSync(fileURLToPath(new URL(file, dir)), 'utf8')
      .replace(/\s+/g, ' ')
      .trim();
    return {
      name: file.replace(/\.ts$/, ''),
      checksum: crypto.createHash('sha256').update(text).digest('hex'),
      load: () => import(new URL(file, dir).href) as Promise<MigrationModule>,
    };
  });
}

/**
 * Brings the database up to date with the migration files, or refuses.
 *
 * Migrations are append-only: every migration recorded in the database must
 * still exist with the same content, in the same order. Anything else means
 * this code and this database do not belong together, and starting anyway
 * could corrupt patient data (the same stance as Actual Budget's migrator).
 * A lock taken first lets several app servers start at once.
 */
export async function migrate<DB>(
  db: Kysely<DB>,
  dialect: DialectName,
  files: MigrationFile[] = migrationFiles(),
): Promise<{ applied: string[] }> {
  return db.connection().execute(async (conn) => {
    // One transaction for the check and every pending migration, holding the
    // write lock from the start: SQLite's BEGIN IMMEDIATE, PostgreSQL's
    // transaction-scoped advisory lock (both have transactional DDL).
    if (dialect === 'postgres') {
      await sql`begin`.execute(conn);
      await sql`select pg_advisory_xact_lock(727274)`.execute(conn);
    } else {
      await sql`begin immediate`.execute(conn);
    }
    try {
      await conn.schema
        .createTable('schema_migrations')
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('checksum', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'text', (c) => c.notNull())
        .execute();
      const done = await sql<{
        name: string;
        checksum: string;
      }>`select name, checksum from schema_migrations order by name`.execute(conn);
      const rows = done.rows;
      for (const [i, row] of rows.entries()) {
        const file = files[i];
        if (!file || file.name !== row.name) {
          throw new MigrationMismatchError(
            `The database has migration "${row.name}" applied, but the migration files ${
              file ? `have "${file.name}" in its place` : 'do not include it'
            }. This database was written by a different version of hipback; restore a matching version or a backup.`,
          );
        }
        if (file.checksum !== row.checksum) {
          throw new MigrationMismatchError(
            `Migration "${row.name}" was changed after it was applied to this database. Migrations are append-only: put the change in a new migration file instead.`,
          );
        }
      }
      const applied: string[] = [];
      for (const file of files.slice(rows.length)) {
        const mod = await file.load();
        await mod.up(conn as unknown as Kysely<unknown>, { dialect });
        await sql`insert into schema_migrations (name, checksum, applied_at) values (${file.name}, ${file.checksum}, ${new Date().toISOString()})`.execute(
          conn,
        );
        applied.push(file.name);
      }
      await sql`commit`.execute(conn);
      return { applied };
    } catch (err) {
      await sql`rollback`.execute(conn);
      throw err;
    }
  });
}
