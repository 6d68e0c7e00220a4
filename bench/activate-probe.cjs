// Times loading dist/extension.js and running activate() in a fresh Node process, with a STAND-IN for the
// `vscode` module (this is not VS Code: no extension host, no IPC, no real editor). The stand-in is the smallest
// thing activate() can run against: a Proxy that answers any API with an inert stub, plus small real
// EventEmitter, Uri, Disposable and workspace.fs implementations so the shipped dataset is really read and
// indexed. Usage: node bench/activate-probe.cjs <extension root>. Prints one JSON line.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS probe: require() is what it measures */
const { performance } = require('node:perf_hooks');
const t0 = performance.now();
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');

const root = path.resolve(process.argv[2] || '.');

class Disposable {
  constructor(fn) { this._fn = fn; }
  static from(...items) { return new Disposable(() => items.forEach((d) => d && d.dispose && d.dispose())); }
  dispose() { if (this._fn) this._fn(); this._fn = undefined; }
}

class EventEmitter {
  constructor() {
    this._listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const l = (e) => listener.call(thisArg, e);
      this._listeners.add(l);
      const d = new Disposable(() => this._listeners.delete(l));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(e) { for (const l of [...this._listeners]) l(e); }
  dispose() { this._listeners.clear(); }
}

class Uri {
  constructor(scheme, p, query = '', fragment = '') { this.scheme = scheme; this.path = p; this.query = query; this.fragment = fragment; this.authority = ''; }
  static file(p) { return new Uri('file', pathToFileURL(p).pathname); }
  static parse(s) {
    const u = new URL(s);
    return new Uri(u.protocol.replace(/:$/, ''), decodeURIComponent(u.pathname), u.search.replace(/^\?/, ''), u.hash.replace(/^#/, ''));
  }
  static joinPath(base, ...parts) { return new Uri(base.scheme, path.posix.join(base.path, ...parts)); }
  get fsPath() { return this.scheme === 'file' ? fileURLToPath(this.toString()) : this.path; }
  with(change) { return Object.assign(new Uri(this.scheme, this.path, this.query, this.fragment), change); }
  toString() { return `${this.scheme}://${this.path.split('/').map(encodeURIComponent).join('/')}${this.query ? '?' + this.query : ''}`; }
  toJSON() { return this.toString(); }
}

const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 };
const fsApi = {
  readFile: async (uri) => new Uint8Array(await fs.promises.readFile(uri.fsPath)),
  stat: async (uri) => {
    const s = await fs.promises.stat(uri.fsPath);
    return { type: s.isDirectory() ? FileType.Directory : FileType.File, size: s.size, ctime: s.ctimeMs, mtime: s.mtimeMs };
  },
  readDirectory: async (uri) => (await fs.promises.readdir(uri.fsPath, { withFileTypes: true })).map((d) => [d.name, d.isDirectory() ? FileType.Directory : FileType.File]),
};

// Anything not provided above: an inert stub that can be read, called, constructed and extended.
const stubCache = new Map();
function stub(name) {
  if (stubCache.has(name)) return stubCache.get(name);
  const target = class {
    constructor(...args) { this.args = args; }
    dispose() { /* inert */ }
  };
  const p = new Proxy(target, {
    get(t, key) {
      if (key in t) return t[key];
      if (key === 'then' || typeof key === 'symbol') return undefined;
      if (key === 'dispose') return () => undefined;
      return stub(`${name}.${String(key)}`);
    },
    apply() {
      return stubObject(`${name}()`);
    },
  });
  stubCache.set(name, p);
  return p;
}

// What a stubbed call returns: an object whose every member is again a stub (so `watcher.onDidChange(...)`,
// `item.show()`, `.dispose()` all work and do nothing).
function stubObject(name) {
  return new Proxy({}, {
    get(t, key) {
      if (key in t) return t[key];
      if (key === 'then' || typeof key === 'symbol') return undefined;
      if (key === 'dispose') return () => undefined;
      return stub(`${name}.${String(key)}`);
    },
  });
}

const configuration = { get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined };
const provided = {
  version: '1.100.0-bench-stand-in',
  Disposable, EventEmitter, Uri, FileType,
  workspace: new Proxy({
    fs: fsApi,
    textDocuments: [],
    workspaceFolders: undefined,
    isTrusted: true,
    getConfiguration: () => configuration,
    findFiles: async () => [],
  }, { get: (t, k) => (k in t ? t[k] : stub(`workspace.${String(k)}`)) }),
};
// Bundlers copy a module's own property names (esbuild's __toESM), so every top-level name of the real API
// must exist as a property: they are read from @types/vscode and each becomes a stub unless provided above.
const fakeVscode = { ...provided };
try {
  const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [root] }), 'utf8');
  for (const m of dts.matchAll(/^\t(?:export )?(?:namespace|class|enum|const|function|let) ([A-Za-z_]\w*)/gm)) {
    if (!(m[1] in fakeVscode)) fakeVscode[m[1]] = stub(m[1]);
  }
} catch { /* no @types/vscode: only the provided names and whatever a Proxy lookup finds */ }

const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return fakeVscode;
  return originalLoad.call(this, request, parent, isMain);
};

const context = {
  subscriptions: [],
  extensionUri: Uri.file(root),
  extensionPath: root,
  asAbsolutePath: (p) => path.join(root, p),
  globalState: { get: () => undefined, update: async () => undefined, keys: () => [] },
  workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] },
};

(async () => {
  const tStart = performance.now();
  const ext = require(path.join(root, 'dist', 'extension.js'));
  const tLoaded = performance.now();
  const api = ext.activate(context);
  const tActivated = performance.now();
  let readyError;
  await Promise.resolve(api && api.ready).catch((e) => { readyError = String(e); });
  const tReady = performance.now();
  for (const d of context.subscriptions) try { d.dispose(); } catch { /* stand-in */ }
  process.stdout.write(JSON.stringify({
    nodeStartToProbeMs: t0,
    requireMs: tLoaded - tStart,
    activateMs: tActivated - tLoaded,
    loadPlusActivateMs: tActivated - tStart,
    readyMs: tReady - tStart,
    readyError,
    subscriptions: context.subscriptions.length,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  }) + '\n');
  process.exit(0);
})().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String(e && e.stack ? e.stack.split('\n').slice(0, 4).join(' | ') : e) }) + '\n');
  process.exit(0);
});
