/**
 * `npm run bench:portal`: the PT portal's patient list for a clinic with
 * 2,000 patients and a year of history (a morning check-in most days, a
 * stretch session most days, strength three days a week, a walk every other
 * day), on a fresh SQLite file and, when DATABASE_URL is set, on a fresh
 * PostgreSQL schema as well.
 *
 * Each run times ~200 `GET /api/clinic/patients` requests through the real
 * app (app.inject: routing, session lookup, validation, the queries,
 * serialisation) as the clinic admin (all 2,000 patients) and as one
 * clinician (their 200), alongside `GET /api/health` in the same process as
 * the baseline, and prints p50/p95 and the ratio to the baseline.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { createContext } from '../src/context';
import { loadLibrary } from '../src/content/library';
import { runSelfCheck } from '../src/core/plan/run';
import { hashPassword } from '../src/services/auth';
import type { DbOptions } from '../src/storage/db';

const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 2000);
const CLINICIANS = 10;
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const PASSWORD = 'bench password 123';

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function database(
  kind: 'sqlite' | 'postgres',
): Promise<{ options: DbOptions; cleanup(): Promise<void> }> {
  if (kind === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const schema = `bench_${crypto.randomBytes(5).toString('hex')}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    return {
      options: { databaseUrl: url, pgSchema: schema, pgPoolSize: 10 },
      async cleanup() {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-bench-'));
  return {
    options: { databaseUrl: null, sqliteFile: path.join(dir, 'bench.sqlite') },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function run(kind: 'sqlite' | 'postgres') {
  const db = await database(kind);
  const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', LOG_LEVEL: 'silent' });
  const ctx = await createContext(config, { db: db.options });
  try {
    const k = ctx.database.db;
    const now = new Date();
    const at = now.toISOString();
    const clinicId = crypto.randomUUID();
    await ctx.repos.clinics.insert({
      id: clinicId,
      slug: 'bench',
      name: 'Bench Clinic',
      tagline: '',
      primary_color: '#0f6466',
      accent_color: '#c2562f',
      logo_svg: null,
      timezone: 'America/Denver',
      contact_email: '',
      contact_phone: '',
      address: '',
      created_at: at,
    });
    const hash = await hashPassword(PASSWORD);
    const staff = [
      { id: crypto.randomUUID(), email: 'admin@bench.test', role: 'admin' as const },
      ...Array.from({ length: CLINICIANS }, (_, i) => ({
        id: crypto.randomUUID(),
        email: `pt${i}@bench.test`,
        role: 'clinician' as const,
      })),
    ];
    await k
      .insertInto('users')
      .values(
        staff.map((s) => ({
          id: s.id,
          clinic_id: clinicId,
          email: s.email,
          display_name: s.email,
          role: s.role,
          password_hash: hash,
          clinician_id: null,
          timezone: 'America/Denver',
          created_at: at,
          deactivated_at: null,
        })),
      )
      .execute();
    const clinicians = staff.slice(1);
    const plan = runSelfCheck(
      {
        age: 50,
        painAreas: ['lowBack', 'hipLeft'],
        painStartedWeeksAgo: 8,
        pain: { now: 5, worstLastWeek: 7 },
        warningSigns: [],
        precautions: [],
        activityMinutesLastWeek: 60,
        activities: [{ name: 'stairs', score: 5 }],
      },
      loadLibrary(),
      dayOf(new Date(now.getTime() - DAYS * 86_400_000)),
    ).plan;
    const planJson = JSON.stringify(plan);

    const t0 = Date.now();
    const patients = Array.from({ length: PATIENTS }, (_, i) => ({
      id: crypto.randomUUID(),
      name: `Patient ${String(i).padStart(4, '0')} ${['Lopez', 'Carter', 'Shah', 'Nguyen', 'Okafor'][i % 5]}`,
      clinician: clinicians[i % CLINICIANS]!.id,
    }));
    const batch = async <T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
    };
    const counts = { checkins: 0, sessions: 0, activities: 0 };
    await k.transaction().execute(async (tx) => {
      await batch(patients, 500, (c) =>
        tx
          .insertInto('users')
          .values(
            c.map((p, i) => ({
              id: p.id,
              clinic_id: clinicId,
              email: `${p.id.slice(0, 12)}-${i}@bench.test`,
              display_name: p.name,
              role: 'patient' as const,
              password_hash: 'x',
              clinician_id: p.clinician,
              timezone: 'America/Denver',
              created_at: at,
              deactivated_at: null,
            })),
          )
          .execute(),
      );
      await batch(patients, 200, (c) =>
        tx
          .insertInto('plan_versions')
          .values(
            c.map((p) => ({
              id: crypto.randomUUID(),
              clinic_id: clinicId,
              patient_id: p.id,
              version: 1,
              plan: planJson,
              source: 'intake',
              reason: 'bench',
              created_by: null,
              created_at: new Date(now.getTime() - DAYS * 86_400_000).toISOString(),
              state: null,
              changes: null,
            })),
          )
          .execute(),
      );
      // One patient at a time: a year of rows, inserted in batches.
      let pi = 0;
      for (const p of patients) {
        pi++;
        const checkins = [];
        const sessions = [];
        const activities = [];
        // Some patients went quiet weeks ago, so the figures vary.
        const quiet = pi % 9 === 0 ? 10 + (pi % 30) : 0;
        for (let d = DAYS; d >= quiet; d--) {
          const date = dayOf(new Date(now.getTime() - d * 86_400_000));
          const stamp = `${date}T14:00:00.000Z`;
          if ((d + pi) % 10 !== 0) {
            checkins.push({
              id: crypto.randomUUID(),
              clinic_id: clinicId,
              patient_id: p.id,
              client_id: `c${d}`,
              date,
              pain_now: (pi + Math.floor(d / 7)) % 8,
              stiffness: null,
              sleep: null,
              warning_signs: '[]',
              triage_level: 'selfCare',
              triage: '{}',
              created_at: stamp,
            });
          }
          const kinds: ('stretch' | 'strength')[] = [];
          if ((d + pi) % 5 !== 0) kinds.push('stretch');
          if (d % 7 === 1 || d % 7 === 3 || d % 7 === 5) kinds.push('strength');
          for (const kind of kinds) {
            sessions.push({
              id: crypto.randomUUID(),
              clinic_id: clinicId,
              patient_id: p.id,
              client_id: `${kind}${d}`,
              date,
              kind,
              plan_version: 1,
              status: 'completed' as const,
              progress: '{}',
              items: '[]',
              pain_during: 2,
              effort: 5,
              started_at: stamp,
              updated_at: stamp,
              completed_at: stamp,
            });
          }
          if (d % 2 === 0) {
            activities.push({
              id: crypto.randomUUID(),
              clinic_id: clinicId,
              patient_id: p.id,
              client_id: `a${d}`,
              date,
              kind: 'walking',
              minutes: 25,
              effort: 4,
              created_at: stamp,
            });
          }
        }
        await batch(checkins, 400, (c) => tx.insertInto('checkins').values(c).execute());
        await batch(sessions, 400, (c) => tx.insertInto('session_logs').values(c).execute());
        await batch(activities, 400, (c) => tx.insertInto('activity_logs').values(c).execute());
        counts.checkins += checkins.length;
        counts.sessions += sessions.length;
        counts.activities += activities.length;
      }
    });
    // PostgreSQL's autovacuum keeps statistics up to date on a live server; do now what it would.
    // (The app never runs ANALYZE on SQLite, so the SQLite figures are without statistics.)
    if (kind === 'postgres') await sql`analyze`.execute(k);
    const seedSeconds = (Date.now() - t0) / 1000;
    console.log(
      `\n[${kind}] seeded ${PATIENTS} patients, ${counts.checkins} check-ins, ${counts.sessions} sessions, ${counts.activities} activities in ${seedSeconds.toFixed(1)} s`,
    );

    const cookieFor = async (email: string) => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: PASSWORD },
      });
      const c = res.cookies.find((x) => x.name === 'hb_session');
      if (!c) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      return `hb_session=${c.value}`;
    };
    const adminCookie = await cookieFor('admin@bench.test');
    const ptCookie = await cookieFor('pt0@bench.test');

    const time = async (url: string, cookie: string | null, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const start = process.hrtime.bigint();
        const res = await ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
        out.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      return out;
    };
    // Warm up (JIT, statement caches, the plan-targets memo).
    await time('/api/health', null, 50);
    await time('/api/clinic/patients', adminCookie, 10);
    await time('/api/clinic/patients', ptCookie, 10);
    const health: number[] = [];
    const admin: number[] = [];
    const clinician: number[] = [];
    const filtered: number[] = [];
    const wholeClinic: number[] = [];
    // Interleaved, so machine-load drift hits everything alike.
    for (let i = 0; i < REQUESTS / 10; i++) {
      health.push(...(await time('/api/health', null, 10)));
      admin.push(...(await time('/api/clinic/patients', adminCookie, 10)));
      clinician.push(...(await time('/api/clinic/patients', ptCookie, 10)));
      filtered.push(
        ...(await time('/api/clinic/patients?sort=adherence&filter=lowAdherence&q=shah', adminCookie, 2)),
      );
      wholeClinic.push(...(await time('/api/clinic/patients?sort=adherence', adminCookie, 2)));
    }
    const h50 = pct(health, 50);
    const h95 = pct(health, 95);
    const row = (label: string, xs: number[]) =>
      console.log(
        `  ${label.padEnd(48)} p50 ${ms(pct(xs, 50)).padStart(10)} (${(pct(xs, 50) / h50).toFixed(1)}× health)   p95 ${ms(pct(xs, 95)).padStart(10)} (${(pct(xs, 95) / h95).toFixed(1)}× health)   n=${xs.length}`,
      );
    row('GET /api/health (baseline)', health);
    row(`patient list, admin (${PATIENTS} patients, first 100)`, admin);
    row(`patient list, clinician (${PATIENTS / CLINICIANS} patients)`, clinician);
    row('patient list, admin, search+filter+sort', filtered);
    row(`patient list, admin, all ${PATIENTS} sorted by adherence`, wholeClinic);
    const p95 = Math.max(pct(admin, 95), pct(clinician, 95));
    console.log(`  budget: p95 under 100 ms → ${p95 < 100 ? 'MET' : 'NOT MET'} (${ms(p95)})`);
    return { p95 };
  } finally {
    await ctx.close();
    if (process.env.BENCH_KEEP) console.log('kept', JSON.stringify(db.options));
    else await db.cleanup();
  }
}

const kinds: ('sqlite' | 'postgres')[] = ['sqlite'];
if (process.env.DATABASE_URL) kinds.push('postgres');
let failed = false;
for (const kind of kinds) {
  const { p95 } = await run(kind);
  if (p95 >= 100) failed = true;
}
process.exitCode = failed ? 1 : 0;
