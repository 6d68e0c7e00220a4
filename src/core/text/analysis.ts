/**
 * Where the prose is in a Markdown (Pandoc, Quarto, R Markdown), LaTeX or plain-text document: prose regions,
 * titles of works, paragraphs, sentences, front matter and suppression comments. Every check stands on this.
 */
import { parseDocument } from 'yaml';
import type { CitationRef } from '../cite/syntax';
import { LineMap } from './lines';
import { type Directive, type TextDialect, dialectOf, scanDocument, trimSpan } from './markup';

export { blockStarts, type Directive } from './markup';

/** The scanner's kind for prose (markup.ts PROSE), local so hot loops need no module look-up. */
const PROSE = 0;

export type { TextDialect } from './markup';
export { dialectOf } from './markup';

/** A half-open span `[start, end)` of UTF-16 offsets. */
export interface Region {
  start: number;
  end: number;
}

/** A sentence of prose, and the index of its paragraph in `TextAnalysis.paragraphs`. */
export interface Sentence extends Region {
  paragraph: number;
}

/** YAML front matter (`---` … `---`/`...` at the top of a Markdown document). */
export interface FrontMatter extends Region {
  /** The parsed YAML; undefined when it is broken. */
  data: unknown;
  /** The YAML parser's first error, when the front matter is broken. */
  error?: string;
}

/**
 * A stretch where diagnostics are switched off by a comment (`<!-- annalist-disable-next-line code -->`,
 * `% annalist-disable code` … `% annalist-enable`, …). No codes means every code.
 */
export interface Suppression extends Region {
  kind: 'next-line' | 'line' | 'block' | 'file';
  codes?: string[];
  /** The comment that asks for it. */
  comment: Region;
}

/** Everything the checks need to know about a document's text. */
export interface TextAnalysis {
  readonly text: string;
  readonly dialect: TextDialect;
  /** Prose, in order, disjoint, trimmed of surrounding whitespace. */
  readonly prose: Region[];
  /**
   * Where to seek dates: the prose regions, joined where only inline emphasis markup on one line separates
   * them (`*November* 1964`, `\emph{November} 1964`), so a date that markup wraps in part is read whole.
   * Unlike `prose`, these may hold markup characters, which the date finder reads as spaces.
   */
  readonly dateRegions: Region[];
  /** Titles of works: emphasis (`*…*`, `\emph{…}`) and short quoted spans; the inner text, in order. */
  readonly titles: Region[];
  /** Paragraphs that hold prose (headings, list items and table rows are their own), in order. */
  readonly paragraphs: Region[];
  /** Sentences of prose, in order, each inside its paragraph. */
  readonly sentences: Sentence[];
  readonly frontMatter?: FrontMatter;
  readonly suppressions: Suppression[];
  /** Citations found on the way (empty in plain text). */
  readonly citations: CitationRef[];
  readonly lines: LineMap;
  /** True when the code unit at `offset` is prose. */
  isProse(offset: number): boolean;
  /** True when diagnostics of `code` are switched off at `offset`. */
  isSuppressed(offset: number, code: string): boolean;
  /** Index of the paragraph containing `offset` (`start <= offset < end`), or undefined. */
  paragraphOf(offset: number): number | undefined;
  /** The sentence containing `offset` (`start <= offset < end`), or undefined. */
  sentenceAt(offset: number): Sentence | undefined;
}

/** Analyses a document's text for the dialect of its VS Code language id; never throws. */
export function analyzeText(text: string, languageId: string): TextAnalysis {
  const source = typeof text === 'string' ? text : '';
  return analyzeTextBlock(source, typeof languageId === 'string' ? languageId : 'plaintext', 0, source.length).analysis;
}

/** What a block of a document needs from the whole: its lines, front matter and suppressions (see {@link analyzeTextBlock}). */
export interface DocumentFrame {
  readonly lines: LineMap;
  readonly frontMatter?: FrontMatter;
  readonly suppressions: readonly Suppression[];
}

/** A block's analysis, the suppression comments written in it and whether a fence or comment runs on past it. */
export interface TextBlock {
  analysis: TextAnalysis;
  /** Suppression comments in the block, in document offsets. */
  directives: Directive[];
  /** A fence or an HTML comment is still open at the block's end: the block must be joined with the next. */
  unclosed: boolean;
  frontMatter?: FrontMatter;
}

/**
 * Analyses `text[start, end)` alone, with offsets into the whole `text`: the same prose, titles, paragraphs and
 * sentences as the whole document's analysis has there when the block starts where the scanner's state is
 * fresh (see `blockStarts`) and is not `unclosed`. Lines, front matter and suppressions come from `frame` (the
 * whole document's); without one they are the block's own (right when the block is the whole text).
 */
export function analyzeTextBlock(text: string, languageId: string, start: number, end: number, frame?: () => DocumentFrame): TextBlock {
  const whole = start === 0 && end === text.length;
  const source = whole ? text : text.slice(start, end);
  const dialect = dialectOf(languageId);
  const scan = scanDocument(source, languageId);
  const kinds = scan.kinds;
  const prose = proseRegions(source, kinds);
  const dateRegions = dateRegionsOf(source, kinds, prose);
  const paragraphs: Region[] = [];
  for (const p of scan.paragraphs) {
    const span = trimSpan(source, p.start, p.end);
    if (span.end > span.start && hasProse(source, kinds, span.start, span.end)) paragraphs.push(span);
  }
  const sentences: Sentence[] = [];
  paragraphs.forEach((p, index) => splitSentences(source, kinds, p, index, sentences, dialect === 'latex'));
  let frontMatter: FrontMatter | undefined;
  if (scan.frontMatter) {
    const { start: s, end: e, body } = scan.frontMatter;
    frontMatter = { start: s + start, end: e + start, ...parseYaml(body) };
  }
  const directives = start === 0 ? scan.directives : scan.directives.map((d) => ({ ...d, start: d.start + start, end: d.end + start }));
  let context: DocumentFrame | undefined;
  const own = (): DocumentFrame => {
    if (!context) {
      if (frame) context = frame();
      else {
        const lines = new LineMap(text);
        context = { lines, frontMatter, suppressions: suppressionsOf(directives, lines, text.length) };
      }
    }
    return context;
  };
  if (start !== 0) {
    shiftRegions(prose, start);
    shiftRegions(dateRegions, start);
    shiftRegions(paragraphs, start);
    shiftRegions(sentences, start);
  }
  const titles = start === 0 ? scan.titles : scan.titles.map((t) => ({ start: t.start + start, end: t.end + start }));
  const citations = start === 0 ? scan.citations : scan.citations.map((c) => ({ ...c, keyStart: c.keyStart + start, keyEnd: c.keyEnd + start, groupStart: c.groupStart + start, groupEnd: c.groupEnd + start }));
  const analysis: TextAnalysis = {
    text,
    dialect,
    prose,
    dateRegions,
    titles,
    paragraphs,
    sentences,
    get frontMatter() {
      return own().frontMatter;
    },
    get suppressions() {
      return own().suppressions as Suppression[];
    },
    citations,
    get lines() {
      return own().lines;
    },
    isProse: (offset) => offset >= start && offset < end && kinds[offset - start] === PROSE,
    isSuppressed: (offset, code) => {
      const list = own().suppressions;
      if (list.length === 0) return false;
      const c = String(code).toLowerCase();
      return list.some((s) => offset >= s.start && offset < s.end && (!s.codes || s.codes.includes(c)));
    },
    paragraphOf: (offset) => {
      const i = regionIndexAt(paragraphs, offset);
      return i < 0 ? undefined : i;
    },
    sentenceAt: (offset) => {
      const i = regionIndexAt(sentences, offset);
      return i < 0 ? undefined : sentences[i];
    },
  };
  return { analysis, directives, unclosed: scan.unclosed, frontMatter };
}

function shiftRegions(regions: Region[], by: number): void {
  for (const r of regions) {
    r.start += by;
    r.end += by;
  }
}

/** The suppressions the comments of a document ask for (see {@link Suppression}). */
export function suppressionsOfDocument(directives: readonly Directive[], lines: LineMap, length: number): Suppression[] {
  return suppressionsOf(directives, lines, length);
}

/** Index of the region containing offset in sorted disjoint regions (binary search), or -1. */
export function regionIndexAt(regions: readonly Region[], offset: number): number {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = regions[mid];
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function parseYaml(body: string): { data: unknown; error?: string } {
  try {
    const doc = parseDocument(body, { prettyErrors: false, uniqueKeys: false });
    if (doc.errors.length > 0) return { data: undefined, error: doc.errors[0].message };
    return { data: doc.toJS({ maxAliasCount: 100 }) };
  } catch (e) {
    return { data: undefined, error: e instanceof Error ? e.message : String(e) };
  }
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0x3000;
}

function hasProse(text: string, kinds: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (kinds[i] === PROSE && !isWs(text.charCodeAt(i))) return true;
  return false;
}

const EMPHASIS_COMMANDS = new Set(['emph', 'textit', 'textbf', 'textsl', 'textsc', 'textup', 'textmd', 'underline', 'mbox']);

/**
 * The prose regions joined where only inline emphasis markup on one line separates them: where dates are sought.
 */
function dateRegionsOf(text: string, kinds: Uint8Array, prose: readonly Region[]): Region[] {
  const out: Region[] = [];
  for (const r of prose) {
    const last = out[out.length - 1];
    if (last && isInlineEmphasisGap(text, kinds, last.end, r.start)) last.end = r.end;
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/**
 * True when `text[from, to)` between two prose regions holds only inline emphasis markers on one line
 * (`*`, `_`, `{`, `}`, `\emph{` and its kin, spaces), so that a date that markup wraps in part
 * ("\emph{November} 1964", "**25 February** 1956") lies in one prose region.
 */
function isInlineEmphasisGap(text: string, kinds: Uint8Array, from: number, to: number): boolean {
  if (to - from > 24) return false;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 95 || c === 123 || c === 125 || c === 32) i++;
    else if (c === 92 /* \ */ && kinds[i] !== PROSE) {
      let j = i + 1;
      while (j < to && ((text.charCodeAt(j) >= 97 && text.charCodeAt(j) <= 122) || (text.charCodeAt(j) >= 65 && text.charCodeAt(j) <= 90))) j++;
      if (!EMPHASIS_COMMANDS.has(text.slice(i + 1, j)) || text.charCodeAt(j) !== 123) return false;
      i = j;
    } else return false;
  }
  return true;
}

function proseRegions(text: string, kinds: Uint8Array): Region[] {
  const out: Region[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (kinds[i] !== PROSE) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && kinds[j] === PROSE) j++;
    const span = trimSpan(text, i, j);
    if (span.end > span.start) out.push(span);
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Sentences

/** Abbreviations that never end a sentence (lower case, without the final period). */
const ABBREVIATIONS = new Set([
  'c', 'ca', 'cf', 'e.g', 'i.e', 'viz', 'vs', 'al', 'ibid', 'id', 'op', 'cit', 'loc', 'p', 'pp', 'vol', 'vols', 'ch',
  'chap', 'chaps', 'fig', 'figs', 'ed', 'eds', 'trans', 'transl', 'repr', 'rev', 'esp', 'approx', 'fl', 'b', 'd', 'r',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'st', 'dr', 'mr', 'mrs', 'ms', 'prof', 'gen', 'col', 'lt', 'capt', 'sgt', 'adm', 'gov', 'sen', 'rep', 'pres',
  'hon', 'jr', 'sr', 'mt', 'ft', 'fr', 'rt', 'messrs', 'mme', 'mlle', 'm', 'nr', 'bros', 'inc', 'ltd', 'co', 'corp',
  'dept', 'univ', 'assn', 'ave', 'blvd', 'sq',
]);
/** Abbreviations that do not end a sentence when a number follows (`no. 5`), but may otherwise (`said no.`). */
const NUMBER_ABBREVIATIONS = new Set(['no', 'nos', 'n', 'nn', 'art', 'sec', 'pt', 'bk', 'ser', 'para', 'col', 'l', 'll', 'f', 'ff']);

const LETTER = /^\p{L}$/u;

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(text.charAt(i));
}

function isUpperAt(text: string, i: number): boolean {
  const cp = text.codePointAt(i);
  if (cp === undefined) return false;
  const ch = String.fromCodePoint(cp);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

const CLOSERS = '"\'\u201d\u2019)]\u00bb*_}';
const QUOTES = '"\'\u201c\u2018\u00ab\u201e\u201a';

/** Does the text at k look like the start of a new sentence? */
function startsSentence(text: string, k: number, limit: number): boolean {
  // Markup before the first word: emphasis, brackets, parentheses.
  for (let n = 0; n < 3 && k < limit && '*_(['.includes(text.charAt(k)); n++) k++;
  if (k >= limit) return false;
  const c = text.charCodeAt(k);
  if (c >= 48 && c <= 57) return true;
  if (QUOTES.includes(text.charAt(k)) || c === 64 || c === 92) return true;
  return isUpperAt(text, k);
}

/** True when the period at `dot` ends an abbreviation or an initial rather than a sentence. */
function isAbbreviation(text: string, dot: number, floor: number, numberFollows: boolean): boolean {
  let w = dot;
  const min = Math.max(floor, dot - 24);
  while (w > min && (isLetterAt(text, w - 1) || (text.charCodeAt(w - 1) === 46 && w - 1 > min && isLetterAt(text, w - 2)))) w--;
  if (w === dot) return false;
  // A word glued to something else (digits, hyphens) is not an abbreviation we know.
  if (w > floor && (isLetterAt(text, w - 1) || /[0-9]/.test(text.charAt(w - 1)))) return false;
  const word = text.slice(w, dot);
  if (word.includes('.')) return true; // e.g., i.e., U.S., a.m.
  if (word.length === 1 && isUpperAt(text, w)) return true; // an initial: J. R. R. Tolkien
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  return numberFollows && NUMBER_ABBREVIATIONS.has(lower);
}

function splitSentences(text: string, kinds: Uint8Array, p: Region, index: number, out: Sentence[], latex = false): void {
  let start = -1;
  let last = -1;
  let i = p.start;
  // The closing brace of a footnote that began at a sentence's end: its text is a sentence of its own.
  let footnoteEnd = -1;
  while (i < p.end) {
    if (footnoteEnd >= 0 && i > footnoteEnd) footnoteEnd = -1;
    if (kinds[i] !== PROSE) {
      if (i === footnoteEnd) {
        if (start >= 0) out.push({ start, end: last + 1, paragraph: index });
        start = -1;
        footnoteEnd = -1;
      } else if (latex && footnoteEnd < 0 && text.charCodeAt(i) === 92 && text.startsWith('\\footnote{', i) && (start < 0 || endsWithTerminator(text, start, last))) {
        if (start >= 0) out.push({ start, end: last + 1, paragraph: index });
        start = -1;
        footnoteEnd = closingBrace(text, i + 9, p.end);
      }
      i++;
      continue;
    }
    const c = text.charCodeAt(i);
    if (isWs(c)) {
      i++;
      continue;
    }
    if (start < 0) start = i;
    last = i;
    if (c !== 46 && c !== 33 && c !== 63) {
      i++;
      continue;
    }
    // A run of terminators ("?!", "..."), then closing quotes and brackets.
    let j = i + 1;
    while (j < p.end && (text.charCodeAt(j) === 46 || text.charCodeAt(j) === 33 || text.charCodeAt(j) === 63)) j++;
    while (j < p.end && j !== footnoteEnd && CLOSERS.includes(text.charAt(j))) j++;
    for (let k = i; k < j; k++) if (kinds[k] === PROSE) last = k;
    if (j >= p.end || !isWs(text.charCodeAt(j))) {
      i = j;
      continue;
    }
    let k = j;
    while (k < p.end && (isWs(text.charCodeAt(k)) || (kinds[k] !== PROSE && text.charCodeAt(k) === 62))) k++;
    if (k >= p.end || !startsSentence(text, k, p.end)) {
      i = j;
      continue;
    }
    const terminatorRun = text.slice(i, j);
    if (c === 46 && !terminatorRun.startsWith('..') && isAbbreviation(text, i, p.start, /[0-9]/.test(text.charAt(k)))) {
      i = j;
      continue;
    }
    out.push({ start, end: j, paragraph: index });
    start = -1;
    i = j;
  }
  if (start >= 0) {
    // Never cut a surrogate pair in two.
    const pair = isHighSurrogate(text.charCodeAt(last)) && isLowSurrogate(text.charCodeAt(last + 1)) && last + 2 <= p.end;
    out.push({ start, end: last + (pair ? 2 : 1), paragraph: index });
  }
}

/** True when the prose `text[start, last]` ends with `.`, `!` or `?`, perhaps before closing quotes or brackets. */
function endsWithTerminator(text: string, start: number, last: number): boolean {
  let k = last;
  while (k > start && CLOSERS.includes(text.charAt(k))) k--;
  const c = text.charCodeAt(k);
  return c === 46 || c === 33 || c === 63;
}

/** The offset of the `}` closing the group opened at `open` (backslash-escaped braces skipped), or -1 before `end`. */
function closingBrace(text: string, open: number, end: number): number {
  let depth = 0;
  for (let k = open; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 92) k++;
    else if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return k;
  }
  return -1;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

// ---------------------------------------------------------------------------------------------------------------
// Suppressions

function suppressionsOf(directives: readonly Directive[], lines: LineMap, length: number): Suppression[] {
  const out: Suppression[] = [];
  const lineSpan = (line: number): Region => {
    const start = lines.offsetAt({ line, character: 0 });
    const end = line + 1 < lines.lineCount ? lines.offsetAt({ line: line + 1, character: 0 }) : length;
    return { start, end: Math.max(end, start) };
  };
  const codesOf = (d: Directive) => (d.codes.length > 0 ? d.codes : undefined);
  let openAll: Directive | undefined;
  const openByCode = new Map<string, Directive>();
  const closeBlock = (d: Directive, end: number, codes?: string[]) => {
    out.push({ kind: 'block', start: d.end, end, codes, comment: { start: d.start, end: d.end } });
  };
  for (const d of directives) {
    const comment = { start: d.start, end: d.end };
    switch (d.verb) {
      case 'disable-file':
        out.push({ kind: 'file', start: 0, end: length + 1, codes: codesOf(d), comment });
        break;
      case 'disable-line': {
        const span = lineSpan(lines.positionAt(d.start).line);
        out.push({ kind: 'line', ...span, codes: codesOf(d), comment });
        break;
      }
      case 'disable-next-line': {
        const line = lines.positionAt(d.end).line + 1;
        if (line < lines.lineCount) out.push({ kind: 'next-line', ...lineSpan(line), codes: codesOf(d), comment });
        break;
      }
      case 'disable':
        if (d.codes.length === 0) {
          if (!openAll) openAll = d;
        } else for (const code of d.codes) if (!openByCode.has(code)) openByCode.set(code, d);
        break;
      case 'enable':
        if (d.codes.length === 0) {
          if (openAll) closeBlock(openAll, d.start);
          openAll = undefined;
          for (const [code, open] of openByCode) closeBlock(open, d.start, [code]);
          openByCode.clear();
        } else {
          for (const code of d.codes) {
            const open = openByCode.get(code);
            if (open) closeBlock(open, d.start, [code]);
            openByCode.delete(code);
          }
        }
        break;
    }
  }
  if (openAll) closeBlock(openAll, length + 1);
  for (const [code, open] of openByCode) closeBlock(open, length + 1, [code]);
  return out.sort((a, b) => a.start - b.start);
}
