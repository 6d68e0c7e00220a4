#!/usr/bin/env node
// Runs an extension test suite (the @vscode/test-electron `run()` contract) inside a REAL VS Code extension
// host, without Electron: code-server 4.100.3 (= VS Code 1.100.3) serves the workbench, Debian's chromium
// (driven by playwright-core) loads it with a `payload` carrying extensionDevelopmentPath/extensionTestsPath,
// the workbench calls window.codeAutomationLog for the host's output and window.codeAutomationExit(code)
// when run() settles.
//
//   node scripts/vscode/runner.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--folder=WS]
//                                  [--timeout=SECONDS]
// Exit code: 0 tests passed, 1 tests failed, 2 the harness itself failed (no VS Code, timeout, crash).
// Environment: ANNALIST_VSCODE_TIMEOUT (seconds, default 300), ANNALIST_KEEP_SCRATCH=1 (keep temp folders),
// ANNALIST_VERBOSE=1 (echo code-server's own output), ANNALIST_HEADED=1 (visible browser, needs a display).
import { isAbsolute, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import {
  collectServerLogs, delay, ensureCodeServer, launchChromium, log, makeScratch, remoteUri, removeScratch,
  startCodeServer, vscodeVersionOf, workbenchUrl,
} from './lib.mjs';

const P = 'runner';
const verbose = !!process.env.ANNALIST_VERBOSE;
// The workbench's own start-up messages, forwarded with the host's output; hidden unless ANNALIST_VERBOSE=1.
const WORKBENCH_CHATTER = /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|Ignoring fetching additional builtin|ChatSessionStore|Updating additional builtin|Creation of workbench contribution|Started local extension host|Extension host .*started)/;

/**
 * Runs one suite; resolves to the exit code (0 pass, 1 fail, 2 harness failure). Never throws.
 * @param {{extensionDevelopmentPath: string, extensionTestsPath: string, folder?: string, timeoutMs?: number}} o
 */
export async function runExtensionTests(o) {
  const started = Date.now();
  const timeoutMs = o.timeoutMs ?? Number(process.env.ANNALIST_VSCODE_TIMEOUT || 300) * 1000;
  let scratch;
  let server;
  let browser;
  let code = 2;
  let timer;
  const hostLines = [];
  const finish = async () => {
    clearTimeout(timer);
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop().catch(() => {});
  };
  const onSignal = (sig) => {
    log(P, `${sig}: stopping VS Code`);
    finish().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    for (const [k, v] of Object.entries({ extensionDevelopmentPath: o.extensionDevelopmentPath, extensionTestsPath: o.extensionTestsPath })) {
      if (!v) throw new Error(`missing --${k}`);
      if (!existsSync(v) && !existsSync(`${v}.js`)) throw new Error(`--${k} does not exist: ${v}`);
    }
    const entry = ensureCodeServer();
    const version = vscodeVersionOf(entry);
    scratch = makeScratch();
    const folder = o.folder ? resolve(o.folder) : undefined;
    server = await startCodeServer({ entry, scratch, echo: verbose });
    log(P, `VS Code ${version} (code-server) on ${server.url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.port, resolve(o.extensionDevelopmentPath))],
      ['extensionTestsPath', remoteUri(server.port, resolve(o.extensionTestsPath))],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = workbenchUrl(server.url, folder, payload);

    browser = await launchChromium();
    const page = await browser.newPage();
    let resolveExit;
    const exited = new Promise((r) => { resolveExit = r; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The host's console.log arrives as its arguments (format string first): format them as Node would.
      const text = Array.isArray(args) ? format(...args) : String(args ?? '');
      hostLines.push(text);
      if (!verbose && WORKBENCH_CHATTER.test(text)) return;
      const stream = type === 'error' || type === 'warn' ? process.stderr : process.stdout;
      stream.write(text.endsWith('\n') ? text : `${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (exitCode, logs) => {
      resolveExit({ exitCode: Number(exitCode), logs: Array.isArray(logs) ? logs : [] });
    });
    page.on('pageerror', (err) => log(P, `workbench page error: ${err.message}`));
    page.on('crash', () => resolveExit({ exitCode: 2, crashed: true, logs: [] }));

    log(P, `opening the workbench (extension under test: ${o.extensionDevelopmentPath})`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    const timedOut = new Promise((r) => { timer = setTimeout(() => r({ timeout: true }), Math.max(1000, timeoutMs - (Date.now() - started))); });
    const serverDied = (async () => {
      while (!server.exited()) await delay(250);
      return { serverDied: server.exited() };
    })();
    const result = await Promise.race([exited, timedOut, serverDied]);

    if (result.timeout) {
      log(P, `TIMEOUT: the suite did not finish within ${timeoutMs / 1000} s`);
      code = 2;
    } else if (result.serverDied) {
      log(P, `code-server exited unexpectedly: ${JSON.stringify(result.serverDied)}`);
      code = 2;
    } else if (result.crashed) {
      log(P, 'the browser page crashed');
      code = 2;
    } else {
      code = result.exitCode === 0 ? 0 : 1;
    }
    if (code !== 0) printFailureLogs(scratch, server, result.logs || []);
    log(P, `VS Code ${version}: ${code === 0 ? 'PASSED' : code === 1 ? 'FAILED' : 'HARNESS ERROR'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    log(P, `HARNESS ERROR: ${e && e.stack ? e.stack : e}`);
    if (scratch) printFailureLogs(scratch, server, []);
    code = 2;
  } finally {
    await finish();
    if (scratch) removeScratch(scratch);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  return code;
}

function printFailureLogs(scratch, server, browserLogs) {
  const bar = '='.repeat(100);
  const serverLogs = collectServerLogs(scratch.userData);
  const hostBrowserLogs = browserLogs.filter((l) => /exthost|extension|window|renderer/i.test(l.relativePath || ''));
  process.stderr.write(`\n${bar}\n[runner] Extension host and server logs (printed because the run did not pass)\n${bar}\n`);
  for (const l of serverLogs) if (l.contents.trim()) process.stderr.write(`--- ${l.path}\n${l.contents.trimEnd()}\n`);
  for (const l of hostBrowserLogs) if (String(l.contents).trim()) process.stderr.write(`--- (workbench) ${l.relativePath}\n${String(l.contents).trimEnd()}\n`);
  if (server && !serverLogs.length) process.stderr.write(`--- code-server output\n${server.output().trimEnd()}\n`);
  process.stderr.write(`${bar}\n`);
}

/** Parses `--name=value` / `--name value` flags and positional arguments (VS Code desktop style). */
export function parseArgs(argv) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--') && VALUE_FLAGS.has(a.slice(2))) flags[a.slice(2)] = argv[++i];
      else flags[a.slice(2)] = true;
    } else {
      positional.push(a);
    }
  }
  return { flags, positional };
}
const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'folder', 'timeout', 'user-data-dir', 'extensions-dir']);

async function main() {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const abs = (p) => (p && !isAbsolute(p) ? resolve(p) : p);
  const code = await runExtensionTests({
    extensionDevelopmentPath: abs(flags.extensionDevelopmentPath),
    extensionTestsPath: abs(flags.extensionTestsPath),
    folder: abs(flags.folder || positional[0]),
    timeoutMs: flags.timeout ? Number(flags.timeout) * 1000 : undefined,
  });
  process.exit(code);
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) main();
