import type { Config } from './config';
import { buildApp } from './http/app';
import { seedDemo } from './seed/demo';
import { createServices } from './services';
import type { Clock } from './services/clock';
import type { MailTransport } from './services/mail';
import { createRepositories } from './storage';
import { type DbOptions, openDatabase } from './storage/db';
import { migrate } from './storage/migrate';
import path from 'node:path';
import { loadEducation } from './content/education';
import { loadLibrary } from './content/library';

/**
 * Wires the whole app: database → migrations → repositories → services → HTTP.
 * Used by the server entry point and by the integration tests alike.
 */
export async function createContext(
  config: Config,
  opts: { db?: Partial<DbOptions>; clock?: Clock; transport?: MailTransport } = {},
) {
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'hipback.sqlite'),
    ...opts.db,
  });
  try {
    await migrate(database.db, database.dialect);
    const repos = createRepositories(database);
    const services = createServices(
      config,
      repos,
      { library: loadLibrary(), education: loadEducation() },
      {
        ...(opts.clock ? { clock: opts.clock } : {}),
        ...(opts.transport ? { transport: opts.transport } : {}),
        onError: (err) => {
          if (config.logLevel !== 'silent') console.error('background work failed:', err);
        },
      },
    );
    if (config.seedDemo) await seedDemo(repos, services.clock.now());
    const app = await buildApp({ config, repos, services });
    return {
      config,
      database,
      repos,
      services,
      app,
      async close() {
        await services.progression.idle();
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
export type Context = Awaited<ReturnType<typeof createContext>>;
