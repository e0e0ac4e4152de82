// Bundles the browser app (src/web/client) into public/build with esbuild.
// Fast enough (well under a second) to run before every start.
import { build } from 'esbuild';

const started = Date.now();
await build({
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
if (process.env.CI !== 'true') console.log(`web app built in ${Date.now() - started} ms`);
