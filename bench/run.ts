/**
 * `npm run bench`: reproducible micro-benchmarks, each printed as a ratio
 * against a baseline measured in the same process, so the figures mean the
 * same on a fast laptop and a small server.
 *
 * - self-check over HTTP (validation + triage + plan engine + serialisation)
 *   against GET /api/health on the same app (the cost of the framework alone);
 * - the plan engine alone against triage alone;
 * - login (argon2id verify) against the health check.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { createContext } from '../src/context';
import { runSelfCheck } from '../src/core/plan/run';
import { selfCheckInputSchema } from '../src/core/selfcheck/schema';
import { triage } from '../src/core/triage/triage';
import { loadLibrary } from '../src/content/library';

const ANSWERS = {
  age: 52,
  painAreas: ['lowBack', 'hipLeft', 'buttockLeft'],
  painStartedWeeksAgo: 6,
  pain: { now: 5, worstLastWeek: 7 },
  warningSigns: [],
  precautions: [{ kind: 'hipReplacement', side: 'left', approach: 'posterior' }, { kind: 'osteoporosis' }],
  activityMinutesLastWeek: 40,
  activities: [{ name: 'putting on socks', score: 4 }],
};

/** Mean ns/op of one timed round of n calls. */
async function round(n: number, fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - start) / n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Times a subject against its baseline in alternating rounds (A B A B …) and
 * reports medians, so drift in machine load hits both sides alike.
 */
async function compare(
  label: string,
  baseline: { name: string; n: number; fn: () => unknown },
  subject: { name: string; n: number; fn: () => unknown },
  rounds = 7,
) {
  for (let i = 0; i < 3; i++) {
    await round(Math.ceil(baseline.n / 5), baseline.fn);
    await round(Math.ceil(subject.n / 5), subject.fn);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await round(baseline.n, baseline.fn));
    b.push(await round(subject.n, subject.fn));
  }
  const fmt = (ns: number) => `${(ns / 1000).toFixed(1).padStart(9)} µs/op`;
  console.log(`  ${`${baseline.name} (baseline)`.padEnd(46)} ${fmt(median(a))}`);
  console.log(`  ${subject.name.padEnd(46)} ${fmt(median(b))}`);
  console.log(`→ ${label}: ${(median(b) / median(a)).toFixed(2)}× the baseline\n`);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-bench-'));
const ctx = await createContext(
  loadConfig({
    NODE_ENV: 'development',
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
  }),
);
const app = ctx.app;
console.log(
  `hipback benchmarks (node ${process.version}, ${os.cpus().length} cores, ${ctx.repos.dialect})\n`,
);

let ip = 1;
console.log('HTTP, in-process (app.inject):');
const health = {
  name: 'GET /api/health',
  n: 400,
  fn: () => app.inject({ method: 'GET', url: '/api/health' }),
};
await compare('self-check vs health', health, {
  name: 'POST /api/self-check (2 precautions)',
  n: 200,
  // A different client address for each request, so the per-address rate limit stays out of the figure.
  fn: async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/self-check',
      payload: ANSWERS,
      remoteAddress: `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip++ & 255}`,
    });
    if (res.statusCode !== 200) throw new Error(`self-check answered ${res.statusCode}`);
  },
});

console.log('Clinical core, pure:');
const library = loadLibrary();
const input = selfCheckInputSchema.parse(ANSWERS);
await compare(
  'plan engine vs triage',
  { name: 'triage only', n: 4000, fn: () => triage(input) },
  { name: 'triage + five-pillar plan', n: 400, fn: () => runSelfCheck(input, library, '2026-11-28') },
);

console.log('Log-in (argon2id verify, as tuned in src/services/auth.ts):');
await compare(
  'login vs health',
  health,
  {
    name: 'POST /api/auth/login (demo patient)',
    n: 8,
    fn: async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'patient@demo.hipback.test', password: 'hipback-demo' },
      });
      if (res.statusCode !== 200) throw new Error(`login answered ${res.statusCode}`);
    },
  },
  5,
);

await ctx.close();
fs.rmSync(dir, { recursive: true, force: true });
