// Bundles the extension and the CLI. Type-checking is separate (`npm run typecheck`).
// The shipped dataset is compiled from YAML to JSON here, so activation pays only for JSON.parse.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

mkdirSync('dist', { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  external: ['vscode'],
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Large bibliographies are parsed here, off the extension host's main thread.
  { ...common, entryPoints: ['src/node/bibliography-worker.ts'], outfile: 'dist/bibliography.worker.js' },
  // The YAML dataset loader with its schema validator: loaded only when a user dataset is read.
  { ...common, entryPoints: ['src/core/dataset/loader.ts'], outfile: 'dist/dataset-loader.js' },
  // citeproc-js and the CSL styles: loaded on first use of a formatted reference, never at activation.
  { ...common, entryPoints: ['src/core/cite/styles/bundle.ts'], outfile: 'dist/citeproc.js' },
];

// The shipped dataset, compiled to JSON (and refused if it has any problem).
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/compile-dataset.ts'], { stdio: 'inherit' });

// citeproc-js is used under the CPAL-1.0; its licence travels with it.
copyFileSync('node_modules/citeproc/LICENSE', 'dist/citeproc.LICENSE.txt');

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
