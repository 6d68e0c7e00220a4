// Bundles the extension and the CLI. Type-checking is separate (`npm run typecheck`).
// The shipped dataset is compiled from YAML to JSON here, so activation pays only for JSON.parse.
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
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
];

// The shipped dataset, compiled to JSON (and refused if it has any problem).
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/compile-dataset.ts'], { stdio: 'inherit' });

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
