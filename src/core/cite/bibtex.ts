/**
 * BibTeX / biblatex files (as Zotero with Better BibTeX, JabRef or a hand exports them) to CSL items.
 *
 * Error tolerant and linear: a brace-aware scanner cuts the file into top-level `@type{…}` chunks, recovering at
 * the next line that starts an entry when a brace is missing; each chunk is parsed on its own, so a broken entry
 * is reported where it is and every good entry still loads. `@string` macros are collected first and are
 * available to every entry; `crossref` is resolved after all entries are read, whatever their order.
 */
import { LineMap } from '../text/lines';
import type { BibProblem, BibProblemCode, CslItem, CslName, LibraryEntry, ParsedBibliography } from './library';
import { cslDateFromEdtf, monthNumber } from './date';
import { texToUnicode, verbatimValue } from './tex';
import type { Severity } from '../types';

/** At most this many problems per file are listed; the rest are counted in one last problem. */
export const MAX_PROBLEMS_PER_FILE = 200;

interface Chunk {
  /** Lower-case entry type (`book`, `string`, `comment`). */
  type: string;
  /** Offset of `@`. */
  start: number;
  /** Offset after the opening delimiter. */
  bodyStart: number;
  /** Offset of the closing delimiter (or of the recovery point when unclosed). */
  bodyEnd: number;
  closed: boolean;
}

interface RawEntry {
  type: string;
  key: string;
  keyStart: number;
  keyEnd: number;
  /** Field name (lower case) → raw TeX value, in order; first definition wins. */
  fields: Map<string, string>;
}

class Problems {
  readonly list: BibProblem[] = [];
  private dropped = 0;
  constructor(
    private readonly uri: string,
    private readonly lines: LineMap,
  ) {}

  add(start: number, end: number, severity: Severity, code: BibProblemCode, message: string): void {
    if (this.list.length >= MAX_PROBLEMS_PER_FILE) {
      this.dropped++;
      return;
    }
    this.list.push({ uri: this.uri, range: this.lines.rangeOf(start, Math.max(start, end)), severity, code, message });
  }

  finish(): BibProblem[] {
    if (this.dropped > 0) {
      this.list.push({
        uri: this.uri,
        range: this.lines.rangeOf(0, 0),
        severity: 'warning',
        code: 'bib-too-many-problems',
        message: `${this.dropped} more problems in this file are not listed.`,
      });
    }
    return this.list;
  }
}

const AT = 64;
const LBRACE = 123;
const RBRACE = 125;
const LPAREN = 40;
const RPAREN = 41;
const QUOTE = 34;
const COMMA = 44;
const EQUALS = 61;
const HASH = 35;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0 || c === 0xfeff;
}

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 58;
}

/** Length of an `@type{` or `@type(` head at `i` (which is `@`), or 0. */
function entryHeadAt(text: string, i: number): { typeEnd: number; open: number } | undefined {
  let j = i + 1;
  while (j < text.length && isIdentChar(text.charCodeAt(j))) j++;
  if (j === i + 1) return undefined;
  const typeEnd = j;
  while (j < text.length && isSpace(text.charCodeAt(j))) j++;
  const c = text.charCodeAt(j);
  if (c !== LBRACE && c !== LPAREN) return undefined;
  return { typeEnd, open: j };
}

/** True when the line starting at `i` begins (after blanks) with an entry head: the place to recover at. */
function lineStartsEntry(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  return text.charCodeAt(j) === AT && entryHeadAt(text, j) !== undefined;
}

/** Cuts the file into top-level chunks. Linear: each character is looked at a bounded number of times. */
function scanChunks(text: string, problems: Problems): Chunk[] {
  const chunks: Chunk[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const at = text.indexOf('@', i);
    if (at < 0) break;
    const head = entryHeadAt(text, at);
    if (!head) {
      // Text outside entries is a comment in BibTeX; an `@word` not followed by `{` is worth a note.
      let j = at + 1;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      const word = text.slice(at + 1, j).toLowerCase();
      if (j > at + 1 && word !== 'comment' && (at === 0 || isSpace(text.charCodeAt(at - 1)))) {
        problems.add(at, j, 'warning', 'bib-syntax', `"@${text.slice(at + 1, j)}" is not followed by "{": ignored.`);
      }
      i = at + 1;
      continue;
    }
    const type = text.slice(at + 1, head.typeEnd).toLowerCase();
    const paren = text.charCodeAt(head.open) === LPAREN;
    let depth = 0;
    let j = head.open + 1;
    let bodyEnd = -1;
    let recovery = -1;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === LBRACE) depth++;
      else if (c === RBRACE) {
        if (depth === 0) {
          if (!paren) {
            bodyEnd = j;
            break;
          }
        } else depth--;
      } else if (c === RPAREN && paren && depth === 0) {
        bodyEnd = j;
        break;
      } else if ((c === 10 || c === 13) && lineStartsEntry(text, j + 1)) {
        recovery = j + 1;
        break;
      }
    }
    if (bodyEnd >= 0) {
      chunks.push({ type, start: at, bodyStart: head.open + 1, bodyEnd, closed: true });
      i = bodyEnd + 1;
    } else {
      const end = recovery >= 0 ? recovery : n;
      chunks.push({ type, start: at, bodyStart: head.open + 1, bodyEnd: end, closed: false });
      i = end;
    }
  }
  return chunks;
}

/** A parse failure inside one chunk. */
class ChunkError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** Reads `@type{key, field = value # value, …}` bodies over the original text, by offsets. */
class ChunkReader {
  pos: number;
  constructor(
    private readonly text: string,
    private readonly end: number,
    start: number,
    private readonly macros: Map<string, string>,
    private readonly onUndefinedMacro: (name: string, start: number, end: number) => void,
  ) {
    this.pos = start;
  }

  skipSpace(): void {
    while (this.pos < this.end && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.end;
  }

  peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  /** A field or macro name. */
  readName(): string {
    const start = this.pos;
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      if (isSpace(c) || c === EQUALS || c === COMMA || c === LBRACE || c === RBRACE || c === QUOTE || c === HASH) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  /** `value (# value)*` → the concatenated raw TeX. */
  readValue(): string {
    let out = '';
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.end) throw new ChunkError(this.pos, 'expected a value');
      out += this.readPart();
      this.skipSpace();
      if (this.pos < this.end && this.peek() === HASH) {
        this.pos++;
        continue;
      }
      return out;
    }
  }

  private readPart(): string {
    const c = this.peek();
    const start = this.pos;
    if (c === LBRACE) {
      let depth = 0;
      for (let i = this.pos; i < this.end; i++) {
        const d = this.text.charCodeAt(i);
        if (d === 92 /* \ */) {
          i++; // \{ and \} do not count
          continue;
        }
        if (d === LBRACE) depth++;
        else if (d === RBRACE && --depth === 0) {
          this.pos = i + 1;
          return this.text.slice(start + 1, i);
        }
      }
      throw new ChunkError(start, 'unbalanced braces: this value is never closed');
    }
    if (c === QUOTE) {
      let depth = 0;
      for (let i = this.pos + 1; i < this.end; i++) {
        const d = this.text.charCodeAt(i);
        if (d === 92) {
          i++;
          continue;
        }
        if (d === LBRACE) depth++;
        else if (d === RBRACE) depth--;
        else if (d === QUOTE && depth <= 0) {
          this.pos = i + 1;
          return this.text.slice(start + 1, i);
        }
      }
      throw new ChunkError(start, 'unterminated string: the closing " is missing');
    }
    if (c >= 48 && c <= 57) {
      while (this.pos < this.end && this.text.charCodeAt(this.pos) >= 48 && this.text.charCodeAt(this.pos) <= 57) this.pos++;
      return this.text.slice(start, this.pos);
    }
    const name = this.readName();
    if (name === '') throw new ChunkError(start, `expected a value, found "${this.text[start] ?? ''}"`);
    const value = this.macros.get(name.toLowerCase());
    if (value === undefined) {
      this.onUndefinedMacro(name, start, this.pos);
      return '';
    }
    return value;
  }
}

const PREDEFINED_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Parses a BibTeX or biblatex file into CSL entries and positioned problems. Never throws. */
export function parseBibtex(text: string, uri: string): ParsedBibliography {
  const lines = new LineMap(text);
  const problems = new Problems(uri, lines);
  try {
    return parseInner(text, uri, lines, problems);
  } catch (e) {
    // A bug here must not cost the writer every suggestion silently: report it and return what was read.
    problems.add(0, 0, 'error', 'bib-syntax', `Could not read this bibliography: ${e instanceof Error ? e.message : String(e)}`);
    return { entries: [], problems: problems.finish() };
  }
}

function parseInner(text: string, uri: string, lines: LineMap, problems: Problems): ParsedBibliography {
  const chunks = scanChunks(text, problems);
  const macros = new Map<string, string>();
  PREDEFINED_MONTHS.forEach((m) => macros.set(m.slice(0, 3), m[0].toUpperCase() + m.slice(1)));

  const reportUnclosed = (chunk: Chunk, what: string): void => {
    const headEnd = Math.min(text.length, chunk.bodyStart + 40);
    let stop = chunk.bodyStart;
    while (stop < headEnd && text.charCodeAt(stop) !== 10 && text.charCodeAt(stop) !== 13) stop++;
    problems.add(chunk.start, stop, 'error', 'bib-unclosed-entry', `${what} is not closed: a closing brace is missing before ${chunk.bodyEnd >= text.length ? 'the end of the file' : `line ${lines.positionAt(chunk.bodyEnd).line + 1}`}.`);
  };
  const undefinedMacro = (name: string, start: number, end: number): void => {
    problems.add(start, end, 'warning', 'bib-undefined-string', `"${name}" is not a defined @string; it is read as empty.`);
  };

  // 1. @string definitions, in order, available to every entry.
  for (const chunk of chunks) {
    if (chunk.type !== 'string') continue;
    if (!chunk.closed) reportUnclosed(chunk, '@string');
    const r = new ChunkReader(text, chunk.bodyEnd, chunk.bodyStart, macros, undefinedMacro);
    try {
      while (!r.atEnd()) {
        const name = r.readName();
        if (name === '') throw new ChunkError(r.pos, 'expected a macro name');
        r.skipSpace();
        if (r.peek() !== EQUALS || r.pos >= chunk.bodyEnd) throw new ChunkError(r.pos, `expected "=" after "${name}"`);
        r.pos++;
        const value = r.readValue();
        macros.set(name.toLowerCase(), value);
        r.skipSpace();
        if (r.pos < chunk.bodyEnd && r.peek() === COMMA) r.pos++;
      }
    } catch (e) {
      if (!(e instanceof ChunkError)) throw e;
      problems.add(e.offset, e.offset + 1, 'error', 'bib-syntax', `@string skipped: ${e.message}.`);
    }
  }

  // 2. Entries.
  const raws: RawEntry[] = [];
  const firstByKey = new Map<string, RawEntry>();
  for (const chunk of chunks) {
    if (chunk.type === 'string' || chunk.type === 'comment' || chunk.type === 'preamble') {
      if (!chunk.closed && chunk.type !== 'string') reportUnclosed(chunk, `@${chunk.type}`);
      continue;
    }
    const r = new ChunkReader(text, chunk.bodyEnd, chunk.bodyStart, macros, undefinedMacro);
    r.skipSpace();
    const keyStart = r.pos;
    while (r.pos < chunk.bodyEnd) {
      const c = text.charCodeAt(r.pos);
      if (c === COMMA || isSpace(c) || c === LBRACE || c === RBRACE || c === EQUALS || c === QUOTE) break;
      r.pos++;
    }
    const keyEnd = r.pos;
    const key = text.slice(keyStart, keyEnd);
    r.skipSpace();
    if (key === '' || (r.pos < chunk.bodyEnd && r.peek() === EQUALS)) {
      problems.add(chunk.start, chunk.bodyStart, 'error', 'bib-missing-key', `@${chunk.type} entry skipped: it has no citation key.`);
      continue;
    }
    const fields = new Map<string, string>();
    const entry: RawEntry = { type: chunk.type, key, keyStart, keyEnd, fields };
    try {
      if (r.pos < chunk.bodyEnd) {
        if (r.peek() !== COMMA) throw new ChunkError(r.pos, `expected "," after the key "${key}"`);
        r.pos++;
      }
      while (!r.atEnd()) {
        const nameStart = r.pos;
        const name = r.readName();
        if (name === '') throw new ChunkError(r.pos, `expected a field name, found "${text[r.pos]}"`);
        r.skipSpace();
        if (r.pos >= chunk.bodyEnd || r.peek() !== EQUALS) {
          throw new ChunkError(r.pos >= chunk.bodyEnd ? nameStart : r.pos, `expected "=" after the field name "${name}"`);
        }
        r.pos++;
        const value = r.readValue();
        const lower = name.toLowerCase();
        if (fields.has(lower)) {
          problems.add(nameStart, nameStart + name.length, 'warning', 'bib-duplicate-field', `Field "${name}" appears twice in "${key}"; the first value is used.`);
        } else fields.set(lower, value);
        r.skipSpace();
        if (r.pos < chunk.bodyEnd) {
          if (r.peek() !== COMMA) throw new ChunkError(r.pos, `expected "," between fields (after "${name}")`);
          r.pos++;
        }
      }
    } catch (e) {
      if (!(e instanceof ChunkError)) throw e;
      problems.add(e.offset, e.offset + 1, 'error', 'bib-syntax', `Entry "${key}" skipped: ${e.message}.`);
      if (!chunk.closed) reportUnclosed(chunk, `Entry "${key}"`);
      continue;
    }
    if (!chunk.closed) reportUnclosed(chunk, `Entry "${key}"`);
    const first = firstByKey.get(key);
    if (first) {
      problems.add(keyStart, keyEnd, 'warning', 'bib-duplicate-key', `Duplicate key "${key}": the entry on line ${lines.positionAt(first.keyStart).line + 1} is used, this one is ignored.`);
      continue;
    }
    firstByKey.set(key, entry);
    raws.push(entry);
  }

  // 3. crossref inheritance, then CSL.
  const entries: LibraryEntry[] = [];
  const resolved = new Map<string, Map<string, string>>();
  const resolving = new Set<string>();
  let byLowerKey: Map<string, RawEntry> | undefined;
  const findParent = (k: string): RawEntry | undefined => {
    const exact = firstByKey.get(k);
    if (exact) return exact;
    // BibTeX compares crossref keys without regard to case.
    if (!byLowerKey) {
      byLowerKey = new Map();
      for (const [key, raw] of firstByKey) if (!byLowerKey.has(key.toLowerCase())) byLowerKey.set(key.toLowerCase(), raw);
    }
    return byLowerKey.get(k.toLowerCase());
  };
  const resolve = (raw: RawEntry): Map<string, string> => {
    const done = resolved.get(raw.key);
    if (done) return done;
    const parentKey = raw.fields.get('crossref')?.trim();
    if (!parentKey || resolving.has(raw.key)) return raw.fields;
    const parent = findParent(parentKey);
    if (!parent) {
      problems.add(raw.keyStart, raw.keyEnd, 'warning', 'bib-missing-crossref', `"${raw.key}" inherits from "${parentKey}" (crossref), which is not in this file.`);
      resolved.set(raw.key, raw.fields);
      return raw.fields;
    }
    resolving.add(raw.key);
    const parentFields = resolve(parent);
    resolving.delete(raw.key);
    const merged = inherit(raw, parent.type, parentFields);
    resolved.set(raw.key, merged);
    return merged;
  };
  for (const raw of raws) {
    const fields = raw.fields.has('crossref') ? resolve(raw) : raw.fields;
    const item = toCsl(raw.key, raw.type, fields);
    const entry: LibraryEntry = { key: raw.key, item, origin: { uri, range: lines.rangeOf(raw.keyStart, raw.keyEnd) } };
    const ids = fields.get('ids');
    if (ids) {
      const aliases = verbatimValue(ids).split(/[\s,]+/).filter((a) => a && a !== raw.key);
      if (aliases.length) entry.aliases = aliases;
    }
    entries.push(entry);
  }
  return { entries, problems: problems.finish() };
}


const NOT_INHERITED = new Set(['ids', 'crossref', 'xref', 'entryset', 'label', 'shorthand', 'sortkey', 'keywords', 'file', 'abstract', 'note']);
const PART_TYPES = new Set(['incollection', 'inproceedings', 'inbook', 'bookinbook', 'suppbook', 'suppcollection', 'conference', 'inreference']);

/** biblatex-style inheritance: the child keeps its fields; the parent's title becomes its book title. */
function inherit(child: RawEntry, _parentType: string, parent: Map<string, string>): Map<string, string> {
  const merged = new Map(child.fields);
  const isPart = PART_TYPES.has(child.type);
  for (const [name, value] of parent) {
    if (NOT_INHERITED.has(name)) continue;
    if (name === 'title') {
      const target = isPart ? 'booktitle' : 'maintitle';
      if (!merged.has(target)) merged.set(target, value);
      continue;
    }
    if (name === 'author' && isPart) {
      if (!merged.has('bookauthor')) merged.set('bookauthor', value);
      if (!merged.has('author') && !merged.has('editor')) merged.set('author', value);
      continue;
    }
    if (!merged.has(name)) merged.set(name, value);
  }
  return merged;
}

const TYPE_MAP: Record<string, string> = {
  article: 'article-journal', book: 'book', mvbook: 'book', booklet: 'pamphlet', collection: 'book',
  mvcollection: 'book', proceedings: 'book', mvproceedings: 'book', reference: 'book', mvreference: 'book',
  incollection: 'chapter', inbook: 'chapter', bookinbook: 'chapter', suppbook: 'chapter', suppcollection: 'chapter',
  inproceedings: 'paper-conference', conference: 'paper-conference', inreference: 'entry-encyclopedia',
  manual: 'book', mastersthesis: 'thesis', phdthesis: 'thesis', thesis: 'thesis', techreport: 'report',
  report: 'report', online: 'webpage', electronic: 'webpage', www: 'webpage', misc: 'document',
  unpublished: 'manuscript', patent: 'patent', periodical: 'periodical', dataset: 'dataset', software: 'software',
  letter: 'personal_communication', newsarticle: 'article-newspaper', movie: 'motion_picture', video: 'motion_picture',
  audio: 'song', music: 'song', artwork: 'graphic', image: 'graphic', legislation: 'legislation', legal: 'legislation',
  jurisdiction: 'legal_case', review: 'review', standard: 'standard', map: 'map', interview: 'interview',
  performance: 'performance', speech: 'speech',
};

/** The CSL item type of a BibTeX/biblatex entry type. */
export function cslTypeOf(bibType: string, entrySubtype?: string): string {
  const t = bibType.toLowerCase();
  if (t === 'article' && entrySubtype) {
    const sub = entrySubtype.toLowerCase();
    if (sub === 'magazine') return 'article-magazine';
    if (sub === 'newspaper') return 'article-newspaper';
  }
  return TYPE_MAP[t] ?? 'document';
}

/** Splits at depth-0 occurrences of a separator test; returns raw pieces. */
function splitTopLevel(raw: string, isSeparatorAt: (s: string, i: number) => number): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 92) {
      i++;
      continue;
    }
    if (c === LBRACE) depth++;
    else if (c === RBRACE) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const len = isSeparatorAt(raw, i);
      if (len > 0) {
        out.push(raw.slice(start, i));
        start = i + len;
        i = start - 1;
      }
    }
  }
  out.push(raw.slice(start));
  return out;
}

/** Length of a ` and ` separator (any white space, any case) at `i`, or 0. */
function andAt(s: string, i: number): number {
  if (!isSpace(s.charCodeAt(i))) return 0;
  let j = i;
  while (j < s.length && isSpace(s.charCodeAt(j))) j++;
  if ((s.charCodeAt(j) | 32) !== 97 || (s.charCodeAt(j + 1) | 32) !== 110 || (s.charCodeAt(j + 2) | 32) !== 100) return 0;
  if (!isSpace(s.charCodeAt(j + 3))) return 0;
  let k = j + 3;
  while (k < s.length && isSpace(s.charCodeAt(k))) k++;
  return k - i;
}

const commaAt = (s: string, i: number): number => (s.charCodeAt(i) === COMMA ? 1 : 0);
const spaceAt = (s: string, i: number): number => {
  const c = s.charCodeAt(i);
  return isSpace(c) || c === 126 /* ~ */ ? 1 : 0;
};

/** True for a von-part word: its first letter at brace depth 0 is lower case (`{\"u}ber`, `van`, `de`). */
function isLowerWord(word: string): boolean {
  let depth = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === LBRACE) {
      // `{\"u}…`: a special character; its case decides. A plain `{Word}` is protected: not von.
      if (depth === 0 && word.charCodeAt(i + 1) === 92) {
        const t = texToUnicode(word.slice(i, i + 8));
        return t.length > 0 && t[0] !== t[0].toUpperCase();
      }
      depth++;
      continue;
    }
    if (c === RBRACE) {
      depth--;
      continue;
    }
    if (depth > 0) continue;
    const ch = word[i];
    if (ch.toLowerCase() !== ch.toUpperCase()) return ch === ch.toLowerCase();
  }
  return false;
}

function words(part: string): string[] {
  return splitTopLevel(part.trim(), spaceAt).filter((w) => w.length > 0);
}

function joinTex(ws: string[]): string {
  return texToUnicode(ws.join(' '));
}

/** One BibTeX name (`von Last, Jr, First` or `First von Last`; `{Literal Name}`) as a CSL name. */
export function parseBibtexName(raw: string): CslName | undefined {
  const name = raw.trim();
  if (name === '') return undefined;
  if (name.startsWith('{') && name.endsWith('}') && splitTopLevel(name, spaceAt).length === 1 && !name.startsWith('{\\')) {
    const literal = texToUnicode(name);
    return literal ? { literal } : undefined;
  }
  const parts = splitTopLevel(name, commaAt).map((p) => p.trim());
  let first: string[] = [];
  let vonLast: string[];
  let jr: string[] = [];
  if (parts.length === 1) {
    const ws = words(parts[0]);
    let vonStart = -1;
    let vonEnd = -1;
    for (let i = 0; i < ws.length - 1; i++) {
      if (isLowerWord(ws[i])) {
        if (vonStart < 0) vonStart = i;
        vonEnd = i;
      }
    }
    if (vonStart < 0) {
      first = ws.slice(0, -1);
      vonLast = ws.slice(-1);
    } else {
      first = ws.slice(0, vonStart);
      vonLast = ws.slice(vonStart);
      return buildName(first, vonLast.slice(0, vonEnd - vonStart + 1), vonLast.slice(vonEnd - vonStart + 1), jr);
    }
  } else {
    vonLast = words(parts[0]);
    if (parts.length >= 3) {
      jr = words(parts[1]);
      first = words(parts.slice(2).join(','));
    } else first = words(parts[1]);
  }
  let vonEnd = -1;
  for (let i = 0; i < vonLast.length - 1; i++) if (isLowerWord(vonLast[i])) vonEnd = i;
  // Only a leading run of lower-case words is a von part ("de la Fontaine"), not "Van Goudoever".
  let leading = 0;
  while (leading <= vonEnd && isLowerWord(vonLast[leading])) leading++;
  const vonCount = leading > 0 ? vonEnd + 1 : 0;
  return buildName(first, vonLast.slice(0, vonCount), vonLast.slice(vonCount), jr);
}

function buildName(first: string[], von: string[], last: string[], jr: string[]): CslName | undefined {
  const family = joinTex(last);
  const given = joinTex(first);
  if (!family) return given ? { literal: given } : undefined;
  const n: CslName = { family };
  if (given) n.given = given;
  if (von.length) n['non-dropping-particle'] = joinTex(von);
  if (jr.length) n.suffix = joinTex(jr);
  return n;
}

/** A BibTeX name list (`A and B and others`) as CSL names; `others` is left out. */
export function parseBibtexNames(raw: string): CslName[] {
  const out: CslName[] = [];
  for (const piece of splitTopLevel(raw.trim(), andAt)) {
    if (piece.trim().toLowerCase() === 'others') continue;
    const n = parseBibtexName(piece);
    if (n) out.push(n);
  }
  return out;
}

/** A literal list (`publisher = {A and B}` in biblatex) joined for CSL. */
function literalList(raw: string): string {
  return splitTopLevel(raw.trim(), andAt)
    .map((p) => texToUnicode(p))
    .filter((p) => p && p.toLowerCase() !== 'others')
    .join('; ');
}

const NAME_FIELDS: Record<string, string> = {
  author: 'author', editor: 'editor', translator: 'translator', bookauthor: 'container-author',
  director: 'director', collaborator: 'contributor', commentator: 'contributor', holder: 'author',
};
const VERBATIM_FIELDS: Record<string, string> = { url: 'URL', doi: 'DOI', isbn: 'ISBN', issn: 'ISSN', eprint: 'eprint' };
const TEXT_FIELDS: Record<string, string> = {
  shorttitle: 'title-short', volume: 'volume', edition: 'edition', note: 'note', abstract: 'abstract',
  series: 'collection-title', chapter: 'chapter-number', eventtitle: 'event-title', venue: 'event-place',
  howpublished: 'medium', type: 'genre', language: 'language', langid: 'language', volumes: 'number-of-volumes',
  pagetotal: 'number-of-pages', version: 'version', keywords: 'keyword', annotation: 'annote', annote: 'annote',
  archive: 'archive', archiveprefix: 'archive', library: 'call-number', origtitle: 'original-title',
};

const NAME_FIELD_LIST = Object.entries(NAME_FIELDS);
const TEXT_FIELD_LIST = Object.entries(TEXT_FIELDS);
const VERBATIM_FIELD_LIST = Object.entries(VERBATIM_FIELDS);

function toCsl(key: string, bibType: string, fields: Map<string, string>): CslItem {
  const tex = (name: string): string | undefined => {
    const v = fields.get(name);
    if (v === undefined) return undefined;
    const t = texToUnicode(v);
    return t === '' ? undefined : t;
  };
  const type = cslTypeOf(bibType, tex('entrysubtype'));
  const item: CslItem = { id: key, type };
  for (const [name, cslName] of NAME_FIELD_LIST) {
    const v = fields.get(name);
    if (v === undefined || item[cslName] !== undefined) continue;
    const names = parseBibtexNames(v);
    if (names.length) item[cslName] = names;
  }
  let title = tex('title');
  const subtitle = tex('subtitle');
  if (title && subtitle) title = `${title}${/[?!:.]$/.test(title) ? '' : ':'} ${subtitle}`;
  if (title) item.title = title;

  const container = tex('journaltitle') ?? tex('journal') ?? tex('booktitle') ?? tex('maintitle');
  if (container) item['container-title'] = container;
  else if (type === 'webpage') {
    const site = tex('organization');
    if (site) item['container-title'] = site;
  }
  const publisher = fields.get('publisher') ?? (type === 'thesis' ? fields.get('school') ?? fields.get('institution') : undefined)
    ?? (type === 'report' ? fields.get('institution') : undefined) ?? fields.get('organization');
  if (publisher !== undefined && !(type === 'webpage' && publisher === fields.get('organization'))) {
    const p = literalList(publisher);
    if (p) item.publisher = p;
  }
  const place = fields.get('location') ?? fields.get('address');
  if (place !== undefined) {
    const p = literalList(place);
    if (p) item['publisher-place'] = p;
  }
  const pages = tex('pages');
  if (pages) item.page = pages.split(/[-–]+/).map((p) => p.trim()).join('–');
  const number = tex('number');
  if (number) item[type === 'article-journal' || type === 'article-magazine' || type === 'article-newspaper' ? 'issue' : 'number'] = number;
  const issue = tex('issue');
  if (issue) item.issue = issue;
  for (const [name, cslName] of TEXT_FIELD_LIST) {
    if (item[cslName] !== undefined) continue;
    const v = tex(name);
    if (v) item[cslName] = v;
  }
  for (const [name, cslName] of VERBATIM_FIELD_LIST) {
    const v = fields.get(name);
    if (v === undefined) continue;
    const clean = verbatimValue(v);
    if (clean) item[cslName] = cslName === 'DOI' ? clean.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '') : clean;
  }
  const issued = issuedOf(fields);
  if (issued) item.issued = issued;
  const urldate = fields.get('urldate');
  if (urldate) {
    const d = cslDateFromEdtf(verbatimValue(urldate));
    if (d) item.accessed = d;
  }
  const origdate = fields.get('origdate');
  if (origdate) {
    const d = cslDateFromEdtf(verbatimValue(origdate));
    if (d) item['original-date'] = d;
  }
  const eventdate = fields.get('eventdate');
  if (eventdate) {
    const d = cslDateFromEdtf(verbatimValue(eventdate));
    if (d) item['event-date'] = d;
  }
  return item;
}

/** `date` (biblatex, EDTF-like) or `year` + `month` (BibTeX) as a CSL date. */
function issuedOf(fields: Map<string, string>): CslItem['issued'] {
  const date = fields.get('date');
  if (date !== undefined) {
    const d = cslDateFromEdtf(verbatimValue(date));
    if (d) return d;
  }
  const yearRaw = fields.get('year');
  if (yearRaw === undefined) return undefined;
  const year = texToUnicode(yearRaw);
  const m = /^(-?\d{1,4})(?!\d)/.exec(year);
  if (!m) return year ? { literal: year } : undefined;
  const parts = [Number(m[1])];
  const monthRaw = fields.get('month');
  if (monthRaw !== undefined) {
    const month = monthNumber(texToUnicode(monthRaw));
    if (month) {
      parts.push(month);
      const day = fields.get('day');
      const dn = day !== undefined ? Number(texToUnicode(day)) : NaN;
      if (Number.isInteger(dn) && dn >= 1 && dn <= 31) parts.push(dn);
    }
  }
  return { 'date-parts': [parts] };
}
