/**
 * `npm run bench`: Annalist's speed, side by side with the prose linters and bibliography parsers people use, in
 * one run. A harness, not a test: it measures and reports, and never fails on a time.
 *
 *   tsx bench/run.ts            full run: 10 KB / 1 MB / 10 MB essays, 20k library, peers, package, profile;
 *                               writes bench/results.md and bench/results.json
 *   tsx bench/run.ts --quick    CI smoke run (< 1 minute): small corpora, 1–2 runs, no 10 MB, no package, peers
 *                               only if already installed; writes bench/results.quick.json only
 *   --no-peers                  skip the peer tools;   --no-package   skip the production build and the .vsix
 *   --render                    rewrite bench/results.md from bench/results.json and bench/analysis.md only
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { generateEssay, generateLibrary, Prng, type EssayStats } from './corpus';
import { AnnalistSession, type DocumentContext } from '../src/core/session';
import { Library } from '../src/core/cite/library';
import { loadBibliography, sourcesToEntries } from '../src/core/cite/bibliography';
import { buildIndex } from '../src/core/dataset/index';
import { parseDataset } from '../src/core/dataset/loader';
import { restoreDataset } from '../src/core/dataset/compiled';
import { loadIndex, shippedDatasetUri } from '../src/node/datasets';
import { disposeBibliographyPool, parseBibliographyOffThread } from '../src/node/bibliography-pool';
import type { TextDocumentLike } from '../src/core/types';

const ARGS = process.argv.slice(2);
const QUICK = ARGS.includes('--quick');
const NO_PEERS = ARGS.includes('--no-peers');
const NO_PACKAGE = QUICK || ARGS.includes('--no-package');
const ROOT = path.resolve(__dirname, '..');
const BENCH = path.join(ROOT, 'bench');
const CORPORA = path.join(BENCH, '.corpora');
const PEERS_DIR = path.join(BENCH, 'peers');
const SEED = 20240601;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

// ------------------------------------------------------------------ small helpers

interface Stat { median: number; min: number; max: number; p95: number; n: number }

function stat(samples: number[]): Stat {
  const s = [...samples].sort((a, b) => a - b);
  const q = (f: number) => s[Math.min(s.length - 1, Math.floor(f * (s.length - 1) + 0.5))];
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median: mid, min: s[0], max: s[s.length - 1], p95: q(0.95), n: s.length };
}

function measure(fn: (i: number) => void, warmup: number, runs: number): Stat {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    out.push(performance.now() - t);
  }
  return stat(out);
}

function memory(): { heapMb: number; rssMb: number } {
  gc();
  const m = process.memoryUsage();
  return { heapMb: round(m.heapUsed / 2 ** 20, 1), rssMb: round(m.rss / 2 ** 20, 1) };
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function ms(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  if (x < 0.1) return `${(x * 1000).toFixed(0)} µs`;
  if (x < 10) return `${x.toFixed(2)} ms`;
  if (x < 1000) return `${x.toFixed(0)} ms`;
  return `${(x / 1000).toFixed(2)} s`;
}

function spread(s: Stat): string {
  return `${ms(s.median)} (${ms(s.min)}–${ms(s.max)}, n=${s.n})`;
}

function log(line: string): void {
  process.stderr.write(`[bench ${((performance.now()) / 1000).toFixed(1)}s] ${line}\n`);
}

function doc(uri: string, text: string, version: number): TextDocumentLike {
  return { uri, languageId: 'markdown', version, getText: () => text };
}

/** A target's verdict: met, or missed by how much. */
function verdict(value: number | undefined, target: number, unit = 'ms', lowerIsBetter = true): string {
  if (value === undefined || !Number.isFinite(value)) return 'not measured';
  const met = lowerIsBetter ? value <= target : value >= target;
  if (met) return `met (≤ ${target} ${unit})`.replace('≤', lowerIsBetter ? '≤' : '≥');
  const factor = lowerIsBetter ? value / target : target / value;
  return `**missed**: ${factor.toFixed(1)}× the target of ${lowerIsBetter ? '≤' : '≥'} ${target} ${unit}`;
}

// ------------------------------------------------------------------ profiling (the V8 CPU profiler, in process)

interface ProfileNode { id: number; callFrame: { functionName: string; url: string }; hitCount?: number }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
}

/** Runs `fn` under the CPU profiler; returns the top functions and files by self time, and saves the profile. */
async function profile(name: string, fn: () => void): Promise<{ file: string; totalMs: number; functions: [string, number][]; files: [string, number][] }> {
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  fn();
  const { profile: p } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
  session.disconnect();
  const file = path.join(CORPORA, `${name}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(p));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const fnSelf = new Map<string, number>();
  const fileSelf = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const cf = byId.get(p.samples[i])?.callFrame;
    if (!cf) continue;
    const where = cf.url ? cf.url.replace(/^file:\/\//, '').replace(ROOT + '/', '') : '(native)';
    const k = `${cf.functionName || '(anonymous)'} — ${where}`;
    fnSelf.set(k, (fnSelf.get(k) ?? 0) + dt);
    fileSelf.set(where, (fileSelf.get(where) ?? 0) + dt);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, round(v, 1)] as [string, number]);
  return { file: path.relative(ROOT, file), totalMs: round(total, 1), functions: top(fnSelf, 15), files: top(fileSelf, 10) };
}

// ------------------------------------------------------------------ the run

interface PeerResult { peer: string; corpus: string; note?: string; setupMs?: number; firstMs?: number; medianMs?: number; runsMs?: number[]; findings?: number; rssMb?: number; error?: string }

async function main(): Promise<void> {
  const started = new Date();
  const loadStart = os.loadavg();
  fs.mkdirSync(CORPORA, { recursive: true });
  log(`${QUICK ? 'quick' : 'full'} run; load average ${loadStart.map((x) => x.toFixed(2)).join(' ')}`);
  const R: Record<string, unknown> = {};
  const mem: Record<string, { heapMb: number; rssMb: number }> = { start: memory() };

  // ---- dataset: from the compiled JSON (as the extension does) and from YAML
  const yamlPath = path.join(ROOT, 'data', 'destalinization.yaml');
  const jsonPath = path.join(ROOT, 'dist', 'dataset.json');
  const uri = shippedDatasetUri(ROOT);
  const yamlText = fs.readFileSync(yamlPath, 'utf8');
  const fromJson = () => {
    const restored = restoreDataset(JSON.parse(fs.readFileSync(jsonPath, 'utf8')), uri);
    if (!restored) throw new Error('dist/dataset.json could not be restored');
    return buildIndex([restored], { shippedUris: [uri] }).index;
  };
  const fromYaml = () => buildIndex([parseDataset(yamlText, uri)], { shippedUris: [uri] }).index;
  let t = performance.now();
  let jsonCold: number | undefined;
  let jsonError: string | undefined;
  try {
    fromJson();
    jsonCold = performance.now() - t;
  } catch (err) {
    jsonError = String(err);
  }
  const jsonWarm = jsonCold === undefined ? undefined : measure(() => fromJson(), 1, QUICK ? 3 : 15);
  t = performance.now();
  fromYaml();
  const yamlCold = performance.now() - t;
  const yamlWarm = measure(() => fromYaml(), 1, QUICK ? 2 : 10);
  const { index } = loadIndex();
  mem.afterDataset = memory();
  R.dataset = { jsonColdMs: jsonCold, jsonWarm, jsonError, yamlColdMs: yamlCold, yamlWarm, events: index.events.length, people: index.people.length, places: index.places.length, sources: index.sources.length };
  log(`dataset: json ${ms(jsonCold)} cold, yaml ${ms(yamlCold)} cold`);

  // ---- corpora
  const libSize = QUICK ? 2000 : 20000;
  t = performance.now();
  const lib = generateLibrary(libSize, SEED);
  const citeKeys = [...lib.keys, ...index.sources.map((s) => s.id)];
  const essaySizes: [string, number][] = QUICK ? [['10kb', 10_000], ['100kb', 100_000]] : [['10kb', 10_000], ['1mb', 1_000_000], ['10mb', 10_000_000]];
  const essays = new Map<string, { file: string; text: string; stats: EssayStats }>();
  for (const [name, size] of essaySizes) {
    const e = generateEssay(index, citeKeys, size, SEED + size);
    const file = path.join(CORPORA, `essay-${name}.md`);
    fs.writeFileSync(file, e.text);
    essays.set(name, { file, ...e });
  }
  const bibFile = path.join(CORPORA, 'library.bib');
  const cslFile = path.join(CORPORA, 'library.json');
  fs.writeFileSync(bibFile, lib.bibtex);
  fs.writeFileSync(cslFile, lib.cslJson);
  R.corpora = {
    seed: SEED,
    generatedMs: round(performance.now() - t, 0),
    essays: Object.fromEntries([...essays].map(([k, e]) => [k, e.stats])),
    library: { entries: libSize, bibtexBytes: Buffer.byteLength(lib.bibtex), cslJsonBytes: Buffer.byteLength(lib.cslJson) },
  };
  log(`corpora generated in ${ms(performance.now() - t)}`);
  const bigName = QUICK ? '100kb' : '1mb';

  // ---- bibliography loading
  const bibUri = pathToFileURL(bibFile).toString();
  const cslUri = pathToFileURL(cslFile).toString();
  const loadRuns = QUICK ? 1 : 3;
  const bibInline = measure(() => loadBibliography(lib.bibtex, bibUri), 1, loadRuns);
  mem.afterBibtexLoad = memory();
  const cslInline = measure(() => loadBibliography(lib.cslJson, cslUri), 1, loadRuns);
  mem.afterCslLoad = memory();
  const parsedBib = loadBibliography(lib.bibtex, bibUri);
  const library = new Library();
  t = performance.now();
  library.add(parsedBib.entries, parsedBib.problems);
  const libraryIndexMs = performance.now() - t;
  // As the editor and the CLI do: the datasets' sources are citable too, where the writer has no such key.
  for (const d of index.datasets) {
    library.add(sourcesToEntries(index.sources.filter((s) => s.uri === d.uri && !library.has(s.id)), d.uri, (id) => index.location(id)?.range));
  }
  mem.afterLibrary = memory();
  log(`bibtex ${spread(bibInline)}; csl-json ${spread(cslInline)}; ${parsedBib.entries.length} entries, ${parsedBib.problems.length} problems`);

  // Off the main thread: wall time until the answer, and how long the main thread was busy meanwhile.
  const workerPath = path.join(ROOT, 'dist', 'bibliography.worker.js');
  const offThread: Record<string, unknown>[] = [];
  let offThreadError: string | undefined;
  if (!fs.existsSync(workerPath)) offThreadError = `${path.relative(ROOT, workerPath)} is missing: run npm run build`;
  else {
    for (const [label, text, u] of [['bibtex', lib.bibtex, bibUri], ['csl-json', lib.cslJson, cslUri]] as const) {
      for (let i = 0; i < (QUICK && label === 'csl-json' ? 1 : QUICK ? 2 : 3); i++) {
        const h = monitorEventLoopDelay({ resolution: 5 });
        h.enable();
        const elu0 = performance.eventLoopUtilization();
        const t0 = performance.now();
        const result = await parseBibliographyOffThread(text, u, { workerPath });
        const wall = performance.now() - t0;
        const elu = performance.eventLoopUtilization(elu0);
        h.disable();
        offThread.push({ format: label, run: i === 0 && label === 'bibtex' ? 'cold (starts the worker)' : 'warm', wallMs: round(wall, 1), mainThreadBusyMs: round(elu.active, 1), longestMainThreadStallMs: round(h.max / 1e6, 1), entries: result.entries.length });
      }
    }
    disposeBibliographyPool();
  }
  R.bibliography = { entries: libSize, bibtexInline: bibInline, cslJsonInline: cslInline, libraryIndexMs: round(libraryIndexMs, 1), offThread, offThreadError, problems: parsedBib.problems.length };
  mem.afterOffThread = memory();

  // ---- full checks
  const session = new AnnalistSession();
  const ctx: DocumentContext = { index, library, bibliographyConfigured: true };
  let version = 1;
  const checks: Record<string, unknown> = {};
  for (const [name, e] of essays) {
    const u = pathToFileURL(e.file).toString();
    const runs = QUICK ? 2 : name === '10kb' ? 15 : name === '1mb' ? 5 : 2;
    const warm = QUICK ? 1 : name === '10mb' ? 0 : name === '1mb' ? 1 : 3;
    let found: Record<string, number> = {};
    // A fresh session per run: the session reuses the analysis of unchanged blocks across versions, so only a
    // new session measures a full check.
    const s = measure(() => {
      const ds = new AnnalistSession().check(doc(u, e.text, version++), ctx, {});
      found = {};
      for (const d of ds) found[d.code] = (found[d.code] ?? 0) + 1;
    }, warm, runs);
    checks[name] = { bytes: e.stats.bytes, ...s, mbPerS: round(e.stats.bytes / 1e6 / (s.median / 1000), 2), diagnostics: found, misdatedWritten: e.stats.misdated, wrongWeekdaysWritten: e.stats.wrongWeekdays };
    mem[`afterCheck_${name}`] = memory();
    log(`check ${name}: ${spread(s)}; ${JSON.stringify(found)}`);
  }
  // Where the time of a check goes: without the citation-key check (unknown keys and their suggestions), and the
  // same version checked again (every block's analysis cached).
  const big = essays.get(bigName)!;
  const bigUri = pathToFileURL(big.file).toString();
  const NO_KEYS = { levels: { 'unknown-citation-key': 'off' as const } };
  const withoutKeyCheck = measure(() => new AnnalistSession().check(doc(bigUri, big.text, version++), ctx, NO_KEYS), QUICK ? 0 : 1, QUICK ? 1 : 3);
  const vAnalysed = version++;
  session.check(doc(bigUri, big.text, vAnalysed), ctx, {});
  const checksOnly = measure(() => session.check(doc(bigUri, big.text, vAnalysed), ctx, {}), 1, QUICK ? 1 : 3);
  const checksOnlyNoKeys = measure(() => session.check(doc(bigUri, big.text, vAnalysed), ctx, NO_KEYS), 1, QUICK ? 1 : 3);
  R.check = { essays: checks, breakdown: { corpus: bigName, withoutCitationKeyCheckMs: withoutKeyCheck, sameVersionAgainMs: checksOnly, sameVersionAgainWithoutCitationKeyCheckMs: checksOnlyNoKeys } };

  // ---- re-check after a one-character edit in the middle (a new version: the session analyses it again)
  const mid = big.text.indexOf(' ', big.text.length >> 1);
  const edited = big.text.slice(0, mid) + 'x' + big.text.slice(mid);
  // The session keeps the previous version's blocks and re-analyses only the changed ones: measured as the editor
  // uses it (same session, same URI, next version), with and without the citation-key check.
  const recheckOf = (options: typeof NO_KEYS | Record<string, never>): number[] => {
    const samples: number[] = [];
    const rs = new AnnalistSession();
    rs.check(doc(bigUri, big.text, version++), ctx, options);
    for (let i = 0; i < (QUICK ? 2 : 7); i++) {
      const t0 = performance.now();
      rs.check(doc(bigUri, i % 2 ? big.text : edited, version++), ctx, options); // alternately the edit and its undo
      samples.push(performance.now() - t0);
    }
    return samples;
  };
  const recheckSamples = recheckOf({});
  const recheckNoKeys = stat(recheckOf(NO_KEYS));
  R.recheck = { corpus: bigName, ...stat(recheckSamples), withoutCitationKeyCheck: recheckNoKeys };
  log(`recheck ${bigName}: ${spread(stat(recheckSamples))}; without the citation-key check ${spread(recheckNoKeys)}`);

  // ---- hover at 1,000 random positions after the first analysis
  const hv = version++;
  const hoverDoc = doc(bigUri, big.text, hv);
  session.check(hoverDoc, ctx, {});
  const rng = new Prng(SEED);
  const hoverSamples: number[] = [];
  let hits = 0;
  const HOVERS = QUICK ? 200 : 1000;
  for (let i = 0; i < HOVERS; i++) {
    const offset = rng.int(big.text.length);
    const t0 = performance.now();
    const h = session.hover(hoverDoc, offset, ctx);
    hoverSamples.push(performance.now() - t0);
    if (h) hits++;
  }
  R.hover = { corpus: bigName, positions: HOVERS, withResult: hits, ...stat(hoverSamples), totalMs: round(hoverSamples.reduce((a, b) => a + b, 0), 1) };
  log(`hover: ${spread(stat(hoverSamples))}, ${hits} with a result`);
  mem.afterHover = memory();

  // ---- completion after `[@` and `[@smi`, with the whole library; the text changes between calls, as it does
  // while the writer types (so nothing cached for the previous text helps)
  const completion: Record<string, unknown> = {};
  for (const name of ['10kb', bigName]) {
    const e = essays.get(name)!;
    const at = e.text.indexOf('\n\n', e.text.length >> 1);
    for (const typed of ['[@', '[@smi']) {
      const a = e.text.slice(0, at) + ' ' + typed + e.text.slice(at);
      const b = e.text.slice(0, at) + '  ' + typed + e.text.slice(at);
      const u = pathToFileURL(e.file).toString();
      let items = 0;
      let incomplete = false;
      const s = measure((i) => {
        const odd = Math.abs(i) % 2 === 1;
        const r = session.complete(doc(u, odd ? b : a, version++), at + (odd ? 2 : 1) + typed.length, ctx, 50);
        items = r?.items.length ?? 0;
        incomplete = r?.isIncomplete ?? false;
      }, 2, QUICK ? 2 : 20);
      completion[`${name} ${typed}`] = { ...s, items, isIncomplete: incomplete };
      log(`complete ${name} ${typed}: ${spread(s)} (${items} items)`);
    }
  }
  // The same keystroke on unchanged text (cached citations of the document).
  {
    const e = essays.get(bigName)!;
    const at = e.text.indexOf('\n\n', e.text.length >> 1);
    const a = e.text.slice(0, at) + ' [@smi' + e.text.slice(at);
    const d = doc(pathToFileURL(e.file).toString(), a, version++);
    completion[`${bigName} [@smi, same text`] = measure(() => session.complete(d, at + 6, ctx, 50), 2, QUICK ? 2 : 20);
  }
  R.completion = completion;
  mem.afterCompletion = memory();
  R.memory = mem;

  // ---- profiles of what misses its target
  const profiles: Record<string, unknown> = {};
  if (!QUICK) {
    profiles.check_1mb = await profile('check-1mb', () => new AnnalistSession().check(doc(bigUri, big.text, version++), ctx, {}));
    {
      const ps = new AnnalistSession();
      ps.check(doc(bigUri, big.text, version++), ctx, {});
      profiles.recheck_edit_1mb = await profile('recheck-1mb', () => ps.check(doc(bigUri, edited, version++), ctx, {}));
    }
    const hoverRng = new Prng(SEED + 1);
    const hd = doc(bigUri, big.text, hv);
    profiles.hover_200_positions_1mb = await profile('hover-1mb', () => {
      for (let i = 0; i < 200; i++) session.hover(hd, hoverRng.int(big.text.length), ctx);
    });
    {
      const at = big.text.indexOf('\n\n', big.text.length >> 1);
      const a = big.text.slice(0, at) + ' [@smi' + big.text.slice(at);
      profiles.complete_smi_in_1mb = await profile('complete-1mb', () => {
        for (let i = 0; i < 10; i++) session.complete(doc(bigUri, i % 2 ? a + ' ' : a, version++), at + 6, ctx, 50);
      });
    }
    profiles.load_bibtex_20k = await profile('load-bibtex-20k', () => loadBibliography(lib.bibtex, bibUri));
    log('profiles written');
  }
  R.profiles = profiles;

  // ---- package and activation (child processes)
  R.package = NO_PACKAGE ? { skipped: QUICK ? 'quick mode' : '--no-package' } : packageExtension();
  const extJs = path.join(ROOT, 'dist', 'extension.js');
  R.extensionJs = fs.existsSync(extJs) ? { kb: round(fs.statSync(extJs).size / 1024, 1), build: NO_PACKAGE ? 'as found in dist/ (npm run build: not minified)' : 'production (node esbuild.mjs --production)' } : { error: 'dist/extension.js is missing' };
  R.activation = activation(QUICK ? 2 : 7);
  log(`activation: ${JSON.stringify((R.activation as { loadPlusActivate?: Stat }).loadPlusActivate ?? R.activation)}`);
  if (!NO_PACKAGE) restoreDevelopmentBuild(R);

  // ---- peers
  R.peers = NO_PEERS ? { skipped: '--no-peers' } : runPeers(essays, bibFile);

  const loadEnd = os.loadavg();
  R.machine = {
    cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30, 1), node: process.version,
    platform: `${os.platform()} ${os.release()}`, loadAverageStart: loadStart.map((x) => round(x, 2)), loadAverageEnd: loadEnd.map((x) => round(x, 2)),
  };
  R.date = started.toISOString();
  R.durationS = round((Date.now() - started.getTime()) / 1000, 1);
  R.mode = QUICK ? 'quick' : 'full';
  R.git = gitHead();

  const summary = summarize(R);
  const json = JSON.stringify({ ...summary, details: R }, null, 2) + '\n';
  if (QUICK) {
    fs.writeFileSync(path.join(BENCH, 'results.quick.json'), json);
    process.stdout.write(renderMarkdown(summary, R));
    log('quick run: wrote bench/results.quick.json (bench/results.md untouched)');
  } else {
    fs.writeFileSync(path.join(BENCH, 'results.json'), json);
    fs.writeFileSync(path.join(BENCH, 'results.md'), renderMarkdown(summary, R));
    log('wrote bench/results.md and bench/results.json');
  }
}

function gitHead(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------ package, activation

function packageExtension(): Record<string, unknown> {
  log('npm run package (production build + vsce)…');
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, input: 'y\n', encoding: 'utf8', timeout: 300_000 });
  const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  const vsix = path.join(ROOT, 'annalist.vsix');
  if (r.status === 0 && fs.existsSync(vsix)) {
    return { ok: true, vsixKb: round(fs.statSync(vsix).size / 1024, 1), ms: round(performance.now() - t0, 0) };
  }
  const tail = out.split('\n').filter((l) => /error|ERROR|fail|Error/.test(l)).slice(-5).join(' | ') || out.trim().split('\n').slice(-5).join(' | ');
  // npm run package failed. Make sure dist/ holds the production bundle, then try vsce once more without rewriting
  // relative links in the README (its usual complaint when package.json names no repository), into bench/.corpora.
  const error = `npm run package exited ${r.status ?? r.signal}: ${tail}`;
  spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, encoding: 'utf8' });
  const fallback = path.join(CORPORA, 'annalist.vsix');
  fs.rmSync(fallback, { force: true });
  const v = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', fallback], { cwd: ROOT, input: 'y\n', encoding: 'utf8', timeout: 300_000 });
  if (v.status === 0 && fs.existsSync(fallback)) {
    return { ok: false, error, vsixKb: round(fs.statSync(fallback).size / 1024, 1), vsixNote: 'built by `vsce package --no-dependencies --no-rewrite-relative-links` after npm run package failed' };
  }
  return { ok: false, error };
}

function restoreDevelopmentBuild(R: Record<string, unknown>): void {
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) R.restoreBuildError = `node esbuild.mjs exited ${r.status}: ${r.stderr}`;
}

function activation(runs: number): Record<string, unknown> {
  const probe = path.join(BENCH, 'activate-probe.cjs');
  const samples: Record<string, number>[] = [];
  let error: string | undefined;
  for (let i = 0; i < runs + 1; i++) {
    const r = spawnSync(process.execPath, [probe, ROOT], { encoding: 'utf8', timeout: 60_000 });
    let parsed: Record<string, number | string> | undefined;
    try {
      parsed = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
    } catch {
      error = `probe printed no result: ${r.stderr.slice(0, 300)}`;
    }
    if (parsed?.error) error = String(parsed.error);
    if (parsed && !parsed.error && i > 0) samples.push(parsed as Record<string, number>); // the first run warms the disk cache
  }
  if (!samples.length) return { error: error ?? 'no run succeeded' };
  const of = (k: string) => stat(samples.map((s) => s[k]));
  return {
    standIn: 'a Proxy-based stand-in for the vscode module (bench/activate-probe.cjs), not VS Code',
    require: of('requireMs'), activate: of('activateMs'), loadPlusActivate: of('loadPlusActivateMs'), untilDatasetReady: of('readyMs'), nodeBoot: of('nodeStartToProbeMs'),
    rssMb: of('rssMb'),
  };
}

// ------------------------------------------------------------------ peers

const PROSE_PEERS = ['textlint', 'harper', 'write-good', 'retext', 'chrono'];
const BIB_PEERS = ['citation-js', 'retorquere-bibtex-parser'];

function peersInstalled(): boolean {
  const pkg = JSON.parse(fs.readFileSync(path.join(PEERS_DIR, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  return Object.keys(pkg.dependencies).every((d) => fs.existsSync(path.join(PEERS_DIR, 'node_modules', d, 'package.json')));
}

function runPeers(essays: Map<string, { file: string }>, bibFile: string): Record<string, unknown> {
  if (!peersInstalled()) {
    if (QUICK) return { skipped: 'peers not installed (quick mode does not install them)' };
    log('installing peers into bench/peers (npm install --prefix bench/peers)…');
    const r = spawnSync('npm', ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund'], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
    if (r.status !== 0 || !peersInstalled()) return { error: `npm install --prefix bench/peers failed (${r.status}): ${r.stderr.slice(-500)}` };
  }
  const out: PeerResult[] = [];
  const proseCorpora = QUICK ? ['10kb'] : ['10kb', '1mb'];
  const jobs: [string, string, string, number][] = [];
  // harper.js needs 15–40 s to set up its WASM linter here: too long for the quick run's minute.
  // On 1 MB harper.js takes minutes per run here: one run after its first (warming) run is all the time allows.
  for (const p of PROSE_PEERS.filter((x) => !QUICK || x !== 'harper')) for (const c of proseCorpora) jobs.push([p, c, essays.get(c)!.file, QUICK ? 2 : c === '10kb' ? 6 : p === 'harper' ? 2 : 3]);
  if (!QUICK) for (const p of BIB_PEERS) jobs.push([p, 'library', bibFile, 3]);
  for (const [peer, corpus, file, runs] of jobs) {
    const t0 = performance.now();
    const timeout = QUICK ? 20_000 : 900_000;
    const r = spawnSync(process.execPath, [path.join(PEERS_DIR, 'run-peer.mjs'), peer, file, String(runs)], { encoding: 'utf8', timeout, maxBuffer: 1 << 24 });
    let res: PeerResult;
    const timedOut = r.error !== undefined && /ETIMEDOUT/.test(String(r.error));
    try {
      const j = JSON.parse((r.stdout ?? '').trim().split('\n').pop() ?? '') as { setupMs?: number; runsMs?: number[]; findings?: number; rssMb?: number; error?: string };
      if (j.error) res = { peer, corpus, error: j.error };
      else if (timedOut && !(j.runsMs ?? []).length) throw new Error('no run finished');
      else {
        const rs = j.runsMs ?? [];
        // The first run pays for lazy initialisation (harper builds its dictionary there): reported apart.
        res = { peer, corpus, setupMs: round(j.setupMs ?? NaN, 1), firstMs: round(rs[0], 1), medianMs: round(stat(rs.length > 1 ? rs.slice(1) : rs).median, 1), runsMs: rs.map((x) => round(x, 1)), findings: j.findings, rssMb: round(j.rssMb ?? NaN, 0) };
        if (timedOut) res.note = `stopped after ${rs.length} of ${runs} runs: the harness's limit of ${timeout / 1000} s`;
      }
    } catch {
      res = { peer, corpus, error: timedOut ? `did not finish a run within the harness's limit of ${timeout / 1000} s` : r.error ? String(r.error) : `exited ${r.status ?? r.signal}: ${(r.stderr || '').slice(0, 400)}` };
    }
    log(`peer ${peer} on ${corpus}: ${res.error ? 'ERROR ' + res.error : ms(res.medianMs)} (${ms(performance.now() - t0)} wall)`);
    out.push(res);
  }
  return { results: out };
}

// ------------------------------------------------------------------ summary and report

type Summary = Record<string, unknown> & { peers: Record<string, number | { error: string }> };

function summarize(R: Record<string, unknown>): Summary {
  const big = QUICK ? '100kb' : '1mb';
  const checks = (R.check as { essays: Record<string, Stat & { mbPerS: number }> }).essays;
  const bib = R.bibliography as { bibtexInline: Stat; cslJsonInline: Stat; offThread: { format: string; run: string; wallMs: number; mainThreadBusyMs: number }[] };
  const completion = R.completion as Record<string, Stat>;
  const act = R.activation as { loadPlusActivate?: Stat };
  const pkg = R.package as { vsixKb?: number; error?: string; skipped?: string };
  const ds = R.dataset as { jsonWarm?: Stat; jsonColdMs?: number; yamlWarm: Stat };
  const peers: Summary['peers'] = {};
  const pr = (R.peers as { results?: PeerResult[] }).results ?? [];
  for (const p of pr) {
    const key = `${p.peer.replace(/[^a-z]+/g, '_')}_${p.corpus}_ms`;
    peers[key] = p.error ? { error: p.error } : (p.medianMs as number);
  }
  const warmBib = bib.offThread.filter((o) => o.format === 'bibtex' && o.run === 'warm');
  const breakdown = (R.check as { breakdown: { withoutCitationKeyCheckMs?: Stat } }).breakdown;
  const recheckNoKeys = (R.recheck as { withoutCitationKeyCheck?: Stat }).withoutCitationKeyCheck;
  return {
    mode: R.mode,
    date: R.date,
    machine: R.machine,
    [`check_${big}_ms`]: round(checks[big].median),
    check_1mb_ms: checks['1mb'] ? round(checks['1mb'].median) : null,
    check_10kb_ms: round(checks['10kb'].median, 3),
    check_10mb_ms: checks['10mb'] ? round(checks['10mb'].median) : null,
    check_1mb_mb_per_s: checks['1mb'] ? checks['1mb'].mbPerS : null,
    recheck_edit_1mb_ms: round((R.recheck as Stat).median),
    check_1mb_without_citation_key_check_ms: breakdown.withoutCitationKeyCheckMs ? round(breakdown.withoutCitationKeyCheckMs.median) : null,
    recheck_edit_1mb_without_citation_key_check_ms: recheckNoKeys ? round(recheckNoKeys.median) : null,
    hover_ms: round((R.hover as Stat).median, 4),
    hover_p95_ms: round((R.hover as Stat).p95, 4),
    complete_20k_ms: round(completion[`10kb [@smi`].median, 3),
    complete_20k_open_ms: round(completion[`10kb [@`].median, 3),
    complete_20k_in_1mb_ms: completion['1mb [@smi'] ? round(completion['1mb [@smi'].median, 3) : null,
    load_bib_20k_ms: round(bib.bibtexInline.median, 0),
    load_csl_json_20k_ms: round(bib.cslJsonInline.median, 0),
    load_bib_20k_off_thread_wall_ms: warmBib.length ? round(stat(warmBib.map((o) => o.wallMs)).median, 0) : null,
    load_bib_20k_off_thread_main_busy_ms: warmBib.length ? round(stat(warmBib.map((o) => o.mainThreadBusyMs)).median, 1) : null,
    load_dataset_ms: ds.jsonWarm ? round(ds.jsonWarm.median, 2) : null,
    load_dataset_cold_ms: ds.jsonColdMs !== undefined ? round(ds.jsonColdMs, 1) : null,
    load_dataset_yaml_ms: round(ds.yamlWarm.median, 1),
    activation_ms: act.loadPlusActivate ? round(act.loadPlusActivate.median, 1) : null,
    extension_js_kb: (R.extensionJs as { kb?: number }).kb ?? null,
    vsix_kb: pkg.vsixKb ?? (pkg.error ? { error: pkg.error } : null),
    ...(pkg.error && pkg.vsixKb !== undefined ? { vsix_note: `npm run package failed (${pkg.error}); size from vsce --no-rewrite-relative-links` } : {}),
    peers,
  };
}

function ratioText(annalistMs: number | undefined, peerMs: number | undefined): string {
  if (!annalistMs || !peerMs) return '—';
  const r = peerMs / annalistMs;
  return r >= 1 ? `Annalist ${r >= 10 ? r.toFixed(0) : r.toFixed(1)}× faster` : `Annalist ${(1 / r).toFixed(1)}× slower`;
}

function renderMarkdown(S: Summary, R: Record<string, unknown>): string {
  const L: string[] = [];
  const m = R.machine as { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string; loadAverageStart: number[]; loadAverageEnd: number[] };
  const big = QUICK ? '100kb' : '1mb';
  const checks = (R.check as { essays: Record<string, Stat & { mbPerS: number; bytes: number; diagnostics: Record<string, number>; misdatedWritten: number; wrongWeekdaysWritten: number }>; breakdown: { withoutCitationKeyCheckMs: Stat; sameVersionAgainMs: Stat; sameVersionAgainWithoutCitationKeyCheckMs: Stat } });
  const bib = R.bibliography as { entries: number; bibtexInline: Stat; cslJsonInline: Stat; libraryIndexMs: number; offThread: Record<string, unknown>[]; offThreadError?: string };
  const completion = R.completion as Record<string, Stat & { items?: number; isIncomplete?: boolean }>;
  const act = R.activation as { error?: string; require?: Stat; activate?: Stat; loadPlusActivate?: Stat; untilDatasetReady?: Stat; nodeBoot?: Stat; rssMb?: Stat };
  const ds = R.dataset as { jsonColdMs?: number; jsonWarm?: Stat; jsonError?: string; yamlColdMs: number; yamlWarm: Stat; events: number; people: number; places: number; sources: number };
  const pkg = R.package as { vsixKb?: number; vsixNote?: string; error?: string; skipped?: string };
  const corpora = R.corpora as { seed: number; essays: Record<string, EssayStats>; library: { entries: number; bibtexBytes: number; cslJsonBytes: number } };

  L.push(`# Annalist benchmark${QUICK ? ' (quick run)' : ''}`, '');
  L.push(`Generated by \`npm run bench\` (bench/run.ts) on ${R.date} at commit ${R.git ?? '?'}, in ${R.durationS} s.`);
  L.push(`Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}, ${m.platform}.`);
  L.push(`**Load average ${m.loadAverageStart.join(' / ')} at the start and ${m.loadAverageEnd.join(' / ')} at the end** (1/5/15 min): the machine is shared with other engineers' builds and tests, so every figure is noisier and likely slower than on an idle machine; spreads are given as (min–max, n runs).`, '');
  L.push('Corpora are generated from one seed (`' + corpora.seed + '`, bench/corpus.ts) into bench/.corpora/: Markdown essays dense with the shipped dataset\'s names and dates and with citations, about 10% of dated event sentences misdated by 1–3 years and 10% of weekdays wrong; a Better BibTeX-style library and the same entries as CSL-JSON.', '');
  L.push('| corpus | bytes | words | dated event sentences | misdated | weekday sentences | wrong weekdays | citations |', '|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [k, e] of Object.entries(corpora.essays)) L.push(`| essay ${k} | ${e.bytes.toLocaleString('en')} | ${e.words.toLocaleString('en')} | ${e.datedEventSentences} | ${e.misdated} | ${e.weekdaySentences} | ${e.wrongWeekdays} | ${e.citations} |`);
  L.push(`| library | ${corpora.library.bibtexBytes.toLocaleString('en')} (BibTeX), ${corpora.library.cslJsonBytes.toLocaleString('en')} (CSL-JSON) | | ${corpora.library.entries.toLocaleString('en')} entries | | | | |`, '');

  const hv = R.hover as Stat & { withResult: number; totalMs: number; positions: number };
  L.push('## Targets', '', '| what | measured (median) | target | verdict |', '|---|---:|---|---|');
  const c1 = checks.essays[big];
  const textlint1 = ((R.peers as { results?: PeerResult[] }).results ?? []).find((p) => p.peer === 'textlint' && p.corpus === '1mb');
  const warmBib = bib.offThread.filter((o) => o.format === 'bibtex' && o.run === 'warm') as { wallMs: number; mainThreadBusyMs: number }[];
  const offWall = warmBib.length ? stat(warmBib.map((o) => o.wallMs)).median : undefined;
  const offBusy = warmBib.length ? stat(warmBib.map((o) => o.mainThreadBusyMs)).median : undefined;
  L.push(`| full check, ${big} essay | ${ms(c1.median)} (${c1.mbPerS} MB/s) | ≤ 20 ms${QUICK ? ' (for 1 MB)' : ''} | ${QUICK ? 'n/a in quick mode' : verdict(c1.median, 20)} |`);
  L.push(`| re-check after a one-character edit, ${big} | ${ms((R.recheck as Stat).median)} (${ms((R.recheck as { withoutCitationKeyCheck?: Stat }).withoutCitationKeyCheck?.median)} without the citation-key check) | ≤ 2 ms | ${verdict((R.recheck as Stat).median, 2)} |`);
  L.push(`| hover (per position, ${hv.positions.toLocaleString('en')} positions) | ${ms((R.hover as Stat).median)} (p95 ${ms((R.hover as Stat).p95)}) | ≤ 1 ms | ${verdict((R.hover as Stat).p95, 1)} (judged on p95) |`);
  L.push(`| completion after \`[@smi\`, ${bib.entries.toLocaleString('en')} entries | ${ms(completion['10kb [@smi'].median)} | ≤ 20 ms | ${verdict(completion['10kb [@smi'].median, 20)} |`);
  L.push(`| library load, ${bib.entries.toLocaleString('en')} BibTeX entries, off the main thread (warm worker) | ${ms(offWall)} wall, main thread busy ${ms(offBusy)} | ≤ 1.5 s | ${verdict(offWall, 1500)} |`);
  L.push(`| activation (require + activate(), stand-in vscode) | ${ms(act.loadPlusActivate?.median)} | ≤ 20 ms | ${verdict(act.loadPlusActivate?.median, 20)} |`);
  L.push(`| dist/extension.js | ${S.extension_js_kb ?? '—'} KB (${(R.extensionJs as { build?: string }).build ?? ''}) | ≤ 400 KB | ${verdict(S.extension_js_kb as number, 400, 'KB')} |`);
  const tlRatio = textlint1?.medianMs && c1 ? textlint1.medianMs / c1.median : undefined;
  const noKeys = checks.breakdown.withoutCitationKeyCheckMs?.median;
  const tlText = tlRatio === undefined ? '—'
    : `textlint ${ms(textlint1!.medianMs)} vs Annalist ${ms(c1.median)}: ${ratioText(c1.median, textlint1!.medianMs)}` + (noKeys ? `; without the citation-key check (${ms(noKeys)}): ${ratioText(noKeys, textlint1!.medianMs)}` : '');
  const tlVerdict = tlRatio === undefined ? 'not measured' + (textlint1?.error ? ': ' + textlint1.error : '') : tlRatio >= 100 ? 'met (≥ 100×)' : `**missed**: ${tlRatio.toFixed(2)}× textlint's speed, ${(100 / tlRatio).toFixed(0)}× short of the target`;
  L.push(`| vs textlint's date rule on 1 MB | ${tlText} | ≥ 100× faster | ${tlVerdict} |`, '');

  L.push('## Annalist core, in process', '');
  L.push('All through `AnnalistSession` with a `Library` of the generated entries (plus the dataset\'s sources, as the editor adds them) and the shipped dataset. "Median (min–max, n)" after warm-up runs. A full check uses a fresh session (the session reuses the analyses of unchanged blocks between versions); a re-check is the next version in the same session.', '');
  L.push('| measurement | median (min–max, n) | throughput | diagnostics found |', '|---|---|---|---|');
  for (const [k, c] of Object.entries(checks.essays)) L.push(`| full check, essay ${k} | ${spread(c)} | ${c.mbPerS} MB/s | ${Object.entries(c.diagnostics).map(([code, n]) => `${code}: ${n}`).join(', ')} (written: ${c.misdatedWritten} misdated, ${c.wrongWeekdaysWritten} wrong weekdays) |`);
  L.push(`| full check, ${big}, without the citation-key check | ${spread(checks.breakdown.withoutCitationKeyCheckMs)} | | |`);
  L.push(`| the same version checked again (${big}; block analyses cached) | ${spread(checks.breakdown.sameVersionAgainMs)} | | |`);
  L.push(`| — the same, without the citation-key check | ${spread(checks.breakdown.sameVersionAgainWithoutCitationKeyCheckMs)} | | |`);
  L.push(`| re-check after a one-character edit in the middle (${big}; same session, next version) | ${spread(R.recheck as Stat)} | | |`);
  L.push(`| — the same, without the citation-key check | ${spread((R.recheck as { withoutCitationKeyCheck: Stat }).withoutCitationKeyCheck)} | | |`);
  L.push(`| hover, ${hv.positions.toLocaleString('en')} random positions (${big}), per hover | ${spread(hv)}, p95 ${ms(hv.p95)} | total ${ms(hv.totalMs)} | ${hv.withResult} positions had a hover |`);
  for (const [k, c] of Object.entries(completion)) L.push(`| completion ${k.replace(/(\[@\S*)/, '`$1`')} | ${spread(c)} | | ${c.items ?? ''}${c.items !== undefined ? ' items' + (c.isIncomplete ? ', incomplete' : '') : ''} |`);
  L.push(`| load BibTeX, ${bib.entries} entries (\`loadBibliography\`, main thread) | ${spread(bib.bibtexInline)} | | |`);
  L.push(`| load CSL-JSON, ${bib.entries} entries (\`loadBibliography\`, main thread) | ${spread(bib.cslJsonInline)} | | |`);
  L.push(`| index ${bib.entries} entries in a \`Library\` | ${ms(bib.libraryIndexMs)} | | |`);
  L.push(`| shipped dataset from dist/dataset.json (JSON.parse + restore + index) | ${ms(ds.jsonColdMs)} first, then ${ds.jsonWarm ? spread(ds.jsonWarm) : ds.jsonError} | | ${ds.events} events, ${ds.people} people, ${ds.places} places, ${ds.sources} sources |`);
  L.push(`| shipped dataset from YAML (parse + validate + index) | ${ms(ds.yamlColdMs)} first, then ${spread(ds.yamlWarm)} | | |`, '');
  L.push('Completion is measured as the writer types: the text differs between calls, so what the session caches for one text does not help the next, except in the "same text" row.', '');

  L.push('### Loading the library off the main thread', '', '`parseBibliographyOffThread` with the built worker `dist/bibliography.worker.js`. "Main thread busy" is the event loop\'s active time between the request and the answer (posting the text and receiving the structured clone of the entries); "longest stall" is the longest event-loop delay meanwhile.', '');
  if (bib.offThreadError) L.push(`Not measured: ${bib.offThreadError}`, '');
  else {
    L.push('| format | run | wall | main thread busy | longest stall | entries |', '|---|---|---:|---:|---:|---:|');
    for (const o of bib.offThread as { format: string; run: string; wallMs: number; mainThreadBusyMs: number; longestMainThreadStallMs: number; entries: number }[]) L.push(`| ${o.format} | ${o.run} | ${ms(o.wallMs)} | ${ms(o.mainThreadBusyMs)} | ${ms(o.longestMainThreadStallMs)} | ${o.entries} |`);
    L.push('');
  }

  L.push('### Memory (after each step, after a forced GC)', '', '| after | heap used | RSS |', '|---|---:|---:|');
  for (const [k, v] of Object.entries(R.memory as Record<string, { heapMb: number; rssMb: number }>)) L.push(`| ${k} | ${v.heapMb} MB | ${v.rssMb} MB |`);
  L.push('');

  L.push('## Activation and size', '');
  L.push('Activation is timed in a fresh Node process per run (bench/activate-probe.cjs) with a **stand-in for the `vscode` module**: a Proxy-based fake registered through `Module._load`, whose API calls are inert stubs except small real `EventEmitter`, `Uri`, `Disposable` and `workspace.fs` (so the shipped dataset really is read and indexed). It is not VS Code: the real extension host adds its own costs (IPC, its module loader), so treat these as the extension\'s own share.', '');
  if (act.error) L.push(`Activation could not be measured: ${act.error}`, '');
  else {
    L.push('| step | median (min–max, n) |', '|---|---|');
    L.push(`| require(dist/extension.js) | ${spread(act.require!)} |`);
    L.push(`| activate() (synchronous part) | ${spread(act.activate!)} |`);
    L.push(`| require + activate() | ${spread(act.loadPlusActivate!)} |`);
    L.push(`| require until the datasets are loaded (\`api.ready\`) | ${spread(act.untilDatasetReady!)} |`);
    L.push(`| (Node's own start-up before the probe runs) | ${spread(act.nodeBoot!)} |`, '');
  }
  L.push(`- dist/extension.js: ${S.extension_js_kb ?? '—'} KB, ${(R.extensionJs as { build?: string; error?: string }).build ?? (R.extensionJs as { error?: string }).error}.`);
  if (pkg.error) L.push(`- \`npm run package\` failed: ${pkg.error}`);
  L.push(`- annalist.vsix: ${pkg.vsixKb !== undefined ? pkg.vsixKb + ' KB' + (pkg.vsixNote ? ` (${pkg.vsixNote})` : '') : pkg.skipped ? 'not built (' + pkg.skipped + ')' : 'not built'}.`, '');

  L.push('## Peers on the same text, same run', '');
  const peers = R.peers as { results?: PeerResult[]; skipped?: string; error?: string };
  if (!peers.results) L.push(`Not run: ${peers.skipped ?? peers.error}`, '');
  else {
    L.push('Each peer runs in its own Node process (bench/peers/run-peer.mjs, versions pinned in bench/peers/package.json). "Setup" is importing and initialising it; the first run is shown apart (lazy initialisation, JIT); the median is over the later runs. The ratio compares the peer\'s median with Annalist\'s full check of the same essay (dates, names, citations, weekdays) — or, for the bibliography parsers, with `loadBibliography` of the same BibTeX file. The peers do different jobs (grammar, style, date extraction), so the ratio says what each costs on the same text, not which is "better".', '');
    L.push('| peer | what it does here | corpus | setup | first run | median (later runs) | findings | Annalist vs peer |', '|---|---|---|---:|---:|---:|---:|---|');
    const what: Record<string, string> = {
      textlint: 'textlint + textlint-rule-date-weekday-mismatch (Markdown plugin)',
      harper: 'harper.js LocalLinter (WASM), Markdown',
      'write-good': 'write-good, all default checks',
      retext: 'retext + retext-english + retext-repeated-words + retext-passive',
      chrono: 'chrono-node `parse` (date extraction)',
      'citation-js': '@citation-js/core + plugin-bibtex → CSL-JSON',
      'retorquere-bibtex-parser': '@retorquere/bibtex-parser `parse`',
    };
    for (const p of peers.results) {
      const annalist = p.corpus === 'library' ? bib.bibtexInline.median : checks.essays[p.corpus]?.median;
      if (p.error) L.push(`| ${p.peer} | ${what[p.peer] ?? ''} | ${p.corpus} | — | — | could not run: ${p.error.replace(/\|/g, '/')} | — | — |`);
      else L.push(`| ${p.peer} | ${what[p.peer] ?? ''} | ${p.corpus} | ${ms(p.setupMs)} | ${ms(p.firstMs)} | ${ms(p.medianMs)}${p.note ? ` (${p.note})` : ''} | ${p.findings} | ${ratioText(annalist, p.medianMs)} (${ms(annalist)}) |`);
    }
    L.push('');
  }

  const profiles = R.profiles as Record<string, { file: string; totalMs: number; functions: [string, number][]; files: [string, number][] }>;
  if (Object.keys(profiles).length) {
    L.push('## Profiles of the missed targets', '');
    L.push('Taken in the same run with the V8 CPU profiler (node:inspector, the same profiler as `node --cpu-prof`; the .cpuprofile files are in bench/.corpora/, git-ignored). Self time per function and per source file. The code runs through tsx, so line numbers are not meaningful; function names are.', '');
    for (const [k, p] of Object.entries(profiles)) {
      L.push(`### ${k} (${ms(p.totalMs)} sampled)`, '', '| self time | function — file |', '|---:|---|');
      for (const [f, t] of p.functions) L.push(`| ${ms(t)} | ${f.replace(/\|/g, '/')} |`);
      L.push('', '| self time | file |', '|---:|---|');
      for (const [f, t] of p.files) L.push(`| ${ms(t)} | ${f} |`);
      L.push('');
    }
  }
  const notes = NOTES_FILE && fs.existsSync(NOTES_FILE) ? fs.readFileSync(NOTES_FILE, 'utf8').trim() : '';
  if (notes && !QUICK) L.push('## Analysis', '', notes, '');
  return L.join('\n') + '\n';
}

/** Hand-written analysis of the last full run (why targets are missed), appended to results.md when present. */
const NOTES_FILE = path.join(BENCH, 'analysis.md');

/** `--render`: rewrites bench/results.md from bench/results.json and bench/analysis.md, measuring nothing. */
function renderOnly(): void {
  const { details } = JSON.parse(fs.readFileSync(path.join(BENCH, 'results.json'), 'utf8')) as { details: Record<string, unknown> };
  const summary = summarize(details);
  fs.writeFileSync(path.join(BENCH, 'results.json'), JSON.stringify({ ...summary, details }, null, 2) + '\n');
  fs.writeFileSync(path.join(BENCH, 'results.md'), renderMarkdown(summary, details));
  log('rewrote bench/results.md and the summary in bench/results.json from its details');
}

(ARGS.includes('--render') ? Promise.resolve().then(renderOnly) : main()).catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
