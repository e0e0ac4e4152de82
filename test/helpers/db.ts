import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DbOptions } from '../../src/storage/db';

/**
 * A fresh, real database for one test file: a temporary SQLite file, or, when
 * DATABASE_URL is set, a new PostgreSQL schema that is dropped afterwards.
 */
export async function freshDatabase(): Promise<{
  options: DbOptions;
  dialect: 'sqlite' | 'postgres';
  cleanup(): Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    return {
      dialect: 'postgres',
      options: { databaseUrl: url, pgSchema: schema, pgPoolSize: 20 },
      async cleanup() {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-test-'));
  return {
    dialect: 'sqlite',
    options: { databaseUrl: null, sqliteFile: path.join(dir, 'test.sqlite') },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
