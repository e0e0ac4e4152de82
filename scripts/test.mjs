// `npm test`: every check hipback has, in order of cost.
//   1. typecheck, lint (zero warnings), format check
//   2. unit tests (pure code)
//   3. integration tests on SQLite
//   4. the same integration tests on PostgreSQL
//   5. end-to-end tests in headless Chromium
// PostgreSQL comes from TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
// Locally, a missing PostgreSQL or Chromium is reported loudly and skipped; with CI=true
// both are required and their absence fails the run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ci = process.env.CI === 'true';
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const only = process.argv[2]; // optional: typecheck | unit | sqlite | postgres | e2e
const results = [];
const counts = { passed: 0, failed: 0, skipped: 0 };
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-test-'));

function run(name, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: r.status === 0, seconds });
  return r.status === 0;
}

function vitest(name, project, env = {}) {
  const out = path.join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  const ok = run(
    name,
    'npx',
    [
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ],
    env,
  );
  try {
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    counts.passed += report.numPassedTests;
    counts.failed += report.numFailedTests;
    counts.skipped += report.numPendingTests + report.numTodoTests;
    if (report.numTotalTests === 0) {
      console.error(`✗ ${name} ran no tests`);
      results.at(-1).ok = false;
    }
  } catch {
    if (ok) results.at(-1).ok = false;
    counts.failed += 1;
  }
  return ok;
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const want = (step) => !only || only === step;
const skipped = [];

if (want('typecheck')) {
  run('typecheck (tsc --noEmit, strict)', 'npx', ['tsc', '--noEmit']);
  run('lint (eslint, zero warnings)', 'npx', ['eslint', '.', '--max-warnings=0']);
  run('format (prettier --check)', 'npx', ['prettier', '--check', '.', '--log-level=warn']);
}
if (want('unit')) vitest('unit tests', 'unit');
if (want('sqlite')) vitest('integration tests on SQLite', 'integration', { DATABASE_URL: '' });
if (want('postgres')) {
  if (await postgresReachable()) {
    vitest('integration tests on PostgreSQL', 'integration', { DATABASE_URL: pgUrl });
  } else if (ci) {
    console.error(`\n✗ PostgreSQL is required on CI but ${pgUrl} is not reachable.`);
    results.push({ name: 'integration tests on PostgreSQL', ok: false, seconds: '0' });
  } else {
    skipped.push(`PostgreSQL integration tests: nothing answers at ${pgUrl} (set TEST_DATABASE_URL)`);
  }
}
if (want('e2e')) {
  if (fs.existsSync(chromium)) {
    if (run('build the web app', 'node', ['scripts/build-web.mjs'])) {
      vitest('end-to-end tests in Chromium', 'e2e', { CHROMIUM_PATH: chromium, DATABASE_URL: '' });
    }
  } else if (ci) {
    console.error(`\n✗ Chromium is required on CI but ${chromium} does not exist.`);
    results.push({ name: 'end-to-end tests in Chromium', ok: false, seconds: '0' });
  } else {
    skipped.push(
      `end-to-end tests: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  }
}

console.log('\n── summary ──');
for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name} (${r.seconds} s)`);
for (const s of skipped) console.log(`⚠ SKIPPED ${s}`);
const failedSteps = results.filter((r) => !r.ok).length;
console.log(
  `tests: ${counts.passed} passed, ${counts.failed + failedSteps} failed, ${counts.skipped} skipped`,
);
process.exit(failedSteps > 0 || counts.failed > 0 ? 1 : 0);
