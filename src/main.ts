import { loadConfig } from './config';
import { createContext } from './context';
import { startMailWorker } from './services/mail';
import { startProgressionWorker } from './services/progression';
import { startReminderWorker } from './services/reminders';
import { MigrationMismatchError } from './storage/migrate';

async function main() {
  const started = performance.now();
  const config = loadConfig();
  let ctx;
  try {
    ctx = await createContext(config);
  } catch (err) {
    if (err instanceof MigrationMismatchError) {
      console.error(`\nhipback will not start: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const worker = startMailWorker(ctx.services.mail, 1000, (e) => ctx.app.log.error(e, 'mail worker'));
  // The plan adapts when data arrives (see PatientDayService.onNewData) and in a daily pass; each
  // patient's evaluation is claimed in the database, so several servers can run this loop.
  const progression = startProgressionWorker(ctx.services.progression, 15 * 60_000, (e) =>
    ctx.app.log.error(e, 'progression'),
  );
  // Day-before consultation reminders: queued into the outbox once a minute (each is claimed, so several servers are fine).
  const reminders = setInterval(() => {
    ctx.services.booking
      .processDueReminders()
      .catch((e: unknown) => ctx.app.log.error(e, 'booking reminders'));
  }, 60_000);
  // Patient reminders (in-app, push, email): each reminder is made once per slot across servers.
  const reminderWorker = startReminderWorker(ctx.services.reminders, 60_000, (e) =>
    ctx.app.log.error(e, 'reminders'),
  );
  await ctx.app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite (${config.dataDir})`;
  console.log(
    `hipback is ready at ${config.publicUrl} on ${where} in ${Math.round(performance.now() - started)} ms` +
      (config.seedDemo ? ` — demo logins use the password "hipback-demo"` : ''),
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received, shutting down`);
    clearInterval(reminders);
    await worker.stop();
    await progression.stop();
    await reminderWorker.stop();
    await ctx.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
