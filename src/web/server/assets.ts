/**
 * The built browser files (hashed names, see scripts/build-web.mjs), read from public/build/manifest.json:
 * the stylesheet, the app's entry and, per area of the client app, the chunks to preload.
 */
import { readFileSync } from 'node:fs';

export interface AssetManifest {
  js: string;
  jsImports: string[];
  css: string;
  areas: Record<string, string[]>;
}

/** Areas of the client app (the modules main.tsx loads with import()). */
export type ClientArea = 'PatientApp' | 'auth-pages' | 'SelfCheckPage' | 'site';

const MANIFEST = new URL('../../../public/build/manifest.json', import.meta.url);

/** Before the first build (some tests): the stylesheet from public/static, no script names known. */
const UNBUILT: AssetManifest = { js: '/build/app.js', jsImports: [], css: '/static/app.css', areas: {} };

let cached: AssetManifest | null = null;

/**
 * Read once per process: a server keeps naming the files of the build it started with (a later build keeps
 * earlier files for an hour), so its pages and its files always match.
 */
export function assets(): AssetManifest {
  if (cached) return cached;
  try {
    cached = JSON.parse(readFileSync(MANIFEST, 'utf8')) as AssetManifest;
    return cached;
  } catch {
    return UNBUILT;
  }
}

/** The area main.tsx will load for this address and person (a wrong guess only costs a wasted preload). */
export function areaFor(path: string, role: string | null): ClientArea {
  if (['/login', '/signup', '/forgot', '/reset', '/invite'].includes(path)) return 'auth-pages';
  if (path === '/check') return 'SelfCheckPage';
  if (role === 'patient' && (path === '/app' || path.startsWith('/app/'))) return 'PatientApp';
  return 'site';
}

/** The files to preload for a page of the client app: the entry's imports and the area's chunks. */
export function modulePreloads(area: ClientArea): string[] {
  const a = assets();
  return [...new Set([...a.jsImports, ...(a.areas[area] ?? [])])];
}
