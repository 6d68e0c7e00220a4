/**
 * The writer's bibliography as the core holds it: CSL-JSON items with the place each was defined, searchable by
 * key, author, title words and year, fast enough to answer on every keystroke over tens of thousands of items.
 */
import type { CslName } from '../dataset/model';
import type { Range, Severity } from '../types';

export type { CslName };

/** A CSL date: `date-parts` (one part, or two for a range), or a literal/raw form. */
export interface CslDate {
  'date-parts'?: number[][];
  literal?: string;
  raw?: string;
  circa?: boolean;
  season?: number | string;
}

/** A CSL-JSON item. Only the fields the core reads are typed; every other CSL field is kept as is. */
export interface CslItem {
  id: string;
  type: string;
  author?: CslName[];
  editor?: CslName[];
  translator?: CslName[];
  'container-author'?: CslName[];
  title?: string;
  'title-short'?: string;
  'container-title'?: string;
  'collection-title'?: string;
  publisher?: string;
  'publisher-place'?: string;
  issued?: CslDate;
  accessed?: CslDate;
  URL?: string;
  DOI?: string;
  page?: string;
  volume?: string;
  issue?: string;
  edition?: string;
  note?: string;
  [field: string]: unknown;
}

/** One citable item and where it was defined. */
export interface LibraryEntry {
  /** The citation key the writer types. */
  key: string;
  item: CslItem;
  /** The file and the span of the key (or the item's id) in it. */
  origin: { uri: string; range: Range };
  /** Other keys that cite the same item (Better BibTeX `ids`). */
  aliases?: string[];
}

/** Stable codes of bibliography problems. */
export type BibProblemCode =
  | 'bib-syntax'
  | 'bib-unclosed-entry'
  | 'bib-missing-key'
  | 'bib-duplicate-key'
  | 'bib-duplicate-field'
  | 'bib-undefined-string'
  | 'bib-missing-crossref'
  | 'bib-too-many-problems'
  | 'csl-syntax'
  | 'csl-invalid-item'
  | 'csl-missing-id'
  | 'csl-missing-type'
  | 'bib-unknown-format';

/** A problem in a bibliography file, placed where it is. */
export interface BibProblem {
  uri: string;
  range: Range;
  severity: Severity;
  code: BibProblemCode;
  message: string;
}

/** What every bibliography parser returns: the good entries and the problems, never an exception. */
export interface ParsedBibliography {
  entries: LibraryEntry[];
  problems: BibProblem[];
}

/** Per-file account of a library. */
export interface LibrarySource {
  uri: string;
  count: number;
  problems: BibProblem[];
}

/** Options of {@link Library.search}. */
export interface LibrarySearchOptions {
  /** At most this many results. */
  limit: number;
  /** Keys already cited in the document: ranked first. */
  cited?: ReadonlySet<string>;
}

const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A range at the start of a file, for entries whose exact place is unknown. */
export function startOfFile(): Range {
  return { start: { ...ZERO_RANGE.start }, end: { ...ZERO_RANGE.end } };
}

// Letters that Unicode decomposition does not reduce to ASCII.
const FOLD_EXTRA: Record<string, string> = {
  ø: 'o', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŋ: 'n', ħ: 'h',
};
const COMBINING = /[\u0300-\u036f]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const FOLD_EXTRA_RE = /[øłßæœđðþıŋħ]/g;

/** Folds text for matching: lower case, no diacritics, words separated by single spaces. */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(FOLD_EXTRA_RE, (c) => FOLD_EXTRA[c] ?? c)
    .replace(NON_WORD, ' ')
    .trim();
}

/** The year an item was issued, or undefined. */
export function issuedYear(item: CslItem): number | undefined {
  const parts = item.issued?.['date-parts'];
  const y = parts && parts[0] && parts[0][0];
  return typeof y === 'number' && Number.isFinite(y) ? y : undefined;
}

function yearText(item: CslItem): string {
  const y = issuedYear(item);
  if (y !== undefined) return String(y);
  const d = item.issued;
  return (d && (d.literal ?? d.raw)) || 'n.d.';
}

function nameFamily(n: CslName): string {
  if (n.literal) return n.literal;
  const particle = n['non-dropping-particle'];
  return [particle, n.family].filter(Boolean).join(' ') || n.given || '';
}

function nameFull(n: CslName): string {
  if (n.literal) return n.literal;
  const family = nameFamily(n);
  const given = [n.given, n['dropping-particle']].filter(Boolean).join(' ');
  const suffix = n.suffix ? `, ${n.suffix}` : '';
  return given ? `${family}, ${given}${suffix}` : `${family}${suffix}`;
}

function creatorsShort(names: CslName[] | undefined): string {
  if (!names || names.length === 0) return '';
  if (names.length === 1) return nameFamily(names[0]);
  if (names.length === 2) return `${nameFamily(names[0])} and ${nameFamily(names[1])}`;
  return `${nameFamily(names[0])} et al.`;
}

function shortTitle(item: CslItem): string {
  const t = item['title-short'] || item.title || '';
  const cut = t.search(/[:.?!]\s/);
  const main = cut > 0 ? t.slice(0, cut) : t;
  return main.length > 60 ? `${main.slice(0, 59).trimEnd()}…` : main;
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\*_`[\]<>]/g, (c) => `\\${c}`);
}

const CONTAINED_TYPES = new Set([
  'chapter', 'article-journal', 'article-magazine', 'article-newspaper', 'paper-conference',
  'entry-encyclopedia', 'entry-dictionary', 'entry', 'review', 'review-book', 'post-weblog', 'webpage',
]);

/** A one-line label, a detail ("Author Year — Short title") and a clean Markdown summary of an entry. */
export function summarize(entry: LibraryEntry): { label: string; detail: string; text: string } {
  const item = entry.item;
  const creators = item.author?.length ? item.author : item.editor;
  const who = creatorsShort(creators) || item.publisher || '';
  const year = yearText(item);
  const title = shortTitle(item);
  const detail = `${[who, year].filter(Boolean).join(' ')}${title ? ` — ${title}` : ''}`;

  const parts: string[] = [];
  if (item.author?.length) parts.push(escapeMarkdown(item.author.map(nameFull).join('; ')));
  else if (item.editor?.length) parts.push(`${escapeMarkdown(item.editor.map(nameFull).join('; '))} (ed${item.editor.length > 1 ? 's' : ''}.)`);
  const contained = CONTAINED_TYPES.has(item.type) && !!item['container-title'];
  if (item.title) parts.push(contained ? `“${escapeMarkdown(item.title)}”` : `*${escapeMarkdown(item.title)}*`);
  if (contained) parts.push(`in *${escapeMarkdown(item['container-title'] as string)}*`);
  if (item.volume) parts.push(`vol. ${escapeMarkdown(String(item.volume))}`);
  if (item.issue) parts.push(`no. ${escapeMarkdown(String(item.issue))}`);
  const imprint = [item['publisher-place'], item.publisher].filter(Boolean).join(': ');
  if (imprint) parts.push(escapeMarkdown(imprint));
  parts.push(year);
  if (item.page) parts.push(`${contained ? 'pp. ' : ''}${escapeMarkdown(String(item.page))}`);
  const joined = parts.join(', ');
  let text = joined.endsWith('.') ? joined : `${joined}.`;
  if (item.DOI) text += ` doi:${escapeMarkdown(item.DOI)}`;
  // Only a plain web address becomes an autolink; anything else (`javascript:`, `command:`, `>`) stays text.
  else if (item.URL) text += /^https?:\/\/[^\s<>]+$/i.test(item.URL) ? ` <${item.URL}>` : ` ${escapeMarkdown(String(item.URL))}`;
  return { label: entry.key, detail, text };
}

/** Precomputed, folded search text of one entry. Field boundaries tell where a match landed. */
interface SearchRecord {
  entry: LibraryEntry;
  /** ` key aliases | names | year | title container ` folded; starts with a space so word starts are ` tok`. */
  hay: string;
  keyEnd: number;
  namesEnd: number;
  yearEnd: number;
  words: string[];
  order: number;
}

function buildRecord(entry: LibraryEntry, order: number): SearchRecord {
  const item = entry.item;
  const keys = [entry.key, ...(entry.aliases ?? [])].map(foldForSearch).join(' ');
  const names = [...(item.author ?? []), ...(item.editor ?? [])]
    .map((n) => foldForSearch(n.literal ?? [n['non-dropping-particle'], n.family].filter(Boolean).join(' ')))
    .join(' ');
  const y = issuedYear(item);
  const year = y !== undefined ? String(y) : '';
  const title = foldForSearch(`${item.title ?? ''} ${item['container-title'] ?? ''}`);
  let hay = ` ${keys} `;
  const keyEnd = hay.length;
  hay += `${names} `;
  const namesEnd = hay.length;
  hay += `${year} `;
  const yearEnd = hay.length;
  hay += `${title} `;
  const words = hay.split(' ').filter((w) => w.length > 0);
  return { entry, hay, keyEnd, namesEnd, yearEnd, words, order };
}

// Scratch rows for the bounded edit distance, reused across calls so a query allocates nothing per entry.
const MAX_DIST_LEN = 64;
let rowA = new Int32Array(MAX_DIST_LEN + 1);
let rowB = new Int32Array(MAX_DIST_LEN + 1);

/**
 * Levenshtein distance between `a` and the first `bLength` characters of `b` if it is at most `max`, else
 * `max + 1`; stops as soon as every cell of a row exceeds `max`.
 */
export function boundedEditDistance(a: string, b: string, max: number, bLength = b.length): number {
  const bLen = Math.min(bLength, b.length);
  if (Math.abs(a.length - bLen) > max) return max + 1;
  if (a.length > MAX_DIST_LEN || bLen > MAX_DIST_LEN) return a === b.slice(0, bLen) ? 0 : max + 1;
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= bLen; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= bLen; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      let v = prev[j - 1] + cost;
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  rowA = prev;
  rowB = cur;
  return prev[bLen] <= max ? prev[bLen] : max + 1;
}

function typoBudget(token: string): number {
  if (token.length >= 8) return 2;
  if (token.length >= 4) return 1;
  return 0;
}

const CITED_BONUS = 10_000;

/**
 * The writer's bibliography: entries from every loaded file, looked up by key or alias, searched by what people
 * remember ("Tatu 1968", "kremlin power"). The first definition of a key wins; later ones are reported.
 */
export class Library {
  private readonly records: SearchRecord[] = [];
  private readonly byKey = new Map<string, SearchRecord>();
  private readonly byAlias = new Map<string, SearchRecord>();
  private readonly sourceMap = new Map<string, LibrarySource>();
  /** Every distinct search word → positions in `records`, for typo-tolerant matching. */
  private readonly vocabulary = new Map<string, number[]>();
  private counter = 0;
  /** Lower-cased keys and aliases for closestKeys, built on first use; dropped when entries change. */
  private lowerKeys?: (readonly [string, string])[];
  /** Suggestions already computed: an unknown key is looked up again on every check of the document. */
  private readonly closestMemo = new Map<string, string[]>();

  /** Adds entries (and the problems found while parsing them, filed under their files). */
  add(entries: readonly LibraryEntry[], problems: readonly BibProblem[] = []): void {
    if (entries.length) {
      this.lowerKeys = undefined;
      this.closestMemo.clear();
    }
    for (const p of problems) this.source(p.uri).problems.push(p);
    for (const entry of entries) {
      const existing = this.byKey.get(entry.key);
      if (existing) {
        this.source(entry.origin.uri).problems.push({
          uri: entry.origin.uri,
          range: entry.origin.range,
          severity: 'warning',
          code: 'bib-duplicate-key',
          message: `Duplicate citation key "${entry.key}": already defined in ${existing.entry.origin.uri} line ${existing.entry.origin.range.start.line + 1}; this one is ignored.`,
        });
        continue;
      }
      const record = buildRecord(entry, this.counter++);
      const position = this.records.length;
      this.records.push(record);
      for (const w of record.words) {
        const list = this.vocabulary.get(w);
        if (!list) this.vocabulary.set(w, [position]);
        else if (list[list.length - 1] !== position) list.push(position);
      }
      this.byKey.set(entry.key, record);
      for (const alias of entry.aliases ?? []) if (!this.byAlias.has(alias)) this.byAlias.set(alias, record);
      this.source(entry.origin.uri).count++;
    }
  }

  /** Replaces everything that came from `uri` with a fresh parse of that file. */
  replaceSource(uri: string, parsed: ParsedBibliography): void {
    this.removeSource(uri);
    this.add(parsed.entries, parsed.problems);
  }

  /** Forgets every entry and problem that came from `uri`. */
  removeSource(uri: string): void {
    if (!this.sourceMap.has(uri)) return;
    this.sourceMap.delete(uri);
    this.lowerKeys = undefined;
    this.closestMemo.clear();
    const kept = this.records.filter((r) => r.entry.origin.uri !== uri);
    this.records.length = 0;
    this.byKey.clear();
    this.byAlias.clear();
    this.vocabulary.clear();
    for (const s of this.sourceMap.values()) s.count = 0;
    // The kept entries have distinct keys, so re-adding them reports nothing new. Entries of other files that
    // lost to the removed file's keys were dropped then; reload those files to bring them back.
    this.add(kept.map((r) => r.entry));
  }

  /** The entry cited by `key`, or by one of its aliases. */
  get(key: string): LibraryEntry | undefined {
    return (this.byKey.get(key) ?? this.byAlias.get(key))?.entry;
  }

  /** True when `key` or an alias names an entry. */
  has(key: string): boolean {
    return this.byKey.has(key) || this.byAlias.has(key);
  }

  /** Number of distinct entries. */
  get size(): number {
    return this.records.length;
  }

  /** Per file: how many entries it gave and what was wrong in it. */
  get sources(): LibrarySource[] {
    return [...this.sourceMap.values()];
  }

  /** Every entry, in load order. */
  entries(): LibraryEntry[] {
    return this.records.map((r) => r.entry);
  }

  private source(uri: string): LibrarySource {
    let s = this.sourceMap.get(uri);
    if (!s) {
      s = { uri, count: 0, problems: [] };
      this.sourceMap.set(uri, s);
    }
    return s;
  }

  /**
   * Entries matching every word of `query` (key, author family names, title words, year; small typos tolerated
   * when nothing matches exactly), cited keys first, best first, at most `limit`.
   */
  search(query: string, options: LibrarySearchOptions): LibraryEntry[] {
    const limit = Math.max(0, Math.floor(options.limit));
    if (limit === 0) return [];
    const cited = options.cited;
    const tokens = foldForSearch(query).split(' ').filter((t) => t.length > 0);
    const top: { score: number; record: SearchRecord }[] = [];
    const offer = (record: SearchRecord, score: number): void => {
      if (top.length === limit && !better(score, record, top[limit - 1])) return;
      let i = top.length === limit ? limit - 1 : top.length;
      if (top.length < limit) top.push({ score, record });
      while (i > 0 && better(score, record, top[i - 1])) {
        top[i] = top[i - 1];
        i--;
      }
      top[i] = { score, record };
    };

    if (tokens.length === 0) {
      for (const r of this.records) offer(r, cited?.has(r.entry.key) ? CITED_BONUS : 0);
      return top.map((t) => t.record.entry);
    }
    const needles = tokens.map((t) => ` ${t}`);
    let exactCount = 0;
    for (const r of this.records) {
      const s = exactScore(r, tokens, needles);
      if (s < 0) continue;
      exactCount++;
      offer(r, s + (cited?.has(r.entry.key) ? CITED_BONUS : 0));
    }
    if (exactCount >= limit) return top.map((t) => t.record.entry);
    // Few exact matches: let typos in. Find the words within each token's typo budget once, over the vocabulary,
    // then mark the entries that hold them.
    const budgets = tokens.map(typoBudget);
    if (budgets.every((b) => b === 0) || tokens.length > 30) return top.map((t) => t.record.entry);
    const hits = new Int32Array(this.records.length);
    for (const [word, positions] of this.vocabulary) {
      let mask = 0;
      for (let i = 0; i < tokens.length; i++) {
        const budget = budgets[i];
        const tok = tokens[i];
        if (budget === 0 || word.length < tok.length - budget) continue;
        // One edit leaves one of the first two letters in place (or shifted by one): a cheap first test.
        if (budget === 1 && word[0] !== tok[0] && word[1] !== tok[1] && word[0] !== tok[1] && word[1] !== tok[0]) continue;
        // The whole word, or its start for a word still being typed.
        if (boundedEditDistance(tokens[i], word, budget) <= budget ||
          (word.length > tokens[i].length && boundedEditDistance(tokens[i], word, budget, tokens[i].length) <= budget)) {
          mask |= 1 << i;
        }
      }
      if (mask !== 0) for (const p of positions) hits[p] |= mask;
    }
    for (let k = 0; k < this.records.length; k++) {
      if (hits[k] === 0 || exactScore(this.records[k], tokens, needles) >= 0) continue;
      const s = fuzzyScore(this.records[k], needles, hits[k]);
      if (s < 0) continue;
      offer(this.records[k], s + (cited?.has(this.records[k].entry.key) ? CITED_BONUS : 0));
    }
    return top.map((t) => t.record.entry);
  }

  /** Up to `n` known keys closest to `key` (for "did you mean"), nearest first. */
  closestKeys(key: string, n = 3): string[] {
    const memoKey = `${n}\u0000${key}`;
    const memo = this.closestMemo.get(memoKey);
    if (memo) return [...memo];
    const target = key.toLowerCase();
    const max = Math.max(2, Math.floor(target.length / 3));
    this.lowerKeys ??= this.records.flatMap((r) => [r.entry.key, ...(r.entry.aliases ?? [])].map((k) => [k, k.toLowerCase()] as const));
    const found: { key: string; d: number }[] = [];
    for (const [candidate, lower] of this.lowerKeys) {
      // An edit distance is at least the difference in length: most of a large library is skipped here.
      if (Math.abs(lower.length - target.length) > max || candidate === key) continue;
      const d = boundedEditDistance(target, lower, max);
      if (d <= max) found.push({ key: candidate, d });
    }
    found.sort((a, b) => a.d - b.d || a.key.localeCompare(b.key));
    const out: string[] = [];
    for (const f of found) {
      const canonical = this.get(f.key)?.key ?? f.key;
      if (canonical !== key && !out.includes(canonical)) out.push(canonical);
      if (out.length >= n) break;
    }
    if (this.closestMemo.size > 1000) this.closestMemo.clear();
    this.closestMemo.set(memoKey, out);
    return [...out];
  }

}

function better(score: number, record: SearchRecord, than: { score: number; record: SearchRecord }): boolean {
  if (score !== than.score) return score > than.score;
  return record.order < than.record.order;
}

/** Score of a word-start or substring match at `at` in the record's search text. */
function placeScore(r: SearchRecord, at: number, wordStart: boolean, exactWord: boolean): number {
  if (at < r.keyEnd) return wordStart ? (exactWord ? 120 : 100) : 15;
  if (at < r.namesEnd) return wordStart ? (exactWord ? 80 : 60) : 10;
  if (at < r.yearEnd) return wordStart ? 50 : 5;
  return wordStart ? (exactWord ? 35 : 25) : 5;
}

/** Sum of the best exact placement of each token, or -1 when some token is absent. */
function exactScore(r: SearchRecord, tokens: string[], needles: string[]): number {
  let total = 0;
  for (let i = 0; i < tokens.length; i++) {
    const hay = r.hay;
    const at = hay.indexOf(needles[i]);
    if (at >= 0) {
      const end = at + needles[i].length;
      total += placeScore(r, at, true, hay.charCodeAt(end) === 32);
      continue;
    }
    const inner = hay.indexOf(tokens[i]);
    if (inner < 0) return -1;
    total += placeScore(r, inner, false, false);
  }
  return total;
}

/**
 * Score when each token either starts a word of the record or is in `mask` (matched a word within its typo
 * budget); -1 when some token is neither, or when none needed the typo allowance (already ranked exactly).
 */
function fuzzyScore(r: SearchRecord, needles: string[], mask: number): number {
  let total = 0;
  let usedTypo = false;
  for (let i = 0; i < needles.length; i++) {
    const at = r.hay.indexOf(needles[i]);
    if (at >= 0) {
      total += placeScore(r, at, true, false);
      continue;
    }
    if ((mask & (1 << i)) === 0) return -1;
    usedTypo = true;
    total += 3;
  }
  return usedTypo ? total : -1;
}
