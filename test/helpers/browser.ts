import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadConfig } from '../../src/config';
import { type Context, createContext } from '../../src/context';
import { freshDatabase } from './db';
import { INTAKE } from './fixtures';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 860 };

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface E2E {
  ctx: Context;
  baseUrl: string;
  browser: Browser;
  newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; context: BrowserContext }>;
  screenshot(page: Page, name: string): Promise<void>;
  /** Runs axe on the page and fails on any violation. */
  expectAccessible(page: Page, label: string): Promise<void>;
}

/** A real server on a loopback port (demo clinic seeded) and a real headless Chromium. */
export function useBrowser(): E2E {
  const e = {} as E2E;
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const db = await freshDatabase();
    cleanup = db.cleanup;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-e2e-data-'));
    const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: dataDir, PORT: '0' });
    const ctx = await createContext(config, { db: db.options });
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const address = ctx.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const baseUrl = `http://127.0.0.1:${port}`;
    // Emailed links must point at this server.
    (ctx.config as { publicUrl: string }).publicUrl = baseUrl;
    (ctx.services.auth as unknown as { publicUrl: string }).publicUrl = baseUrl;
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Playwright gives every launch a fresh, empty profile of its own.
      args: CHROMIUM_FLAGS.filter((a) => a !== '--headless'),
      headless: true,
    });
    const shotDir = path.resolve('.test-artifacts/screenshots');
    fs.mkdirSync(shotDir, { recursive: true });
    Object.assign(e, {
      ctx,
      baseUrl,
      browser,
      async newPage(viewport = PHONE) {
        const context = await browser.newContext({ viewport, baseURL: baseUrl });
        const page = await context.newPage();
        page.on('pageerror', (err) => {
          throw err;
        });
        return { page, context };
      },
      async screenshot(page: Page, name: string) {
        await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true });
      },
      async expectAccessible(page: Page, label: string) {
        const result = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        const summary = result.violations.map(
          (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
        );
        expect(summary, `axe violations on ${label}`).toEqual([]);
      },
    });
  });
  afterAll(async () => {
    await e.browser?.close();
    await e.ctx?.close();
    await cleanup();
  });
  return e;
}

/** The newest dev-mail message to an address, read through the dev mail page's API. */
export async function latestMailLink(e: E2E, to: string, pathname: string): Promise<string> {
  await e.ctx.services.mail.processDue();
  const res = await e.ctx.app.inject({ method: 'GET', url: '/api/dev/mail' });
  const msg = res.json<{ messages: { to: string; text: string }[] }>().messages.find((m) => m.to === to);
  if (!msg) throw new Error(`no mail to ${to}`);
  const m = new RegExp(`https?://\\S+${pathname}\\?token=\\S+`).exec(msg.text);
  if (!m) throw new Error(`no ${pathname} link in mail to ${to}`);
  return m[0];
}

import type { Locator } from 'playwright-core';

/** Waits (up to 10 s) until the locator's text contains `text`. */
export async function expectText(locator: Locator, text: string | RegExp, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    try {
      last = (await locator.first().textContent({ timeout: 1000 })) ?? '';
      if (typeof text === 'string' ? last.includes(text) : text.test(last)) return;
    } catch {
      // not there yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(last, `text of ${String(locator)}`).toMatch(
    typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text,
  );
}

/** Waits until the locator is visible. */
export async function expectVisible(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/** The demo accounts' password (src/seed/demo.ts). */
export const DEMO_PASSWORD = 'hipback-demo';
/** The password of the patients signUpWithPlan makes. */
export const PATIENT_PASSWORD = 'a long enough password';

/** Logs in through the login page and waits for the app. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/app');
}

/**
 * A new patient of the demo clinic, signed up through the API (password PATIENT_PASSWORD), who has
 * taken the self-check with `answers`, so they have a plan. `cookie` is their session for API calls.
 */
export async function signUpWithPlan(e: E2E, displayName: string, answers: object = INTAKE) {
  const email = `${displayName.split(' ')[0]!.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const signup = await e.ctx.app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { email, password: PATIENT_PASSWORD, displayName },
  });
  expect(signup.statusCode).toBe(201);
  const user = signup.json<{ user: { id: string; timezone: string } }>().user;
  const cookie = `hb_session=${signup.cookies.find((c) => c.name === 'hb_session')?.value}`;
  const intake = await e.ctx.app.inject({
    method: 'POST',
    url: '/api/me/intake',
    payload: answers,
    headers: { cookie },
  });
  expect(intake.statusCode).toBe(201);
  return { email, password: PATIENT_PASSWORD, user, cookie };
}

/**
 * Waits until the service worker controls the page and its cache holds every exercise of the patient's
 * day, as Today asks it to (src/web/sw/sw.ts). Returns how many that is.
 */
export async function waitForOfflineExercises(page: Page): Promise<number> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 15_000,
  });
  const slugs = await page.evaluate(async () => {
    const { today } = (await (await fetch('/api/me/today')).json()) as {
      today: {
        stretch: { exercises: string[] };
        strength: { exercises: string[] };
        movementBreaks: { exercises: string[] };
      };
    };
    return [
      ...new Set([
        ...today.stretch.exercises,
        ...today.strength.exercises,
        ...today.movementBreaks.exercises,
      ]),
    ];
  });
  await page.waitForFunction(
    async (wanted) => {
      const kept = new Set<string>();
      for (const name of await caches.keys()) {
        for (const r of await (await caches.open(name)).keys()) kept.add(new URL(r.url).pathname);
      }
      return wanted.every((slug) => kept.has(`/api/exercises/${slug}`));
    },
    slugs,
    { timeout: 15_000, polling: 200 },
  );
  return slugs.length;
}
