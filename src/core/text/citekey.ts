/**
 * The character rules of citation keys and locators, shared by the prose scanner and the citation syntax.
 * Pandoc: a key starts with a letter, digit or `_` and may hold alphanumerics, `_` and SINGLE internal
 * punctuation characters `:.#$%&-+?<>~/` (a trailing or repeated one ends the key); `@{…}` holds anything but braces.
 */
import { trimEndSpaceAndCommas } from './strings';

const KEY_PUNCTUATION = ':.#$%&-+?<>~/';
const LETTER_OR_DIGIT = /^[\p{L}\p{N}\p{M}]$/u;

/** Length (1 or 2 code units) of the character at `i` when it is a letter, digit, mark or `_`; otherwise 0. */
export function keyWordCharLength(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) {
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 ? 1 : 0;
  }
  const cp = text.codePointAt(i) ?? c;
  const ch = String.fromCodePoint(cp);
  return LETTER_OR_DIGIT.test(ch) ? ch.length : 0;
}

/** True when the character at `i` is a letter or digit (any script). */
export function isWordCharAt(text: string, i: number): boolean {
  return keyWordCharLength(text, i) > 0 && text.charCodeAt(i) !== 95;
}

/** True when the code unit is one of the punctuation characters allowed inside a key. */
export function isKeyPunctuation(c: number): boolean {
  return c < 128 && KEY_PUNCTUATION.indexOf(String.fromCharCode(c)) >= 0;
}

/** End (exclusive) of a bare citation key starting at `start`, or `start` when none starts there. */
export function readBareKey(text: string, start: number, limit = text.length): number {
  let i = start;
  let len = keyWordCharLength(text, i);
  if (len === 0 || i + len > limit) return start;
  i += len;
  while (i < limit) {
    len = keyWordCharLength(text, i);
    if (len > 0) {
      if (i + len > limit) break;
      i += len;
      continue;
    }
    const c = text.charCodeAt(i);
    if (!isKeyPunctuation(c)) break;
    // A single internal punctuation character must be followed by a word character; `:/` or `//` (URLs) by `/`.
    if (i + 1 < limit && keyWordCharLength(text, i + 1) > 0) {
      i += 1;
      continue;
    }
    if ((c === 58 || c === 47) && text.charCodeAt(i + 1) === 47 && i + 1 < limit) {
      i += 1;
      continue;
    }
    break;
  }
  return i;
}

/** A key after `@` (bare or braced) starting at `at` (the offset after `@`). */
export interface ParsedKey {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** End of the key's syntax (after the closing brace when braced). */
  end: number;
  braced: boolean;
}

/** Reads the key after an `@` at `at - 1`; undefined when no key follows. */
export function readKeyAfterAt(text: string, at: number, limit = text.length): ParsedKey | undefined {
  if (text.charCodeAt(at) === 123 /* { */) {
    const max = Math.min(limit, at + 1 + 500);
    for (let i = at + 1; i < max; i++) {
      const c = text.charCodeAt(i);
      if (c === 125 /* } */) {
        if (i === at + 1) return undefined;
        return { key: text.slice(at + 1, i), keyStart: at + 1, keyEnd: i, end: i + 1, braced: true };
      }
      if (c === 123 || c === 10 || c === 13) return undefined;
    }
    return undefined;
  }
  const end = readBareKey(text, at, limit);
  if (end === at) return undefined;
  return { key: text.slice(at, end), keyStart: at, keyEnd: end, end, braced: false };
}

/** Locator labels (lower case, without the period), as CSL and Pandoc know them. */
const LOCATOR_LABELS = new Set([
  'p', 'pp', 'page', 'pages', 'pg', 'pgs', 'ch', 'chap', 'chaps', 'chapter', 'chapters', 'vol', 'vols', 'volume',
  'volumes', 'v', 'vv', 'no', 'nos', 'number', 'numbers', 'n', 'nn', 'note', 'notes', 'sec', 'secs', 'section',
  'sections', 'fig', 'figs', 'figure', 'figures', 'col', 'cols', 'column', 'columns', 'l', 'll', 'line', 'lines',
  'para', 'paras', 'paragraph', 'paragraphs', 'pt', 'pts', 'part', 'parts', 'bk', 'bks', 'book', 'books', 'f', 'ff',
  'fol', 'fols', 'folio', 'folios', 'op', 'opp', 'opus', 'art', 'arts', 'tit', 'verse', 'verses', 'vs', 'sv', 's.v',
  's.vv', 'sub verbo', 'app', 'appendix', 'doc', 'docs', 'item', 'items', 'ser', 'series', 'd', 'fasc', 'rev',
]);

/** Splits citation suffix text into a leading locator (e.g. `pp. 33–35`) and the rest. */
export function splitLocator(raw: string): { locator?: string; suffix?: string } {
  let s = raw.replace(/^[\s,]+/, '').trimEnd();
  if (s === '') return {};
  if (s.charCodeAt(0) === 123 /* { */) {
    const close = s.indexOf('}');
    if (close > 0) {
      const locator = s.slice(1, close).trim();
      const rest = s.slice(close + 1).replace(/^[\s,]+/, '');
      return { locator: locator || undefined, suffix: rest || undefined };
    }
  }
  let labelEnd = 0;
  const label = /^(§§?|¶¶?|[A-Za-z]{1,10}(?:\.[a-z]{1,2})?\.?)\s*/.exec(s);
  if (label) {
    const word = label[1].replace(/\.$/, '').toLowerCase();
    if (word.startsWith('§') || word.startsWith('¶') || LOCATOR_LABELS.has(word)) labelEnd = label[0].length;
  }
  // Numbers: digits or roman numerals, ranges, and comma-separated lists of them.
  const numbers = /^(?:[0-9]+[a-z]?|[ivxlcdmIVXLCDM]+)(?:\s*[-–—]\s*(?:[0-9]+[a-z]?|[ivxlcdmIVXLCDM]+))?/;
  let pos = labelEnd;
  let matched = false;
  for (;;) {
    const m = numbers.exec(s.slice(pos));
    if (!m) break;
    const isRoman = !/[0-9]/.test(m[0]);
    if (isRoman && labelEnd === 0) break; // "[@key, xi]" is ambiguous; Pandoc takes it as suffix
    const after = pos + m[0].length;
    const next = s.charAt(after);
    if (next !== '' && /[\p{L}\p{N}]/u.test(next)) break;
    matched = true;
    pos = after;
    const comma = /^,\s*(?=[0-9])/.exec(s.slice(pos));
    if (!comma) break;
    pos += comma[0].length;
  }
  if (!matched) {
    s = s.trim();
    return { suffix: s || undefined };
  }
  const locator = trimEndSpaceAndCommas(s.slice(0, pos));
  const rest = s.slice(pos).replace(/^[\s,]+/, '').trim();
  return { locator, suffix: rest || undefined };
}
