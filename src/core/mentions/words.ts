/**
 * The words of a sentence as the mention finder sees them: maximal runs of letters, digits and combining marks,
 * folded to lowercase without diacritics. An apostrophe splits a word ("Tolstoy's" → `tolstoy` `s`), so a
 * possessive in prose and in a pattern tokenise alike. Linear in the text, no regular expression per character.
 */

/** One word of prose, folded, with its offsets and whether it may continue a phrase begun by the word before. */
export interface Word {
  /** Folded: lowercase, no diacritics. */
  text: string;
  start: number;
  end: number;
  /** True when only spaces, at most one line break, hyphens, apostrophes or emphasis marks separate it from the word before. */
  joined: boolean;
  /** The first letter was written upper case. */
  capital: boolean;
}

const WORD_RE = /^[\p{L}\p{N}\p{M}]$/u;
const UPPER_RE = /^\p{Lu}$/u;
const wordClass = new Int8Array(65536); // 0 unknown, 1 word, 2 not
const foldCache = new Map<number, string>();

function isWordUnit(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xd800 && c <= 0xdfff) return false;
  let k = wordClass[c];
  if (k === 0) {
    k = WORD_RE.test(String.fromCharCode(c)) ? 1 : 2;
    wordClass[c] = k;
  }
  return k === 1;
}

function isCapital(ch: string): boolean {
  return ch !== ch.toLowerCase() && UPPER_RE.test(ch);
}

function fold(c: number): string {
  if (c < 128) return String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
  let f = foldCache.get(c);
  if (f === undefined) {
    f = String.fromCharCode(c).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    if (f === 'ß') f = 'ss';
    foldCache.set(c, f);
  }
  return f;
}

/** Characters that may sit inside a phrase without ending it. */
function isJoiner(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 0x200b || c === 45 || c === 0x2010 || c === 0x2011 ||
    c === 39 || c === 0x2019 || c === 0x2018 || c === 0x2bc || c === 42 || c === 95;
}

/**
 * The words of `text[from, to)`. `skip(offset)` true marks characters that are not prose (markup, code):
 * they separate words and a non-prose run holding letters breaks a phrase.
 */
export function wordsOf(text: string, from: number, to: number, skip?: (offset: number) => boolean): Word[] {
  const out: Word[] = [];
  let i = Math.max(0, from);
  const end = Math.min(text.length, to);
  let joined = false;
  let newlines = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    const prose = !skip || !skip(i);
    if (prose && isWordUnit(c)) {
      const start = i;
      let ascii = true;
      while (i < end) {
        const d = text.charCodeAt(i);
        if (!isWordUnit(d) || (skip && skip(i))) break;
        if (d >= 128) ascii = false;
        i++;
      }
      let folded: string;
      if (ascii) folded = text.slice(start, i).toLowerCase();
      else {
        folded = '';
        for (let k = start; k < i; k++) folded += fold(text.charCodeAt(k));
      }
      const c0 = text.charCodeAt(start);
      const capital = c0 < 128 ? c0 >= 65 && c0 <= 90 : isCapital(text.charAt(start));
      out.push({ text: folded, start, end: i, joined: out.length > 0 && joined && newlines <= 1, capital });
      joined = true;
      newlines = 0;
      continue;
    }
    if (c === 10) newlines++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) !== 10) newlines++;
    } else if (!prose) {
      if (isWordUnit(c)) joined = false;
    } else if (!isJoiner(c)) joined = false;
    i++;
  }
  return out;
}

const CLAUSE_WORDS = new Set(['but', 'while', 'whereas', 'although', 'though', 'yet']);
const CLAUSE_AFTER_COMMA = new Set(['and', 'but', 'while', 'whereas', 'although', 'though', 'when', 'which', 'who', 'where', 'yet', 'so']);
const NEGATING = new Set(['not', 'never']);

/** Where clauses begin inside a sentence, and which of those begins are hard (a timeline line). */
export interface ClauseBreaks {
  /** Offsets at which a new clause begins, ascending. */
  offsets: number[];
  /** Offsets at which a new statement begins (a line that starts with a date, as in a timeline); a subset of `offsets`. */
  hard: number[];
}

/**
 * The clause boundaries of `text[from, to)` given its words: `;`, `:` (not between digits), `—`, a spaced dash,
 * a contrastive conjunction ("but", "while", "whereas"; not the "but" of "not in X but in Y"), and a comma
 * followed by a conjunction or relative word. `lineStartsWithDate(offset)` marks lines that open a new statement.
 */
export function clauseBreaks(text: string, words: readonly Word[], from: number, to: number, isProse: (offset: number) => boolean, lineStartsWithDate?: (offset: number) => boolean): ClauseBreaks {
  const offsets: number[] = [];
  const hard: number[] = [];
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      let j = i + 1;
      if (c === 13 && text.charCodeAt(j) === 10) j++;
      while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
      if (lineStartsWithDate && j < to && lineStartsWithDate(j)) {
        offsets.push(j);
        hard.push(j);
      }
      continue;
    }
    if (!isProse(i)) continue;
    if (c === 59 /* ; */) offsets.push(i + 1);
    else if (c === 58 /* : */ && !(text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57)) offsets.push(i + 1);
    else if (c === 0x2014 /* — */) offsets.push(i + 1);
    else if ((c === 0x2013 || c === 45) && text.charCodeAt(i - 1) === 32 && text.charCodeAt(i + 1) === 32 && !isDigitAt(text, i - 2) && !isDigitAt(text, i + 2)) offsets.push(i + 1);
  }
  for (let k = 1; k < words.length; k++) {
    const w = words[k];
    if (!CLAUSE_AFTER_COMMA.has(w.text) && !CLAUSE_WORDS.has(w.text)) continue;
    const afterComma = /^[\s*_]*,\s*$/.test(text.slice(words[k - 1].end, w.start));
    if (CLAUSE_WORDS.has(w.text) || afterComma) {
      if (w.text === 'but' && words.slice(Math.max(0, k - 5), k).some((x) => NEGATING.has(x.text))) continue;
      offsets.push(w.start);
      if (afterComma && RELATIVE.has(w.text)) {
        const close = relativeClauseEnd(text, words, k, to, isProse);
        if (close >= 0) offsets.push(close);
      }
    }
  }
  offsets.sort((a, b) => a - b);
  for (let k = offsets.length - 1; k > 0; k--) if (offsets[k] === offsets[k - 1]) offsets.splice(k, 1);
  return { offsets, hard };
}

const RELATIVE = new Set(['who', 'which']);

/**
 * Where the words after a parenthetical relative clause (", who …," / ", which …,") take up the main clause
 * again: the first word after the clause's closing comma, when that word is in lower case and no `;`, `:`,
 * or spaced dash comes first; -1 otherwise. A comma between digits or before a number ("in 1953, 1954")
 * does not close it. The main clause after it is a clause of its own (the flat list of begins cannot rejoin it
 * with the words before the relative clause).
 */
function relativeClauseEnd(text: string, words: readonly Word[], k: number, to: number, isProse: (offset: number) => boolean): number {
  for (let j = k + 1; j < words.length; j++) {
    const gap = text.slice(words[j - 1].end, words[j].start);
    if (/[;:\u2014]|\s[-\u2013]\s/.test(gap)) return -1;
    if (!gap.includes(',')) continue;
    const at = words[j - 1].end + gap.indexOf(',');
    if (!isProse(at) || words[j].start >= to) return -1;
    const first = text.charCodeAt(words[j].start);
    if (!(first >= 97 && first <= 122)) continue;
    if (CLAUSE_AFTER_COMMA.has(words[j].text)) return -1;
    return words[j].start;
  }
  return -1;
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Index of the clause holding `offset` (the number of clause begins at or before it). */
export function clauseIndex(breaks: readonly number[], offset: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in `list` (sorted by `key`) whose key is at least `value`; `list.length` when none is. */
export function lowerBound<T>(list: readonly T[], key: (item: T) => number, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The words of `text[from, to)` read only inside the given prose regions (sorted, disjoint): faster than a
 * per-character test. A word after a gap of non-prose continues a phrase only when the gap holds no letters or
 * digits (emphasis marks, a link's brackets).
 */
export function proseWordsOf(text: string, regions: readonly { start: number; end: number }[], from: number, to: number): Word[] {
  const out: Word[] = [];
  let previousEnd = -1;
  for (let k = lowerBound(regions, (r) => r.end, from + 1); k < regions.length && regions[k].start < to; k++) {
    const a = Math.max(from, regions[k].start);
    const b = Math.min(to, regions[k].end);
    const words = wordsOf(text, a, b);
    if (words.length > 0 && out.length > 0 && previousEnd >= 0) {
      let joined = true;
      let newlines = 0;
      for (let i = out[out.length - 1].end; i < words[0].start && joined; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) newlines++;
        else if (isWordUnit(c)) joined = false;
      }
      words[0].joined = joined && newlines <= 1;
    }
    for (const w of words) out.push(w);
    if (words.length > 0) previousEnd = b;
  }
  return out;
}
