import crypto from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config';
import { type Context, createContext } from '../../src/context';
import { hashPassword } from '../../src/services/auth';
import type { Clock } from '../../src/services/clock';
import type { Role, User } from '../../src/storage/schema';
import { freshDatabase } from './db';
import { startSmtp } from './smtp';

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | null = null;

export interface TestApp {
  ctx: Context;
  smtp: Awaited<ReturnType<typeof startSmtp>>;
  dialect: 'sqlite' | 'postgres';
  /** Sends what is in the outbox through the real SMTP transport. */
  flushMail(): Promise<void>;
  /** A new clinic with no users. */
  makeClinic(name?: string): Promise<{ id: string }>;
  /** A user with TEST_PASSWORD, logged in: `as(user)` gives a requester with their cookie. */
  makeUser(clinicId: string, role: Role, extra?: Partial<User>): Promise<User>;
  login(email: string, password?: string): Promise<string>;
  as(cookie: string | null): Requester;
}

export type Requester = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

/**
 * One real app per test file, on a fresh database (SQLite, or PostgreSQL when
 * DATABASE_URL is set) with a real SMTP server. Call at the top of a describe.
 * With `clock`, the services (and the clinics and users made here) read the time from it.
 */
export function useTestApp(env: Record<string, string> = {}, opts: { clock?: Clock } = {}): TestApp {
  const t = {} as TestApp;
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const smtp = await startSmtp();
    const db = await freshDatabase();
    cleanup = db.cleanup;
    const config = loadConfig({
      NODE_ENV: 'test',
      SEED_DEMO: 'false',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PUBLIC_URL: 'http://hipback.test',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
      LOG_LEVEL: 'silent',
      ...env,
    });
    const ctx = await createContext(config, { db: db.options, ...(opts.clock ? { clock: opts.clock } : {}) });
    const now = () => ctx.services.clock.now().toISOString();
    // Clinics made one after another get strictly later times, even within one millisecond: the oldest
    // clinic is the public home clinic, so a tie (broken by random id) would make tests flaky.
    let lastClinicAt = 0;
    const clinicCreatedAt = () => {
      lastClinicAt = Math.max(ctx.services.clock.now().getTime(), lastClinicAt + 1);
      return new Date(lastClinicAt).toISOString();
    };
    Object.assign(t, {
      ctx,
      smtp,
      dialect: db.dialect,
      async flushMail() {
        await ctx.services.mail.processDue(100);
      },
      async makeClinic(name = 'Clinic ' + crypto.randomBytes(3).toString('hex')) {
        const id = crypto.randomUUID();
        await ctx.repos.clinics.insert({
          id,
          slug: `c-${id.slice(0, 8)}`,
          name,
          tagline: '',
          primary_color: '#0f6466',
          accent_color: '#c2562f',
          logo_svg: null,
          timezone: 'America/Denver',
          contact_email: '',
          contact_phone: '',
          address: '',
          created_at: clinicCreatedAt(),
        });
        return { id };
      },
      async makeUser(clinicId: string, role: Role, extra: Partial<User> = {}) {
        passwordHash ??= hashPassword(TEST_PASSWORD);
        const id = crypto.randomUUID();
        const user: User = {
          id,
          clinic_id: clinicId,
          email: `${role}-${id.slice(0, 8)}@example.test`,
          display_name: `${role} ${id.slice(0, 4)}`,
          role,
          password_hash: await passwordHash,
          clinician_id: null,
          timezone: 'America/Denver',
          created_at: now(),
          deactivated_at: null,
          ...extra,
        };
        await ctx.repos.users.insert(user);
        return user;
      },
      async login(email: string, password = TEST_PASSWORD) {
        const res = await ctx.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password },
        });
        if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
        const cookie = res.cookies.find((c) => c.name === 'hb_session');
        if (!cookie) throw new Error('no session cookie');
        return `hb_session=${cookie.value}`;
      },
      as(cookie: string | null): Requester {
        return (opts) =>
          ctx.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(cookie ? { cookie } : {}) } });
      },
    });
  });
  afterAll(async () => {
    await t.ctx?.close();
    await t.smtp?.close();
    await cleanup();
  });
  return t;
}

/**
 * Users made (with TEST_PASSWORD) and logged in under names the test picks;
 * `as(name)` sends a request with that user's cookie.
 */
export function namedUsers(t: TestApp) {
  const users: Record<string, User> = {};
  const cookies: Record<string, string> = {};
  return {
    users,
    cookies,
    as: (name: string): Requester => t.as(cookies[name] ?? null),
    async make(name: string, clinicId: string, role: Role, clinicianId: string | null = null): Promise<User> {
      const user = await t.makeUser(clinicId, role, { clinician_id: clinicianId, display_name: name });
      users[name] = user;
      cookies[name] = await t.login(user.email);
      return user;
    },
  };
}

/** The error body every 4xx carries. */
export function errorOf(res: LightMyRequestResponse): { code: string; message: string; path: string | null } {
  const body = res.json<{ error: { code: string; message: string; path: string | null } }>();
  return body.error;
}
