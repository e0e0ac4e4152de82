// `npm run lighthouse`: Lighthouse (mobile profile) on the public home page, the library, the
// self-check, and the patient's Today and session player, against a fresh local server on SQLite
// with the demo clinic. Needs Debian's chromium (CHROME_PATH, default /usr/bin/chromium).
// Prints performance, accessibility, best-practices and SEO scores per page.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const port = 3300 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-lh-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function waitForServer() {
  for (let i = 0; i < 200; i++) {
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
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'patient@demo.hipback.test', password: 'hipback-demo' }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const intake = await fetch(`${base}/api/me/intake`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
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
  { name: 'home', url: '/' },
  { name: 'exercise library', url: '/exercises' },
  { name: 'exercise page', url: '/exercises/glute-bridge' },
  { name: 'self-check', url: '/check' },
  { name: 'Today (patient)', url: '/app', auth: true },
  { name: 'session player (patient)', url: '/app/session/stretch', auth: true },
];

let chrome;
try {
  await waitForServer();
  const cookie = await patientCookie();
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
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
  const rows = [];
  for (const p of pages) {
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
    const c = result.lhr.categories;
    const score = (k) => Math.round((c[k]?.score ?? 0) * 100);
    rows.push({
      page: p.name,
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
      seo: score('seo'),
    });
    const failing = Object.values(result.lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map((a) => a.id);
    if (failing.length) console.log(`${p.name}: audits not passed: ${failing.join(', ')}`);
  }
  console.table(rows);
} finally {
  await chrome?.kill();
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
