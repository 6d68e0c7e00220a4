#!/usr/bin/env node
// `npm run test:vscode`: everything that needs a real VS Code, with timings.
//   1. scripts/vscode/setup.sh          (Debian packages + code-server 4.100.3; seconds when already done)
//   2. test/integration/runTest.ts      (mocha inside the real extension host, via @vscode/test-electron)
//   3. test/e2e (mocha + playwright)    (the workbench driven from chromium; screenshots in test/e2e/screenshots)
// Runs every stage even when an earlier suite fails (setup failing stops everything); exits 1 if any failed.
// Expects `npm run build` to have produced dist/extension.js.  ANNALIST_SKIP_E2E=1 / ANNALIST_SKIP_INTEGRATION=1.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './lib.mjs';

const STAGE_LIMIT_MS = Number(process.env.ANNALIST_STAGE_TIMEOUT || 600) * 1000;

function run(name, cmd, args) {
  const started = Date.now();
  process.stderr.write(`\n[test:vscode] ── ${name}: ${cmd} ${args.join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit', detached: true });
    const timer = setTimeout(() => {
      process.stderr.write(`[test:vscode] ${name} exceeded ${STAGE_LIMIT_MS / 1000} s: stopping it\n`);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    }, STAGE_LIMIT_MS);
    const onSig = () => { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } };
    process.on('SIGINT', onSig);
    process.on('SIGTERM', onSig);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      process.removeListener('SIGINT', onSig);
      process.removeListener('SIGTERM', onSig);
      resolve({ name, ok: code === 0, code: code ?? signal, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const results = [];
const setup = await run('setup', 'bash', [join(REPO_ROOT, 'scripts', 'vscode', 'setup.sh')]);
results.push(setup);
if (setup.ok) {
  const bin = join(REPO_ROOT, 'node_modules', '.bin');
  if (!process.env.ANNALIST_SKIP_INTEGRATION) {
    results.push(await run('integration', join(bin, 'tsx'), ['test/integration/runTest.ts']));
  }
  if (!process.env.ANNALIST_SKIP_E2E) {
    results.push(await run('e2e', join(bin, 'mocha'), ['--config', 'test/e2e/.mocharc.json']));
  }
}
process.stderr.write('\n[test:vscode] summary (VS Code 1.100.3 via code-server 4.100.3 unless the integration log says otherwise)\n');
for (const r of results) {
  process.stderr.write(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(12)} ${r.seconds.toFixed(1).padStart(6)} s${r.ok ? '' : `  (exit ${r.code})`}\n`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
