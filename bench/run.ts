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

async function time(label: string, n: number, fn: () => unknown): Promise<number> {
  for (let i = 0; i < Math.min(200, n / 10); i++) await fn(); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  const ns = Number(process.hrtime.bigint() - start) / n;
  console.log(`  ${label.padEnd(46)} ${(ns / 1000).toFixed(1).padStart(9)} µs/op`);
  return ns;
}

function ratio(label: string, subject: number, baseline: number) {
  console.log(`→ ${label}: ${(subject / baseline).toFixed(2)}× the baseline\n`);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-bench-'));
const ctx = await createContext(loadConfig({ NODE_ENV: 'development', DATA_DIR: dir, LOG_LEVEL: 'silent', AUTH_RATE_LIMIT_PER_MINUTE: '100000' }));
const app = ctx.app;
console.log(`hipback benchmarks (node ${process.version}, ${os.cpus().length} cores, ${ctx.repos.dialect})\n`);

console.log('HTTP, in-process (app.inject):');
const health = await time('GET /api/health (baseline)', 3000, () => app.inject({ method: 'GET', url: '/api/health' }));
const check = await time('POST /api/self-check (2 precautions)', 1000, () =>
  app.inject({ method: 'POST', url: '/api/self-check', payload: ANSWERS }),
);
ratio('self-check vs health', check, health);

console.log('Clinical core, pure:');
const library = loadLibrary();
const input = selfCheckInputSchema.parse(ANSWERS);
const tri = await time('triage only (baseline)', 20000, () => triage(input));
const plan = await time('triage + five-pillar plan', 5000, () => runSelfCheck(input, library, '2026-11-28'));
ratio('plan engine vs triage', plan, tri);

console.log('Log-in (argon2id verify, as tuned in src/services/auth.ts):');
const login = await time('POST /api/auth/login (demo patient)', 40, () =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'patient@demo.hipback.test', password: 'hipback-demo' },
  }),
);
ratio('login vs health', login, health);

await ctx.close();
fs.rmSync(dir, { recursive: true, force: true });
