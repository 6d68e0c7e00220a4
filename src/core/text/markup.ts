/**
 * The scanner behind `analyzeText` and `findCitations`: one linear pass (per dialect) that classifies every
 * code unit of a document as prose, markup, opaque (code, math, comments, URLs, front matter, link targets) or
 * citation, and collects paragraphs, titles of works, citations and suppression comments on the way.
 * Internal to the core; use `analyzeText` (text/analysis.ts) and `findCitations` (cite/syntax.ts).
 */
import type { CitationRef } from '../cite/syntax';
import { isKeyPunctuation, isWordCharAt, keyWordCharLength, readKeyAfterAt, splitLocator } from './citekey';

export type TextDialect = 'markdown' | 'latex' | 'plaintext';

/** Kinds of code units in the scanner's map. */
export const PROSE = 0;
export const MARKUP = 1;
export const OPAQUE = 2;
export const CITATION = 3;

export interface Span {
  start: number;
  end: number;
}

/** A suppression comment as written. */
export interface Directive {
  verb: 'disable-next-line' | 'disable-line' | 'disable' | 'enable' | 'disable-file';
  codes: string[];
  /** The comment's span. */
  start: number;
  end: number;
}

export interface ScanResult {
  kinds: Uint8Array;
  /** Paragraph candidates in document order (not yet filtered for prose). */
  paragraphs: Span[];
  titles: Span[];
  citations: CitationRef[];
  directives: Directive[];
  frontMatter?: { start: number; end: number; body: string };
  /** True when a fence or an HTML comment is still open at the end of the text (it would run on past it). */
  unclosed: boolean;
}

/** The dialect a VS Code language id is written in. */
export function dialectOf(languageId: string): TextDialect {
  const id = languageId.toLowerCase();
  if (['markdown', 'quarto', 'rmd', 'rmarkdown', 'pandoc', 'mdx', 'md', 'qmd'].includes(id)) return 'markdown';
  if (['latex', 'tex', 'plaintex', 'context', 'latex-expl3', 'doctex'].includes(id)) return 'latex';
  return 'plaintext';
}

// ---------------------------------------------------------------------------------------------------------------
// Character helpers

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0x3000;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Characters that may appear in the local part of an e-mail address. */
function isEmailLocal(c: number): boolean {
  return isAsciiAlnum(c) || c === 46 || c === 95 || c === 45 || c === 43 || c === 37;
}

function isDomainChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 45;
}

interface Lines {
  starts: number[];
  /** Content end (before the line break). */
  ends: number[];
}

function splitLines(text: string): Lines {
  const starts: number[] = [0];
  const ends: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      ends.push(i);
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      ends.push(i);
      starts.push(i + 1);
    }
  }
  ends.push(n);
  return { starts, ends };
}

/** First occurrence of needle in [from, limit), or -1; never looks past limit. */
function findWithin(text: string, needle: string, from: number, limit: number): number {
  const c0 = needle.charCodeAt(0);
  for (let k = from; k + needle.length <= limit; k++) {
    if (text.charCodeAt(k) === c0 && text.startsWith(needle, k)) return k;
  }
  return -1;
}

/** Longest optional argument `[…]` the LaTeX scanner looks through for its end (keeps broken input linear). */
const MAX_OPTION = 400;

function isBlank(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (!isWs(text.charCodeAt(i))) return false;
  return true;
}

function trimSpan(text: string, s: number, e: number): Span {
  while (s < e && isWs(text.charCodeAt(s))) s++;
  while (e > s && isWs(text.charCodeAt(e - 1))) e--;
  return { start: s, end: e };
}

const DIRECTIVE = /^annalist-(disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])([^]*)$/;

function parseDirective(body: string, start: number, end: number): Directive | undefined {
  const m = DIRECTIVE.exec(body.trim());
  if (!m) return undefined;
  const codes = m[2].split(/[\s,]+/).filter((s) => s.length > 0).map((s) => s.toLowerCase());
  return { verb: m[1] as Directive['verb'], codes, start, end };
}

/** The scanner's state shared by the dialects. */
class Scanner {
  readonly n: number;
  readonly kinds: Uint8Array;
  readonly paragraphs: Span[] = [];
  readonly titles: Span[] = [];
  readonly citations: CitationRef[] = [];
  readonly directives: Directive[] = [];
  frontMatter?: { start: number; end: number; body: string };
  unclosed = false;
  readonly lines: Lines;

  constructor(readonly text: string, readonly languageId: string) {
    this.n = text.length;
    this.kinds = new Uint8Array(this.n);
    this.lines = splitLines(text);
  }

  mark(s: number, e: number, kind: number): void {
    const end = Math.min(e, this.n);
    for (let i = Math.max(0, s); i < end; i++) this.kinds[i] = kind;
  }

  /** Bare URL (`http://`, `https://`, `ftp://`, `www.`, `mailto:`) starting at i, or -1. */
  urlEnd(i: number, limit: number): number {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (!(c === 104 || c === 72 || c === 119 || c === 87 || c === 109 || c === 77 || c === 102 || c === 70)) return -1;
    // The second letter first (http, ftp: t; www: w; mailto: a), so most words are passed by without slicing.
    const second = t.charCodeAt(i + 1) | 32;
    if (second !== ((c | 32) === 119 ? 119 : (c | 32) === 109 ? 97 : 116)) return -1;
    if (i > 0 && (isWordCharAt(t, i - 1) || t.charCodeAt(i - 1) === 47)) return -1;
    const head = t.slice(i, i + 8).toLowerCase();
    let body: number;
    if (head.startsWith('https://')) body = i + 8;
    else if (head.startsWith('http://')) body = i + 7;
    else if (head.startsWith('ftp://')) body = i + 6;
    else if (head.startsWith('www.')) body = i + 4;
    else if (head.startsWith('mailto:')) body = i + 7;
    else return -1;
    let e = body;
    let parens = 0;
    while (e < limit) {
      const d = t.charCodeAt(e);
      if (isWs(d) || d === 60 || d === 62 || d === 34 || d === 96) break;
      if (d === 40) parens++;
      else if (d === 41) {
        if (parens === 0) break;
        parens--;
      }
      e++;
    }
    // Trailing punctuation belongs to the sentence, not the URL.
    while (e > body && '.,:;!?\'"*_]'.indexOf(t.charAt(e - 1)) >= 0) e--;
    return e > body ? e : -1;
  }

  /** E-mail address around the `@` at `at`: [start, end) or undefined. */
  emailAround(at: number, limit: number): Span | undefined {
    const t = this.text;
    let s = at;
    const floor = Math.max(0, at - 128);
    while (s > floor && isEmailLocal(t.charCodeAt(s - 1)) && this.kinds[s - 1] === PROSE) s--;
    if (s === at) return undefined;
    let e = at + 1;
    let dots = 0;
    let labelLen = 0;
    while (e < limit) {
      const d = t.charCodeAt(e);
      if (isDomainChar(d)) {
        labelLen++;
        e++;
      } else if (d === 46 && labelLen > 0 && e + 1 < limit && isDomainChar(t.charCodeAt(e + 1))) {
        dots++;
        labelLen = 0;
        e++;
      } else break;
    }
    if (dots === 0 || labelLen === 0) return undefined;
    return { start: s, end: e };
  }

  /** Marks a bare URL or an e-mail address at i; returns the offset after it, or -1. */
  urlOrEmail(i: number, limit: number): number {
    const c = this.text.charCodeAt(i);
    if (c === 64 /* @ */) {
      const mail = this.emailAround(i, limit);
      if (!mail) return -1;
      this.mark(mail.start, mail.end, OPAQUE);
      return mail.end;
    }
    const e = this.urlEnd(i, limit);
    if (e < 0) return -1;
    this.mark(i, e, OPAQUE);
    return e;
  }

  /** A quoted span starting at i (`"…"`, `“…”`, LaTeX ``…''): records the inner text as a title; returns close. */
  quotedTitle(i: number, limit: number): number {
    const t = this.text;
    const c = t.charCodeAt(i);
    let open = 1;
    let closer: string;
    if (c === 0x201c) closer = '\u201d';
    else if (c === 34) closer = '"';
    else if (c === 96 && t.charCodeAt(i + 1) === 96) {
      closer = "''";
      open = 2;
    } else return -1;
    if (i > 0 && isWordCharAt(t, i - 1)) return -1;
    const first = i + open;
    if (first >= limit || isWs(t.charCodeAt(first))) return -1;
    const max = Math.min(limit, first + 200 + closer.length);
    const close = findWithin(t, closer, first, max);
    if (close <= first) return -1;
    if (closer === '"' && isWs(t.charCodeAt(close - 1))) return -1;
    this.titles.push({ start: first, end: close });
    return close;
  }

  /** Records the citations of a Pandoc bracket group `[ … ]` (open at s, close at e); false when not a group. */
  pandocGroup(s: number, e: number): boolean {
    const t = this.text;
    const found: CitationRef[] = [];
    let itemStart = s + 1;
    let depth = 0;
    for (let i = s + 1; i <= e; i++) {
      const c = i < e ? t.charCodeAt(i) : 59;
      if (c === 92 /* \ */) {
        i++;
        continue;
      }
      if (c === 91 || c === 123) depth++;
      else if ((c === 93 || c === 125) && depth > 0) depth--;
      else if (c === 59 /* ; */ && depth === 0) {
        const item = this.pandocItem(itemStart, i, s, e);
        if (!item) return false;
        found.push(item);
        itemStart = i + 1;
      }
    }
    if (found.length === 0) return false;
    this.mark(s, e + 1, CITATION);
    for (const ref of found) this.pushCitation(ref);
    return true;
  }

  /** One item `prefix -@key, locator suffix` of a bracket group. */
  pandocItem(s: number, e: number, groupStart: number, groupEnd: number): CitationRef | undefined {
    const t = this.text;
    for (let i = s; i < e; i++) {
      if (t.charCodeAt(i) !== 64) continue;
      const prev = i > s ? t.charCodeAt(i - 1) : 32;
      let suppress = false;
      if (prev === 45 /* - */) {
        const before = i - 1 > s ? t.charCodeAt(i - 2) : 32;
        if (!isWs(before)) continue;
        suppress = true;
      } else if (!isWs(prev)) continue;
      const k = readKeyAfterAt(t, i + 1, e);
      if (!k) continue;
      const prefix = t.slice(s, suppress ? i - 1 : i).trim();
      const { locator, suffix } = splitLocator(t.slice(k.end, e));
      const ref: CitationRef = {
        key: k.key, keyStart: k.keyStart, keyEnd: k.keyEnd, groupStart, groupEnd: groupEnd + 1, syntax: 'pandoc',
      };
      if (suppress) ref.suppressAuthor = true;
      if (prefix) ref.prefix = prefix;
      if (locator) ref.locator = locator;
      if (suffix) ref.suffix = suffix;
      return ref;
    }
    return undefined;
  }

  pushCitation(ref: CitationRef): void {
    if (this.languageId === 'quarto' && /^(fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg)-/.test(ref.key)) return;
    this.citations.push(ref);
  }

  result(): ScanResult {
    return {
      kinds: this.kinds,
      paragraphs: this.paragraphs,
      titles: this.titles.sort((a, b) => a.start - b.start || a.end - b.end),
      citations: this.citations,
      directives: this.directives,
      frontMatter: this.frontMatter,
      unclosed: this.unclosed,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown (Pandoc, Quarto, R Markdown)

interface Fence {
  char: number;
  len: number;
}

function indentOf(text: string, s: number, e: number): { cols: number; at: number } {
  let cols = 0;
  let i = s;
  while (i < e) {
    const c = text.charCodeAt(i);
    if (c === 32) cols++;
    else if (c === 9) cols += 4 - (cols % 4);
    else break;
    i++;
  }
  return { cols, at: i };
}

function fenceAt(text: string, p: number, e: number): Fence | undefined {
  const c = text.charCodeAt(p);
  if (c !== 96 && c !== 126) return undefined;
  let q = p;
  while (q < e && text.charCodeAt(q) === c) q++;
  if (q - p < 3) return undefined;
  if (c === 96) for (let k = q; k < e; k++) if (text.charCodeAt(k) === 96) return undefined;
  return { char: c, len: q - p };
}

function isClosingFence(text: string, p: number, e: number, fence: Fence): boolean {
  let q = p;
  while (q < e && text.charCodeAt(q) === fence.char) q++;
  return q - p >= fence.len && isBlank(text, q, e);
}

/** A line of only rule characters: thematic breaks, setext underlines, table separators, grid-table borders. */
function isRuleLine(text: string, p: number, e: number): boolean {
  let marks = 0;
  for (let i = p; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 || c === 61 || c === 42 || c === 95) marks++;
    else if (!(c === 32 || c === 9 || c === 124 || c === 43 || c === 58)) return false;
  }
  return marks >= 3;
}

/**
 * Whether a list marker at p (ending at lm) may start an item inside an open paragraph (CommonMark):
 * an empty item never may, and outside a list a numbered one only when it counts from 1.
 * So a year wrapped to the start of a line ("of June\n1961.") stays in its sentence.
 */
function canInterruptParagraph(text: string, p: number, lm: number, e: number, inList: boolean): boolean {
  if (lm >= e) return false;
  if (inList || !isDigit(text.charCodeAt(p))) return true;
  return text.charCodeAt(p) === 49 && !isDigit(text.charCodeAt(p + 1));
}

/** End of a list marker at p (after its following space), or -1. */
function listMarkerEnd(text: string, p: number, e: number): number {
  const c = text.charCodeAt(p);
  let q = -1;
  if (c === 45 || c === 42 || c === 43) q = p + 1;
  else if (isDigit(c)) {
    q = p;
    while (q < e && q - p < 9 && isDigit(text.charCodeAt(q))) q++;
    const d = text.charCodeAt(q);
    q = d === 46 || d === 41 ? q + 1 : -1;
  } else if (c === 35 && text.charCodeAt(p + 1) === 46) q = p + 2;
  else if (c >= 97 && c <= 122 && (text.charCodeAt(p + 1) === 46 || text.charCodeAt(p + 1) === 41)) q = p + 2;
  else if (c === 40) {
    const d = text.charCodeAt(p + 1);
    let r = p + 1;
    if (isDigit(d)) while (r < e && r - p < 10 && isDigit(text.charCodeAt(r))) r++;
    else if (d >= 97 && d <= 122) r++;
    if (r > p + 1 && text.charCodeAt(r) === 41) q = r + 1;
  }
  if (q < 0) return -1;
  if (q < e && !(text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) return -1;
  while (q < e && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
  // Task list box.
  if (text.charCodeAt(q) === 91 && text.charCodeAt(q + 2) === 93 && ' xX'.includes(text.charAt(q + 1))) {
    q += 3;
    while (q < e && text.charCodeAt(q) === 32) q++;
  }
  return q;
}

class MarkdownScanner extends Scanner {
  /** Matching bracket/parenthesis of each bracket or parenthesis (sparse). */
  private readonly matches = new Map<number, number>();
  /** Brackets that directly hold an `@` at a word start: candidates for citation groups. */
  private readonly citeHint = new Set<number>();
  private resume = 0;

  run(): ScanResult {
    this.blocks();
    for (const p of this.paragraphs) this.inline(p.start, p.end);
    return this.result();
  }

  private blocks(): void {
    const t = this.text;
    const { starts, ends } = this.lines;
    const count = starts.length;
    let line = 0;
    // YAML front matter at the very top (after an optional byte order mark).
    const bom = t.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (t.slice(bom, ends[0]).trimEnd() === '---' && count > 1 && !isBlank(t, starts[1], ends[1])) {
      for (let j = 1; j < count; j++) {
        const s = t.slice(starts[j], ends[j]).trimEnd();
        if (s === '---' || s === '...') {
          this.frontMatter = { start: 0, end: ends[j], body: t.slice(starts[1], starts[j]) };
          this.mark(0, ends[j], OPAQUE);
          line = j + 1;
          break;
        }
      }
    }
    let para: Span | undefined;
    const close = () => {
      if (para) this.paragraphs.push(para);
      para = undefined;
    };
    const own = (s: number, e: number) => {
      close();
      this.paragraphs.push({ start: s, end: e });
    };
    let fence: Fence | undefined;
    let prevBlank = true;
    let prevCode = false;
    let inList = false;
    let commentUntil = -1;
    for (; line < count; line++) {
      const ls = starts[line];
      const le = ends[line];
      if (fence) {
        this.mark(ls, le, OPAQUE);
        const ind = indentOf(t, ls, le);
        if (isClosingFence(t, ind.at, le, fence)) fence = undefined;
        continue;
      }
      if (ls < commentUntil) {
        // Inside a multi-line HTML comment: the inline pass marks it; the paragraph goes on.
        if (para) para.end = le;
        else para = { start: ls, end: le };
        continue;
      }
      if (isBlank(t, ls, le)) {
        close();
        prevBlank = true;
        prevCode = false;
        continue;
      }
      // Block quote markers.
      let p = ls;
      {
        let q = indentOf(t, p, le).at;
        while (q < le && t.charCodeAt(q) === 62 /* > */) {
          this.mark(q, q + 1, MARKUP);
          q++;
          if (t.charCodeAt(q) === 32) q++;
          p = q;
          q = indentOf(t, q, le).at;
        }
        if (p !== ls && isBlank(t, p, le)) {
          close();
          prevBlank = true;
          continue;
        }
      }
      const ind = indentOf(t, p, le);
      const q = ind.at;
      const wasBlank = prevBlank;
      prevBlank = false;
      const f = ind.cols < 4 || inList ? fenceAt(t, q, le) : undefined;
      if (f) {
        close();
        this.mark(ls, le, OPAQUE);
        fence = f;
        prevCode = false;
        continue;
      }
      if (ind.cols >= 4 && !inList && !para && (wasBlank || prevCode)) {
        this.mark(ls, le, OPAQUE);
        prevCode = true;
        continue;
      }
      prevCode = false;
      const c = t.charCodeAt(q);
      if (ind.cols < 4 && c === 58 && t.startsWith(':::', q)) {
        close();
        this.mark(q, le, MARKUP);
        continue;
      }
      if (ind.cols < 4 && isRuleLine(t, q, le)) {
        close();
        this.mark(q, le, MARKUP);
        continue;
      }
      if (ind.cols < 4 && c === 35 /* # */) {
        let h = q;
        while (h < le && t.charCodeAt(h) === 35) h++;
        if (h - q <= 6 && (h === le || t.charCodeAt(h) === 32 || t.charCodeAt(h) === 9)) {
          this.mark(q, h, MARKUP);
          // Trailing attributes {#id .class} and closing hashes.
          const trimmed = t.slice(h, le).trimEnd();
          let contentEnd = h + trimmed.length;
          if (trimmed.endsWith('}')) {
            const open = t.lastIndexOf('{', contentEnd);
            if (open >= h) {
              this.mark(open, contentEnd, OPAQUE);
              contentEnd = open;
            }
          }
          let k = contentEnd;
          while (k > h && isWs(t.charCodeAt(k - 1))) k--;
          let hashes = k;
          while (hashes > h && t.charCodeAt(hashes - 1) === 35) hashes--;
          if (hashes < k && (hashes === h || isWs(t.charCodeAt(hashes - 1)))) this.mark(hashes, k, MARKUP);
          own(h, le);
          inList = false;
          continue;
        }
      }
      if (ind.cols < 4 && c === 91 /* [ */) {
        let rb = -1;
        for (let k = q + 1; k < le; k++) {
          const d = t.charCodeAt(k);
          if (d === 91) break;
          if (d === 93) {
            rb = k;
            break;
          }
        }
        if (rb > q + 1 && t.charCodeAt(rb + 1) === 58 /* : */) {
          if (t.charCodeAt(q + 1) === 94 /* ^ */) {
            // Footnote definition: its text is prose, its label is not.
            close();
            this.mark(q, rb + 2, OPAQUE);
            para = { start: rb + 2, end: le };
            continue;
          }
          close();
          this.mark(q, le, OPAQUE);
          continue;
        }
      }
      if (ind.cols < 4 + (inList ? 4 : 0) && c === 124 /* | */) {
        for (let k = q; k < le; k++) {
          if (t.charCodeAt(k) === 92) k++;
          else if (t.charCodeAt(k) === 124) this.mark(k, k + 1, MARKUP);
        }
        own(q, le);
        continue;
      }
      const lm = listMarkerEnd(t, q, le);
      if (lm >= 0 && (ind.cols < 4 || inList) && !(para && !canInterruptParagraph(t, q, lm, le, inList))) {
        close();
        this.mark(q, lm, MARKUP);
        inList = true;
        para = { start: lm, end: le };
        continue;
      }
      if (ind.cols === 0 && wasBlank) inList = false;
      if (para) para.end = le;
      else para = { start: q, end: le };
      // A comment opened and not closed on this line runs on over the following lines.
      const open = findWithin(t, '<!--', q, le);
      if (open >= 0) {
        let from = open + 4;
        let next = open;
        // The last comment opened on this line decides.
        while (next >= 0) {
          const closeAt = findWithin(t, '-->', from, le);
          if (closeAt < 0) break;
          next = findWithin(t, '<!--', closeAt + 3, le);
          from = next + 4;
        }
        if (next >= 0) {
          const closeAt = t.indexOf('-->', from);
          if (closeAt < 0) this.unclosed = true;
          commentUntil = closeAt < 0 ? this.n : closeAt + 3;
        }
      }
    }
    if (fence) this.unclosed = true;
    close();
  }

  private match(i: number): number {
    return this.matches.get(i) ?? -1;
  }

  /** Bracket and parenthesis matching and citation hints for one paragraph. */
  private prepare(s: number, e: number): void {
    const t = this.text;
    const brackets: number[] = [];
    const parens: number[] = [];
    for (let i = s; i < e; i++) {
      const c = t.charCodeAt(i);
      if (this.kinds[i] !== PROSE) continue;
      if (c === 92) {
        i++;
      } else if (c === 91) brackets.push(i);
      else if (c === 93) {
        const o = brackets.pop();
        if (o !== undefined) {
          this.matches.set(o, i);
          this.matches.set(i, o);
        }
      } else if (c === 40) parens.push(i);
      else if (c === 41) {
        const o = parens.pop();
        if (o !== undefined) {
          this.matches.set(o, i);
          this.matches.set(i, o);
        }
      } else if (c === 64 && brackets.length > 0) {
        const prev = t.charCodeAt(i - 1);
        if (isWs(prev) || prev === 91 || prev === 59 || prev === 45) this.citeHint.add(brackets[brackets.length - 1]);
      }
    }
  }

  private inline(ps: number, pe: number): void {
    const t = this.text;
    const kinds = this.kinds;
    if (this.resume >= pe) return;
    this.prepare(ps, pe);
    // Backtick runs, for code spans: closers are found by run length, left to right.
    const runs = new Map<number, number[]>();
    const firstTick = findWithin(t, '`', ps, pe);
    for (let i = firstTick < 0 ? pe : firstTick; i < pe; i++) {
      if (t.charCodeAt(i) !== 96) continue;
      let j = i;
      while (j < pe && t.charCodeAt(j) === 96) j++;
      const list = runs.get(j - i);
      if (list) list.push(i);
      else runs.set(j - i, [i]);
      i = j - 1;
    }
    const runCursor = new Map<number, number>();
    const pending = new Map<number, number>();
    const openers = new Map<string, number>();
    let dollarFail = -1;
    let displayFail = -1;
    let parenFail = -1;
    let bracketFail = -1;
    let quoteSkip = -1;
    let i = Math.max(ps, this.resume);
    while (i < pe) {
      const c = t.charCodeAt(i);
      if (kinds[i] !== PROSE) {
        i++;
        continue;
      }
      if (c === 92 /* \ */) {
        const d = t.charCodeAt(i + 1);
        if ((d === 40 && i > parenFail) || (d === 91 && i > bracketFail)) {
          const close = findWithin(t, d === 40 ? '\\)' : '\\]', i + 2, pe);
          if (close >= 0) {
            this.mark(i, close + 2, OPAQUE);
            i = close + 2;
            continue;
          }
          if (d === 40) parenFail = pe;
          else bracketFail = pe;
        }
        this.mark(i, i + 1, MARKUP);
        i += 2;
        continue;
      }
      if (c === 96 /* ` */) {
        let j = i;
        while (j < pe && t.charCodeAt(j) === 96) j++;
        const len = j - i;
        const list = runs.get(len) ?? [];
        let k = runCursor.get(len) ?? 0;
        while (k < list.length && list[k] < j) k++;
        runCursor.set(len, k);
        if (k < list.length) {
          const end = list[k] + len;
          this.mark(i, end, OPAQUE);
          i = end;
        } else i = j;
        continue;
      }
      if (c === 60 /* < */) {
        const end = this.angle(i, pe);
        if (end > 0) {
          i = end;
          if (end > pe) {
            this.resume = end;
            return;
          }
          continue;
        }
        i++;
        continue;
      }
      if (c === 33 /* ! */ && t.charCodeAt(i + 1) === 91 && this.match(i + 1) > 0) {
        let end = this.match(i + 1) + 1;
        const d = t.charCodeAt(end);
        if ((d === 40 || d === 91) && this.match(end) > 0) end = this.match(end) + 1;
        end = this.attributes(end, pe);
        this.mark(i, end, OPAQUE);
        i = end;
        continue;
      }
      if (c === 91 /* [ */) {
        const close = this.match(i);
        if (close < 0) {
          i++;
          continue;
        }
        const after = t.charCodeAt(close + 1);
        if (t.charCodeAt(i + 1) === 94 /* ^ */) {
          this.mark(i, close + 1, OPAQUE);
          i = close + 1;
          continue;
        }
        if (this.citeHint.has(i) && after !== 40 && this.pandocGroup(i, close)) {
          i = close + 1;
          continue;
        }
        if ((after === 40 || after === 91) && this.match(close + 1) > 0) {
          this.mark(i, i + 1, MARKUP);
          pending.set(close, this.match(close + 1) + 1);
        } else if (after === 123 /* { */) {
          this.mark(i, i + 1, MARKUP);
          pending.set(close, close + 1);
        }
        i++;
        continue;
      }
      if (c === 93 /* ] */) {
        const end = pending.get(i);
        if (end !== undefined) {
          this.mark(i, i + 1, MARKUP);
          const attrEnd = this.attributes(end, pe);
          this.mark(i + 1, attrEnd, OPAQUE);
          i = attrEnd;
          continue;
        }
        i++;
        continue;
      }
      if (c === 64 /* @ */) {
        const end = this.inTextCitation(i, pe);
        if (end > 0) {
          i = end;
          continue;
        }
        const mail = this.urlOrEmail(i, pe);
        i = mail > 0 ? mail : i + 1;
        continue;
      }
      if (c === 36 /* $ */) {
        if (t.charCodeAt(i + 1) === 36) {
          if (i > displayFail) {
            const close = findWithin(t, '$$', i + 2, pe);
            if (close >= 0) {
              this.mark(i, close + 2, OPAQUE);
              i = close + 2;
              continue;
            }
            displayFail = pe;
          }
          i += 2;
          continue;
        }
        if (i > dollarFail && i + 1 < pe && !isWs(t.charCodeAt(i + 1))) {
          const close = this.dollarCloser(i + 1, pe);
          if (close > 0) {
            this.mark(i, close + 1, OPAQUE);
            i = close + 1;
            continue;
          }
          dollarFail = pe;
        }
        i++;
        continue;
      }
      if (c === 42 || c === 95) {
        i = this.emphasis(i, ps, pe, openers);
        continue;
      }
      if ((c === 34 || c === 0x201c) && i !== quoteSkip) {
        const close = this.quotedTitle(i, pe);
        if (close > 0) quoteSkip = close;
        i++;
        continue;
      }
      if (c === 104 || c === 119 || c === 109 || c === 102 || c === 72 || c === 87 || c === 77 || c === 70) {
        const end = this.urlOrEmail(i, pe);
        if (end > 0) {
          i = end;
          continue;
        }
      }
      i++;
    }
  }

  /** Pandoc attributes `{…}` right at p (same line): their end, or p. */
  private attributes(p: number, pe: number): number {
    const t = this.text;
    if (t.charCodeAt(p) !== 123) return p;
    for (let k = p + 1; k < pe && k < p + 300; k++) {
      const c = t.charCodeAt(k);
      if (c === 125) return k + 1;
      if (c === 10 || c === 13 || c === 123) return p;
    }
    return p;
  }

  /** A closing `$` of inline math: not escaped, after a non-space, not before a digit. */
  private dollarCloser(from: number, pe: number): number {
    const t = this.text;
    for (let k = from + 1; k < pe; k++) {
      const c = t.charCodeAt(k);
      if (c === 92) {
        k++;
        continue;
      }
      if (c === 36 && !isWs(t.charCodeAt(k - 1)) && !isDigit(t.charCodeAt(k + 1))) return k;
    }
    return -1;
  }

  /** `<!-- comments -->`, autolinks `<http://…>`, raw HTML tags. Returns the end, or -1. */
  private angle(i: number, pe: number): number {
    const t = this.text;
    if (t.startsWith('<!--', i)) {
      const close = t.indexOf('-->', i + 4);
      if (close < 0) this.unclosed = true;
      const end = close < 0 ? this.n : close + 3;
      this.mark(i, end, OPAQUE);
      const d = parseDirective(t.slice(i + 4, close < 0 ? this.n : close), i, end);
      if (d) this.directives.push(d);
      return end;
    }
    const d = t.charCodeAt(i + 1);
    if (isAsciiLetter(d) || d === 47 || d === 33 || d === 63) {
      // Autolink (no spaces, a scheme or an @) or a tag (may span lines within the paragraph).
      for (let k = i + 1; k < pe; k++) {
        const c = t.charCodeAt(k);
        if (c === 62 /* > */) {
          const inner = t.slice(i + 1, k);
          const isAutolink = /^[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*$/.test(inner) || /^[^\s<>@]+@[^\s<>@]+$/.test(inner);
          const isTag = /^\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/][^]*)?$/.test(inner) || d === 33 || d === 63;
          if (!isAutolink && !isTag) return -1;
          this.mark(i, k + 1, OPAQUE);
          return k + 1;
        }
        if (c === 60) return -1;
      }
    }
    return -1;
  }

  /** In-text `@key` or `@key [locator]`; returns the end, or -1. */
  private inTextCitation(i: number, pe: number): number {
    const t = this.text;
    if (i > 0) {
      const prev = t.charCodeAt(i - 1);
      if (isEmailLocal(prev) || keyWordCharLength(t, i - 1) > 0 || isKeyPunctuation(prev) || prev === 64) return -1;
      if (prev >= 0xdc00 && prev <= 0xdfff && i > 1 && keyWordCharLength(t, i - 2) > 0) return -1;
    }
    const k = readKeyAfterAt(t, i + 1, pe);
    if (!k) return -1;
    let end = k.end;
    const ref: CitationRef = {
      key: k.key, keyStart: k.keyStart, keyEnd: k.keyEnd, groupStart: i, groupEnd: end, syntax: 'pandoc-intext',
    };
    // `@key [p. 33]`: a bracket right after (one space) that is not itself a citation or a link.
    let b = end;
    if (t.charCodeAt(b) === 32) b++;
    if (t.charCodeAt(b) === 91 && this.match(b) > 0 && !this.citeHint.has(b)) {
      const close = this.match(b);
      const after = t.charCodeAt(close + 1);
      if (after !== 40 && after !== 91 && t.charCodeAt(b + 1) !== 94) {
        const { locator, suffix } = splitLocator(t.slice(b + 1, close));
        if (locator) ref.locator = locator;
        if (suffix) ref.suffix = suffix;
        end = close + 1;
        ref.groupEnd = end;
      }
    }
    this.mark(i, end, CITATION);
    this.pushCitation(ref);
    return end;
  }

  /** Emphasis delimiter runs; a matched pair of equal runs is a title of a work. */
  private emphasis(i: number, ps: number, pe: number, openers: Map<string, number>): number {
    const t = this.text;
    const c = t.charCodeAt(i);
    let j = i;
    while (j < pe && t.charCodeAt(j) === c) j++;
    const len = j - i;
    if (len > 3) return j;
    const prev = i > ps ? t.charCodeAt(i - 1) : 32;
    const next = j < pe ? t.charCodeAt(j) : 32;
    const prevWord = i > ps && isWordCharAt(t, i - 1);
    const nextWord = j < pe && isWordCharAt(t, j);
    let canOpen = !isWs(next);
    let canClose = !isWs(prev);
    if (c === 95) {
      if (prevWord && nextWord) return j;
      canOpen = canOpen && !prevWord;
      canClose = canClose && !nextWord;
    }
    const key = String.fromCharCode(c).repeat(len);
    const open = openers.get(key);
    if (canClose && open !== undefined && this.kinds[open] === PROSE) {
      openers.delete(key);
      this.mark(open, open + len, MARKUP);
      this.mark(i, j, MARKUP);
      this.titles.push({ start: open + len, end: i });
      return j;
    }
    if (canOpen) openers.set(key, i);
    return j;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// LaTeX

const MATH_ENVIRONMENTS = new Set([
  'equation', 'align', 'gather', 'multline', 'flalign', 'alignat', 'eqnarray', 'displaymath', 'math', 'dmath',
]);
const VERBATIM_ENVIRONMENTS = new Set(['verbatim', 'Verbatim', 'lstlisting', 'minted', 'comment', 'alltt', 'BVerbatim', 'LVerbatim']);
const TABULAR_ENVIRONMENTS = new Set(['tabular', 'tabularx', 'tabulary', 'array', 'longtable', 'tabu', 'supertabular']);
/** Commands whose first braced argument is a name, a label, a path or a URL, never prose. */
const OPAQUE_ARGUMENT = new Set([
  'label', 'ref', 'eqref', 'pageref', 'autoref', 'cref', 'Cref', 'vref', 'nameref', 'url', 'href', 'input', 'include',
  'includeonly', 'bibliography', 'addbibresource', 'bibliographystyle', 'usepackage', 'RequirePackage',
  'documentclass', 'includegraphics', 'graphicspath', 'hyperref', 'hypersetup', 'pagestyle', 'thispagestyle',
  'setcounter', 'addtocounter', 'setlength', 'newcounter', 'lstinputlisting', 'inputminted', 'hspace', 'vspace',
  'color', 'textcolor', 'newcommand', 'renewcommand', 'providecommand', 'newenvironment', 'renewenvironment',
  'DeclareMathOperator', 'def', 'let', 'selectlanguage', 'foreignlanguage',
]);
const TITLE_COMMANDS = new Set(['emph', 'textit', 'mkbibemph', 'enquote', 'mkbibquote', 'textsl']);
const SECTIONING = /^\\(?:part|chapter|section|subsection|subsubsection|paragraph|subparagraph|caption|title|item|begin|end)(?![A-Za-z])/;

class LatexScanner extends Scanner {
  private paraEnds: number[] = [];
  private paraCursor = 0;
  /** Matching brace of each `{`, or -1; braces do not match across blank lines or out of comments. */
  private braceMatch!: Int32Array;
  /** Offset of `\begin{document}`, when the file has one. */
  private documentStart = -1;

  run(): ScanResult {
    this.blocks();
    this.matchBraces();
    this.scan();
    // The preamble is settings, not prose.
    const doc = this.documentStart;
    if (doc > 0) {
      for (let i = 0; i < doc; i++) if (this.kinds[i] === PROSE) this.kinds[i] = OPAQUE;
      const keep = (s: Span) => s.start >= doc;
      const titles = this.titles.filter(keep);
      this.titles.length = 0;
      this.titles.push(...titles);
    }
    return this.result();
  }

  private matchBraces(): void {
    const t = this.text;
    const match = new Int32Array(this.n).fill(-1);
    const stack: number[] = [];
    const { starts, ends } = this.lines;
    for (let line = 0; line < starts.length; line++) {
      const ls = starts[line];
      const le = ends[line];
      if (isBlank(t, ls, le)) {
        stack.length = 0;
        continue;
      }
      for (let k = ls; k < le; k++) {
        const c = t.charCodeAt(k);
        if (c === 92) k++;
        else if (c === 37) break;
        else if (c === 123) stack.push(k);
        else if (c === 125) {
          const o = stack.pop();
          if (o !== undefined) match[o] = k;
        }
      }
    }
    this.braceMatch = match;
  }

  private blocks(): void {
    const t = this.text;
    const { starts, ends } = this.lines;
    let para: Span | undefined;
    const close = () => {
      if (para) {
        this.paragraphs.push(para);
        this.paraEnds.push(para.end);
      }
      para = undefined;
    };
    for (let line = 0; line < starts.length; line++) {
      const ls = starts[line];
      const le = ends[line];
      if (isBlank(t, ls, le)) {
        close();
        continue;
      }
      const q = indentOf(t, ls, le).at;
      if (t.charCodeAt(q) === 92 && SECTIONING.test(t.slice(q, q + 16))) {
        close();
        const word = t.slice(q, q + 8);
        if (word.startsWith('\\item')) {
          para = { start: q, end: le };
        } else {
          para = { start: q, end: le };
          close();
        }
        continue;
      }
      if (para) para.end = le;
      else para = { start: q, end: le };
    }
    close();
  }

  /** End of the paragraph containing (or following) offset i: bounds for math and arguments. */
  private limitAt(i: number): number {
    while (this.paraCursor < this.paraEnds.length && this.paraEnds[this.paraCursor] < i) this.paraCursor++;
    // Brace groups and math may not cross a blank line; lines of a paragraph are joined.
    return this.paraCursor < this.paraEnds.length ? this.paraEnds[this.paraCursor] : this.n;
  }

  /** After a balanced group opened at p (`{`, `[` or `(`), or -1 if it is not closed before limit. */
  private group(p: number, limit: number): number {
    const t = this.text;
    const open = t.charCodeAt(p);
    if (open === 123) {
      const m = this.braceMatch[p];
      return m >= 0 && m < limit ? m + 1 : -1;
    }
    const closeCh = open === 91 ? 93 : 41;
    let depth = 0;
    const max = Math.min(limit, p + MAX_OPTION);
    for (let k = p; k < max; k++) {
      const c = t.charCodeAt(k);
      if (c === 92) {
        k++;
        continue;
      }
      if (c === open) depth++;
      else if (c === closeCh) {
        depth--;
        if (depth === 0) return k + 1;
      } else if (c === 37 /* % */ && open !== 123) return -1;
    }
    return -1;
  }

  private skipSpace(p: number, limit: number): number {
    const t = this.text;
    while (p < limit && isWs(t.charCodeAt(p))) p++;
    return p;
  }

  private scan(): void {
    const t = this.text;
    const n = this.n;
    const braces: Array<Span | null> = [];
    let dollarFail = -1;
    let quoteSkip = -1;
    let i = 0;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (this.kinds[i] !== PROSE) {
        i++;
        continue;
      }
      if (c === 37 /* % */) {
        let e = i;
        while (e < n && t.charCodeAt(e) !== 10 && t.charCodeAt(e) !== 13) e++;
        this.mark(i, e, OPAQUE);
        const d = parseDirective(t.slice(i + 1, e), i, e);
        if (d) this.directives.push(d);
        i = e;
        continue;
      }
      if (c === 92 /* \ */) {
        i = this.command(i, braces);
        continue;
      }
      if (c === 123) {
        braces.push(null);
        this.mark(i, i + 1, MARKUP);
        i++;
        continue;
      }
      if (c === 125) {
        const open = braces.pop();
        // A title is closed in its own paragraph (open.end holds that paragraph's end).
        if (open && i <= open.end) this.titles.push({ start: open.start, end: i });
        this.mark(i, i + 1, MARKUP);
        i++;
        continue;
      }
      if (c === 36 /* $ */) {
        const limit = this.limitAt(i);
        const display = t.charCodeAt(i + 1) === 36;
        if (i > dollarFail) {
          const close = this.latexDollar(i + (display ? 2 : 1), limit, display);
          if (close > 0) {
            this.mark(i, close, OPAQUE);
            i = close;
            continue;
          }
          dollarFail = limit;
        }
        i += display ? 2 : 1;
        continue;
      }
      if ((c === 34 || c === 0x201c || c === 96) && i !== quoteSkip) {
        const close = this.quotedTitle(i, this.limitAt(i));
        if (close > 0) quoteSkip = close;
        i += c === 96 && t.charCodeAt(i + 1) === 96 ? 2 : 1;
        continue;
      }
      if (c === 64 || c === 104 || c === 119 || c === 109 || c === 102 || c === 72 || c === 87 || c === 77 || c === 70) {
        const end = this.urlOrEmail(i, this.limitAt(i));
        if (end > 0) {
          i = end;
          continue;
        }
      }
      i++;
    }
  }

  private latexDollar(from: number, limit: number, display: boolean): number {
    const t = this.text;
    for (let k = from; k < limit; k++) {
      const c = t.charCodeAt(k);
      if (c === 92) {
        k++;
        continue;
      }
      if (c === 36) {
        if (!display) return k + 1;
        if (t.charCodeAt(k + 1) === 36) return k + 2;
      }
    }
    return -1;
  }

  /** A control sequence at i; returns where scanning continues. */
  private command(i: number, braces: Array<Span | null>): number {
    const t = this.text;
    const n = this.n;
    let j = i + 1;
    const d = t.charCodeAt(j);
    if (!(isAsciiLetter(d) || d === 64)) {
      if (d === 40 || d === 91) {
        const limit = this.limitAt(i);
        const close = findWithin(t, d === 40 ? '\\)' : '\\]', i + 2, limit);
        const end = close < 0 ? Math.max(i + 2, limit) : close + 2;
        this.mark(i, end, OPAQUE);
        return end;
      }
      // Escaped characters stay prose (`\%`, `\&`); spacing and line breaks are markup.
      if (d === 37 || d === 36 || d === 38 || d === 95 || d === 35 || d === 123 || d === 125) {
        this.mark(i, i + 1, MARKUP);
      } else this.mark(i, Math.min(n, i + 2), MARKUP);
      return Math.min(n, i + 2);
    }
    while (j < n && (isAsciiLetter(t.charCodeAt(j)) || t.charCodeAt(j) === 64)) j++;
    const name = t.slice(i + 1, j);
    const limit = this.limitAt(i);
    if (name.toLowerCase().includes('cite')) {
      const end = this.citeCommand(i, j, name, limit);
      if (end > 0) return end;
      this.mark(i, j, MARKUP);
      return j;
    }
    this.mark(i, j, MARKUP);
    if (name === 'verb' || name === 'lstinline') {
      let p = j;
      if (t.charCodeAt(p) === 42) p++;
      const delim = t.charAt(p);
      if (delim === '{' && name === 'lstinline') {
        const end = this.group(p, limit);
        if (end > 0) {
          this.mark(i, end, OPAQUE);
          return end;
        }
      } else if (delim && !isWs(t.charCodeAt(p)) && !isAsciiLetter(t.charCodeAt(p))) {
        const close = findWithin(t, delim, p + 1, limit);
        if (close > 0) {
          this.mark(i, close + 1, OPAQUE);
          return close + 1;
        }
      }
      return j;
    }
    if (name === 'begin' || name === 'end') {
      const p = this.skipSpace(j, limit);
      if (t.charCodeAt(p) !== 123) return j;
      const g = this.group(p, limit);
      if (g < 0) return j;
      const env = t.slice(p + 1, g - 1).trim();
      this.mark(i, g, OPAQUE);
      if (name === 'end') return g;
      if (env === 'document' && this.documentStart < 0) this.documentStart = i;
      const base = env.replace(/\*$/, '');
      if (MATH_ENVIRONMENTS.has(base) || VERBATIM_ENVIRONMENTS.has(base)) {
        const endTag = `\\end{${env}}`;
        const close = t.indexOf(endTag, g);
        const end = close < 0 ? n : close + endTag.length;
        this.mark(i, end, OPAQUE);
        return end;
      }
      let q = g;
      for (let args = 0; args < 3; args++) {
        const r = this.skipSpace(q, limit);
        const ch = t.charCodeAt(r);
        if (ch === 91 || (ch === 123 && TABULAR_ENVIRONMENTS.has(base))) {
          const e = this.group(r, limit);
          if (e < 0) break;
          this.mark(q, e, OPAQUE);
          q = e;
          if (ch === 123) break;
        } else break;
      }
      return q;
    }
    if (OPAQUE_ARGUMENT.has(name)) {
      let p = j;
      if (t.charCodeAt(p) === 42) p++;
      for (;;) {
        const r = this.skipSpace(p, limit);
        if (t.charCodeAt(r) === 91) {
          const e = this.group(r, limit);
          if (e < 0) break;
          p = e;
          continue;
        }
        if (t.charCodeAt(r) === 123) {
          const e = this.group(r, limit);
          if (e > 0) p = e;
        } else if (t.charCodeAt(r) === 92 && (name === 'def' || name === 'let' || name.endsWith('command'))) {
          let e = r + 1;
          while (e < limit && isAsciiLetter(t.charCodeAt(e))) e++;
          p = e;
        }
        break;
      }
      this.mark(i, p, OPAQUE);
      return p;
    }
    if (TITLE_COMMANDS.has(name)) {
      const p = this.skipSpace(j, limit);
      if (t.charCodeAt(p) === 123) {
        this.mark(j, p + 1, MARKUP);
        braces.push({ start: p + 1, end: limit });
        return p + 1;
      }
    }
    return j;
  }

  /** A citation command `\cite*[pre][post]{a, b}` or `\cites[pre][post]{a}{b}` at i; its end, or -1. */
  private citeCommand(i: number, nameEnd: number, name: string, limit: number): number {
    const t = this.text;
    let p = nameEnd;
    if (t.charCodeAt(p) === 42) p++;
    const multi = name.toLowerCase().endsWith('cites');
    if (multi) {
      for (let k = 0; k < 2; k++) {
        const r = this.skipSpace(p, limit);
        if (t.charCodeAt(r) !== 40) break;
        const e = this.group(r, limit);
        if (e < 0) break;
        p = e;
      }
    }
    const refs: CitationRef[] = [];
    let groups = 0;
    for (;;) {
      const options: Span[] = [];
      let r = this.skipSpace(p, limit);
      while (t.charCodeAt(r) === 91 && options.length < 2) {
        const e = this.group(r, limit);
        if (e < 0) break;
        options.push({ start: r + 1, end: e - 1 });
        r = this.skipSpace(e, limit);
      }
      if (t.charCodeAt(r) !== 123) break;
      const e = this.group(r, limit);
      if (e < 0) break;
      groups++;
      const pre = options.length === 2 ? t.slice(options[0].start, options[0].end).trim() : '';
      const postSpan = options.length === 2 ? options[1] : options[0];
      const post = postSpan ? t.slice(postSpan.start, postSpan.end) : '';
      const { locator, suffix } = splitLocator(post);
      let k = r + 1;
      while (k < e - 1) {
        let s = k;
        while (s < e - 1 && isWs(t.charCodeAt(s))) s++;
        let f = s;
        while (f < e - 1 && t.charCodeAt(f) !== 44) f++;
        let ke = f;
        while (ke > s && isWs(t.charCodeAt(ke - 1))) ke--;
        if (ke > s && !(ke === s + 1 && t.charCodeAt(s) === 42)) {
          const ref: CitationRef = {
            key: t.slice(s, ke), keyStart: s, keyEnd: ke, groupStart: i, groupEnd: -1, syntax: 'latex', command: name,
          };
          if (pre) ref.prefix = pre;
          if (locator) ref.locator = locator;
          if (suffix) ref.suffix = suffix;
          refs.push(ref);
        }
        k = f + 1;
      }
      p = e;
      if (!multi) break;
    }
    if (groups === 0) return -1;
    for (const ref of refs) {
      ref.groupEnd = p;
      this.pushCitation(ref);
    }
    this.mark(i, p, CITATION);
    return p;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Plain text

function firstNonBlank(text: string, p: number, e: number): number {
  while (p < e && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  return p;
}

/**
 * In plain text, the end of a list marker opening the line at ls (`* `, `- `, `+ `, `• `, or a number of one to
 * three digits with `.` or `)`, then a space), after its spaces; -1 when the line is no list item. A year
 * wrapped to the start of a line ("1961. Then") has four digits and is no marker.
 */
function plainListMarkerEnd(text: string, ls: number, le: number): number {
  const p = firstNonBlank(text, ls, le);
  const c = text.charCodeAt(p);
  let q = -1;
  if (c === 42 || c === 45 || c === 43 || c === 0x2022) q = p + 1;
  else if (isDigit(c)) {
    q = p;
    while (q < le && q - p < 4 && isDigit(text.charCodeAt(q))) q++;
    const d = text.charCodeAt(q);
    q = q - p <= 3 && (d === 46 || d === 41) ? q + 1 : -1;
  }
  if (q < 0 || q >= le || !(text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) return -1;
  const content = firstNonBlank(text, q, le);
  return content < le ? content : -1;
}

class PlainScanner extends Scanner {
  run(): ScanResult {
    const t = this.text;
    const { starts, ends } = this.lines;
    let para: Span | undefined;
    for (let line = 0; line < starts.length; line++) {
      const ls = starts[line];
      const le = ends[line];
      if (isBlank(t, ls, le)) {
        if (para) this.paragraphs.push(para);
        para = undefined;
        continue;
      }
      const item = plainListMarkerEnd(t, ls, le);
      if (item >= 0) {
        if (para) this.paragraphs.push(para);
        this.mark(firstNonBlank(t, ls, le), item, MARKUP);
        para = { start: item, end: le };
        continue;
      }
      if (para) para.end = le;
      else para = { start: ls, end: le };
    }
    if (para) this.paragraphs.push(para);
    let quoteSkip = -1;
    for (const p of this.paragraphs) {
      let i = p.start;
      while (i < p.end) {
        const c = t.charCodeAt(i);
        if ((c === 34 || c === 0x201c) && i !== quoteSkip) {
          const close = this.quotedTitle(i, p.end);
          if (close > 0) quoteSkip = close;
        } else if (this.kinds[i] === PROSE) {
          const end = this.urlOrEmail(i, p.end);
          if (end > 0) {
            i = end;
            continue;
          }
        }
        i++;
      }
    }
    return this.result();
  }
}

/** Scans a document in the dialect its language id names. Never throws on any input string. */
export function scanDocument(text: string, languageId: string): ScanResult {
  const dialect = dialectOf(languageId);
  const id = languageId.toLowerCase();
  if (dialect === 'markdown') return new MarkdownScanner(text, id).run();
  if (dialect === 'latex') return new LatexScanner(text, id).run();
  return new PlainScanner(text, id).run();
}

/** Trims a span's whitespace; exported for the analysis. */
export { trimSpan };

/**
 * Offsets where a document may be cut into blocks that the scanner reads alike alone and in the whole text: the
 * start of a line after a blank line, outside the front matter, when that line sets the scanner's state by itself
 * (Markdown: a paragraph, heading or list item at column 0; not a fence, quote, table, rule, div, definition).
 * A fence or comment left open by a block is found by scanning it (`ScanResult.unclosed`): the caller then joins
 * it with the next. LaTeX is never cut (environments and groups run across blank lines). Ascending, without 0.
 */
export function blockStarts(text: string, languageId: string): number[] {
  const dialect = dialectOf(languageId);
  const out: number[] = [];
  if (dialect === 'latex') return out;
  const n = text.length;
  const ends = new LineEnds(text);
  const markdown = dialect === 'markdown';
  let ls = 0;
  if (markdown) {
    // Front matter (the scanner's rule, read generously): no cut before its closing line.
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const first = ends.at(bom);
    if (text.slice(bom, first).trimEnd() === '---') {
      let at = nextLineStart(text, first);
      let closed = false;
      while (at < n) {
        const e = ends.at(at);
        const line = text.slice(at, e).trimEnd();
        at = nextLineStart(text, e);
        if (line === '---' || line === '...') {
          closed = true;
          break;
        }
      }
      if (!closed) return out;
      ls = at;
    }
  }
  let previousBlank = false;
  while (ls < n) {
    const le = ends.at(ls);
    const blank = isBlank(text, ls, le);
    if (!blank && previousBlank && ls > 0 && (!markdown || safeBlockStart(text, ls, le))) out.push(ls);
    previousBlank = blank;
    ls = nextLineStart(text, le);
  }
  return out;
}

/** Ends of lines by native search: the next line feed and the next carriage return, each found once. */
class LineEnds {
  private lf = -1;
  private cr = -1;
  constructor(private readonly text: string) {}

  /** End of the line starting at or containing i (before its line break). */
  at(i: number): number {
    const t = this.text;
    if (this.lf < i) {
      this.lf = t.indexOf('\n', i);
      if (this.lf < 0) this.lf = t.length;
    }
    if (this.cr < i) {
      this.cr = t.indexOf('\r', i);
      if (this.cr < 0) this.cr = t.length;
    }
    return Math.min(this.lf, this.cr);
  }
}

/** Start of the line after a line ending at e. */
function nextLineStart(text: string, e: number): number {
  if (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10) return e + 2;
  return e + 1;
}

/** A Markdown line at column 0 whose reading does not depend on the lines before a blank line. */
function safeBlockStart(text: string, ls: number, le: number): boolean {
  const c = text.charCodeAt(ls);
  if (c === 32 || c === 9 || c === 96 || c === 126 || c === 58 || c === 62 || c === 91 || c === 124) return false;
  return !isRuleLine(text, ls, le);
}
