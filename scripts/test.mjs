// `npm test`: every check hipback has, in three stages. Within a stage, independent steps run side by
// side (the machines we run on have 2 cores, and each step mostly keeps one busy); a step's output is
// printed whole when it ends, so nothing interleaves.
//   stage 1: typecheck, lint (zero warnings), format check  |  unit tests (pure code)
//   stage 2: integration tests on SQLite                    |  the same on PostgreSQL
//   stage 3: build the web app, then end-to-end tests in headless Chromium (alone: they are the
//            most sensitive to a busy machine)
// PostgreSQL comes from TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
// Locally, a missing PostgreSQL or Chromium is reported loudly and skipped; with CI=true
// both are required and their absence fails the run.
// `node scripts/test.mjs <step>` runs one step: typecheck | unit | sqlite | postgres | e2e.
// SERIAL=1 runs every step one after another (slower; for a machine with one core).
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ci = process.env.CI === 'true';
const serial = process.env.SERIAL === '1';
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const only = process.argv[2];
const STEPS = ['typecheck', 'unit', 'sqlite', 'postgres', 'e2e'];
if (only && !STEPS.includes(only)) {
  console.error(`Unknown step "${only}". Steps: ${STEPS.join(', ')}.`);
  process.exit(2);
}
const results = [];
const counts = { passed: 0, failed: 0, skipped: 0 };
const failedTests = [];
const skipped = [];
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-test-'));
const started = Date.now();

/** Runs a command; its output is kept and printed in one piece when it ends. Resolves to its result. */
function run(name, cmd, args, env = {}) {
  const t0 = Date.now();
  const result = { name, ok: false, seconds: '0' };
  results.push(result);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    const finish = (code) => {
      result.ok = code === 0;
      result.seconds = ((Date.now() - t0) / 1000).toFixed(1);
      process.stdout.write(`\n▶ ${name} (${result.seconds} s, ${result.ok ? 'passed' : 'FAILED'})\n`);
      process.stdout.write(Buffer.concat(out));
      resolve(result);
    };
    child.on('error', (err) => {
      out.push(Buffer.from(`${String(err)}\n`));
      finish(1);
    });
    child.on('close', finish);
  });
}

async function vitest(name, project, env = {}) {
  const out = path.join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  const result = await run(
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
    for (const file of report.testResults) {
      const rel = path.relative(process.cwd(), file.name);
      const failures = file.assertionResults.filter((t) => t.status === 'failed');
      for (const t of failures)
        failedTests.push(`${name}: ${rel} > ${[...t.ancestorTitles, t.title].join(' > ')}`);
      // A file that failed to load has no test results of its own.
      if (file.status === 'failed' && failures.length === 0) {
        failedTests.push(`${name}: ${rel} (${(file.message || 'failed to run').split('\n')[0]})`);
      }
    }
    if (report.numTotalTests === 0) {
      console.error(`✗ ${name} ran no tests`);
      result.ok = false;
    }
  } catch {
    if (result.ok) result.ok = false;
    counts.failed += 1;
    failedTests.push(`${name}: no report was written (the run crashed?)`);
  }
  return result.ok;
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

/** Runs the lanes side by side (or one after another with SERIAL=1); each lane runs its steps in order. */
async function stage(...lanes) {
  const go = (lane) => lane.reduce((p, step) => p.then(step), Promise.resolve());
  if (serial) for (const lane of lanes) await go(lane);
  else await Promise.all(lanes.map(go));
}

const staticChecks = async () => {
  if (!want('typecheck')) return;
  await run('typecheck (tsc --noEmit, strict)', 'npx', ['tsc', '--noEmit']);
  await run('lint (eslint, zero warnings)', 'npx', ['eslint', '.', '--max-warnings=0']);
  await run('format (prettier --check)', 'npx', ['prettier', '--check', '.', '--log-level=warn']);
};
const unit = async () => {
  if (want('unit')) await vitest('unit tests', 'unit');
};
const sqlite = async () => {
  if (want('sqlite')) await vitest('integration tests on SQLite', 'integration', { DATABASE_URL: '' });
};
const postgres = async () => {
  if (!want('postgres')) return;
  if (await postgresReachable()) {
    await vitest('integration tests on PostgreSQL', 'integration', { DATABASE_URL: pgUrl });
  } else if (ci) {
    console.error(`\n✗ PostgreSQL is required on CI but ${pgUrl} is not reachable.`);
    results.push({ name: 'integration tests on PostgreSQL', ok: false, seconds: '0' });
  } else {
    skipped.push(`PostgreSQL integration tests: nothing answers at ${pgUrl} (set TEST_DATABASE_URL)`);
  }
};
const e2e = async () => {
  if (!want('e2e')) return;
  if (fs.existsSync(chromium)) {
    const built = await run('build the web app', 'node', ['scripts/build-web.mjs']);
    if (built.ok) {
      await vitest('end-to-end tests in Chromium', 'e2e', { CHROMIUM_PATH: chromium, DATABASE_URL: '' });
    }
  } else if (ci) {
    console.error(`\n✗ Chromium is required on CI but ${chromium} does not exist.`);
    results.push({ name: 'end-to-end tests in Chromium', ok: false, seconds: '0' });
  } else {
    skipped.push(
      `end-to-end tests: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  }
};

await stage([staticChecks], [unit]);
await stage([sqlite], [postgres]);
await stage([e2e]);

console.log('\n── summary ──');
for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name} (${r.seconds} s)`);
for (const s of skipped) console.log(`⚠ SKIPPED ${s}`);
if (failedTests.length > 0) {
  console.log('\nfailed:');
  for (const f of failedTests) console.log(`  ✗ ${f}`);
}
const failedSteps = results.filter((r) => !r.ok).length;
console.log(`\nwall time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(
  `tests: ${counts.passed} passed, ${counts.failed + failedSteps} failed, ${counts.skipped} skipped`,
);
process.exit(failedSteps > 0 || counts.failed > 0 ? 1 : 0);
