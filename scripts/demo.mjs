#!/usr/bin/env node
// `npm run demo`: the main job on the shipped dataset — check the example essay, then show a hover and a lookup.
// `annalist check` exits 1 when it finds problems, which is the point of the demo, so 0 and 1 both count as success.
import { spawnSync } from 'node:child_process';

const steps = [
  ['check', 'examples/essay.md'],
  ['hover', 'examples/essay.md', '12:10'],
  ['lookup', "Stalin's body"],
];
let failed = false;
for (const args of steps) {
  process.stdout.write(`\n$ annalist ${args.map((a) => (/\s|'/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n`);
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' });
  if (r.status !== 0 && r.status !== 1) failed = true;
}
process.exit(failed ? 1 : 0);
