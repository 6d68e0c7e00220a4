// Shared pieces of the real-VS-Code harness: install check, code-server process, headless chromium.
// Used by runner.mjs (integration tests), start.mjs (`npm start`) and test/e2e (the workbench driven by a browser).
// Plain Node ESM, no TypeScript, so it runs before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(HERE, '..', '..');
export const CHROMIUM = process.env.ANNALIST_CHROMIUM || '/usr/bin/chromium';

/** Flags for Debian's chromium in a container: no sandbox (root), no GPU, nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** User settings for every harness-started workbench: quiet, offline, no tours. */
export const HARNESS_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'typescript.tsc.autoDetect': 'off',
  'window.restoreWindows': 'none',
};

export function log(prefix, msg) {
  process.stderr.write(`[${prefix}] ${msg}\n`);
}

export function cacheDir() {
  return process.env.ANNALIST_CACHE || join(process.env.HOME || tmpdir(), '.cache', 'annalist');
}

/** Path of code-server's entry script, running scripts/vscode/setup.sh first when it is not installed. */
export function ensureCodeServer({ quiet = false } = {}) {
  const entry = join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const stamp = join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`, '.annalist-installed');
  if (existsSync(entry) && existsSync(stamp) && existsSync(CHROMIUM)) return entry;
  if (!quiet) log('harness', 'code-server or chromium missing: running scripts/vscode/setup.sh');
  const r = spawnSync('bash', [join(HERE, 'setup.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 || !existsSync(entry)) {
    throw new Error(`scripts/vscode/setup.sh failed (exit ${r.status}); code-server ${CODE_SERVER_VERSION} is not installed`);
  }
  return entry;
}

/** VS Code version inside the installed code-server (e.g. "1.100.3"). */
export function vscodeVersionOf(entry) {
  try {
    const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', '..', 'lib', 'vscode', 'package.json'), 'utf8'));
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

/** A fresh scratch folder tree for one workbench: user data, extensions, XDG homes, browser profile. */
export function makeScratch(prefix = 'annalist-vscode-') {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    xdgConfig: join(root, 'xdg-config'),
    xdgData: join(root, 'xdg-data'),
    xdgCache: join(root, 'xdg-cache'),
    browserProfile: join(root, 'browser-profile'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  return dirs;
}

export function writeUserSettings(userDataDir, extra = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...HARNESS_SETTINGS, ...extra }, null, 2));
}

/**
 * Starts code-server on 127.0.0.1 (port 0 = the OS picks a free one; the real one is read from its output).
 * Resolves once GET /healthz answers. Returns { url, port, child, output(), stop() }.
 */
export async function startCodeServer({ entry, scratch, folder, port = 0, settings = {}, extraArgs = [], echo = false, startTimeoutMs = 60_000 }) {
  writeUserSettings(scratch.userData, settings);
  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-file-downloads',
    '--user-data-dir', scratch.userData,
    '--extensions-dir', scratch.extensions,
    ...extraArgs,
  ];
  if (folder) args.push(folder);
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: scratch.xdgConfig,
    XDG_DATA_HOME: scratch.xdgData,
    XDG_CACHE_HOME: scratch.xdgCache,
    EXTENSIONS_GALLERY: '{}',
    VSCODE_PROXY_URI: '',
  };
  // Its own process group, so that stop() ends the server, its extension hosts, pty host and watchers together.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let resolveUrl;
  const urlSeen = new Promise((r) => { resolveUrl = r; });
  const onData = (chunk) => {
    const s = chunk.toString();
    out += s;
    if (echo) process.stderr.write(s.replace(/^/gm, '[code-server] '));
    const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
    if (m) resolveUrl({ url: m[1], port: Number(m[2]) });
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  const exitPromise = new Promise((r) => child.on('exit', (code, signal) => { exited = { code, signal }; r(exited); }));

  const stop = async () => {
    if (exited) return;
    killGroup(child.pid, 'SIGTERM');
    const t = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 3000);
    await exitPromise;
    clearTimeout(t);
    // Stragglers (extension host, watcher) may outlive the main process for a moment.
    killGroup(child.pid, 'SIGKILL');
  };

  const deadline = Date.now() + startTimeoutMs;
  const first = await Promise.race([
    urlSeen,
    exitPromise.then((e) => ({ exited: e })),
    delay(startTimeoutMs).then(() => ({ timeout: true })),
  ]);
  if (first.exited || first.timeout) {
    await stop();
    throw new Error(`code-server did not start (${first.timeout ? 'timeout' : `exit ${JSON.stringify(first.exited)}`}). Output:\n${out}`);
  }
  const { url, port: realPort } = first;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch { /* not yet */ }
    if (exited) break;
    await delay(100);
  }
  if (exited || Date.now() >= deadline) {
    await stop();
    throw new Error(`code-server did not answer /healthz. Output:\n${out}`);
  }
  return { url, port: realPort, child, output: () => out, stop, exited: () => exited };
}

export function killGroup(pid, signal) {
  if (!pid) return;
  try { process.kill(-pid, signal); } catch { /* already gone */ }
}

/** Launches Debian's chromium headless through playwright-core (never downloads a browser). */
export async function launchChromium({ headless = process.env.ANNALIST_HEADED ? false : true } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run scripts/vscode/setup.sh`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** vscode-remote URI for an absolute path on the code-server machine. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${encodeURI(absPath)}`;
}

/** Workbench URL opening `folder`, optionally with a `payload` (extensionDevelopmentPath, extensionTestsPath...). */
export function workbenchUrl(baseUrl, folder, payload) {
  const q = new URLSearchParams();
  if (folder) q.set('folder', folder);
  if (payload && payload.length) q.set('payload', JSON.stringify(payload));
  return `${baseUrl}/?${q.toString()}`;
}

/** The server-side logs (extension host, remote agent) of one code-server run, newest last. */
export function collectServerLogs(userDataDir, match = /exthost|remoteagent|server/i) {
  const found = [];
  const walk = (dir) => {
    let entries;
    try { entries = readdirSync(dir); } catch { return; }
    for (const name of entries) {
      const p = join(dir, name);
      let st;
      try { st = statSync(p); } catch { continue; }
      if (st.isDirectory()) walk(p);
      else if (name.endsWith('.log') && match.test(p)) found.push({ path: p, mtime: st.mtimeMs });
    }
  };
  walk(join(userDataDir, 'logs'));
  found.sort((a, b) => a.mtime - b.mtime);
  return found.map(({ path }) => ({ path, contents: safeRead(path) }));
}

function safeRead(p) {
  try { return readFileSync(p, 'utf8'); } catch (e) { return `(unreadable: ${e.message})`; }
}

export function removeScratch(scratch) {
  if (process.env.ANNALIST_KEEP_SCRATCH) {
    log('harness', `kept scratch folder ${scratch.root}`);
    return;
  }
  try { rmSync(scratch.root, { recursive: true, force: true }); } catch { /* best effort */ }
}

export function delay(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
