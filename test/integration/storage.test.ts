import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createContext } from '../../src/context';
import { openDatabase } from '../../src/storage/db';
import { MigrationMismatchError, migrate, migrationFiles } from '../../src/storage/migrate';
import { freshDatabase } from '../helpers/db';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function db() {
  const fresh = await freshDatabase();
  cleanups.push(fresh.cleanup);
  const database = openDatabase(fresh.options);
  cleanups.push(() => database.close());
  return { fresh, database };
}

describe('migrations', () => {
  it('migrates a new database, then has nothing left to do', async () => {
    const { database } = await db();
    const first = await migrate(database.db, database.dialect);
    expect(first.applied).toEqual(migrationFiles().map((f) => f.name));
    expect((await migrate(database.db, database.dialect)).applied).toEqual([]);
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    const { database } = await db();
    await migrate(database.db, database.dialect);
    const files = migrationFiles().map((f, i) => (i === 0 ? { ...f, checksum: 'edited' } : f));
    await expect(migrate(database.db, database.dialect, files)).rejects.toThrow(MigrationMismatchError);
    await expect(migrate(database.db, database.dialect, files)).rejects.toThrow(/append-only/);
  });

  it('refuses to start when the database has a migration the files do not', async () => {
    const { database } = await db();
    await migrate(database.db, database.dialect);
    await expect(migrate(database.db, database.dialect, [])).rejects.toThrow(/do not include it/);
  });

  it('runs each migration once when several servers start together', async () => {
    const { fresh, database } = await db();
    // Separate processes, as separate app servers would be.
    const env = {
      ...process.env,
      DATABASE_URL: fresh.options.databaseUrl ?? '',
      DATA_DIR: fresh.options.sqliteFile ? path.dirname(fresh.options.sqliteFile) : '',
      PG_SCHEMA: fresh.options.pgSchema ?? '',
    };
    if (fresh.options.sqliteFile) {
      // The CLI uses DATA_DIR/hipback.sqlite.
      fs.renameSync(
        fresh.options.sqliteFile,
        path.join(path.dirname(fresh.options.sqliteFile), 'hipback.sqlite'),
      );
    }
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/migrate.ts'], { env });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('close', (code) => resolve({ code, out }));
      });
    const results = await Promise.all([run(), run(), run()]);
    for (const r of results) expect(r.code, r.out).toBe(0);
    expect(results.filter((r) => r.out.includes('applied '))).toHaveLength(1);
    expect(results.filter((r) => r.out.includes('up to date'))).toHaveLength(2);
    void database;
  });
});

describe('durability', () => {
  it('keeps an account that was acknowledged, across a restart of the app', async () => {
    const fresh = await freshDatabase();
    cleanups.push(fresh.cleanup);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-dur-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'true', DATA_DIR: dir, LOG_LEVEL: 'silent' });
    const email = `durable-${crypto.randomBytes(3).toString('hex')}@example.test`;
    const first = await createContext(config, { db: fresh.options });
    const res = await first.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email, password: 'a durable password', displayName: 'Dee' },
    });
    expect(res.statusCode).toBe(201);
    await first.close();
    const second = await createContext(config, { db: fresh.options });
    const login = await second.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'a durable password' },
    });
    expect(login.statusCode).toBe(200);
    await second.close();
  });
});

describe('demo clinic', () => {
  it('is seeded once, with the three demo accounts able to log in', async () => {
    const fresh = await freshDatabase();
    cleanups.push(fresh.cleanup);
    const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
    const ctx = await createContext(config, { db: fresh.options });
    cleanups.push(() => ctx.close());
    const clinic = await ctx.app.inject({ method: 'GET', url: '/api/clinic' });
    expect(clinic.json().clinic.name).toBe('KinetikChain Denver');
    for (const [email, name] of [
      ['admin@demo.hipback.test', 'Demo Admin'],
      ['pt@demo.hipback.test', 'Demo Therapist'],
      ['patient@demo.hipback.test', 'Demo Patient'],
    ]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: 'hipback-demo' },
      });
      expect(res.statusCode, email).toBe(200);
      expect(res.json().user.displayName).toBe(name);
    }
    const again = await createContext(config, { db: fresh.options });
    cleanups.push(() => again.close());
    const staff = await again.repos.users.listByClinic((await again.repos.clinics.findDefault())!.id, [
      'admin',
    ]);
    expect(staff).toHaveLength(1);
  });

  it('is not seeded in production', async () => {
    const fresh = await freshDatabase();
    cleanups.push(fresh.cleanup);
    const ctx = await createContext(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' }), {
      db: fresh.options,
    });
    cleanups.push(() => ctx.close());
    expect(await ctx.repos.clinics.findDefault()).toBeUndefined();
    expect((await ctx.app.inject({ method: 'GET', url: '/dev/mail' })).statusCode).toBe(404);
  });
});
