// Bundles the browser app (src/web/client) into public/build with esbuild.
// Fast enough (well under a second) to run before every start.
import { build } from 'esbuild';

const started = Date.now();
const app = await build({
  metafile: true,
  entryPoints: { app: 'src/web/client/main.tsx' },
  outdir: 'public/build',
  bundle: true,
  format: 'esm',
  splitting: true,
  minify: true,
  sourcemap: true,
  target: ['es2022'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
  legalComments: 'none',
});
// The service worker (src/web/sw/sw.ts), with the bundle's file list written in for its precache.
const precache = Object.keys(app.metafile.outputs)
  .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
  .map((f) => '/' + f.replace(/^public\//, ''))
  .sort();
const { createHash } = await import('node:crypto');
const { readFileSync } = await import('node:fs');
await build({
  entryPoints: { sw: 'src/web/sw/sw.ts' },
  outdir: 'public/build',
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
        .reduce((h, f) => h.update(readFileSync('public' + f)), createHash('sha256'))
        .digest('hex')
        .slice(0, 12),
    ),
  },
});
if (process.env.CI !== 'true') console.log(`web app built in ${Date.now() - started} ms`);
