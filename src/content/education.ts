/**
 * Loads the education pages from `content/education/*.md`. Each page starts
 * with a small front-matter block:
 *
 *     ---
 *     title: Why hip and back pain go together
 *     slug: hip-and-back-connection
 *     description: One sentence for search results and link previews.
 *     order: 1
 *     sources:
 *       - "PO2: movement in all directions is safe"
 *     ---
 *
 * The parser is hand-written on purpose (no YAML dependency): plain
 * `key: value` lines, optional quotes, and one list (`sources`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EducationPage {
  slug: string;
  title: string;
  description: string;
  order: number;
  /** Source keys from clinical-facts.md and what they support, e.g. "PA4: WalkBack trial, 30 min on 5 days". */
  sources: string[];
  /** The page body (front matter removed). */
  markdown: string;
}

export const DEFAULT_EDUCATION_DIR = fileURLToPath(new URL('../../content/education/', import.meta.url));

const REQUIRED = ['title', 'slug', 'description', 'order', 'sources'] as const;

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    return v.slice(1, -1);
  }
  return v;
}

/** Parses one page; `file` is only used in error messages. */
export function parseEducationPage(text: string, file: string): EducationPage {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') throw new Error(`${file}: must start with a "---" front-matter line`);
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end === -1) throw new Error(`${file}: front matter is not closed with "---"`);

  const scalars = new Map<string, string>();
  const lists = new Map<string, string[]>();
  let currentList: string | null = null;
  for (const [offset, raw] of lines.slice(1, end).entries()) {
    const lineNo = offset + 2;
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const item = /^\s+-\s+(.*)$/.exec(raw);
    if (item) {
      if (currentList === null) throw new Error(`${file}:${lineNo}: list item outside a list`);
      lists.get(currentList)?.push(unquote(item[1] ?? ''));
      continue;
    }
    const kv = /^([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$/.exec(raw);
    if (!kv) throw new Error(`${file}:${lineNo}: expected "key: value", got "${raw.trim()}"`);
    const key = kv[1] ?? '';
    const value = kv[2] ?? '';
    if (value.trim() === '') {
      currentList = key;
      lists.set(key, []);
    } else {
      currentList = null;
      scalars.set(key, unquote(value));
    }
  }

  for (const key of REQUIRED) {
    if (!scalars.has(key) && !lists.has(key)) throw new Error(`${file}: front matter is missing "${key}"`);
  }
  const get = (key: string): string => {
    const v = scalars.get(key);
    if (v === undefined || v === '') throw new Error(`${file}: front matter "${key}" must have a value`);
    return v;
  };
  const order = Number(get('order'));
  if (!Number.isFinite(order)) throw new Error(`${file}: front matter "order" must be a number`);
  const sources = lists.get('sources');
  if (!sources || sources.length === 0)
    throw new Error(`${file}: front matter "sources" must list at least one source`);

  return {
    slug: get('slug'),
    title: get('title'),
    description: get('description'),
    order,
    sources,
    markdown: lines
      .slice(end + 1)
      .join('\n')
      .trim(),
  };
}

/** Reads every `*.md` page in `dir`, sorted by `order` (then slug). Throws on the first bad page. */
export function loadEducation(dir: string = DEFAULT_EDUCATION_DIR): EducationPage[] {
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const page = parseEducationPage(readFileSync(path.join(dir, file), 'utf8'), file);
      if (`${page.slug}.md` !== file)
        throw new Error(`${file}: slug "${page.slug}" must match the file name`);
      return page;
    });
  return pages.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}
