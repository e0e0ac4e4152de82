// `npm run lighthouse`: Lighthouse (mobile profile: simulated slow 4G and a 4x slower CPU) on the
// public home page, the library, the self-check, and the patient's Today and session player, against a
// fresh local server on SQLite with the demo clinic. Needs Debian's chromium (CHROME_PATH, default
// /usr/bin/chromium).
//
// Each page is measured several times (default 3) and the median is printed, with the load average of
// the machine before and after and Lighthouse's benchmark index: a busy machine lowers the performance
// figure (the mobile profile multiplies real CPU time by 4), so re-run when it is quiet. On a machine
// shared with other work, `nice -n -10 npm run lighthouse` (as root) gives the browser and the server
// the CPU first, which comes close to a quiet machine.
// The median run's full report is kept in .test-artifacts/lighthouse/<page>.json for its diagnostics.
//
//   npm run lighthouse                         every page, 3 runs each
//   npm run lighthouse -- --runs 5             5 runs each
//   npm run lighthouse -- --pages today,player only those pages (keys: see `pages` below)
//   LH_TRACE=1 npm run lighthouse              also keeps each page's last trace (<page>.trace.json)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const runs = Math.max(1, Number(arg('runs') ?? 3) || 3);
const only = arg('pages')?.split(',');

const port = 3300 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-lh-'));
const reportDir = path.resolve('.test-artifacts/lighthouse');
fs.mkdirSync(reportDir, { recursive: true });
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  env: {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'silent',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function waitForServer() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function patientCookie() {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: 'patient@demo.hipback.test', password: 'hipback-demo' }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const intake = await fetch(`${base}/api/me/intake`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: base },
    body: JSON.stringify({
      age: 47,
      painAreas: ['lowBack', 'hipLeft'],
      painStartedWeeksAgo: 3,
      pain: { now: 4, worstLastWeek: 6 },
      warningSigns: [],
      precautions: [],
      activityMinutesLastWeek: 40,
      activities: [],
    }),
  });
  if (!intake.ok) throw new Error(`intake failed: ${intake.status}`);
  return cookie;
}

const pages = [
  { key: 'home', name: 'home', url: '/' },
  { key: 'library', name: 'exercise library', url: '/exercises' },
  { key: 'exercise', name: 'exercise page', url: '/exercises/glute-bridge' },
  { key: 'check', name: 'self-check', url: '/check' },
  { key: 'today', name: 'Today (patient)', url: '/app', auth: true },
  { key: 'player', name: 'session player (patient)', url: '/app/session/stretch', auth: true },
].filter((p) => !only || only.includes(p.key));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

let chrome;
try {
  await waitForServer();
  const cookie = await patientCookie();
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    // Like the demo patient's phone: in the clinic's time zone (the app then reads local times from the
    // device clock instead of loading Intl's zone data; see src/web/ui/patient-shell.tsx).
    envVars: { ...process.env, TZ: 'America/Denver' },
    chromeFlags: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const loadBefore = load();
  const rows = [];
  for (const p of pages) {
    const results = [];
    // Up to two extra tries for runs that fail.
    for (let i = 0; results.length < runs && i < runs + 2; i++) {
      const result = await lighthouse(
        base + p.url,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
          ...(p.auth ? { extraHeaders: { Cookie: cookie } } : {}),
        },
        undefined,
      );
      // A run that failed (Lighthouse's runtimeError, e.g. no paint) is reported, not counted.
      if (result.lhr.runtimeError) {
        console.log(`${p.name}: run ${i + 1} failed (${result.lhr.runtimeError.code}); not counted`);
        continue;
      }
      results.push(result.lhr);
      // LH_TRACE=1 keeps the last run's trace (chrome://tracing or the DevTools Performance panel open it).
      if (process.env.LH_TRACE && result.artifacts?.Trace) {
        fs.writeFileSync(path.join(reportDir, `${p.key}.trace.json`), JSON.stringify(result.artifacts.Trace));
      }
    }
    if (results.length === 0) throw new Error(`${p.name}: every run failed`);
    const score = (lhr, k) => Math.round((lhr.categories[k]?.score ?? 0) * 100);
    const metric = (lhr, id) => lhr.audits[id]?.numericValue ?? NaN;
    // The median run by performance score: its report is kept, its metrics printed.
    const byPerf = [...results].sort((a, b) => score(a, 'performance') - score(b, 'performance'));
    const mid = byPerf[Math.floor((byPerf.length - 1) / 2)];
    fs.writeFileSync(path.join(reportDir, `${p.key}.json`), JSON.stringify(mid));
    rows.push({
      page: p.name,
      perf: median(results.map((r) => score(r, 'performance'))),
      'perf runs': results.map((r) => score(r, 'performance')).join('/'),
      a11y: median(results.map((r) => score(r, 'accessibility'))),
      'best-pr.': median(results.map((r) => score(r, 'best-practices'))),
      seo: median(results.map((r) => score(r, 'seo'))),
      'FCP ms': Math.round(metric(mid, 'first-contentful-paint')),
      'LCP ms': Math.round(metric(mid, 'largest-contentful-paint')),
      'TBT ms': Math.round(metric(mid, 'total-blocking-time')),
      CLS: Number(metric(mid, 'cumulative-layout-shift').toFixed(3)),
      'SI ms': Math.round(metric(mid, 'speed-index')),
      // Lighthouse's measure of this machine's speed during the runs: lower means a busier machine.
      bench: median(results.map((r) => Math.round(r.environment.benchmarkIndex))),
    });
    const failing = Object.values(mid.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map((a) => a.id);
    if (failing.length) console.log(`${p.name}: audits not passed: ${failing.join(', ')}`);
  }
  console.log(`median of ${runs} run(s) per page; load average before ${loadBefore}, after ${load()}`);
  console.table(rows);
} finally {
  await chrome?.kill();
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
