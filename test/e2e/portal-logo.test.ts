import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LOGO_LIMITS } from '../../src/documents/images';
import { DESKTOP, PHONE, expectText, expectVisible, logIn, useBrowser } from '../helpers/browser';
import { makePng } from '../helpers/images';

/** A logo drawn on a canvas in the page: a teal disc with a white curve, and the clinic's initials. */
async function drawLogo(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 360;
    c.height = 120;
    const g = c.getContext('2d')!;
    g.fillStyle = '#0f6466';
    g.beginPath();
    g.arc(60, 60, 52, 0, Math.PI * 2);
    g.fill();
    g.strokeStyle = '#ffffff';
    g.lineWidth = 10;
    g.lineCap = 'round';
    g.beginPath();
    g.moveTo(60, 22);
    g.bezierCurveTo(30, 50, 90, 70, 60, 98);
    g.stroke();
    g.fillStyle = '#c2562f';
    g.font = 'bold 64px sans-serif';
    g.textBaseline = 'middle';
    g.fillText('KC', 130, 64);
    g.fillStyle = '#0f6466';
    g.fillRect(236, 40, 110, 12);
    g.fillRect(236, 68, 80, 12);
    return c.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/** The header's logo, once it has loaded (its natural width is known). */
async function headerLogoWidth(page: Page): Promise<number> {
  const img = page.locator('.site-header img.brand-logo');
  await expectVisible(img);
  await page.waitForFunction(() => {
    const el = document.querySelector<HTMLImageElement>('.site-header img.brand-logo');
    return el !== null && el.complete && el.naturalWidth > 0;
  });
  return img.evaluate((el: HTMLImageElement) => el.naturalWidth);
}

describe('the clinic logo in a real browser', () => {
  const e = useBrowser();

  it('lets the admin upload a logo on the settings page, shows it in the header and handout, and remove it', async () => {
    const { page, context } = await e.newPage(DESKTOP);
    await logIn(page, 'admin@demo.hipback.test');
    await page.goto('/app/admin/settings');
    await expectVisible(page.getByRole('heading', { name: 'Logo' }));
    await expectVisible(page.getByText('No logo yet'));
    expect(await page.locator('.site-header img.brand-logo').count()).toBe(0);

    // Wrong files are refused in the browser, with a message that says why.
    await page.getByLabel('Upload a logo').setInputFiles({
      name: 'logo.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    await expectText(page.getByRole('alert'), 'Choose a PNG or JPEG image');
    await page.getByLabel('Upload a logo').setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: Buffer.concat([makePng(64, 64), Buffer.alloc(LOGO_LIMITS.maxBytes)]),
    });
    await expectText(page.getByRole('alert'), 'the largest logo we accept is 256 KB');
    await page.getByLabel('Upload a logo').setInputFiles({
      name: 'tiny.png',
      mimeType: 'image/png',
      buffer: makePng(20, 20),
    });
    await expectText(page.getByRole('alert'), '20 × 20 pixels');
    expect(await page.getByLabel('Upload a logo').getAttribute('aria-invalid')).toBe('true');

    // A good logo: saved, previewed, and in the header at once.
    const logo = await drawLogo(page);
    await page
      .getByLabel('Upload a logo')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
    await expectText(page.getByRole('status').filter({ hasText: 'Logo saved' }), 'Logo saved');
    await expectVisible(page.getByRole('img', { name: 'The clinic’s current logo' }));
    expect(await headerLogoWidth(page)).toBe(360);
    await expectText(page.locator('.site-header .brand'), 'KinetikChain Denver');
    await e.screenshot(page, 'logo-settings-desktop');
    await e.expectAccessible(page, 'settings with a logo (desktop)');

    // The page made by the server has it too, and so does the public home page.
    await page.reload();
    expect(await headerLogoWidth(page)).toBe(360);
    await e.screenshot(page, 'logo-header-desktop');
    const anon = await e.newPage(DESKTOP);
    await anon.page.goto('/');
    expect(await headerLogoWidth(anon.page)).toBe(360);
    const served = await anon.page.request.get(
      (await anon.page.locator('.site-header img.brand-logo').getAttribute('src'))!,
    );
    expect(served.headers()['content-type']).toBe('image/png');
    expect(Buffer.compare(await served.body(), logo)).toBe(0);
    await anon.context.close();

    // On a phone the header keeps within the screen.
    const phone = await e.newPage(PHONE);
    await logIn(phone.page, 'admin@demo.hipback.test');
    await phone.page.goto('/app/admin/settings');
    expect(await headerLogoWidth(phone.page)).toBe(360);
    const box = await phone.page.locator('.site-header img.brand-logo').boundingBox();
    expect(box!.height).toBeLessThanOrEqual(40);
    expect(box!.width).toBeLessThanOrEqual(132);
    // The name is still the link's name for screen readers.
    await expectVisible(phone.page.getByRole('link', { name: /KinetikChain Denver/ }).first());
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await expectVisible(phone.page.getByRole('img', { name: 'The clinic’s current logo' }));
    await e.screenshot(phone.page, 'logo-settings-phone');
    await phone.page.goto('/');
    expect(await headerLogoWidth(phone.page)).toBe(360);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await e.screenshot(phone.page, 'logo-header-phone');
    await e.expectAccessible(phone.page, 'home page with a logo (phone)');
    await phone.context.close();

    // The handout carries it: first page drawn for a look.
    const list = await page.request.get('/api/clinic/patients');
    const patient = (await list.json()).patients.find(
      (p: { displayName: string }) => p.displayName === 'Maria Lopez',
    );
    const pdf = await page.request.get(`/api/clinic/patients/${patient.id}/handout.pdf`);
    expect(pdf.status()).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipback-e2e-logo-'));
    fs.writeFileSync(path.join(dir, 'handout.pdf'), await pdf.body());
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      path.join(dir, 'handout.pdf'),
      path.resolve('.test-artifacts/screenshots/logo-handout'),
    ]);
    fs.rmSync(dir, { recursive: true, force: true });

    // Removing asks first, then the header shows the name with our mark again.
    await page.getByRole('button', { name: 'Remove logo' }).click();
    await expectVisible(page.getByRole('form', { name: 'Confirm removing the logo' }));
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.site-header img.brand-logo').count()).toBe(1);
    await page.getByRole('button', { name: 'Remove logo' }).click();
    await page.getByRole('button', { name: 'Yes, remove the logo' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Logo removed' }), 'Logo removed');
    await expectVisible(page.getByText('No logo yet'));
    expect(await page.locator('.site-header img.brand-logo').count()).toBe(0);
    await expectVisible(page.locator('.site-header .brand-mark'));
    await page.reload();
    await expectVisible(page.getByText('No logo yet'));
    expect(await page.locator('.site-header img.brand-logo').count()).toBe(0);
    await context.close();
  }, 240_000);
});
