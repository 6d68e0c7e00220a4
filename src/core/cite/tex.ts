/**
 * TeX in bibliography fields to plain Unicode: accents (`{\"o}` → ö), special letters (`\ss`, `\o`), dashes and
 * quotes, escaped characters; braces (case protection) and formatting commands are dropped, their text kept.
 * One linear pass; an accent's argument is looked at only within a few characters.
 */

// Accents written with a symbol: \"o, \'e, \`a, \^i, \~n, \=o, \.z
const SYMBOL_ACCENTS: Record<string, string> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
};
// Accents written with a letter: \c{c}, \v{s}, \u{a}, \H{o}, \k{a}, \r{a}, \d{s}, \b{b}, \t{ts}
const LETTER_ACCENTS: Record<string, string> = {
  c: '\u0327', v: '\u030c', u: '\u0306', H: '\u030b', k: '\u0328', r: '\u030a', d: '\u0323', b: '\u0331', t: '\u0361',
};
const SYMBOLS: Record<string, string> = {
  ss: 'ß', SS: 'SS', o: 'ø', O: 'Ø', l: 'ł', L: 'Ł', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å',
  i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ', dj: 'đ', DJ: 'Đ',
  textendash: '–', textemdash: '—', textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“',
  textquotedblright: '”', guillemotleft: '«', guillemotright: '»', guillemetleft: '«', guillemetright: '»',
  flqq: '«', frqq: '»', S: '§', P: '¶', copyright: '©', textregistered: '®', texttrademark: '™',
  ldots: '…', dots: '…', textellipsis: '…', textbackslash: '\\', textasciitilde: '~', textunderscore: '_',
  textdegree: '°', textperiodcentered: '·', textbullet: '•', textdagger: '†', pounds: '£', euro: '€',
  LaTeX: 'LaTeX', TeX: 'TeX', BibTeX: 'BibTeX', textless: '<', textgreater: '>', textbar: '|', quad: ' ',
  qquad: ' ', space: ' ', nobreakspace: '\u00a0', textnumero: '№', textordfeminine: 'ª', textordmasculine: 'º',
  textexclamdown: '¡', textquestiondown: '¿', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', mu: 'μ', pi: 'π',
};
// Commands whose argument is not text (sorting hints): the argument goes too.
const DROP_ARGUMENT = new Set(['noopsort', 'sortname', 'nocite', 'label', 'index', 'hyphenation']);

const MAX_ACCENT_ARGUMENT = 24;
// Bounds the look-ahead for a dropped argument, so unclosed ones cannot make the pass quadratic.
const MAX_DROPPED_ARGUMENT = 512;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** End offset (after the closing brace) of the group opening at `open`, or -1 if not closed within `limit`. */
function groupEnd(s: string, open: number, limit: number): number {
  let depth = 0;
  const stop = Math.min(s.length, open + limit);
  for (let i = open; i < stop; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 123) depth++;
    else if (c === 125) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Places a combining mark after the first character of `text` (or alone when there is none). */
function withMark(text: string, mark: string): string {
  if (text.length === 0) return mark;
  const first = String.fromCodePoint(text.codePointAt(0) as number);
  // A dotless i or j under an accent is the ordinary letter (\"{\i} is ï).
  const base = first === 'ı' ? 'i' : first === 'ȷ' ? 'j' : first;
  return base + mark + text.slice(first.length);
}

/** Reads an accent's argument at `i`: `{x}`, `{\i}`, `\i` or one character. */
function readAccentArgument(s: string, i: number): { text: string; next: number } {
  let j = i;
  while (j < s.length && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) j++;
  if (j >= s.length) return { text: '', next: j };
  const c = s.charCodeAt(j);
  if (c === 123) {
    const end = groupEnd(s, j, MAX_ACCENT_ARGUMENT);
    if (end < 0) return { text: '', next: j + 1 };
    return { text: texToUnicode(s.slice(j + 1, end - 1), false), next: end };
  }
  if (c === 92 /* \ */) {
    let k = j + 1;
    while (k < s.length && isLetter(s.charCodeAt(k))) k++;
    const name = s.slice(j + 1, k);
    if (name in SYMBOLS) return { text: SYMBOLS[name], next: k };
    return { text: '', next: j };
  }
  if (c === 125) return { text: '', next: j };
  const cp = s.codePointAt(j) as number;
  const ch = String.fromCodePoint(cp);
  return { text: ch, next: j + ch.length };
}

/**
 * Converts a BibTeX field value to plain text. `normalizeSpace` collapses runs of white space (line breaks in
 * the .bib) to one space and trims.
 */
export function texToUnicode(s: string, normalizeSpace = true): string {
  if (!needsConversion(s)) return normalizeSpace ? s.trim() : s;
  let out = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 123 || c === 125 || c === 36 /* $ */) {
      i++;
      continue;
    }
    if (c === 92 /* \ */) {
      if (i + 1 >= n) {
        i++;
        continue;
      }
      const next = s[i + 1];
      if (next in SYMBOL_ACCENTS) {
        const arg = readAccentArgument(s, i + 2);
        out += withMark(arg.text, SYMBOL_ACCENTS[next]);
        i = arg.next;
        continue;
      }
      if (!isLetter(s.charCodeAt(i + 1))) {
        if (next === '\\' || next === ' ' || next === ',' || next === ';' || next === ':') out += ' ';
        else if (next !== '/' && next !== '-' && next !== '!') out += next; // \/ \- \! are hints: nothing
        i += 2;
        continue;
      }
      let k = i + 1;
      while (k < n && isLetter(s.charCodeAt(k))) k++;
      const name = s.slice(i + 1, k);
      // TeX swallows the spaces after a control word.
      let after = k;
      while (after < n && (s.charCodeAt(after) === 32 || s.charCodeAt(after) === 9)) after++;
      if (name in LETTER_ACCENTS) {
        const arg = readAccentArgument(s, after);
        out += withMark(arg.text, LETTER_ACCENTS[name]);
        i = arg.next;
        continue;
      }
      if (name in SYMBOLS) {
        // `\o{}`: the empty group only ends the control word.
        out += SYMBOLS[name];
        i = s.charCodeAt(after) === 123 && s.charCodeAt(after + 1) === 125 ? after + 2 : after;
        continue;
      }
      if ((DROP_ARGUMENT.has(name) || name === 'href') && s.charCodeAt(after) === 123) {
        // Sorting hints lose their argument; \href keeps its link text, not the address.
        const end = groupEnd(s, after, MAX_DROPPED_ARGUMENT);
        i = end < 0 ? after + 1 : end;
        continue;
      }
      // Formatting and unknown commands: drop the name, keep their argument text.
      i = after;
      continue;
    }
    if (c === 45 /* - */ && s.charCodeAt(i + 1) === 45) {
      const triple = s.charCodeAt(i + 2) === 45;
      out += triple ? '—' : '–';
      i += triple ? 3 : 2;
      continue;
    }
    if (c === 126 /* ~ */) {
      out += '\u00a0';
      i++;
      continue;
    }
    if (c === 96 /* ` */ && s.charCodeAt(i + 1) === 96) {
      out += '“';
      i += 2;
      continue;
    }
    if (c === 39 /* ' */ && s.charCodeAt(i + 1) === 39) {
      out += '”';
      i += 2;
      continue;
    }
    // Copy a run of ordinary characters at once.
    let k = i + 1;
    while (k < n && !SPECIAL[s.charCodeAt(k)]) k++;
    out += s.slice(i, k);
    i = k;
  }
  const result = out.normalize('NFC');
  return normalizeSpace ? result.replace(SPACE_RUN, ' ').trim() : result;
}

const SPACE_RUN = /[\s\u00a0]+/g;
// Characters that start something to convert: { } $ \ - ~ ` '
const SPECIAL = new Uint8Array(128);
for (const ch of '{}$\\-~`\'') SPECIAL[ch.charCodeAt(0)] = 1;

/** True when `s` holds TeX to convert or white space to collapse. */
function needsConversion(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && SPECIAL[c]) return true;
    if (c === 9 || c === 10 || c === 13 || c === 0xa0 || (c === 32 && s.charCodeAt(i + 1) === 32)) return true;
  }
  return false;
}

/** A verbatim field (URL, DOI, file): braces dropped, TeX escapes of URL characters undone, nothing else. */
export function verbatimValue(s: string): string {
  return s.replace(/[{}]/g, '').replace(/\\([_%&#~$])/g, '$1').trim();
}
