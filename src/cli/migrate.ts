/** `npm run db:migrate`: bring the configured database up to date without starting the server. */
import path from 'node:path';
import { loadConfig } from '../config';
import { openDatabase } from '../storage/db';
import { MigrationMismatchError, migrate } from '../storage/migrate';

const config = loadConfig();
const database = openDatabase({
  databaseUrl: config.databaseUrl,
  sqliteFile: path.join(config.dataDir, 'hipback.sqlite'),
  ...(process.env.PG_SCHEMA ? { pgSchema: process.env.PG_SCHEMA } : {}),
});
try {
  const { applied } = await migrate(database.db, database.dialect);
  console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
} catch (err) {
  console.error(err instanceof MigrationMismatchError ? `refusing: ${err.message}` : err);
  process.exitCode = 1;
} finally {
  await database.close();
}
