/**
 * Date expressions as historians write them in prose ("31 October 1961", "the winter of 1956–57", "c. 1962",
 * "1953–64", "25 October 1917 O.S."), found by a hand-written tokenizer and a small recursive-descent grammar.
 *
 * Precision first: a number is a date only when nothing around it says otherwise. Locators ("p. 33",
 * "pp. 1957–64"), quantities ("1,200 prisoners", "1956 delegates"), numbers glued to letters or to other digits
 * ("1956a", "19:56", "978-1956-…"), 8-digit runs and bare years outside 1000–2199 are not dates.
 *
 * Cost is linear in the text: every grammar rule looks ahead a bounded number of tokens from where it starts.
 */
import { type DateInterval, type Precision, coarser } from './interval';
import { type CalendarName, calendarToDayNumber, isValidCalendarDate, monthLength } from './calendar';

/** A half-open span of UTF-16 offsets into the scanned text. */
export interface TextSpan {
  start: number;
  end: number;
}

export type DateExpressionKind = 'year' | 'month' | 'day' | 'range' | 'season' | 'part' | 'decade' | 'century';

/** How a date was written, so that a replacement can be written the same way. */
export interface DateStyle {
  /** Day–month–year, month–day–year, ISO `1961-10-31`, dotted `31.10.1961`, or a year alone. */
  order: 'dmy' | 'mdy' | 'iso' | 'dotted' | 'year';
  /** `October`, `Oct`, `Oct.` */
  monthForm?: 'long' | 'short' | 'short-dot';
  /** `25th` rather than `25`. */
  ordinal?: boolean;
  /** `1961` or `'61`. */
  yearForm?: 'full' | 'apostrophe';
  /** Starts with "the": "the 1950s", "the 25th of February 1956", "the winter of 1956–57". */
  article?: boolean;
  /** "of" between the parts: "the 25th of February", "autumn of 1956", "October of 1961". */
  of?: boolean;
  /** mdy with a comma before the year: "October 31, 1961". */
  comma?: boolean;
  /** Zero-padded numbers in iso/dotted forms: "05.03.1953" rather than "5.3.1953". */
  padded?: boolean;
  /** The first letter was upper case ("The 1950s", "Early 1962"). */
  capitalized?: boolean;
  /** Ranges: the separator exactly as written ("–", " – ", "-", " to ", " and "). */
  separator?: string;
  /** Ranges of years: "1953–64" (short) or "1953–1964" (full). */
  endYearForm?: 'full' | 'short';
  /** Parts: early, mid or late, and of what. */
  part?: 'early' | 'mid' | 'late';
  partOf?: 'month' | 'year' | 'decade' | 'century';
  /** Seasons: the season word as written ("fall" rather than "autumn"). */
  season?: 'spring' | 'summer' | 'autumn' | 'fall' | 'winter';
  /** "the night of 31 October–1 November 1961". */
  night?: boolean;
}

/** What the words around a date add to it. */
export interface DateQualifiers {
  /** "c.", "ca.", "circa", "around", "about", "approximately", "roughly"; also seasons and early/mid/late. */
  approximate?: boolean;
  /** "probably", "perhaps", "possibly", and readings that are ambiguous ("the winter of 1956", "the 1900s"). */
  uncertain?: boolean;
  /** A weekday written before the date: 0 = Sunday … 6 = Saturday. */
  weekday?: number;
  /** A calendar mark after the date ("O.S.", "(New Style)"): the numbers are read in that calendar. */
  calendar?: CalendarName;
  /**
   * A word just before the expression that makes it a bound rather than the time of the event ("after 1956",
   * "since 1953", "by 1961", "until 1964", "pre-1956"). Not part of the expression's span.
   */
  relation?: 'before' | 'after' | 'since' | 'until' | 'by';
}

/** One end of a range, as written. */
export interface DateExpressionPart {
  start: number;
  end: number;
  text: string;
  /** The end's interval, completed from the other end ("14" in "14–25 February 1956" is 14 February 1956). */
  interval: DateInterval;
  /** The year digits of this end, when this end writes a year. */
  yearSpan?: TextSpan;
}

/** A date written in prose, with where it is, what it means, and how it was written. */
export interface DateExpression {
  /** Offsets into the scanned text; `text` is `text.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  interval: DateInterval;
  kind: DateExpressionKind;
  style: DateStyle;
  qualifiers: DateQualifiers;
  /** The date proper: without a leading qualifier ("c. "), weekday ("Thursday, ") or trailing calendar mark. */
  dateSpan: TextSpan;
  /**
   * The year digits, when the expression writes exactly one year ("1961", "61" of "'61", "1956" of
   * "14–25 February 1956"). Ranges writing two years carry one per part instead.
   */
  yearSpan?: TextSpan;
  /** The weekday word(s), when a weekday was written. */
  weekdaySpan?: TextSpan;
  /** The calendar mark including brackets, when one was written. */
  calendarSpan?: TextSpan;
  /** Ranges: the two ends, so that a fix can replace just the wrong one. */
  parts?: [DateExpressionPart, DateExpressionPart];
}

/** Options of {@link findDateExpressions}. */
export interface FindDateOptions {
  /**
   * The century apostrophe years belong to ("'61" → 1961 with the default 1900). `null` ignores apostrophe
   * years altogether.
   */
  century?: number | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

/** A word list keyed by lower-case word, without a prototype: "constructor" or "toString" in prose is no entry. */
function vocabulary<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

const MONTHS: Record<string, { m: number; form: 'long' | 'short' }> = Object.create(null);
['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
  .forEach((name, i) => { MONTHS[name] = { m: i + 1, form: 'long' }; });
for (const [abbr, m] of [['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['jun', 6], ['jul', 7], ['aug', 8], ['sep', 9], ['sept', 9], ['oct', 10], ['nov', 11], ['dec', 12]] as const) {
  MONTHS[abbr] = { m, form: 'short' };
}

const WEEKDAYS: Record<string, number> = vocabulary({
  sunday: 0, sun: 0, monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3,
  thursday: 4, thu: 4, thur: 4, thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6,
});

const SEASONS: Record<string, 'spring' | 'summer' | 'autumn' | 'fall' | 'winter'> = vocabulary({
  spring: 'spring', summer: 'summer', autumn: 'autumn', fall: 'fall', winter: 'winter',
});

const APPROXIMATE = new Set(['circa', 'around', 'about', 'approximately', 'roughly']);
const APPROXIMATE_DOTTED = new Set(['c', 'ca', 'approx']);
const UNCERTAIN = new Set(['probably', 'perhaps', 'possibly']);

const RELATIONS: Record<string, DateQualifiers['relation']> = vocabulary({
  before: 'before', after: 'after', since: 'since', until: 'until', till: 'until', til: 'until', by: 'by',
  following: 'after', from: 'since', pre: 'before', post: 'after',
});

/** The words a date may begin with (lower case): any other word starts none, and the scanner passes it by. */
const FIRST_WORDS = new Set([
  ...Object.keys(MONTHS), ...Object.keys(WEEKDAYS), ...Object.keys(SEASONS), ...APPROXIMATE, ...APPROXIMATE_DOTTED, ...UNCERTAIN,
  'the', 'early', 'mid', 'middle', 'late', 'from', 'between', 'twenty',
]);

/** Counting nouns and units: a year-like number right before one of these is a quantity. */
const QUANTITY_WORDS = new Set([
  'people', 'persons', 'person', 'men', 'women', 'children', 'soldiers', 'troops', 'officers', 'prisoners', 'inmates',
  'delegates', 'deputies', 'members', 'votes', 'voters', 'copies', 'tons', 'tonnes', 'ton', 'km', 'kilometres',
  'kilometers', 'miles', 'mi', 'metres', 'meters', 'm', 'ft', 'feet', 'kg', 'kilograms', 'cm', 'mm', 'ha', 'hectares',
  'acres', 'dollars', 'rubles', 'roubles', 'francs', 'pounds', 'euros', 'marks', 'pages', 'words', 'casualties',
  'deaths', 'dead', 'victims', 'workers', 'peasants', 'students', 'families', 'cases', 'houses', 'books', 'articles',
  'letters', 'signatures', 'households', 'villages', 'years', 'days', 'hours', 'hrs', 'minutes', 'items', 'units',
  'camps', 'tanks', 'aircraft', 'planes', 'guns', 'ships', 'names', 'documents', 'files', 'entries', 'titles',
  'inhabitants', 'residents', 'refugees', 'exiles', 'arrests', 'executions', 'participants', 'employees', 'points',
  'percent', 'per', 'times', 'rounds', 'km²', 'sq', 'square', 'of',
]);

/** Abbreviations that introduce a locator when written with a dot: the number after them is a page, volume, file… */
const LOCATOR_ABBREVIATIONS = new Set([
  'p', 'pp', 'pg', 'chap', 'chaps', 'ch', 'vol', 'vols', 'no', 'nos', 'nr', 'art', 'arts', 'fol', 'fols', 'ff', 'fig',
  'figs', 'tab', 'n', 'nn', 'para', 'paras', 'sec', 'sect', 'l', 'll', 'col', 'cols', 'op', 'ser', 'pt', 'bk', 'pl',
  'iss', 'inv', 'cat', 'ms', 'mss', 'r', 'v', 'vv', 'tel', 'doc', 'sig',
]);
/** Nouns that introduce a locator with or without a dot ("page 33", "chapter 19", "ISBN 978…"). */
const LOCATOR_NOUNS = new Set([
  'page', 'pages', 'chapter', 'chapters', 'volume', 'volumes', 'number', 'numbers', 'footnote', 'footnotes', 'note',
  'notes', 'section', 'sections', 'paragraph', 'paragraphs', 'line', 'lines', 'folio', 'folios', 'column', 'columns',
  'table', 'figure', 'item', 'box', 'reel', 'fond', 'opis', 'delo', 'isbn', 'issn', 'phone', 'fax', 'tel', 'room',
  'flight', 'route', 'verse', 'plate', 'catalogue', 'inventory', 'file', 'folder', 'no', 'nos', 'nr',
]);
/** Ambiguous one-letter abbreviations (d. = died or delo, f. = fond or folio): locators only inside a locator list. */
const LIST_LOCATORS = new Set(['d', 'f', 'k', 'l']);
const LOCATOR_SIGNS = new Set(['§', '¶', '#', '№']);

const CENTURY_WORDS: Record<string, number> = vocabulary({
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16,
  seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
});

for (const w of Object.keys(CENTURY_WORDS)) FIRST_WORDS.add(w);

/** Words after "from DATE" that make it the start of a stretch of time rather than the time of the event. */
const FROM_RUNS_ON = new Set(['on', 'onward', 'onwards', 'forward', 'forwards', 'to', 'until', 'till', 'til', 'through', 'thru']);

const DASHES = new Set(['-', '–', '—', '‐', '‑', '‒', '−']);
const APOSTROPHES = new Set(["'", '’', 'ʼ', '‘']);
const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th', 'd']);

// ---------------------------------------------------------------------------------------------------------------
// Tokens

type TokenKind = 'num' | 'word' | 'space' | 'punct';

interface Token {
  k: TokenKind;
  s: number;
  e: number;
  /** Raw text (punct, num, word). */
  raw: string;
  /** Lower-cased word. */
  low: string;
  /** Newlines in a space token. */
  nl: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpaceCode(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

const WORDISH = /[\p{L}\p{M}\p{N}]/u;

/** Length (1 or 2) of the word character at i, or 0 when it is not a letter, mark or non-ASCII digit. */
function wordCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 1;
  if (c < 128) return 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const lo = text.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return WORDISH.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  if (c === 0x200c || c === 0x200d || c === 0xad) return 1; // joiners and soft hyphens stay inside words
  return WORDISH.test(text[i]) ? 1 : 0;
}

/** A token every date holds at least one of: digits, or the word "century". */
function isAnchor(k: Token): boolean {
  return k.k === 'num' || (k.k === 'word' && k.low === 'century');
}

/**
 * How many tokens a date may run before its first anchor: well above the longest prefix the grammar reads
 * ("probably between the early spring and the late autumn of 1956" has 22).
 */
const ANCHOR_REACH = 64;

/** True when `text[from, to)` may hold a date: it has an ASCII digit or the word "century" (any case). */
function mayHoldDate(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return to - from >= 7 && /century/i.test(text.slice(from, to));
}

/**
 * A LaTeX tie (`~`, a non-breaking space) between two letters or digits ("25~February~1956"): read as a space.
 * A tilde after or before a space ("~1956", "c.~ 1956") or doubled (Markdown strike-through) is not.
 */
function isTie(text: string, i: number, from: number, to: number): boolean {
  if (text.charCodeAt(i) !== 126 || i <= from || i + 1 >= to) return false;
  const b = text.charCodeAt(i - 1);
  const a = text.charCodeAt(i + 1);
  return (isDigit(b) || wordCharLength(text, i - 1) > 0 || b === 46) && (isDigit(a) || wordCharLength(text, i + 1) > 0);
}

const EMPHASIS_COMMANDS = new Set(['emph', 'textit', 'textbf', 'textsl', 'textsc', 'textup', 'textmd', 'underline', 'mbox']);

function isWordOrDigit(text: string, i: number, from: number, to: number): boolean {
  return i >= from && i < to && (isDigit(text.charCodeAt(i)) || wordCharLength(text, i) > 0);
}

/**
 * Length of an inline emphasis marker at i that a date reads through as a space, or 0: a run of one to three
 * `*` or `_` at a word's edge (a letter or digit on exactly one side), `}` closing right after a word, or an
 * emphasis command opening a group (`\emph{`, `\textbf{` …) before a word.
 */
function emphasisMarkLength(text: string, i: number, from: number, to: number): number {
  const c = text.charCodeAt(i);
  if (c === 42 || c === 95) {
    let j = i;
    while (j < to && j - i < 4 && text.charCodeAt(j) === c) j++;
    if (j - i > 3 || text.charCodeAt(i - 1) === c) return 0;
    return isWordOrDigit(text, i - 1, from, to) !== isWordOrDigit(text, j, from, to) ? j - i : 0;
  }
  if (c === 125) return isWordOrDigit(text, i - 1, from, to) || text.charCodeAt(i - 1) === 46 ? 1 : 0;
  if (c === 92) {
    let j = i + 1;
    while (j < to && wordCharLength(text, j) === 1 && text.charCodeAt(j) < 128) j++;
    if (text.charCodeAt(j) !== 123 || !EMPHASIS_COMMANDS.has(text.slice(i + 1, j))) return 0;
    return isWordOrDigit(text, j + 1, from, to) ? j + 1 - i : 0;
  }
  return 0;
}

function tokenize(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    const s = i;
    if (isDigit(c)) {
      while (i < to && isDigit(text.charCodeAt(i))) i++;
      const raw = text.slice(s, i);
      tokens.push({ k: 'num', s, e: i, raw, low: raw, nl: 0 });
    } else if (isSpaceCode(c) || isTie(text, i, from, to) || emphasisMarkLength(text, i, from, to) > 0) {
      let nl = 0;
      while (i < to) {
        const m = emphasisMarkLength(text, i, from, to);
        if (m > 0) {
          i += m;
          continue;
        }
        if (!isSpaceCode(text.charCodeAt(i)) && !isTie(text, i, from, to)) break;
        if (text.charCodeAt(i) === 10) nl++;
        i++;
      }
      tokens.push({ k: 'space', s, e: i, raw: '', low: '', nl });
    } else {
      let n = wordCharLength(text, i);
      if (n > 0) {
        while (i < to && n > 0) {
          i += n;
          n = i < to ? wordCharLength(text, i) : 0;
        }
        const raw = text.slice(s, i);
        tokens.push({ k: 'word', s, e: i, raw, low: raw.toLowerCase(), nl: 0 });
      } else {
        const hi = c >= 0xd800 && c <= 0xdbff && i + 1 < to ? 2 : 1;
        i += hi;
        const raw = text.slice(s, i);
        tokens.push({ k: 'punct', s, e: i, raw, low: raw, nl: 0 });
      }
    }
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------------
// Grammar

interface Ymd {
  y?: number;
  m?: number;
  d?: number;
}

/** A date point, perhaps incomplete ("14" or "31 October" before a dash). */
interface Point extends Ymd {
  s: number;
  e: number;
  next: number;
  ySpan?: TextSpan;
  order: DateStyle['order'];
  monthForm?: DateStyle['monthForm'];
  ordinal?: boolean;
  yearForm?: DateStyle['yearForm'];
  article?: boolean;
  of?: boolean;
  comma?: boolean;
  padded?: boolean;
  /** A 1–2 digit number alone: a day, or the short end year of "1953–64". */
  bare?: { value: number; digits: number };
}

/** A candidate expression before its interval is computed (the calendar may still change it). */
interface Candidate {
  s: number;
  e: number;
  ds: number;
  de: number;
  next: number;
  kind: DateExpressionKind;
  style: DateStyle;
  quals: DateQualifiers;
  /** Calendar-dependent ends, or a fixed interval. */
  a?: Ymd;
  b?: Ymd;
  fixed?: DateInterval;
  precision: Precision;
  yearSpans: TextSpan[];
  parts?: [Point, Point];
  /** The expression is only numbers (a year, years, a range of years): quantity and phone checks apply. */
  numeric: boolean;
  weekdaySpan?: TextSpan;
  calendarSpan?: TextSpan;
  /** Centuries: the ordinal ("19" of "the 19th century"). */
  century?: number;
}

function precisionOf(p: Ymd): Precision {
  return p.d !== undefined ? 'day' : p.m !== undefined ? 'month' : 'year';
}

class Scanner {
  private readonly t: Token[];

  constructor(
    private readonly text: string,
    from: number,
    private readonly to: number,
    private readonly century: number | null,
  ) {
    this.t = tokenize(text, from, to);
  }

  run(): DateExpression[] {
    const out: DateExpression[] = [];
    const t = this.t;
    // Every date holds an anchor (digits, or the word "century"), no more than ANCHOR_REACH tokens after its
    // first: tokens farther from the next anchor start nothing and are skipped.
    let anchor = -1;
    let i = 0;
    while (i < t.length) {
      if (anchor < i) {
        anchor = i;
        while (anchor < t.length && !isAnchor(t[anchor])) anchor++;
        if (anchor === t.length) break;
      }
      if (anchor - i > ANCHOR_REACH) {
        i = anchor - ANCHOR_REACH;
        continue;
      }
      if (t[i].k === 'space') {
        i++;
        continue;
      }
      const expr = this.at(i);
      if (expr) {
        if (expr.result) out.push(expr.result);
        i = expr.next;
      } else i++;
    }
    return out;
  }

  // --- token helpers -------------------------------------------------------------------------------------------

  private tok(i: number): Token | undefined {
    return this.t[i];
  }

  /** Skips one space token that holds no paragraph break. */
  private sp(i: number): number {
    const k = this.t[i];
    return k && k.k === 'space' && k.nl < 2 ? i + 1 : i;
  }

  private isWord(i: number, ...words: string[]): boolean {
    const k = this.t[i];
    return !!k && k.k === 'word' && words.includes(k.low);
  }

  private isPunct(i: number, set: Set<string> | string): boolean {
    const k = this.t[i];
    if (!k || k.k !== 'punct') return false;
    return typeof set === 'string' ? k.raw === set : set.has(k.raw);
  }

  /** Tokens i and i+1 touch (no space between). */
  private glued(i: number): boolean {
    const a = this.t[i];
    const b = this.t[i + 1];
    return !!a && !!b && a.e === b.s;
  }

  private capitalized(i: number): boolean {
    const k = this.t[i];
    if (!k || k.k !== 'word') return false;
    const ch = k.raw[0];
    return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
  }

  // --- numbers ---------------------------------------------------------------------------------------------------

  private year4(i: number): number | undefined {
    const k = this.t[i];
    if (!k || k.k !== 'num' || k.raw.length !== 4 || k.raw[0] === '0') return undefined;
    const v = Number(k.raw);
    if (v < 1000 || v > 2199) return undefined;
    if (this.glued(i) && this.t[i + 1].k === 'word') return undefined; // 1956a, 1960s
    if (this.glued(i) && this.isPunct(i + 1, APOSTROPHES) && this.glued(i + 1) && this.t[i + 2].k === 'word') return undefined; // 1960's
    return v;
  }

  /** A full year or an apostrophe year at i: value, span of the digits, form and the index after. */
  private yearAt(i: number): { y: number; span: TextSpan; form: 'full' | 'apostrophe'; next: number } | undefined {
    const y = this.year4(i);
    if (y !== undefined) return { y, span: { start: this.t[i].s, end: this.t[i].e }, form: 'full', next: i + 1 };
    return this.apostropheYear(i);
  }

  private apostropheYear(i: number): { y: number; span: TextSpan; form: 'apostrophe'; next: number } | undefined {
    if (this.century === null || !this.isPunct(i, APOSTROPHES) || !this.glued(i)) return undefined;
    const n = this.t[i + 1];
    if (n.k !== 'num' || n.raw.length !== 2) return undefined;
    // "'61" is a year only when it stands alone: not glued to a word before it, not closed by a quote after it.
    const before = this.text.charCodeAt(this.t[i].s - 1);
    if (this.t[i].s > 0 && !isSpaceCode(before) && !'([–—-/'.includes(this.text[this.t[i].s - 1])) return undefined;
    const after = this.t[i + 2];
    if (after && after.s === n.e && (after.k === 'word' || after.k === 'num' || APOSTROPHES.has(after.raw) || after.raw === '"' || after.raw === '”')) {
      return undefined;
    }
    return { y: this.century + Number(n.raw), span: { start: n.s, end: n.e }, form: 'apostrophe', next: i + 2 };
  }

  /** A 1–2 digit day (1–31) with an optional glued ordinal suffix. */
  private dayAt(i: number): { d: number; ordinal: boolean; next: number; digits: number } | undefined {
    const k = this.t[i];
    if (!k || k.k !== 'num' || k.raw.length > 2) return undefined;
    const d = Number(k.raw);
    if (d < 1 || d > 31) return undefined;
    if (this.glued(i) && this.t[i + 1].k === 'word') {
      if (!ORDINAL_SUFFIXES.has(this.t[i + 1].low)) return undefined;
      if (this.glued(i + 1) && (this.t[i + 2].k === 'word' || this.t[i + 2].k === 'num')) return undefined;
      return { d, ordinal: true, next: i + 2, digits: k.raw.length };
    }
    return { d, ordinal: false, next: i + 1, digits: k.raw.length };
  }

  /** A capitalized month name with an optional dot after an abbreviation. */
  private monthAt(i: number): { m: number; form: 'long' | 'short' | 'short-dot'; next: number } | undefined {
    const k = this.t[i];
    if (!k || k.k !== 'word' || !this.capitalized(i)) return undefined;
    const entry = MONTHS[k.low];
    if (!entry) return undefined;
    if (entry.form === 'short' && this.glued(i) && this.isPunct(i + 1, '.')) return { m: entry.m, form: 'short-dot', next: i + 2 };
    return { m: entry.m, form: entry.form, next: i + 1 };
  }

  // --- points ----------------------------------------------------------------------------------------------------

  /** A date point at i: complete (has a year) or partial (a day, a month, a day and a month). */
  private point(i: number): Point | undefined {
    const k = this.t[i];
    if (!k) return undefined;
    if (k.k === 'num') return this.iso(i) ?? this.dotted(i) ?? this.dayFirst(i, false) ?? this.yearPoint(i);
    if (k.k === 'punct') {
      const y = this.apostropheYear(i);
      return y ? { s: k.s, e: y.span.end, next: y.next, y: y.y, ySpan: y.span, order: 'year', yearForm: 'apostrophe' } : undefined;
    }
    if (k.k === 'word') {
      if (k.low === 'the') {
        const j = this.sp(i + 1);
        if (j === i + 1) return undefined;
        const p = this.dayFirst(j, true);
        return p && p.ordinal ? { ...p, s: k.s, article: true } : undefined;
      }
      return this.monthFirst(i);
    }
    return undefined;
  }

  private yearPoint(i: number): Point | undefined {
    const y = this.year4(i);
    if (y === undefined) return undefined;
    const k = this.t[i];
    return { s: k.s, e: k.e, next: i + 1, y, ySpan: { start: k.s, end: k.e }, order: 'year', yearForm: 'full' };
  }

  private iso(i: number): Point | undefined {
    const y = this.year4(i);
    if (y === undefined || !this.glued(i) || !this.isPunct(i + 1, '-') || !this.glued(i + 1)) return undefined;
    const m = this.t[i + 2];
    if (m.k !== 'num' || m.raw.length !== 2 || !this.glued(i + 2) || !this.isPunct(i + 3, '-') || !this.glued(i + 3)) return undefined;
    const d = this.t[i + 4];
    if (d.k !== 'num' || d.raw.length !== 2) return undefined;
    const mv = Number(m.raw);
    const dv = Number(d.raw);
    if (mv < 1 || mv > 12 || dv < 1 || dv > 31) return undefined;
    const s = this.t[i].s;
    return { s, e: d.e, next: i + 5, y, m: mv, d: dv, ySpan: { start: s, end: s + 4 }, order: 'iso', padded: true, yearForm: 'full' };
  }

  private dotted(i: number): Point | undefined {
    const d = this.t[i];
    if (d.raw.length > 2 || !this.glued(i) || !this.isPunct(i + 1, '.') || !this.glued(i + 1)) return undefined;
    const m = this.t[i + 2];
    if (m.k !== 'num' || m.raw.length > 2 || !this.glued(i + 2) || !this.isPunct(i + 3, '.') || !this.glued(i + 3)) return undefined;
    const y = this.year4(i + 4);
    if (y === undefined) return undefined;
    const dv = Number(d.raw);
    const mv = Number(m.raw);
    if (mv < 1 || mv > 12 || dv < 1 || dv > 31) return undefined;
    const yt = this.t[i + 4];
    return {
      s: d.s, e: yt.e, next: i + 5, y, m: mv, d: dv, ySpan: { start: yt.s, end: yt.e }, order: 'dotted',
      padded: d.raw.length === 2 && m.raw.length === 2, yearForm: 'full',
    };
  }

  /** "31 October 1961", "25th of February 1956", "31 October" (partial), "14" (bare, partial). */
  private dayFirst(i: number, requireMonth: boolean): Point | undefined {
    const day = this.dayAt(i);
    if (!day) return undefined;
    const k = this.t[i];
    let j = this.sp(day.next);
    let of = false;
    if (day.ordinal && j > day.next && this.isWord(j, 'of')) {
      const after = this.sp(j + 1);
      if (after > j + 1) {
        of = true;
        j = after;
      }
    }
    const month = j > day.next ? this.monthAt(j) : undefined;
    if (!month) {
      if (requireMonth) return undefined;
      const end = this.t[day.next - 1].e;
      return { s: k.s, e: end, next: day.next, d: day.d, order: 'dmy', ordinal: day.ordinal, bare: day.ordinal ? undefined : { value: day.d, digits: day.digits } };
    }
    const base: Point = { s: k.s, e: this.t[month.next - 1].e, next: month.next, d: day.d, m: month.m, order: 'dmy', monthForm: month.form, ordinal: day.ordinal, of };
    let y0 = month.next;
    let comma = false;
    if (this.isPunct(y0, ',')) {
      y0++;
      comma = true;
    }
    const ys = this.sp(y0);
    if (ys === y0) return base;
    const year = this.yearAt(ys);
    if (!year) return base;
    return { ...base, e: this.t[year.next - 1].e, next: year.next, y: year.y, ySpan: year.span, yearForm: year.form, comma };
  }

  /** "October 31, 1961", "Oct. 31 1961", "October 1961", "October of 1961", "October 31" and "October" (partial). */
  private monthFirst(i: number): Point | undefined {
    const month = this.monthAt(i);
    if (!month) return undefined;
    const k = this.t[i];
    const base: Point = { s: k.s, e: this.t[month.next - 1].e, next: month.next, m: month.m, order: 'mdy', monthForm: month.form };
    const j = this.sp(month.next);
    if (j === month.next) return base;
    const day = this.dayAt(j);
    if (day) {
      const withDay: Point = { ...base, e: this.t[day.next - 1].e, next: day.next, d: day.d, ordinal: day.ordinal };
      let y0 = day.next;
      let comma = false;
      if (this.isPunct(y0, ',')) {
        y0++;
        comma = true;
      }
      const ys = this.sp(y0);
      if (ys === y0) return withDay;
      const year = this.yearAt(ys);
      if (!year) return withDay;
      return { ...withDay, e: this.t[year.next - 1].e, next: year.next, y: year.y, ySpan: year.span, yearForm: year.form, comma };
    }
    let ys = j;
    let of = false;
    if (this.isWord(ys, 'of')) {
      const after = this.sp(ys + 1);
      if (after === ys + 1) return base;
      ys = after;
      of = true;
    }
    const year = this.yearAt(ys);
    if (!year) return base;
    return { ...base, e: this.t[year.next - 1].e, next: year.next, y: year.y, ySpan: year.span, yearForm: year.form, of, order: 'dmy' };
  }

  // --- ranges ----------------------------------------------------------------------------------------------------

  /** A range separator at i: dashes, "to"/"until"/"till"/"through", or "and" after "between". */
  private separator(i: number, mode: 'plain' | 'from' | 'between'): { next: number; text: string; dash: boolean; slash: boolean } | undefined {
    const j = this.sp(i);
    const k = this.t[j];
    if (!k) return undefined;
    let next: number;
    let dash = false;
    let slash = false;
    if (k.k === 'punct' && DASHES.has(k.raw) && mode !== 'between') {
      next = j + 1;
      dash = true;
    } else if (k.k === 'punct' && k.raw === '/' && mode === 'plain' && j === i) {
      next = j + 1;
      slash = true;
    } else if (k.k === 'word' && j > i && (mode === 'between' ? k.low === 'and' : ['to', 'until', 'till', 'through'].includes(k.low))) {
      next = j + 1;
      if (this.sp(next) === next) return undefined;
    } else return undefined;
    const after = this.sp(next);
    if (after >= this.t.length || (slash && after !== next)) return undefined; // nothing after the dash
    return { next: after, text: this.text.slice(this.t[i].s, this.t[after].s), dash, slash };
  }

  /** P1 SEP P2, completing P1 from P2 ("14–25 February 1956", "1953–64", "October–November 1961"). */
  private range(p1: Point, mode: 'plain' | 'from' | 'between'): { p1: Point; p2: Point; sep: string; short: boolean } | undefined {
    const sep = this.separator(p1.next, mode);
    if (!sep) return undefined;
    if (mode === 'plain' && !sep.dash && !sep.slash && p1.y !== undefined) return undefined; // "1953 to 1961" needs "from"
    if (sep.slash && (p1.order !== 'year' || p1.yearForm !== 'full')) return undefined;
    let p2: Point | undefined;
    let short = false;
    let a: Point = { ...p1 };
    const k2 = this.t[sep.next];
    if (p1.order === 'year' && p1.y !== undefined && p1.yearForm === 'full' && (sep.dash || sep.slash) && k2 && k2.k === 'num' && k2.raw.length === 2) {
      // Short end years: "1953–64", "1956/57".
      if (this.glued(sep.next) && this.t[sep.next + 1].k === 'word') return undefined;
      const y2 = p1.y - (p1.y % 100) + Number(k2.raw);
      if (y2 <= p1.y) return undefined;
      p2 = { s: k2.s, e: k2.e, next: sep.next + 1, y: y2, ySpan: { start: k2.s, end: k2.e }, order: 'year', yearForm: 'full' };
      short = true;
    } else p2 = this.point(sep.next);
    if (!p2) return undefined;
    if (short) {
      // nothing to complete
    } else if (p2.bare || (p2.d === undefined && p2.m === undefined && p2.y === undefined)) {
      // "February 14–25, 1956": the second end is a day, the year follows it.
      if (!(p1.order === 'mdy' && p1.m !== undefined && p1.d !== undefined && p1.y === undefined && p2.bare)) return undefined;
      let y0 = p2.next;
      let comma = false;
      if (this.isPunct(y0, ',')) {
        y0++;
        comma = true;
      }
      const ys = this.sp(y0);
      if (ys === y0) return undefined;
      const year = this.yearAt(ys);
      if (!year) return undefined;
      p2 = { ...p2, bare: undefined, m: p1.m, order: 'mdy', e: this.t[year.next - 1].e, next: year.next, y: year.y, ySpan: year.span, yearForm: year.form, comma, monthForm: p1.monthForm };
    }
    if (p2.y === undefined) return undefined;
    if (p2.order === 'year' && p1.order === 'year' && p1.yearForm !== p2.yearForm && !short) return undefined;
    if (a.y === undefined) {
      if (a.d !== undefined && a.m === undefined) {
        if (p2.m === undefined || p2.d === undefined) return undefined;
        a = { ...a, m: p2.m, y: p2.y, bare: undefined, monthForm: p2.monthForm };
      } else if (a.m !== undefined) {
        if ((a.d === undefined) !== (p2.d === undefined)) return undefined;
        a = { ...a, y: p2.y };
      } else return undefined;
    } else if (a.bare) return undefined;
    if (a.d !== undefined && a.m !== undefined && a.y !== undefined && !isValidCalendarDate('julian', a.y, a.m, a.d)) return undefined;
    if (!before(a, p2)) return undefined;
    return { p1: a, p2, sep: sep.text, short };
  }

  // --- expressions -----------------------------------------------------------------------------------------------

  /** The longest valid expression starting at token i. */
  private at(i: number): { result?: DateExpression; next: number } | undefined {
    const k = this.t[i];
    if (k.k === 'word' && !FIRST_WORDS.has(k.low)) return undefined;
    const cands: Candidate[] = [];
    this.prefixed(i, cands);
    let best: { result: DateExpression; next: number } | undefined;
    let invalid: number | undefined;
    // A number that its context makes a quantity or a locator is not a date in any reading.
    const verdicts = cands.map((c) => this.acceptable(c));
    if (verdicts.includes('context')) return undefined;
    for (const [n, c] of cands.entries()) {
      if (verdicts[n] !== 'ok') continue;
      const withMark = this.calendarMark(c);
      const result = this.finish(withMark);
      if (result && (!best || result.end > best.result.end)) best = { result, next: withMark.next };
      if (!result) invalid = Math.max(invalid ?? 0, withMark.next);
    }
    // "31 February 1956" is a wrong date, not "February 1956": skip all of it.
    if (invalid !== undefined && (!best || best.next < invalid)) return { next: invalid };
    return best;
  }

  /** Qualifier words and weekdays before the date proper. */
  private prefixed(i: number, out: Candidate[]): void {
    const k = this.t[i];
    if (k.k === 'word') {
      let j = -1;
      let quals: DateQualifiers = {};
      if (APPROXIMATE_DOTTED.has(k.low) && this.glued(i) && this.isPunct(i + 1, '.')) {
        j = this.sp(i + 2);
        quals = { approximate: true };
      } else if (APPROXIMATE.has(k.low)) {
        j = this.sp(i + 1);
        if (j === i + 1) j = -1;
        quals = { approximate: true };
      } else if (UNCERTAIN.has(k.low)) {
        j = this.sp(i + 1);
        if (j === i + 1) j = -1;
        quals = { uncertain: true };
      }
      if (j > 0) {
        const inner: Candidate[] = [];
        this.weekdayed(j, inner);
        for (const c of inner) out.push({ ...c, s: k.s, quals: { ...c.quals, ...quals, approximate: c.quals.approximate || quals.approximate, uncertain: c.quals.uncertain || quals.uncertain } });
        return;
      }
    }
    this.weekdayed(i, out);
  }

  private weekdayed(i: number, out: Candidate[]): void {
    const k = this.t[i];
    if (k && k.k === 'word' && this.capitalized(i) && WEEKDAYS[k.low] !== undefined) {
      let j = i + 1;
      if (k.low.length <= 5 && this.glued(i) && this.isPunct(j, '.')) j++;
      const wEnd = this.t[j - 1].e;
      if (this.isPunct(j, ',')) j++;
      const ds = this.sp(j);
      if (ds === j && !this.isPunct(j - 1, ',')) return;
      const inner: Candidate[] = [];
      this.core(ds, inner);
      for (const c of inner) {
        if (c.kind !== 'day') continue;
        out.push({ ...c, s: k.s, quals: { ...c.quals, weekday: WEEKDAYS[k.low] }, weekdaySpan: { start: k.s, end: wEnd } });
      }
      return;
    }
    this.core(i, out);
  }

  /** All readings of the date proper at i. */
  private core(i: number, out: Candidate[]): void {
    const k = this.t[i];
    if (!k) return;
    if (k.k === 'word') {
      const low = k.low;
      if (low === 'the') this.theForms(i, out);
      if (low === 'early' || low === 'mid' || low === 'late' || low === 'middle') this.partForms(i, i, false, out);
      if (SEASONS[low]) this.seasonForms(i, i, false, out);
      if (low === 'from' || low === 'between') this.keywordRange(i, out);
      if (CENTURY_WORDS[low] !== undefined || low === 'twenty') this.centuryForms(i, i, false, out);
    }
    if (k.k === 'num' || k.k === 'punct') {
      this.decadeForms(i, i, false, out);
      if (k.k === 'num') this.centuryForms(i, i, false, out);
    }
    this.pointForms(i, out);
  }

  private pointForms(i: number, out: Candidate[]): void {
    const p = this.point(i);
    if (!p) return;
    const r = this.range(p, 'plain');
    if (r) out.push(this.rangeCandidate(p.s, r, undefined));
    if (p.y !== undefined && !p.bare) out.push(this.pointCandidate(p));
  }

  private pointCandidate(p: Point): Candidate {
    const prec = precisionOf(p);
    return {
      s: p.s, e: p.e, ds: p.s, de: p.e, next: p.next, kind: prec, style: pointStyle(p), quals: {},
      a: p, b: p, precision: prec, yearSpans: p.ySpan ? [p.ySpan] : [], numeric: p.order === 'year',
    };
  }

  private rangeCandidate(s: number, r: { p1: Point; p2: Point; sep: string; short: boolean }, keyword: string | undefined): Candidate {
    const style = pointStyle(r.p2.order === 'year' ? r.p1 : r.p2);
    style.separator = r.sep;
    if (r.p1.order === 'year' && r.p2.order === 'year') style.endYearForm = r.short ? 'short' : 'full';
    if (keyword) style.separator = r.sep;
    const yearSpans = [r.p1.ySpan, r.p2.ySpan].filter((x): x is TextSpan => !!x);
    return {
      s, e: r.p2.e, ds: s, de: r.p2.e, next: r.p2.next, kind: 'range', style, quals: {}, a: r.p1, b: r.p2,
      precision: coarser(precisionOf(r.p1), precisionOf(r.p2)), yearSpans, parts: [r.p1, r.p2],
      numeric: r.p1.order === 'year' && r.p2.order === 'year',
    };
  }

  /** "from 1953 to 1961", "between 14 and 25 February 1956". */
  private keywordRange(i: number, out: Candidate[]): void {
    const k = this.t[i];
    const j = this.sp(i + 1);
    if (j === i + 1) return;
    const p = this.point(j);
    if (!p) return;
    const r = this.range(p, k.low === 'from' ? 'from' : 'between');
    if (!r) return;
    const c = this.rangeCandidate(k.s, r, k.low);
    c.style.capitalized = this.capitalized(i) || undefined;
    out.push(c);
  }

  /** "the 1950s", "the early 1960s", "the winter of 1956–57", "the night of …", "the 19th century". */
  private theForms(i: number, out: Candidate[]): void {
    const j = this.sp(i + 1);
    if (j === i + 1) return;
    const k = this.t[j];
    if (!k) return;
    const s = this.t[i].s;
    const cap = this.capitalized(i);
    if (k.k === 'word') {
      if (k.low === 'early' || k.low === 'mid' || k.low === 'late' || k.low === 'middle') this.partForms(i, j, true, out);
      if (SEASONS[k.low]) this.seasonForms(i, j, true, out);
      if (CENTURY_WORDS[k.low] !== undefined || k.low === 'twenty') this.centuryForms(i, j, true, out);
      if (k.low === 'night' && this.isWord(this.sp(j + 1), 'of')) {
        const o = this.sp(j + 1);
        const d = this.sp(o + 1);
        if (d === o + 1) return;
        const inner: Candidate[] = [];
        this.pointForms(d, inner);
        for (const c of inner) {
          if (c.precision !== 'day') continue;
          out.push({ ...c, s, ds: s, style: { ...c.style, night: true, capitalized: cap || undefined } });
        }
      }
    } else {
      this.decadeForms(i, j, true, out);
      if (k.k === 'num') this.centuryForms(i, j, true, out);
    }
    for (const c of out) if (c.s === s && cap) c.style.capitalized = true;
  }

  /** A decade at j ("1950s", "1950's", "'50s"), possibly a range of decades. */
  private decadeAt(j: number): { y: number; e: number; next: number; apostrophe: boolean; ySpan: TextSpan } | undefined {
    const k = this.t[j];
    if (!k) return undefined;
    if (k.k === 'num' && k.raw.length === 4 && k.raw.endsWith('0') && k.raw[0] !== '0') {
      const y = Number(k.raw);
      if (y < 1000 || y > 2190) return undefined;
      let n = j + 1;
      if (this.glued(j) && this.isPunct(n, APOSTROPHES) && this.glued(n)) n++;
      else if (!this.glued(j)) return undefined;
      if (!this.isWord(n, 's') || (this.glued(n) && (this.t[n + 1].k === 'word' || this.t[n + 1].k === 'num'))) return undefined;
      if (this.t[n].raw !== 's') return undefined;
      return { y, e: this.t[n].e, next: n + 1, apostrophe: false, ySpan: { start: k.s, end: k.e } };
    }
    if (k.k === 'punct' && APOSTROPHES.has(k.raw) && this.century !== null && this.glued(j)) {
      const n = this.t[j + 1];
      if (n.k !== 'num' || n.raw.length !== 2 || !n.raw.endsWith('0') || !this.glued(j + 1) || !this.isWord(j + 2, 's')) return undefined;
      if (this.t[j + 2].raw !== 's' || (this.glued(j + 2) && (this.t[j + 3].k === 'word' || this.t[j + 3].k === 'num'))) return undefined;
      if (k.s > 0 && !isSpaceCode(this.text.charCodeAt(k.s - 1)) && !'([–—-'.includes(this.text[k.s - 1])) return undefined;
      return { y: this.century + Number(n.raw), e: this.t[j + 2].e, next: j + 3, apostrophe: true, ySpan: { start: n.s, end: n.e } };
    }
    return undefined;
  }

  private decadeForms(s0: number, j: number, article: boolean, out: Candidate[]): void {
    const d = this.decadeAt(j);
    if (!d) return;
    const s = this.t[s0].s;
    const style: DateStyle = { order: 'year', yearForm: d.apostrophe ? 'apostrophe' : 'full', article: article || undefined };
    const single = decadeInterval(d.y);
    out.push({ s, e: d.e, ds: s, de: d.e, next: d.next, kind: 'decade', style, quals: single.uncertain ? { uncertain: true } : {}, fixed: single, precision: single.precision, yearSpans: [d.ySpan], numeric: false });
    // "the 1950s and 1960s", "the 1950s–60s", "the 1950s to the 1970s"
    const sepStart = d.next;
    let m = this.sp(sepStart);
    const sk = this.t[m];
    if (!sk) return;
    if (sk.k === 'punct' && DASHES.has(sk.raw)) m = this.sp(m + 1);
    else if (sk.k === 'word' && (sk.low === 'and' || sk.low === 'to') && m > sepStart) {
      m = this.sp(m + 1);
      if (this.isWord(m, 'the')) m = this.sp(m + 1);
    } else return;
    let d2 = this.decadeAt(m);
    const k2 = this.t[m];
    if (!d2 && k2 && k2.k === 'num' && k2.raw.length === 2 && k2.raw.endsWith('0') && this.glued(m) && this.t[m + 1].raw === 's' && !(this.glued(m + 1) && this.t[m + 2]?.k === 'word')) {
      d2 = { y: d.y - (d.y % 100) + Number(k2.raw), e: this.t[m + 1].e, next: m + 2, apostrophe: false, ySpan: { start: k2.s, end: k2.e } };
    }
    if (!d2 || d2.y <= d.y) return;
    const end = decadeInterval(d2.y);
    const fixed: DateInterval = { start: single.start, end: end.end, precision: 'decade' };
    out.push({
      s, e: d2.e, ds: s, de: d2.e, next: d2.next, kind: 'range', style: { ...style, separator: this.text.slice(this.t[sepStart].s, this.t[m].s) },
      quals: {}, fixed, precision: 'decade', yearSpans: [d.ySpan, d2.ySpan], numeric: false,
    });
  }

  /** early/mid/late (or "the middle of") a month, a year, a decade or a century. */
  private partForms(s0: number, j: number, article: boolean, out: Candidate[]): void {
    const k = this.t[j];
    const s = this.t[s0].s;
    let part: 'early' | 'mid' | 'late' = k.low === 'early' ? 'early' : k.low === 'late' ? 'late' : 'mid';
    let n: number;
    if (k.low === 'middle') {
      // "the middle of 1962"
      if (!article) return;
      const o = this.sp(j + 1);
      if (!this.isWord(o, 'of')) return;
      n = this.sp(o + 1);
      if (n === o + 1) return;
      part = 'mid';
    } else if (this.glued(j) && this.isPunct(j + 1, DASHES) && this.glued(j + 1)) n = j + 2;
    else {
      n = this.sp(j + 1);
      if (n === j + 1) return;
    }
    const cap = this.capitalized(s0);
    const style = (partOf: DateStyle['partOf'], extra: Partial<DateStyle>): DateStyle => ({ order: 'year', part, partOf, article: article || undefined, capitalized: cap || undefined, ...extra });
    if (!article) {
      const month = this.monthFirst(n);
      if (month && month.y !== undefined && month.d === undefined) {
        const fixed = thirdOfMonth(month.y, month.m as number, part);
        out.push({ s, e: month.e, ds: s, de: month.e, next: month.next, kind: 'part', style: style('month', { order: 'dmy', monthForm: month.monthForm, yearForm: month.yearForm }), quals: { approximate: true }, fixed, precision: 'day', yearSpans: month.ySpan ? [month.ySpan] : [], numeric: false });
      }
      const year = this.yearAt(n);
      if (year) {
        const fixed = thirdOfYear(year.y, part);
        out.push({ s, e: this.t[year.next - 1].e, ds: s, de: this.t[year.next - 1].e, next: year.next, kind: 'part', style: style('year', { yearForm: year.form }), quals: { approximate: true }, fixed, precision: 'season', yearSpans: [year.span], numeric: false });
      }
    }
    const dec = this.decadeAt(n);
    if (dec) {
      const fixed = thirdOfDecade(dec.y, part);
      out.push({ s, e: dec.e, ds: s, de: dec.e, next: dec.next, kind: 'part', style: style('decade', { yearForm: dec.apostrophe ? 'apostrophe' : 'full' }), quals: { approximate: true }, fixed, precision: 'year', yearSpans: [dec.ySpan], numeric: false });
    }
    const cent: Candidate[] = [];
    this.centuryForms(s0, n, false, cent);
    for (const c of cent) {
      if (c.kind !== 'century' || !c.fixed) continue;
      const fixed = thirdOfCentury(((c.century as number) - 1) * 100, part);
      out.push({ ...c, s, ds: s, kind: 'part', style: { ...c.style, order: 'year', part, partOf: 'century', article: article || undefined, capitalized: cap || undefined }, quals: { approximate: true }, fixed, precision: 'decade' });
    }
  }

  /** "autumn of 1956", "the winter of 1956–57", "spring 1956", "summer of '56". */
  private seasonForms(s0: number, j: number, article: boolean, out: Candidate[]): void {
    const season = SEASONS[this.t[j].low];
    let n = this.sp(j + 1);
    if (n === j + 1) return;
    let of = false;
    if (this.isWord(n, 'of')) {
      const m = this.sp(n + 1);
      if (m === n + 1) return;
      n = m;
      of = true;
    }
    const year = this.yearAt(n);
    if (!year) return;
    const s = this.t[s0].s;
    const style: DateStyle = { order: 'year', season, article: article || undefined, of: of || undefined, yearForm: year.form, capitalized: this.capitalized(s0) || undefined };
    const e = this.t[year.next - 1].e;
    const quals: DateQualifiers = { approximate: true };
    if (season === 'fall') quals.uncertain = true;
    if (season === 'winter') {
      // "the winter of 1956–57", "winter 1956/57": December to February.
      const sep = this.separator(year.next, 'plain');
      if (sep && (sep.dash || sep.slash) && year.form === 'full') {
        const k2 = this.t[sep.next];
        let y2: number | undefined;
        if (k2 && k2.k === 'num' && k2.raw.length === 2) y2 = year.y - (year.y % 100) + Number(k2.raw);
        else y2 = this.year4(sep.next);
        if (y2 === year.y + 1 && !(this.glued(sep.next) && this.t[sep.next + 1].k === 'word')) {
          const fixed = winterInterval(year.y);
          out.push({
            s, e: k2.e, ds: s, de: k2.e, next: sep.next + 1, kind: 'season',
            style: { ...style, separator: sep.text, endYearForm: k2.raw.length === 2 ? 'short' : 'full' }, quals, fixed,
            precision: 'season', yearSpans: [year.span, { start: k2.s, end: k2.e }], numeric: false,
          });
        }
      }
      // "the winter of 1956" alone: January–February 1956 or December 1956–February 1957; take both.
      const fixed: DateInterval = { start: winterInterval(year.y - 1).start, end: winterInterval(year.y).end, precision: 'season' };
      out.push({ s, e, ds: s, de: e, next: year.next, kind: 'season', style, quals: { ...quals, uncertain: true }, fixed, precision: 'season', yearSpans: [year.span], numeric: false });
      return;
    }
    out.push({ s, e, ds: s, de: e, next: year.next, kind: 'season', style, quals, fixed: seasonInterval(year.y, season), precision: 'season', yearSpans: [year.span], numeric: false });
  }

  /** "the 19th century", "the nineteenth century", "19th-century", "the twenty-first century". */
  private centuryForms(s0: number, j: number, article: boolean, out: Candidate[]): void {
    const k = this.t[j];
    if (!k) return;
    let n: number;
    let c: number | undefined;
    if (k.k === 'num') {
      const day = this.dayAt(j);
      if (!day || !day.ordinal) return;
      c = day.d;
      n = day.next;
    } else if (k.low === 'twenty') {
      if (!(this.glued(j) && this.isPunct(j + 1, DASHES) && this.glued(j + 1) && this.isWord(j + 2, 'first'))) return;
      c = 21;
      n = j + 3;
    } else {
      c = CENTURY_WORDS[k.low];
      n = j + 1;
    }
    if (c === undefined || c < 10 || c > 22) return;
    let m: number;
    if (this.glued(n - 1) && this.isPunct(n, DASHES) && this.glued(n)) m = n + 1;
    else {
      m = this.sp(n);
      if (m === n) return;
    }
    if (!this.isWord(m, 'century')) return;
    const s = this.t[s0].s;
    const e = this.t[m].e;
    // Both readings of "the 20th century" (1900–1999 and 1901–2000): 1900–2000.
    const fixed: DateInterval = { start: calendarToDayNumber('gregorian', (c - 1) * 100, 1, 1), end: calendarToDayNumber('gregorian', c * 100, 12, 31), precision: 'century' };
    out.push({ s, e, ds: s, de: e, next: m + 1, kind: 'century', style: { order: 'year', article: article || undefined, capitalized: this.capitalized(s0) || undefined }, quals: {}, fixed, precision: 'century', yearSpans: [], numeric: false, century: c });
  }

  // --- validation --------------------------------------------------------------------------------------------------

  /** Context checks: locators before, quantities after, numbers glued to digits or letters. */
  private acceptable(c: Candidate): 'ok' | 'glued' | 'context' {
    const text = this.text;
    // Left: glued to a letter, a digit group, a currency or number sign.
    const prev = text[c.s - 1];
    if (c.s > 0 && prev !== undefined) {
      const pc = text.charCodeAt(c.s - 1);
      if (isDigit(pc) || wordCharLength(text, c.s - 1) > 0 || (pc >= 0xdc00 && pc <= 0xdfff && wordCharLength(text, c.s - 2) > 0)) return 'glued';
      if ('$€£¥₽+@&#№§%'.includes(prev)) return 'glued';
      // An underscore glues only inside an identifier ("id_1956"); "_October 1963_" is emphasis.
      if (pc === 95 && c.s > 1 && (isDigit(text.charCodeAt(c.s - 2)) || wordCharLength(text, c.s - 2) > 0)) return 'glued';
      if ('.,:/'.includes(prev) && isDigit(text.charCodeAt(c.s - 2))) return 'glued';
      if (DASHES.has(prev) && (isDigit(text.charCodeAt(c.s - 2)) || wordCharLength(text, c.s - 2) > 0)) {
        // "mid-1962" is read by the part rule; "pre-1956"/"post-1956" are bounds, handled in relationBefore.
        const w = this.wordBefore(c.s - 1);
        if (!(w === 'pre' || w === 'post')) return 'glued';
      }
    }
    // Right: glued to a letter or digit, a percent sign, or a digit group.
    const next = text[c.e];
    if (next !== undefined) {
      const nc = text.charCodeAt(c.e);
      const lastIsNum = isDigit(text.charCodeAt(c.e - 1));
      if (lastIsNum && (isDigit(nc) || wordCharLength(text, c.e) > 0)) return 'glued';
      if ('%‰'.includes(next)) return 'glued';
      if (('.,:/'.includes(next) || DASHES.has(next)) && isDigit(text.charCodeAt(c.e + 1))) return 'glued';
      if (lastIsNum && APOSTROPHES.has(next) && wordCharLength(text, c.e + 1) > 0) return 'glued';
    }
    const first = this.indexOfOffset(c.s);
    if (first < 0) return 'glued';
    if (this.locatorBefore(first)) return 'context';
    if (c.numeric) {
      const last = this.indexOfOffset(c.e - 1);
      const after = this.sp(last + 1);
      const w = this.t[after];
      if (w && after > last + 1 && w.k === 'word' && QUANTITY_WORDS.has(w.low)) return 'context';
      // Phone-like runs of numbers: "495 1956 2000", "1953 1964".
      const before = first - 1;
      if (before >= 0 && this.t[before].k === 'space' && before - 1 >= 0 && this.t[before - 1].k === 'num' && this.t[before].nl === 0) return 'glued';
      if (w && after > last + 1 && w.k === 'num' && this.t[after - 1].nl === 0 && (w.raw.length === 4 || (w.raw.length >= 3 && this.t[after + 1]?.k === 'space' && this.t[after + 2]?.k === 'num'))) return 'glued';
    }
    return 'ok';
  }

  private wordBefore(offset: number): string | undefined {
    let i = offset - 1;
    while (i >= 0 && wordCharLength(this.text, i) > 0) i--;
    return i + 1 < offset ? this.text.slice(i + 1, offset).toLowerCase() : undefined;
  }

  /** Token index of the token starting at a char offset (binary search). */
  private indexOfOffset(offset: number): number {
    let lo = 0;
    let hi = this.t.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = this.t[mid];
      if (offset < k.s) hi = mid - 1;
      else if (offset >= k.e) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** "p. 33", "pp. 12, 1957–64", "vol. 1961", "§ 1953", "op. 30, d. 1956". */
  private locatorBefore(first: number): boolean {
    let i = first - 1;
    let listed = false;
    for (let steps = 0; steps < 12 && i >= 0; steps++) {
      if (this.t[i].k === 'space') {
        if (this.t[i].nl >= 2) return false;
        i--;
        continue;
      }
      const k = this.t[i];
      if (k.k === 'punct' && LOCATOR_SIGNS.has(k.raw)) return true;
      if (k.k === 'punct' && k.raw === '.' && i > 0 && this.t[i - 1].k === 'word' && this.glued(i - 1)) {
        const w = this.t[i - 1].low;
        if (LOCATOR_ABBREVIATIONS.has(w) || LOCATOR_NOUNS.has(w)) return true;
        if (LIST_LOCATORS.has(w)) return listed || this.numberListBefore(i - 2);
        return false;
      }
      if (k.k === 'word') return LOCATOR_NOUNS.has(k.low);
      // Walk back over a list of numbers: "pp. 12, 1957", "pp. 3–5, 1956".
      if (k.k === 'num' || (k.k === 'punct' && (k.raw === ',' || k.raw === ';' || DASHES.has(k.raw)))) {
        listed = true;
        i--;
        continue;
      }
      return false;
    }
    return false;
  }

  /** Before index i (skipping spaces) comes "<num>," — the shape of an archival reference list. */
  private numberListBefore(i: number): boolean {
    let j = i;
    if (j >= 0 && this.t[j].k === 'space') j--;
    if (j < 0 || !this.isPunct(j, ',')) return false;
    j--;
    return j >= 0 && this.t[j].k === 'num';
  }

  // --- calendar marks and results --------------------------------------------------------------------------------

  /** "O.S.", "N.S.", "(Old Style)", "[N.S.]" right after a day or month date. */
  private calendarMark(c: Candidate): Candidate {
    if (c.fixed || !c.a) return c;
    let i = this.sp(c.next);
    let close: string | undefined;
    if (this.isPunct(i, '(')) close = ')';
    else if (this.isPunct(i, '[')) close = ']';
    if (close) i = this.sp(i + 1);
    let cal: CalendarName | undefined;
    let n = i;
    const k = this.t[i];
    if (!k || k.k !== 'word') return c;
    if ((k.raw === 'O' || k.raw === 'N') && this.glued(i) && this.isPunct(i + 1, '.')) {
      let j = i + 2;
      if (this.t[j]?.k === 'space' && this.t[j].nl === 0 && this.t[j].e - this.t[j].s === 1) j++;
      if (this.t[j]?.raw === 'S' && this.t[j].k === 'word') {
        cal = k.raw === 'O' ? 'julian' : 'gregorian';
        n = j + 1;
        if (this.glued(j) && this.isPunct(n, '.')) n++;
      }
    } else if ((k.raw === 'OS' || k.raw === 'NS') && close) {
      cal = k.raw === 'OS' ? 'julian' : 'gregorian';
      n = i + 1;
    } else if ((k.low === 'old' || k.low === 'new') && this.isWord(this.sp(i + 1), 'style') && this.sp(i + 1) > i + 1) {
      cal = k.low === 'old' ? 'julian' : 'gregorian';
      n = this.sp(i + 1) + 1;
    }
    if (!cal) return c;
    if (close) {
      const j = this.sp(n);
      if (!this.isPunct(j, close)) return c;
      n = j + 1;
    }
    const markStart = this.t[this.sp(c.next)].s;
    const e = this.t[n - 1].e;
    return { ...c, e, next: n, quals: { ...c.quals, calendar: cal }, calendarSpan: { start: markStart, end: e } };
  }

  private finish(c: Candidate): DateExpression | undefined {
    const cal: CalendarName = c.quals.calendar === 'julian' ? 'julian' : 'gregorian';
    let interval: DateInterval;
    if (c.fixed) interval = { ...c.fixed };
    else {
      const a = c.a as Ymd;
      const b = c.b as Ymd;
      const start = ymdStart(a, cal);
      const end = ymdEnd(b, cal);
      if (start === undefined || end === undefined || end < start) return undefined;
      interval = { start, end, precision: c.precision };
    }
    if (c.quals.approximate) interval.approximate = true;
    if (c.quals.uncertain) interval.uncertain = true;
    const relation = this.relationBefore(c.s, c.e, c.kind === 'day');
    const quals: DateQualifiers = definedOnly(relation ? { ...c.quals, relation } : c.quals);
    const style = clean(c.style);
    if (style.capitalized === undefined && this.capitalizedAt(c.ds)) style.capitalized = true;
    const expr: DateExpression = {
      start: c.s, end: c.e, text: this.text.slice(c.s, c.e), interval, kind: c.kind, style, qualifiers: quals,
      dateSpan: { start: c.ds, end: c.de },
    };
    if (c.yearSpans.length === 1) expr.yearSpan = c.yearSpans[0];
    if (c.weekdaySpan) expr.weekdaySpan = c.weekdaySpan;
    if (c.calendarSpan) expr.calendarSpan = c.calendarSpan;
    if (c.parts) {
      const [p1, p2] = c.parts;
      const part = (p: Point): DateExpressionPart | undefined => {
        const s = ymdStart(p, cal);
        const e = ymdEnd(p, cal);
        if (s === undefined || e === undefined) return undefined;
        const r: DateExpressionPart = { start: p.s, end: p.e, text: this.text.slice(p.s, p.e), interval: { start: s, end: e, precision: precisionOf(p) } };
        if (p.ySpan) r.yearSpan = p.ySpan;
        return r;
      };
      const a = part(p1);
      const b = part(p2);
      if (!a || !b) return undefined;
      expr.parts = [a, b];
    }
    return expr;
  }

  private capitalizedAt(offset: number): boolean {
    const i = this.indexOfOffset(offset);
    return i >= 0 && this.capitalized(i) && !MONTHS[this.t[i].low] && !WEEKDAYS[this.t[i].low];
  }

  /**
   * "from DATE" is a bound ('since') when something says the time runs on: "from 1953 on/onwards/forward" or
   * an end follows ("from 1953 until his death", "from 1953 to …", "from 1953 –"). Alone, a full day ("lay in
   * state from 16 March 1953") names the day the event began and dates it like any other statement, while a
   * month or a year ("ran the Secretariat from March 1953") stays a bound: it says since when a state held.
   */
  private runsOnAfter(end: number): boolean {
    let j = this.indexOfOffset(end);
    if (j < 0) return false;
    if (this.t[j].k === 'space' && this.t[j].nl < 2) j++;
    const k = this.t[j];
    if (!k) return false;
    if (k.k === 'punct') return DASHES.has(k.raw);
    return k.k === 'word' && FROM_RUNS_ON.has(k.low);
  }

  private relationBefore(offset: number, end: number, day: boolean): DateQualifiers['relation'] | undefined {
    const i = this.indexOfOffset(offset);
    let j = i - 1;
    if (j >= 1 && DASHES.has(this.t[j].raw) && this.glued(j - 1) && this.glued(j)) {
      const w = this.t[j - 1].low;
      return w === 'pre' ? 'before' : w === 'post' ? 'after' : undefined;
    }
    if (j >= 0 && this.t[j].k === 'space' && this.t[j].nl < 2) j--;
    if (j < 0 || this.t[j].k !== 'word') return undefined;
    const w = this.t[j].low;
    if (w === 'to') return this.isWord(j - 2, 'prior') ? 'before' : undefined;
    if (w === 'from') return !day || this.runsOnAfter(end) ? 'since' : undefined;
    return w === 'pre' || w === 'post' ? undefined : RELATIONS[w];
  }
}

/** A copy without the keys that are undefined. */
function definedOnly<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o)) {
    const v = (o as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}

/** A copy without the keys that are undefined or false (built anew: deleting keys makes objects slow). */
function clean<T extends object>(style: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(style)) {
    const v = (style as Record<string, unknown>)[key];
    if (v !== undefined && v !== false) out[key] = v;
  }
  return out as T;
}

function pointStyle(p: Point): DateStyle {
  return clean({
    order: p.order, monthForm: p.monthForm, ordinal: p.ordinal || undefined, yearForm: p.yearForm,
    article: p.article || undefined, of: p.of || undefined, comma: p.comma || undefined, padded: p.padded,
  });
}

function before(a: Ymd, b: Ymd): boolean {
  const sa = ymdStart(a, 'julian');
  const sb = ymdStart(b, 'julian');
  return sa !== undefined && sb !== undefined && sa < sb;
}

function ymdStart(p: Ymd, cal: CalendarName): number | undefined {
  if (p.y === undefined) return undefined;
  const m = p.m ?? 1;
  const d = p.d ?? 1;
  if (!isValidCalendarDate(cal, p.y, m, d)) return undefined;
  return calendarToDayNumber(cal, p.y, m, d);
}

function ymdEnd(p: Ymd, cal: CalendarName): number | undefined {
  if (p.y === undefined) return undefined;
  const m = p.m ?? 12;
  const d = p.d ?? monthLength(cal, p.y, m);
  if (!isValidCalendarDate(cal, p.y, m, d)) return undefined;
  return calendarToDayNumber(cal, p.y, m, d);
}

const g = (y: number, m: number, d: number): number => calendarToDayNumber('gregorian', y, m, d);
const lastOf = (y: number, m: number): number => g(y, m, monthLength('gregorian', y, m));

/** Meteorological seasons, northern hemisphere; winter of `year` is December `year` to February `year + 1`. */
export function seasonInterval(year: number, season: 'spring' | 'summer' | 'autumn' | 'fall' | 'winter'): DateInterval {
  const first = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 }[season];
  if (season === 'winter') return winterInterval(year);
  return { start: g(year, first, 1), end: lastOf(year, first + 2), precision: 'season', approximate: true };
}

function winterInterval(year: number): DateInterval {
  return { start: g(year, 12, 1), end: lastOf(year + 1, 2), precision: 'season', approximate: true };
}

function thirdOfMonth(year: number, month: number, part: 'early' | 'mid' | 'late'): DateInterval {
  const [a, b] = part === 'early' ? [1, 10] : part === 'mid' ? [11, 20] : [21, monthLength('gregorian', year, month)];
  return { start: g(year, month, a), end: g(year, month, b), precision: 'day', approximate: true };
}

/** Early = January–April, mid = May–August, late = September–December. */
export function thirdOfYear(year: number, part: 'early' | 'mid' | 'late'): DateInterval {
  const first = part === 'early' ? 1 : part === 'mid' ? 5 : 9;
  return { start: g(year, first, 1), end: lastOf(year, first + 3), precision: 'season', approximate: true };
}

/** Early = years 0–3, mid = 3–6, late = 6–9 of the decade (the thirds, rounded outwards to whole years). */
export function thirdOfDecade(decade: number, part: 'early' | 'mid' | 'late'): DateInterval {
  const a = decade + (part === 'early' ? 0 : part === 'mid' ? 3 : 6);
  return { start: g(a, 1, 1), end: g(a + 3, 12, 31), precision: 'year', approximate: true };
}

function thirdOfCentury(first: number, part: 'early' | 'mid' | 'late'): DateInterval {
  const a = first + (part === 'early' ? 0 : part === 'mid' ? 30 : 60);
  return { start: g(a, 1, 1), end: g(a + 39, 12, 31), precision: 'decade', approximate: true };
}

/** A decade; "the 1900s" may mean the century, so years ending in 00 read as the wider, uncertain century. */
export function decadeInterval(decade: number): DateInterval {
  if (decade % 100 === 0) return { start: g(decade, 1, 1), end: g(decade + 99, 12, 31), precision: 'century', uncertain: true };
  return { start: g(decade, 1, 1), end: g(decade + 9, 12, 31), precision: 'decade' };
}

/**
 * Every date expression in `text[from:to]`, in order and non-overlapping (the longest reading wins), with
 * offsets into `text`. Never throws: odd input yields fewer expressions.
 */
export function findDateExpressions(text: string, from = 0, to: number = text.length, options: FindDateOptions = {}): DateExpression[] {
  if (typeof text !== 'string') return [];
  const lo = Math.max(0, Math.min(text.length, Math.floor(Number.isFinite(from) ? from : 0)));
  const hi = Math.max(lo, Math.min(text.length, Math.floor(Number.isFinite(to) ? to : text.length)));
  const century = options.century === undefined ? 1900 : options.century;
  if (!mayHoldDate(text, lo, hi)) return [];
  try {
    return new Scanner(text, lo, hi, century === null || !Number.isInteger(century) ? null : century).run();
  } catch {
    return [];
  }
}
