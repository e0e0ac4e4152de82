import path from 'node:path';

/** Everything the app reads from the environment, parsed once. See README.md "Configuration". */
export interface Config {
  port: number;
  host: string;
  /** Where the SQLite file lives when DATABASE_URL is not set. */
  dataDir: string;
  /** postgres://… to use PostgreSQL; empty for the embedded SQLite database. */
  databaseUrl: string | null;
  production: boolean;
  /** Seed the demo clinic on first start (off in production). */
  seedDemo: boolean;
  /** The address people reach the app at; used in emailed links. */
  publicUrl: string;
  smtp: { host: string; port: number; secure: boolean; user?: string; pass?: string } | null;
  mailFrom: string;
  /** Requests per minute per IP on the login, sign-up and reset routes. */
  authRateLimitPerMinute: number;
  /** Trust X-Forwarded-* headers from a reverse proxy. */
  trustProxy: boolean;
  logLevel: string;
  /** Web push (VAPID) keys from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY / VAPID_SUBJECT; null: generated once and kept in the database. */
  vapid: { publicKey: string; privateKey: string; subject: string | null } | null;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = int('PORT', env.PORT, 3000);
  const host = env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1');
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(
      'DATABASE_URL must start with postgres:// (leave it unset to use the embedded SQLite database)',
    );
  }
  const smtpHost = env.SMTP_HOST?.trim();
  return {
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    databaseUrl,
    production,
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO !== 'false' : !production,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    smtp: smtpHost
      ? {
          host: smtpHost,
          port: int('SMTP_PORT', env.SMTP_PORT, 587),
          secure: env.SMTP_SECURE === 'true',
          ...(env.SMTP_USER ? { user: env.SMTP_USER } : {}),
          ...(env.SMTP_PASS ? { pass: env.SMTP_PASS } : {}),
        }
      : null,
    mailFrom: env.MAIL_FROM ?? 'hipback <no-reply@hipback.local>',
    authRateLimitPerMinute: int('AUTH_RATE_LIMIT_PER_MINUTE', env.AUTH_RATE_LIMIT_PER_MINUTE, 20),
    trustProxy: env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'warn'),
    vapid:
      env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY
        ? {
            publicKey: env.VAPID_PUBLIC_KEY.trim(),
            privateKey: env.VAPID_PRIVATE_KEY.trim(),
            subject: env.VAPID_SUBJECT?.trim() || null,
          }
        : null,
  };
}
