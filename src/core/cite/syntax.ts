/**
 * Citation SYNTAX in Pandoc Markdown (Quarto, R Markdown) and LaTeX: where keys are cited, and what the writer is
 * typing at the cursor. Bibliographies (what the keys mean) live elsewhere.
 */
import { keyWordCharLength, isKeyPunctuation } from '../text/citekey';
import { CITATION, OPAQUE, dialectOf, scanDocument } from '../text/markup';

export type CitationSyntax = 'pandoc' | 'pandoc-intext' | 'latex';

/** One cited key, with the citation group it belongs to. Offsets are UTF-16 offsets into the document. */
export interface CitationRef {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** The whole citation: `[see @a, p. 3; @b]`, `@a [p. 3]`, `\textcite[see][3]{a,b}`. */
  groupStart: number;
  groupEnd: number;
  syntax: CitationSyntax;
  /** LaTeX command name without the backslash (`parencite`, `Textcite`, `cites`). */
  command?: string;
  /** Pandoc `[-@key]`: the author's name is not repeated. */
  suppressAuthor?: boolean;
  /** Leading page or other locator of the suffix/postnote (`pp. 33–35`, `chap. 1`, `{iv}` without braces). */
  locator?: string;
  /** Pandoc prefix (`see`) or LaTeX prenote. */
  prefix?: string;
  /** Text after the locator (Pandoc suffix, LaTeX postnote), when there is any. */
  suffix?: string;
}

/** What the writer is typing at the cursor when it is a citation key. */
export interface CitationContext {
  /** The part of the key before the cursor. */
  prefix: string;
  /** Range a chosen key replaces: the whole key under the cursor. */
  replaceStart: number;
  replaceEnd: number;
  syntax: CitationSyntax;
  command?: string;
  /** Pandoc `@{…}` form. */
  braced?: boolean;
}

/** Every citation key in a document, in order; skips code, math, comments, URLs and e-mail addresses. */
export function findCitations(text: string, languageId: string): CitationRef[] {
  if (typeof text !== 'string' || dialectOf(languageId) === 'plaintext') return [];
  return scanDocument(text, languageId).citations;
}

const MAX_LOOKBACK = 400;

/** Is the character at i part of a bare Pandoc key (letters, digits, `_`, key punctuation)? */
function isBareKeyChar(text: string, i: number): boolean {
  return keyWordCharLength(text, i) > 0 || isKeyPunctuation(text.charCodeAt(i)) || isLowSurrogateOfLetter(text, i);
}

function isLowSurrogateOfLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff && i > 0 && keyWordCharLength(text, i - 1) === 2;
}

/** The citation key being typed at `offset`, for completion; undefined when the cursor is not in one. */
export function citationContextAt(text: string, offset: number, languageId: string): CitationContext | undefined {
  if (typeof text !== 'string' || !Number.isInteger(offset) || offset < 0 || offset > text.length) return undefined;
  const dialect = dialectOf(languageId);
  if (dialect === 'markdown') return pandocContext(text, offset, languageId);
  if (dialect === 'latex') return latexContext(text, offset, languageId);
  return undefined;
}

function pandocContext(text: string, offset: number, languageId: string): CitationContext | undefined {
  const floor = Math.max(0, offset - MAX_LOOKBACK);
  // Braced key `@{…`: anything but braces and line breaks.
  let b = offset;
  while (b > floor) {
    const c = text.charCodeAt(b - 1);
    if (c === 123 || c === 125 || c === 10 || c === 13) break;
    b--;
  }
  let at: number;
  let braced = false;
  let start: number;
  if (b > 0 && text.charCodeAt(b - 1) === 123 && text.charCodeAt(b - 2) === 64) {
    braced = true;
    at = b - 2;
    start = b;
  } else {
    start = offset;
    while (start > floor && isBareKeyChar(text, start - 1)) start--;
    // Key punctuation before the key's first letter is not part of it (`(@` is fine, `.@` is not a citation).
    while (start < offset && isKeyPunctuation(text.charCodeAt(start))) start++;
    at = start - 1;
    if (at < 0 || text.charCodeAt(at) !== 64) return undefined;
  }
  if (at > 0) {
    const prev = text.charCodeAt(at - 1);
    const ok = prev === 32 || prev === 9 || prev === 10 || prev === 13 || prev === 91 || prev === 59 || prev === 40 ||
      prev === 0xa0 || (prev === 45 && (at < 2 || /[\s[;]/.test(text.charAt(at - 2))));
    if (!ok) return undefined;
  }
  // Not in code, math, comments, URLs or front matter.
  const kinds = scanDocument(text, languageId).kinds;
  if (kinds[at] === OPAQUE) return undefined;
  let end = offset;
  if (braced) {
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 125 || c === 123 || c === 10 || c === 13) break;
      end++;
    }
  } else {
    while (end < text.length && isBareKeyChar(text, end)) end++;
    while (end > offset && isKeyPunctuation(text.charCodeAt(end - 1))) end--;
  }
  const ctx: CitationContext = {
    prefix: text.slice(start, offset), replaceStart: start, replaceEnd: end, syntax: at > 0 && insideBracket(text, at) ? 'pandoc' : 'pandoc-intext',
  };
  if (braced) ctx.braced = true;
  return ctx;
}

/** Whether an `@` sits inside an open `[` on its line (a bracketed citation being written). */
function insideBracket(text: string, at: number): boolean {
  const floor = Math.max(0, at - MAX_LOOKBACK);
  for (let i = at - 1; i >= floor; i--) {
    const c = text.charCodeAt(i);
    if (c === 91) return true;
    if (c === 93 || c === 10 || c === 13) return false;
  }
  return false;
}

function latexContext(text: string, offset: number, languageId: string): CitationContext | undefined {
  const floor = Math.max(0, offset - MAX_LOOKBACK);
  // Back to the `{` of the key list; keys do not hold braces, `%` or backslashes.
  let open = offset - 1;
  while (open >= floor) {
    const c = text.charCodeAt(open);
    if (c === 123) break;
    if (c === 125 || c === 92 || c === 37 || c === 91 || c === 93) return undefined;
    open--;
  }
  if (open < floor || text.charCodeAt(open) !== 123) return undefined;
  // Before `{`: optional `[…]`/`(…)` arguments, earlier `{…}` key lists (multi-cites), a star, the command name.
  let p = open;
  for (let guard = 0; guard < 16; guard++) {
    let q = p;
    while (q > floor && /\s/.test(text.charAt(q - 1))) q--;
    const c = text.charCodeAt(q - 1);
    const opener = c === 93 ? '[' : c === 41 ? '(' : c === 125 ? '{' : '';
    if (!opener) {
      p = q;
      break;
    }
    const o = text.lastIndexOf(opener, q - 2);
    if (o < floor) return undefined;
    p = o;
  }
  if (text.charCodeAt(p - 1) === 42) p--;
  let nameStart = p;
  while (nameStart > floor && /[A-Za-z]/.test(text.charAt(nameStart - 1))) nameStart--;
  const name = text.slice(nameStart, p);
  if (nameStart < 1 || text.charCodeAt(nameStart - 1) !== 92 || !name.toLowerCase().includes('cite')) return undefined;
  const kinds = scanDocument(text, languageId).kinds;
  if (kinds[nameStart - 1] !== CITATION && kinds[nameStart - 1] !== 1) return undefined;
  let start = offset;
  while (start > open + 1 && !isKeySeparator(text.charCodeAt(start - 1))) start--;
  let end = offset;
  while (end < text.length && !isKeySeparator(text.charCodeAt(end)) && text.charCodeAt(end) !== 125) end++;
  return { prefix: text.slice(start, offset), replaceStart: start, replaceEnd: end, syntax: 'latex', command: name };
}

function isKeySeparator(c: number): boolean {
  return c === 44 || c === 123 || c === 125 || c === 32 || c === 9 || c === 10 || c === 13 || c === 37;
}
