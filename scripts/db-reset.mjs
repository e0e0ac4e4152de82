// `npm run db:reset`: removes the local SQLite database so the next start migrates and seeds afresh.
import fs from 'node:fs';
import path from 'node:path';

if (process.env.DATABASE_URL) {
  console.error(
    'db:reset only removes the local SQLite database; drop a PostgreSQL database with your usual tools.',
  );
  process.exit(1);
}
const dir = path.resolve(process.env.DATA_DIR ?? 'data');
for (const f of ['hipback.sqlite', 'hipback.sqlite-wal', 'hipback.sqlite-shm']) {
  fs.rmSync(path.join(dir, f), { force: true });
}
console.log(`removed the SQLite database in ${dir}`);
