/**
 * The check registry and entry point: every check with its stable code, default level and one-line description,
 * run over one shared analysis of a document. The CLI, the editor and the evaluation all come through here.
 */
import type { Library } from '../cite/library';
import type { DatasetIndex } from '../dataset/index';
import type { AnnalistDiagnostic, CancellationLike, Severity, TextDocumentLike } from '../types';
import { neverCancelled } from '../types';
import { blockStarts, suppressionsOfDocument, type Directive, type DocumentFrame, type FrontMatter } from '../text/analysis';
import { LineMap } from '../text/lines';
import type { Position, Range } from '../types';
import { analyzeDocument, analyzeDocumentBlock, type DocumentAnalysis } from './document';
import { checkMisdatedEvents, MISDATED_EVENT } from './misdated';
import { checkWeekdays, WEEKDAY_MISMATCH } from './weekday';

export { analyzeDocument, type DocumentAnalysis } from './document';
export { checkMisdatedEvents, pairDatesWithEvents, MISDATED_EVENT, type DatedMention, type MisdatedOptions } from './misdated';
export { checkWeekdays, WEEKDAY_MISMATCH } from './weekday';
export { suppressionFixes } from './fixes';
export { shortCitation, citeSources } from './sources';

/** What the checks need besides the document. */
export interface CheckContext {
  index: DatasetIndex;
  /** True when a citation key is known (for `unknown-citation-key`); undefined: that check does not run. */
  citationKeys?: (key: string) => boolean;
  /** The writer's bibliography, for checks that need more than its keys. */
  library?: Library;
}

/** Levels per check code, and how disputed dates are reported. */
export interface CheckOptions {
  levels: Record<string, Severity | 'off'>;
  /** A date the dataset contradicts but a disputing source supports: its level, or not reported. */
  disputed: 'warning' | 'information' | 'off';
}

/** One check: a stable code, its default level, a one-line description, and the function that runs it. */
export interface CheckDefinition {
  code: string;
  defaultLevel: Severity | 'off';
  description: string;
  run(doc: DocumentAnalysis, context: CheckContext, options: CheckOptions, level: Severity | 'off', token: CancellationLike): AnnalistDiagnostic[];
}

/** Every check, in the order they run. */
export const CHECKS: readonly CheckDefinition[] = Object.freeze([
  {
    code: MISDATED_EVENT,
    defaultLevel: 'warning',
    description: 'A date in prose contradicts the dataset\'s date of the event it is written for.',
    run: (doc, _context, options, level, token) => checkMisdatedEvents(doc, { severity: level, disputed: options.disputed }, token),
  },
  {
    code: WEEKDAY_MISMATCH,
    defaultLevel: 'warning',
    description: 'A weekday written with a date is not the weekday that date fell on.',
    run: (doc, _context, _options, level, token) => checkWeekdays(doc, level, token),
  },
] satisfies CheckDefinition[]);

/** The default options: each check at its default level, disputed dates as warnings (the setting's default). */
export function defaultCheckOptions(): CheckOptions {
  return { levels: Object.fromEntries(CHECKS.map((c) => [c.code, c.defaultLevel])), disputed: 'warning' };
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

function resolveOptions(options?: Partial<CheckOptions>): CheckOptions {
  const base = defaultCheckOptions();
  if (!options || typeof options !== 'object') return base;
  const levels = { ...base.levels };
  for (const [code, level] of Object.entries(options.levels ?? {})) if (SEVERITIES.has(level as string)) levels[code] = level;
  const disputed = options.disputed === 'warning' || options.disputed === 'information' || options.disputed === 'off' ? options.disputed : base.disputed;
  return { levels, disputed };
}

/** Runs every enabled check over an existing analysis (shared with the hover); [] when cancelled. */
export function runChecksOn(doc: DocumentAnalysis, context: CheckContext, options?: Partial<CheckOptions>, token: CancellationLike = neverCancelled): AnnalistDiagnostic[] {
  const o = resolveOptions(options);
  const out: AnnalistDiagnostic[] = [];
  for (const check of CHECKS) {
    if (token.isCancellationRequested) return [];
    const level = o.levels[check.code] ?? check.defaultLevel;
    // A check set to 'off' reports nothing, disputed dates included: `disputed` only refines what is reported.
    if (level === 'off') continue;
    out.push(...check.run(doc, context, o, level, token));
  }
  if (token.isCancellationRequested) return [];
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Analyses a document and runs every enabled check on it; never throws on odd input. */
export function runChecks(doc: TextDocumentLike, context: CheckContext, options?: Partial<CheckOptions>, token: CancellationLike = neverCancelled): AnnalistDiagnostic[] {
  if (!doc || !context || !context.index || token.isCancellationRequested) return [];
  let text: string;
  try {
    text = doc.getText();
  } catch {
    return [];
  }
  const analysis = analyzeDocument(text, doc.languageId, context.index);
  if (token.isCancellationRequested) return [];
  return runChecksOn(analysis, context, options, token);
}

// ---------------------------------------------------------------------------------------------------------------
// Checking block by block, again only where the text changed

/**
 * One block of a checked version: text from one safe cut (see `blockStarts`) to the next, analysed alone. A block
 * carried over from an earlier version keeps that version's analysis (`doc`, where it began at `base`).
 */
interface Block {
  readonly text: string;
  /** Offset and line of the block in this version. */
  start: number;
  line: number;
  readonly doc: DocumentAnalysis;
  /** Offset and line of the block in `doc.text`. */
  readonly base: number;
  readonly baseLine: number;
  /** Suppression comments in the block, offsets relative to its start. */
  readonly directives: readonly Directive[];
  readonly frontMatter?: FrontMatter;
  /** The suppressions in force over the block (relative), as a key; undefined until the frame is known. */
  suppressionKey?: string;
  /** Diagnostics for options `key`, positioned for the block starting at `line`. */
  found?: { key: string; line: number; list: AnnalistDiagnostic[] };
}

/** The size (UTF-16 code units) up to which neighbouring blocks are analysed together. */
const BLOCK_SIZE = 2048;

/** A document version checked block by block: what the next version's check starts from. */
export interface BlockedDocument {
  readonly text: string;
  readonly languageId: string;
  readonly index: DatasetIndex;
  readonly blocks: readonly Block[];
  readonly frame: DocumentFrame;
  /** The frame's parts every block's fixes depend on (line break, front matter's end). */
  readonly frameKey: string;
}

/**
 * Cuts a document into blocks and analyses them, reusing the blocks of `previous` (an earlier version of the same
 * document) whose text, and the suppressions over it, did not change. Equivalent to one whole analysis: every
 * check is local to a paragraph, and blocks start only where the text scanner starts afresh. Neighbouring cuts
 * are joined up to `blockSize` code units.
 */
export function analyzeBlocks(text: string, languageId: string, index: DatasetIndex, previous?: BlockedDocument, blockSize = BLOCK_SIZE): BlockedDocument {
  return runToEnd(analyzeBlocksStepwise(text, languageId, index, previous, blockSize));
}

/** Runs a stepwise computation (see `analyzeBlocksStepwise`) to its end without pausing. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * `analyzeBlocks` in steps: yields after each block it analyses, so a caller can pause between blocks (and stop
 * by not resuming); returns the blocked document.
 */
export function* analyzeBlocksStepwise(text: string, languageId: string, index: DatasetIndex, previous?: BlockedDocument, blockSize = BLOCK_SIZE): Generator<void, BlockedDocument, void> {
  const source = typeof text === 'string' ? text : '';
  const lang = typeof languageId === 'string' ? languageId : 'plaintext';
  const n = source.length;
  const cuts = blockStarts(source, lang);
  const prev = previous && previous.index === index && previous.languageId === lang ? previous : undefined;
  const byStart = new Map<number, Block>();
  const byEnd = new Map<number, Block>();
  if (prev) {
    const m = prev.text.length;
    for (const b of prev.blocks) {
      byStart.set(b.start, b);
      byEnd.set(m - b.start, b);
    }
  }
  // The whole document's lines and suppressions, made once every block is cut; blocks read them lazily.
  const whole: { frame?: DocumentFrame } = {};
  const frameOf = (): DocumentFrame => {
    if (!whole.frame) throw new Error('document frame read before it was made');
    return whole.frame;
  };
  const blocks: Block[] = [];
  let ci = 0;
  let s = 0;
  const isCut = (at: number): number => {
    // Index in cuts of `at` at or after ci, or -1 (n counts as a cut).
    if (at === n) return cuts.length;
    let lo = ci;
    let hi = cuts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cuts[mid] < at) lo = mid + 1;
      else if (cuts[mid] > at) hi = mid - 1;
      else return mid;
    }
    return -1;
  };
  do {
    while (ci < cuts.length && cuts[ci] <= s) ci++;
    let reused: Block | undefined;
    for (const old of [byStart.get(s), byEnd.get(n - s)]) {
      // Equality of a slice compares flat contents at once, faster than startsWith on long texts.
      if (!old || s + old.text.length > n || source.slice(s, s + old.text.length) !== old.text) continue;
      const k = isCut(s + old.text.length);
      if (k < 0) continue;
      reused = { ...old, start: s, line: 0 };
      ci = k;
      break;
    }
    if (reused) {
      blocks.push(reused);
      s += reused.text.length;
      continue;
    }
    let step = 1;
    let k = ci;
    let e = k < cuts.length ? cuts[k] : n;
    // Small blocks cost more than they save: join them up to BLOCK_SIZE, stopping where an earlier version's block began.
    while (e < n && e - s < blockSize && !byStart.has(e) && !byEnd.has(n - e)) {
      k++;
      e = k < cuts.length ? cuts[k] : n;
    }
    let made = analyzeDocumentBlock(source, lang, index, s, e, frameOf);
    while (made.unclosed && e < n) {
      k = Math.min(cuts.length, k + step);
      step *= 2;
      e = k < cuts.length ? cuts[k] : n;
      made = analyzeDocumentBlock(source, lang, index, s, e, frameOf);
    }
    ci = k;
    yield;
    blocks.push({
      text: source.slice(s, e),
      start: s,
      line: 0,
      doc: made.doc,
      base: s,
      baseLine: -1,
      directives: s === 0 ? made.directives : made.directives.map((d) => ({ ...d, start: d.start - s, end: d.end - s })),
      frontMatter: made.frontMatter,
    });
    s = e;
  } while (s < n);
  const lines = new LineMap(source);
  const directives: Directive[] = [];
  for (const b of blocks) {
    b.line = lines.positionAt(b.start).line;
    for (const d of b.directives) directives.push(b.start === 0 ? d : { ...d, start: d.start + b.start, end: d.end + b.start });
  }
  const frontMatter = blocks[0]?.start === 0 && blocks[0].base === 0 ? blocks[0].frontMatter : undefined;
  const suppressions = directives.length > 0 ? suppressionsOfDocument(directives, lines, n) : [];
  const frame: DocumentFrame = { lines, frontMatter, suppressions };
  whole.frame = frame;
  const top = frontMatter ? lines.positionAt(frontMatter.end) : { line: 0, character: 0 };
  const firstBreak = source.indexOf('\n');
  const frameKey = `${firstBreak > 0 && source.charCodeAt(firstBreak - 1) === 13 ? 'crlf' : 'lf'}|${top.line}:${top.character}`;
  const sameFrame = prev !== undefined && prev.frameKey === frameKey;
  // Suppressions over each block, by a sweep: blocks ascend, so one that ended before a block is done with.
  const pending = [...suppressions].sort((a, b) => a.start - b.start);
  let next = 0;
  let active: typeof pending = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const end = b.start + b.text.length;
    let key = '';
    if (pending.length > 0) {
      while (next < pending.length && pending[next].start < end) active.push(pending[next++]);
      active = active.filter((x) => x.end > b.start);
      key = suppressionKey(active, b.start, end);
    }
    const fresh = b.baseLine < 0;
    if (fresh) {
      blocks[i] = { ...b, baseLine: b.line, suppressionKey: key };
      continue;
    }
    if (sameFrame && b.suppressionKey === key) continue;
    // The suppressions over it or the document's frame changed: analyse it again in this version.
    const made = analyzeDocumentBlock(source, lang, index, b.start, b.start + b.text.length, frameOf);
    yield;
    blocks[i] = { text: b.text, start: b.start, line: b.line, doc: made.doc, base: b.start, baseLine: b.line, directives: b.directives, frontMatter: made.frontMatter, suppressionKey: key };
  }
  return { text: source, languageId: lang, index, blocks, frame, frameKey };
}

function suppressionKey(list: readonly { start: number; end: number; kind: string; codes?: string[] }[], start: number, end: number): string {
  let key = '';
  for (const x of list) {
    if (x.end <= start || x.start >= end) continue;
    key += `${x.kind}:${Math.max(0, x.start - start)}-${Math.min(end, x.end) - start}:${x.codes?.join(',') ?? '*'};`;
  }
  return key;
}

/** Every enabled check over a blocked document, computing only blocks not checked before with these options. */
export function runChecksOnBlocks(doc: BlockedDocument, context: CheckContext, options?: Partial<CheckOptions>, token: CancellationLike = neverCancelled): AnnalistDiagnostic[] {
  return runToEnd(runChecksOnBlocksStepwise(doc, context, options, token));
}

/** `runChecksOnBlocks` in steps: yields after each block it checks (blocks checked before cost no step). */
export function* runChecksOnBlocksStepwise(doc: BlockedDocument, context: CheckContext, options?: Partial<CheckOptions>, token: CancellationLike = neverCancelled): Generator<void, AnnalistDiagnostic[], void> {
  const o = resolveOptions(options);
  const key = JSON.stringify(o);
  const out: AnnalistDiagnostic[] = [];
  for (const b of doc.blocks) {
    if (token.isCancellationRequested) return [];
    let found = b.found;
    if (!found || found.key !== key) {
      found = { key, line: b.baseLine, list: runChecksOn(b.doc, context, o, token) };
      if (token.isCancellationRequested) return [];
      b.found = found;
      yield;
    }
    if (found.line !== b.line) {
      const delta = b.line - found.line;
      const from = found.line;
      found = { key, line: b.line, list: found.list.map((d) => shiftDiagnostic(d, from, delta)) };
      b.found = found;
    }
    for (const d of found.list) out.push(d);
  }
  if (token.isCancellationRequested) return [];
  return out;
}

function shiftPosition(p: Position, from: number, delta: number): Position {
  return p.line >= from ? { line: p.line + delta, character: p.character } : p;
}

function shiftRange(r: Range, from: number, delta: number): Range {
  return { start: shiftPosition(r.start, from, delta), end: shiftPosition(r.end, from, delta) };
}

/** A diagnostic of a block that moved by `delta` lines; positions before the block (front matter) stay. */
function shiftDiagnostic(d: AnnalistDiagnostic, from: number, delta: number): AnnalistDiagnostic {
  const moved: AnnalistDiagnostic = { ...d, range: shiftRange(d.range, from, delta) };
  if (d.fixes) moved.fixes = d.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, range: shiftRange(e.range, from, delta) })) }));
  return moved;
}

/** The block holding `offset` (the last one for the end of the text). */
export function blockAt(doc: BlockedDocument, offset: number): { doc: DocumentAnalysis; shift: number } | undefined {
  const blocks = doc.blocks;
  let lo = 0;
  let hi = blocks.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best < 0) return undefined;
  const b = blocks[best];
  return { doc: b.doc, shift: b.start - b.base };
}
