#!/usr/bin/env node
// `npm start`: examples/ in a real VS Code with Annalist loaded from this checkout (extension development mode).
//  - desktop VS Code when `code` is on PATH: `code --wait --extensionDevelopmentPath=<repo> examples/`;
//  - otherwise code-server 4.100.3 on 127.0.0.1 (installed on first use by setup.sh); open the printed URL.
// Stays running until Ctrl-C. ANNALIST_PORT picks the port (default: a free one); ANNALIST_FOLDER another folder;
// ANNALIST_START=code-server skips the desktop check.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  cacheDir, ensureCodeServer, log, REPO_ROOT, remoteUri, startCodeServer, vscodeVersionOf, workbenchUrl,
} from './lib.mjs';

const P = 'start';
const folder = resolve(process.env.ANNALIST_FOLDER || join(REPO_ROOT, 'examples'));
if (!existsSync(join(REPO_ROOT, 'dist', 'extension.js'))) {
  log(P, 'warning: dist/extension.js is missing; run `npm run build` (or `npm run build -- --watch` alongside)');
}

function hasDesktopCode() {
  if (process.env.ANNALIST_START === 'code-server') return false;
  const r = spawnSync('code', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  // code-server also installs a `code` shim in some images; only a desktop build takes --extensionDevelopmentPath.
  return r.status === 0 && !/code-server/i.test(`${r.stdout}${r.stderr}`);
}

if (hasDesktopCode()) {
  log(P, `opening ${folder} in desktop VS Code with the extension from ${REPO_ROOT} (close the window or Ctrl-C to end)`);
  const child = spawn('code', ['--wait', '--new-window', `--extensionDevelopmentPath=${REPO_ROOT}`, folder], { stdio: 'inherit' });
  process.on('SIGINT', () => child.kill('SIGINT'));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const entry = ensureCodeServer();
  // A stable profile, so that layout and settings survive restarts of `npm start`.
  const base = join(cacheDir(), 'start-profile');
  const scratch = {
    root: base,
    userData: join(base, 'user-data'),
    extensions: join(base, 'extensions'),
    xdgConfig: join(base, 'xdg-config'),
    xdgData: join(base, 'xdg-data'),
    xdgCache: join(base, 'xdg-cache'),
    browserProfile: join(base, 'browser-profile'),
  };
  for (const d of Object.values(scratch)) mkdirSync(d, { recursive: true });
  const server = await startCodeServer({
    entry, scratch, port: Number(process.env.ANNALIST_PORT || 0), echo: !!process.env.ANNALIST_VERBOSE,
  });
  const url = workbenchUrl(server.url, folder, [['extensionDevelopmentPath', remoteUri(server.port, REPO_ROOT)]]);
  log(P, `VS Code ${vscodeVersionOf(entry)} (code-server) is serving ${folder} with Annalist from ${REPO_ROOT}`);
  process.stdout.write(`\nOpen this URL in a browser on this machine (or forward port ${server.port}):\n\n  ${url}\n\n`);
  log(P, 'Ctrl-C to stop');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log(P, 'stopping code-server');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Keep running while code-server lives; report if it dies on its own.
  server.child.on('exit', (code, signal) => {
    if (stopping) return;
    log(P, `code-server exited (${code ?? signal}). Its output:\n${server.output()}`);
    process.exit(1);
  });
}
