/**
 * The words of a sentence as the mention finder sees them: maximal runs of letters, digits and combining marks,
 * folded to lowercase without diacritics. An apostrophe splits a word ("Stalin's" → `stalin` `s`), so a
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
      let folded = '';
      while (i < end) {
        const d = text.charCodeAt(i);
        if (!isWordUnit(d) || (skip && skip(i))) break;
        folded += fold(d);
        i++;
      }
      const first = text.charAt(start);
      out.push({ text: folded, start, end: i, joined: out.length > 0 && joined && newlines <= 1, capital: first !== first.toLowerCase() && UPPER_RE.test(first) });
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
