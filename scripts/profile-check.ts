/**
 * Times the misdated-event check on a generated, date-dense Markdown essay of about 1 MB (passages of the
 * development set, repeated and mixed, with front matter and a code fence):
 *
 *   npx tsx scripts/profile-check.ts [--mb 1] [--runs 5] [--out essay.md]
 *   node --cpu-prof --import tsx scripts/profile-check.ts      (a CPU profile of the same runs)
 *
 * Reports: a cold full check (analysis + checks), a warm full check (fresh session, same index), a re-check
 * after a one-character edit in the middle, and a hover after the first analysis. Medians of CPU time (ms).
 * Last, the first check in slices as the editor runs it (checkAsync), with its longest stretch between pauses.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeDocument, CHECKS, defaultCheckOptions, runChecksOn } from '../src/core/check/index';
import { findDateExpressions } from '../src/core/dates/expressions';
import { findEventMentions, findNameHits } from '../src/core/mentions/index';
import { analyzeText } from '../src/core/text/analysis';
import { AnnalistSession } from '../src/core/session';
import type { TextDocumentLike } from '../src/core/types';
import { loadIndex } from '../src/node/datasets';
import { loadDevSet } from '../test/eval/scoring';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const megabytes = Number(opt('mb', '1'));
const runs = Number(opt('runs', '5'));

/** A deterministic xorshift generator, so every run measures the same essay. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

function essay(bytes: number): string {
  const root = resolve(__dirname, '..');
  const passages = loadDevSet(readFileSync(join(root, 'test/eval/dev-set.yaml'), 'utf8')).passages.filter((p) => p.format === 'markdown' && !p.text.startsWith('---'));
  const rnd = prng(1961);
  const parts = ['---\ntitle: An essay\nauthor: A. Historian\n---\n', '# The thaw\n'];
  let size = parts.join('\n').length;
  let n = 0;
  while (size < bytes) {
    const p = passages[Math.floor(rnd() * passages.length)];
    let chunk = p.text;
    const extra = passages[Math.floor(rnd() * passages.length)].text.split('\n')[0];
    // A sentence more now and then, never one that would open a fence or a comment.
    if (rnd() < 0.3 && !/[`~<>|]/.test(chunk + extra)) chunk += ' ' + extra;
    if (++n % 97 === 0) chunk = '```\ncode 1961 block\n```';
    if (n % 131 === 0) chunk = `## Section ${n}`;
    parts.push(chunk);
    size += chunk.length + 2;
  }
  return parts.join('\n\n') + '\n';
}

function doc(text: string, version: number): TextDocumentLike {
  return { uri: 'file:///essay.md', languageId: 'markdown', version, getText: () => text };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** CPU time of the process (user + system) spent in f, in ms: steadier than wall time on a busy machine. */
function time<T>(f: () => T): [number, T] {
  const t = process.cpuUsage();
  const r = f();
  const d = process.cpuUsage(t);
  return [(d.user + d.system) / 1000, r];
}

const { index } = loadIndex();
const text = essay(megabytes * 1024 * 1024);
if (args.includes('--out')) writeFileSync(opt('out', 'essay.md'), text);
const mb = text.length / (1024 * 1024);
console.log(`essay: ${text.length} chars (${mb.toFixed(2)} MB), ${text.split('\n\n').length} blocks`);

const stages = new Map<string, number[]>();
const stage = <T>(name: string, f: () => T): T => {
  const [t, r] = time(f);
  stages.set(name, [...(stages.get(name) ?? []), t]);
  return r;
};
const analyse: number[] = [];
const checks: number[] = [];
const full: number[] = [];
const edit: number[] = [];
const edit2: number[] = [];
const hover: number[] = [];
let diagnostics = 0;
for (let r = 0; r < runs; r++) {
  // The stages of one whole analysis, one by one.
  const ta0 = stage('text analysis', () => analyzeText(text, 'markdown'));
  const ds = stage('dates', () => ta0.prose.flatMap((r) => findDateExpressions(text, r.start, r.end)));
  const names = stage('names', () => findNameHits(ta0, index));
  stage('event mentions (all sentences)', () => findEventMentions(ta0, text, index, { names, cueScope: 'clause' }));
  void ds;
  const [ta, a] = time(() => analyzeDocument(text, 'markdown', index));
  const o = defaultCheckOptions();
  for (const c of CHECKS) stage(`check ${c.code}`, () => c.run(a, { index }, o, 'warning', { isCancellationRequested: false }));
  const [tc, found] = time(() => runChecksOn(a, { index }));
  analyse.push(ta);
  checks.push(tc);
  diagnostics = found.length;
  const session = new AnnalistSession();
  const [tf] = time(() => session.check(doc(text, 1), { index }, {}));
  full.push(tf);
  // Characters typed (and deleted again) in the middle of a paragraph in the middle, as when writing.
  const mid = text.indexOf('. ', text.length >> 1) + 1;
  let version = 1;
  let current = text;
  for (let k = 0; k < 20; k++) {
    // Joined, as an editor's getText() is: one flat string.
    const typed = (k % 2 === 0 ? [current.slice(0, mid), 'x', current.slice(mid)] : [current.slice(0, mid), current.slice(mid + 1)]).join('');
    const [te, after] = time(() => session.check(doc(typed, ++version), { index }, {}));
    (k % 2 === 0 ? edit : edit2).push(te);
    if (r === 0 && k < 2) console.log(`diagnostics: ${diagnostics}; after edit ${after.length}`);
    current = typed;
  }
  const edited2 = current;
  const at = text.indexOf('Stalin', text.length >> 2);
  const [th] = time(() => session.hover(doc(edited2, version), at, { index }));
  hover.push(th);
}
// The sliced first check as the editor runs it: the longest stretch (wall time) between two pauses.
async function longestSlice(): Promise<{ longest: number; pauses: number; total: number }> {
  let last = performance.now();
  let longest = 0;
  let pauses = 0;
  const start = last;
  await new AnnalistSession().checkAsync(doc(text, 1), { index }, {}, { isCancellationRequested: false }, () => {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    pauses++;
    return new Promise<void>((r) => setImmediate(() => {
      last = performance.now();
      r();
    }));
  }, () => performance.now());
  longest = Math.max(longest, performance.now() - last);
  return { longest, pauses, total: performance.now() - start };
}
const ms = (xs: number[]) => `${median(xs).toFixed(1)} ms`;
for (const [name, xs] of stages) console.log(`  stage ${name.padEnd(32)} ${ms(xs)}`);
console.log(`analyse:            ${ms(analyse)}  (${(mb / (median(analyse) / 1000)).toFixed(1)} MB/s)`);
console.log(`checks on analysis: ${ms(checks)}`);
console.log(`session full check: ${ms(full)}  (${(mb / (median(full) / 1000)).toFixed(1)} MB/s)`);
console.log(`re-check after typing a character: ${ms(edit)}; after deleting it: ${ms(edit2)} (medians of ${edit.length})`);
console.log(`hover after check:  ${median(hover).toFixed(3)} ms`);
void longestSlice().then((r) => console.log(`sliced first check (checkAsync): longest slice ${r.longest.toFixed(1)} ms (wall), ${r.pauses} pauses, ${r.total.toFixed(0)} ms in all`));
