import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectText, expectVisible, useBrowser } from '../helpers/browser';

describe('exercise library and education pages in a real browser', () => {
  const e = useBrowser();

  for (const [label, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`browses, filters and opens an exercise with no accessibility violations (${label})`, async () => {
      const { page, context } = await e.newPage(viewport);
      await page.goto('/exercises');
      await expectText(page.getByRole('status'), /\d+ exercises/);
      await e.expectAccessible(page, `library (${label})`);
      await e.screenshot(page, `library-${label}`);

      await page.getByLabel('Search').fill('bridge');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL('**/exercises?q=bridge*');
      await expectText(page.getByRole('status'), 'match');
      const cards = page.getByRole('list', { name: 'Exercises' }).getByRole('listitem');
      expect(await cards.count()).toBeGreaterThanOrEqual(4);

      await page
        .getByRole('link', { name: /Glute bridge/i })
        .first()
        .click();
      await page.waitForURL('**/exercises/glute-bridge');
      await expectVisible(page.getByRole('heading', { name: 'Steps' }));
      await expectVisible(page.getByRole('heading', { name: 'Easier and harder versions' }));
      // The illustration really loads (an SVG the browser could decode).
      const natural = await page
        .getByRole('img', { name: /Animation of/ })
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth);
      expect(natural).toBeGreaterThan(0);
      await e.expectAccessible(page, `exercise page (${label})`);
      await e.screenshot(page, `exercise-glute-bridge-${label}`);

      await page.getByRole('link', { name: /2\. / }).first().click();
      await page.waitForURL('**/exercises/bridge-march');

      await page.goto('/exercises?pillar=stretch&region=hip');
      await e.screenshot(page, `library-stretch-hip-${label}`);
      await page.goto('/exercises?q=nothing-matches-this');
      await expectVisible(page.getByRole('heading', { name: 'No exercises match' }));
      await context.close();
    });

    it(`reads the education pages, also without JavaScript (${label})`, async () => {
      const { page, context } = await e.newPage(viewport);
      await page.goto('/learn');
      await e.expectAccessible(page, `learn index (${label})`);
      await page
        .getByRole('link', { name: /warning signs/i })
        .first()
        .click();
      await expectVisible(page.getByRole('heading', { name: 'Where this comes from' }));
      await e.expectAccessible(page, `warning-signs page (${label})`);
      await e.screenshot(page, `learn-warning-signs-${label}`);
      await context.close();

      // The same pages with JavaScript switched off: everything is in the HTML.
      const noJs = await e.browser.newContext({ viewport, baseURL: e.baseUrl, javaScriptEnabled: false });
      const bare = await noJs.newPage();
      for (const path of [
        '/learn/hip-and-back-connection',
        '/learn/warning-signs',
        '/exercises/seated-hamstring-stretch',
      ]) {
        await bare.goto(path);
        const headings = await bare.locator('h1, h2').allTextContents();
        expect(headings.length, path).toBeGreaterThan(1);
      }
      await bare.goto('/exercises?pillar=activity');
      expect(
        await bare.getByRole('list', { name: 'Exercises' }).getByRole('listitem').count(),
      ).toBeGreaterThanOrEqual(5);
      await noJs.close();
    });
  }
});
