import { describe, expect, it } from 'vitest';
import { loadEducation, parseEducationPage } from './education';

const pages = loadEducation();

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w));
}

/** Plain text of the Markdown: no headings markers, list bullets, links or emphasis. */
function plain(markdown: string): string {
  return markdown
    .replace(/^#+\s.*$/gm, '')
    .replace(/^\s*(?:[-*]|\d+\.)\s+(?:\[ \]\s*)?/gm, '')
    .replace(/[*_`]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

describe('education pages', () => {
  it('load, sorted by order', () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const orders = pages.map((p) => p.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it('include the pages the product links to', () => {
    const slugs = pages.map((p) => p.slug);
    for (const slug of [
      'hip-and-back-connection',
      'posture-and-movement-breaks',
      'building-up-activity',
      'pain-that-hurts-but-does-not-harm',
      'warning-signs',
    ]) {
      expect(slugs).toContain(slug);
    }
  });

  it('each name at least one source and have a one-sentence description', () => {
    for (const p of pages) {
      expect(p.sources.length, p.slug).toBeGreaterThanOrEqual(1);
      expect(p.description.split(/[.!?](\s|$)/).filter((s) => s.trim() !== '').length, p.slug).toBe(1);
      expect(p.markdown.startsWith('# '), p.slug).toBe(true);
    }
  });

  it('read easily: on average at most 20 words a sentence', () => {
    for (const p of pages) {
      const sentences = plain(p.markdown)
        .split(/[.!?:]\s+|\n\s*\n|\n/)
        .filter((s) => words(s).length > 0);
      const average = words(plain(p.markdown)).length / sentences.length;
      expect(average, p.slug).toBeLessThanOrEqual(20);
    }
  });

  it('the warning-signs page covers each urgency tier', () => {
    const page = pages.find((p) => p.slug === 'warning-signs')!;
    expect(page.markdown).toMatch(/emergency help now/i);
    expect(page.markdown).toMatch(/same day/i);
    expect(page.markdown).toMatch(/within a few days/i);
  });
});

describe('parseEducationPage', () => {
  const page = [
    '---',
    'title: "A page"',
    'slug: a-page',
    'description: One line.',
    'order: 2',
    'sources:',
    '  - "PO2: movement is safe"',
    '---',
    '# A page',
    '',
    'Body.',
  ];

  it('reads scalars, quotes and the sources list', () => {
    const p = parseEducationPage(page.join('\n'), 'a-page.md');
    expect(p).toEqual({
      slug: 'a-page',
      title: 'A page',
      description: 'One line.',
      order: 2,
      sources: ['PO2: movement is safe'],
      markdown: '# A page\n\nBody.',
    });
  });

  it('throws a clear error naming a missing key', () => {
    const without = page.filter((l) => !l.startsWith('description'));
    expect(() => parseEducationPage(without.join('\n'), 'a-page.md')).toThrow(
      'a-page.md: front matter is missing "description"',
    );
  });

  it('throws when there is no front matter or no source', () => {
    expect(() => parseEducationPage('# Title', 'x.md')).toThrow('x.md');
    const noSources = [...page.slice(0, 5), 'sources:', '---', 'Body'];
    expect(() => parseEducationPage(noSources.join('\n'), 'x.md')).toThrow('sources');
  });
});
