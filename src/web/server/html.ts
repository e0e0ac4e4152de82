import { render } from 'preact-render-to-string';
import type { VNode } from 'preact';
import { type ClientArea, assets, modulePreloads } from './assets';

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** JSON that is safe inside a <script type="application/json"> element. */
export const safeJson = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export interface DocumentOptions {
  title: string;
  description: string;
  /** Absolute URL of this page, for social previews. */
  url?: string;
  siteName: string;
  body: VNode;
  /** Load the client app (for interactive pages). */
  script?: boolean;
  boot?: unknown;
  robots?: 'index' | 'noindex';
  /** The area of the client app this page runs (its chunks are preloaded); with `script`. */
  area?: ClientArea;
  /**
   * Files the page will ask for as soon as the app runs (API answers, the first picture), fetched in
   * parallel with the script instead of after it. `fetch` preloads match the app's same-origin fetch().
   */
  preload?: { href: string; as: 'fetch' | 'image' }[];
  /** The body is exactly the app's first draw: the app takes it over (hydrates) instead of drawing again. */
  hydrate?: boolean;
}

export function renderDocument(o: DocumentOptions): string {
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(o.title)}</title>`,
    `<meta name="description" content="${escapeHtml(o.description)}">`,
    `<meta property="og:title" content="${escapeHtml(o.title)}">`,
    `<meta property="og:description" content="${escapeHtml(o.description)}">`,
    `<meta property="og:site_name" content="${escapeHtml(o.siteName)}">`,
    '<meta property="og:type" content="website">',
    o.url ? `<meta property="og:url" content="${escapeHtml(o.url)}">` : '',
    '<meta name="twitter:card" content="summary">',
    `<meta name="robots" content="${o.robots === 'noindex' ? 'noindex' : 'index, follow'}">`,
    '<meta name="theme-color" content="#0f6466">',
    '<link rel="icon" href="/static/icon.svg" type="image/svg+xml">',
    '<link rel="manifest" href="/manifest.webmanifest">',
    '<link rel="apple-touch-icon" href="/static/icons/icon-192.png">',
    `<link rel="stylesheet" href="${escapeHtml(assets().css)}">`,
    '<link rel="stylesheet" href="/theme.css">',
    ...(o.script
      ? [
          `<script type="module" src="${escapeHtml(assets().js)}"></script>`,
          ...modulePreloads(o.area ?? 'site').map(
            (href) => `<link rel="modulepreload" href="${escapeHtml(href)}">`,
          ),
          ...(o.preload ?? []).map(
            (p) =>
              `<link rel="preload" href="${escapeHtml(p.href)}" as="${p.as}"${p.as === 'fetch' ? ' crossorigin="anonymous"' : ''}>`,
          ),
        ]
      : []),
  ]
    .filter(Boolean)
    .join('\n');
  const boot =
    o.boot === undefined ? '' : `<script type="application/json" id="boot">${safeJson(o.boot)}</script>`;
  return `<!doctype html>\n<html lang="en">\n<head>\n${head}\n</head>\n<body>\n<div id="app"${o.hydrate ? ' data-hydrate="1"' : ''}>${render(o.body)}</div>\n${boot}\n</body>\n</html>\n`;
}
