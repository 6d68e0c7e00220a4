// Runs the integration suite in a real VS Code through @vscode/test-electron's `runTests`, everywhere:
//  - where VS Code can be downloaded (and a display exists), a desktop VS Code it downloads;
//  - otherwise (these CI machines: only npm and Debian reachable) code-server 4.100.3's real extension host,
//    through scripts/vscode/vscode-stand-in.mjs passed as `vscodeExecutablePath`.
// ANNALIST_VSCODE=download | code-server forces one; ANNALIST_VSCODE_VERSION picks the downloaded version.
// Usage: npx tsx test/integration/runTest.ts   (after `npm run build`)
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const repo = resolve(__dirname, '..', '..');
const standIn = join(repo, 'scripts', 'vscode', 'vscode-stand-in.mjs');
const outDir = join(repo, 'out', 'test', 'integration');

function say(msg: string): void {
  process.stderr.write(`[integration] ${msg}\n`);
}

async function canDownloadVSCode(): Promise<boolean> {
  const forced = process.env.ANNALIST_VSCODE;
  if (forced === 'download') return true;
  if (forced === 'code-server') return false;
  if (forced) throw new Error(`ANNALIST_VSCODE must be "download" or "code-server", not "${forced}"`);
  // A desktop VS Code needs a display on Linux; without one, code-server is the real VS Code we can run.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  const timeout = new Promise<false>((r) => setTimeout(() => r(false), 1500).unref());
  const resolved = lookup('update.code.visualstudio.com').then(() => true, () => false);
  return Promise.race([resolved, timeout]);
}

/** A scratch copy of test/fixtures/workspace, so the suite may edit files without touching the git tree. */
function prepareWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'annalist-ws-'));
  cpSync(join(repo, 'test', 'fixtures', 'workspace'), ws, { recursive: true });
  mkdirSync(join(ws, '.vscode'), { recursive: true });
  writeFileSync(join(ws, '.vscode', 'settings.json'), JSON.stringify({
    // LaTeX documents have no front matter: the fixture bibliography is named for every document.
    'annalist.citations.bibliographies': [join(ws, 'library.bib')],
  }, null, 2));
  return ws;
}

async function main(): Promise<number> {
  const started = Date.now();
  const extensionMain = join(repo, 'dist', 'extension.js');
  if (!process.env.ANNALIST_EXTENSION_PATH && !existsSync(extensionMain)) {
    say(`ERROR: ${extensionMain} is missing: run \`npm run build\` first`);
    return 2;
  }
  await build({
    entryPoints: [join(__dirname, 'index.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // VS Code's extension host replaces Error.prepareStackTrace, so stacks name out/test/integration/index.js
    // lines; the inline map serves debuggers.
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    // mocha's parallel mode (unused here) resolves worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  const ws = prepareWorkspace();
  const download = await canDownloadVSCode();
  let vscodeExecutablePath = standIn;
  let mode = 'code-server 4.100.3 (VS Code 1.100.3) via scripts/vscode/vscode-stand-in.mjs';
  if (download) {
    const version = process.env.ANNALIST_VSCODE_VERSION || '1.100.3';
    try {
      vscodeExecutablePath = await downloadAndUnzipVSCode({ version, timeout: 60_000 });
      mode = `desktop VS Code ${version} (downloaded)`;
    } catch (e) {
      say(`could not download VS Code ${version} (${e instanceof Error ? e.message : e}); using code-server`);
    }
  }
  say(`running on ${mode}; workspace ${ws}`);
  let code: number;
  try {
    code = await runTests({
      vscodeExecutablePath,
      // ANNALIST_EXTENSION_PATH: only for developing the harness itself against a stand-in extension.
      extensionDevelopmentPath: process.env.ANNALIST_EXTENSION_PATH ? resolve(process.env.ANNALIST_EXTENSION_PATH) : repo,
      extensionTestsPath: join(outDir, 'index.js'),
      launchArgs: [ws, '--disable-extensions'],
    });
  } catch (e) {
    code = typeof (e as { code?: unknown }).code === 'number' ? (e as { code: number }).code : 2;
    say(`the run failed: ${e instanceof Error ? e.message : e}`);
  } finally {
    if (!process.env.ANNALIST_KEEP_SCRATCH) rmSync(ws, { recursive: true, force: true });
  }
  say(`${code === 0 ? 'PASSED' : 'FAILED'} on ${mode} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code;
}

main().then((code) => process.exit(code), (e) => {
  say(`HARNESS ERROR: ${e instanceof Error ? e.stack : e}`);
  process.exit(2);
});
