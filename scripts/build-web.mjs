// Bundles the browser app (src/web/client) and the stylesheet (public/static/app.css) into public/build
// with esbuild. Fast enough (about a second) to run before every start.
//
// - File names carry a content hash (app-XXXXXXXX.js, chunk-XXXXXXXX.js, app-XXXXXXXX.css), so the server
//   can let browsers keep them for a year (immutable); a new build means new names.
// - The client is split by area with dynamic import(): a person on the patient app downloads only the
//   patient app's code. public/build/manifest.json tells the server the entry, the stylesheet and, per
//   area, the chunks to `<link rel="modulepreload">` so they download in parallel, not one after another.
// - Every .js and .css is also written gzip- and brotli-compressed (.gz, .br) for @fastify/static's
//   preCompressed option: no compression work per request.
// - The service worker (src/web/sw/sw.ts) gets the list of files written in for its precache.
// - Files of earlier builds are deleted once they are an hour old (a server started before this build may
//   still be sending pages that name them).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';

const OUT = 'public/build';
const started = Date.now();
const common = {
  outdir: OUT,
  bundle: true,
  minify: !process.env.NO_MINIFY,
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
};

const app = await build({
  ...common,
  metafile: true,
  entryPoints: { app: 'src/web/client/main.tsx' },
  format: 'esm',
  splitting: true,
  target: ['es2022'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
});
const css = await build({
  ...common,
  metafile: true,
  entryPoints: { app: 'public/static/app.css' },
  target: ['chrome100', 'firefox100', 'safari15'],
  // Absolute URLs in the stylesheet (/static/...) stay as they are.
  external: ['/static/*'],
});

const outputs = { ...app.metafile.outputs, ...css.metafile.outputs };
const url = (f) => '/' + path.relative('public', f).split(path.sep).join('/');
const files = Object.keys(outputs).filter((f) => f.endsWith('.js') || f.endsWith('.css'));

// The entry and, for each area the entry imports with import(), the chunks that area needs (its own
// chunk and everything that chunk imports statically), so the server can preload them for the route.
const entry = Object.keys(app.metafile.outputs).find(
  (f) => app.metafile.outputs[f].entryPoint === 'src/web/client/main.tsx',
);
const stylesheet = Object.keys(css.metafile.outputs).find((f) => f.endsWith('.css'));
const staticClosure = (f, seen = new Set()) => {
  if (seen.has(f)) return seen;
  seen.add(f);
  for (const imp of outputs[f]?.imports ?? [])
    if (imp.kind === 'import-statement') staticClosure(imp.path, seen);
  return seen;
};
const entryFiles = staticClosure(entry);
const areas = {};
for (const imp of outputs[entry].imports) {
  if (imp.kind !== 'dynamic-import') continue;
  const source = outputs[imp.path]?.entryPoint ?? imp.path;
  const name = path.basename(source).replace(/\.[jt]sx?$/, '');
  areas[name] = [...staticClosure(imp.path)].filter((f) => !entryFiles.has(f)).map(url);
}
const manifest = {
  js: url(entry),
  // The entry's own static imports, preloaded on every page that runs the app.
  jsImports: [...entryFiles].filter((f) => f !== entry).map(url),
  css: url(stylesheet),
  areas,
};
fs.writeFileSync(path.join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

// Precompressed copies for the server to send as they are.
for (const f of files) {
  const data = fs.readFileSync(f);
  fs.writeFileSync(f + '.gz', zlib.gzipSync(data, { level: 9 }));
  fs.writeFileSync(
    f + '.br',
    zlib.brotliCompressSync(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  );
}

// The service worker, with the bundle's file list written in for its precache.
const precache = files.map(url).sort();
await build({
  entryPoints: { sw: 'src/web/sw/sw.ts' },
  outdir: OUT,
  bundle: true,
  format: 'iife',
  minify: true,
  target: ['es2022'],
  logLevel: 'warning',
  legalComments: 'none',
  define: {
    __PRECACHE__: JSON.stringify(precache),
    __VERSION__: JSON.stringify(
      precache
        .reduce((h, f) => h.update(f).update(fs.readFileSync('public' + f)), createHash('sha256'))
        .digest('hex')
        .slice(0, 12),
    ),
  },
});

// Earlier builds' files: kept for an hour, then deleted.
const keep = new Set(['manifest.json', 'sw.js']);
for (const f of Object.keys(outputs)) {
  const base = path.basename(f);
  for (const suffix of ['', '.gz', '.br']) keep.add(base + suffix);
}
for (const name of fs.readdirSync(OUT)) {
  if (keep.has(name)) continue;
  const full = path.join(OUT, name);
  try {
    if (Date.now() - fs.statSync(full).mtimeMs > 60 * 60 * 1000) fs.rmSync(full, { force: true });
  } catch {
    // removed by a build running at the same time
  }
}
if (process.env.CI !== 'true') console.log(`web app built in ${Date.now() - started} ms`);
