/**
 * Measures the misdated-event diagnostic on a development set:
 *
 *   npx tsx scripts/eval.ts [--set test/eval/dev-set.yaml] [--verbose] [--json] [--checker MODULE] [--only TAG]
 *
 * Calls the core's `runChecks(doc, context)` with `loadShippedContext()` from src/core/check/index.ts; if that
 * import fails, falls back to `node dist/cli.js check --format json FILES` on temporary files. `--checker MODULE`
 * loads another module exporting the same two functions (used to test this script). Scores TP/FP/FN per
 * (passage, written date, event), overall, per code and per phenomenon tag, and lists the failures.
 * Always exits 0: this is a measurement, not a test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineMap } from '../src/core/text/lines';
import type { AnnalistDiagnostic, Range, TextDocumentLike } from '../src/core/types';
import {
  addToTally, emptyTally, loadDevSet, measures, MISDATED, scorePassage, SCORED_CODES, WEEKDAY,
  type Finding, type Passage, type PassageScore, type Tally,
} from '../test/eval/scoring';

interface Options {
  set: string;
  verbose: boolean;
  json: boolean;
  checker?: string;
  only?: string;
}

/** What the runner needs of a checker: diagnostics per passage, or the error it raised. */
interface Checker {
  name: string;
  check(passages: Passage[]): Promise<Map<string, Finding[] | Error>>;
}

const ROOT = resolve(__dirname, '..');
const LANGUAGE: Record<Passage['format'], string> = { markdown: 'markdown', latex: 'latex', plaintext: 'plaintext' };
const EXTENSION: Record<Passage['format'], string> = { markdown: '.md', latex: '.tex', plaintext: '.txt' };

function parseOptions(argv: string[]): Options {
  const o: Options = { set: join(ROOT, 'test/eval/dev-set.yaml'), verbose: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--json') o.json = true;
    else if (a === '--set' && argv[i + 1]) o.set = resolve(argv[++i]);
    else if (a === '--checker' && argv[i + 1]) o.checker = resolve(argv[++i]);
    else if (a === '--only' && argv[i + 1]) o.only = argv[++i];
    else console.error(`eval: ignoring unknown argument '${a}'`);
  }
  return o;
}

/** Reduces a diagnostic to a scored finding, with offsets into the checked text. */
function toFinding(d: Partial<AnnalistDiagnostic>, text: string): Finding {
  const data = (d.data ?? {}) as Record<string, unknown>;
  let start: number | undefined;
  let end: number | undefined;
  const range = d.range as Range | undefined;
  if (range && range.start && range.end) {
    const lines = new LineMap(text);
    start = lines.offsetAt(range.start);
    end = lines.offsetAt(range.end);
  }
  return {
    code: String(d.code ?? ''),
    event: typeof data.event === 'string' ? data.event : undefined,
    written: typeof data.written === 'string' ? data.written : undefined,
    disputed: typeof data.disputed === 'boolean' ? data.disputed : undefined,
    start,
    end,
    message: d.message,
  };
}

function documentOf(p: Passage): TextDocumentLike {
  return { uri: `eval:/dev-set/${p.id}${EXTENSION[p.format]}`, languageId: LANGUAGE[p.format], version: 1, getText: () => p.text };
}

type RunChecks = (doc: TextDocumentLike, context: unknown, options?: unknown) => AnnalistDiagnostic[] | Promise<AnnalistDiagnostic[]>;

/** The core's API, imported from a module path (the core's check index, or `--checker`). */
async function coreChecker(modulePath: string): Promise<Checker> {
  const mod = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  const api = (mod.runChecks ? mod : (mod.default as Record<string, unknown> | undefined)) ?? {};
  const runChecks = api.runChecks as RunChecks | undefined;
  // The core reads no files: the shipped dataset's context is built on the Node side unless the module brings its own.
  const loadShippedContext = (api.loadShippedContext as (() => unknown) | undefined) ?? (async () => ({ index: (await import('../src/node/datasets')).loadIndex().index }));
  if (typeof runChecks !== 'function' || typeof loadShippedContext !== 'function') {
    throw new Error(`${modulePath} does not export runChecks and loadShippedContext`);
  }
  const context = await loadShippedContext();
  return {
    name: `import ${modulePath.startsWith(ROOT) ? modulePath.slice(ROOT.length + 1) : modulePath}`,
    async check(passages) {
      const out = new Map<string, Finding[] | Error>();
      for (const p of passages) {
        try {
          const diagnostics = await runChecks(documentOf(p), context);
          out.set(p.id, (Array.isArray(diagnostics) ? diagnostics : []).map((d) => toFinding(d, p.text)));
        } catch (e) {
          out.set(p.id, e instanceof Error ? e : new Error(String(e)));
        }
      }
      return out;
    },
  };
}

/** Fallback: the built CLI over temporary files, in one run; its JSON is a flat array with `file` per diagnostic. */
function cliChecker(): Checker {
  const cli = join(ROOT, 'dist/cli.js');
  return {
    name: 'node dist/cli.js check --format json',
    async check(passages) {
      const out = new Map<string, Finding[] | Error>();
      if (!existsSync(cli)) {
        for (const p of passages) out.set(p.id, new Error('dist/cli.js not found (run npm run build)'));
        return out;
      }
      const dir = mkdtempSync(join(tmpdir(), 'annalist-eval-'));
      try {
        const files = passages.map((p) => {
          const file = join(dir, p.id + EXTENSION[p.format]);
          writeFileSync(file, p.text, 'utf8');
          return file;
        });
        const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        let parsed: unknown;
        try {
          parsed = JSON.parse(run.stdout || '[]');
        } catch {
          const why = new Error(`CLI output is not JSON (exit ${run.status}): ${(run.stderr || run.stdout).slice(0, 300)}`);
          for (const p of passages) out.set(p.id, why);
          return out;
        }
        const byName = new Map(passages.map((p) => [p.id + EXTENSION[p.format], p] as const));
        for (const p of passages) out.set(p.id, []);
        for (const d of Array.isArray(parsed) ? (parsed as (AnnalistDiagnostic & { file?: string })[]) : []) {
          const p = byName.get(basename(String(d.file ?? '')));
          const list = p && out.get(p.id);
          if (p && Array.isArray(list)) list.push(toFinding(d, p.text));
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return out;
    },
  };
}

async function pickChecker(o: Options): Promise<{ checker: Checker; why?: string }> {
  if (o.checker) return { checker: await coreChecker(o.checker) };
  try {
    return { checker: await coreChecker(join(ROOT, 'src/core/check/index.ts')) };
  } catch (e) {
    return { checker: cliChecker(), why: `core import failed (${(e as Error).message.split('\n')[0]}); using the CLI` };
  }
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(6);

function row(label: string, t: Tally): string {
  const m = measures(t);
  return `${label.padEnd(28)} ${String(t.passages).padStart(4)} ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.fn).padStart(4)} ${String(t.tolerated).padStart(4)} ${pct(m.precision)} ${pct(m.recall)} ${pct(m.f1)}`;
}

function header(title: string): string {
  return `\n${title}\n${'label'.padEnd(28)} ${'pass'.padStart(4)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)} ${'tol'.padStart(4)} ${'prec%'.padStart(6)} ${'rec%'.padStart(6)} ${'F1%'.padStart(6)}`;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  let setText: string;
  try {
    setText = readFileSync(o.set, 'utf8');
  } catch (e) {
    console.error(`eval: cannot read ${o.set}: ${(e as Error).message}`);
    return;
  }
  const set = loadDevSet(setText);
  for (const p of set.problems) console.error(`set problem: ${p}`);
  const passages = o.only ? set.passages.filter((p) => p.phenomenon.includes(o.only!) || p.id === o.only) : set.passages;
  const positives = passages.filter((p) => p.expect.some((e) => e.code === MISDATED)).length;
  console.log(`set: ${o.set} - ${passages.length} passages (${positives} with misdated-event expectations, ${passages.length - positives} without)`);

  let checker: Checker;
  try {
    const picked = await pickChecker(o);
    checker = picked.checker;
    if (picked.why) console.log(`note: ${picked.why}`);
  } catch (e) {
    console.log(`eval: no checker available: ${(e as Error).message}`);
    return;
  }
  console.log(`checker: ${checker.name}`);

  const results = await checker.check(passages);
  const scores: { passage: Passage; score: PassageScore; error?: string }[] = [];
  for (const p of passages) {
    const r = results.get(p.id) ?? new Error('no result');
    const findings = r instanceof Error ? [] : r;
    scores.push({ passage: p, score: scorePassage(p, findings), error: r instanceof Error ? r.message : undefined });
  }

  const overall = new Map<string, Tally>(SCORED_CODES.map((c) => [c, emptyTally()]));
  const byTag = new Map<string, Tally>();
  const byFormat = new Map<string, Tally>();
  for (const { passage, score } of scores) {
    for (const code of SCORED_CODES) addToTally(overall.get(code)!, passage, score, code);
    for (const tag of passage.phenomenon) {
      if (!byTag.has(tag)) byTag.set(tag, emptyTally());
      addToTally(byTag.get(tag)!, passage, score, MISDATED);
    }
    if (!byFormat.has(passage.format)) byFormat.set(passage.format, emptyTally());
    addToTally(byFormat.get(passage.format)!, passage, score, MISDATED);
  }

  console.log(header('Overall'));
  for (const code of SCORED_CODES) console.log(row(code, overall.get(code)!));
  const main = overall.get(MISDATED)!;
  console.log(`misdated-event: false alarms in ${main.falseAlarmPassages} of ${main.negativePassages} passages that expect none; disputed flag right on ${main.disputedRight} of ${main.disputedRight + main.disputedWrong} true positives`);
  console.log(header('misdated-event by format'));
  for (const [f, t] of [...byFormat].sort()) console.log(row(f, t));
  console.log(header('misdated-event by phenomenon'));
  for (const [tag, t] of [...byTag].sort((a, b) => a[0].localeCompare(b[0]))) console.log(row(tag, t));

  const errors = scores.filter((s) => s.error);
  const failures = scores.filter((s) => s.score.fp.length || s.score.fn.length || (o.verbose && s.score.tp.some((t) => t.expectedDisputed !== undefined && Boolean(t.foundDisputed) !== t.expectedDisputed)));
  console.log(`\nFailures (${failures.length} passages${errors.length ? `, ${errors.length} raised errors` : ''}):`);
  for (const { passage, score, error } of failures) {
    const bits = [
      ...score.fn.map((x) => `FN ${x.code === WEEKDAY ? 'weekday ' : ''}"${x.written}" ${x.event ?? ''}${x.expectedDisputed ? ' (disputed)' : ''}`),
      ...score.fp.map((x) => `FP ${x.code === WEEKDAY ? 'weekday ' : ''}"${x.written}" ${x.event ?? ''}`),
      ...score.tp.filter((t) => t.expectedDisputed !== undefined && Boolean(t.foundDisputed) !== t.expectedDisputed).map((t) => `disputed should be ${t.expectedDisputed}: "${t.written}" ${t.event}`),
    ];
    console.log(`  ${passage.id}: ${bits.join('; ')}${error ? ` [error: ${error}]` : ''}`);
    if (o.verbose) {
      console.log(`      text: ${JSON.stringify(passage.text)}`);
      if (passage.note) console.log(`      note: ${passage.note}`);
      for (const x of score.fp) if (x.message) console.log(`      message: ${x.message}`);
    }
  }
  if (errors.length && !o.verbose) console.log(`  (first error: ${errors[0].error})`);

  if (o.json) {
    const out = join(ROOT, 'test/eval/results.json');
    const summary = (t: Tally) => ({ ...t, ...measures(t) });
    writeFileSync(out, JSON.stringify({
      set: o.set.startsWith(ROOT) ? o.set.slice(ROOT.length + 1) : o.set,
      checker: checker.name,
      date: new Date().toISOString(),
      overall: Object.fromEntries([...overall].map(([c, t]) => [c, summary(t)])),
      byFormat: Object.fromEntries([...byFormat].map(([f, t]) => [f, summary(t)])),
      byPhenomenon: Object.fromEntries([...byTag].sort((a, b) => a[0].localeCompare(b[0])).map(([tag, t]) => [tag, summary(t)])),
      passages: scores.map(({ passage, score, error }) => ({ id: passage.id, tp: score.tp, fp: score.fp, fn: score.fn, tolerated: score.tolerated, duplicates: score.duplicates, ...(error ? { error } : {}) })),
    }, null, 2) + '\n');
    console.log(`\nwrote ${out}`);
  }
}

main().catch((e) => {
  console.error(`eval: ${(e as Error).stack ?? e}`);
}).finally(() => {
  process.exitCode = 0;
});
