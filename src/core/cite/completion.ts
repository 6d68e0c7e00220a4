/**
 * Completion of citation keys while the writer types `[@…`, `@{…`, `\cite{…` and friends: the library is searched
 * by key, author, title words and year (typos tolerated), keys already cited in the document come first, and the
 * list is capped so a library of tens of thousands of items stays fast.
 */
import { readBareKey } from '../text/citekey';
import type { Library, LibraryEntry } from './library';
import { foldForSearch, summarize } from './library';
import { findCitations, citationContextAt, type CitationContext, type CitationRef } from './syntax';
import { referenceCard, type ReferenceStyle } from './hover';

/** One suggested citation key. */
export interface CitationCompletion {
  /** The key. */
  label: string;
  /** "Author Year — Short title" (plain text). */
  detail: string;
  /** The reference as escaped Markdown ('' when `withDocumentation` is false; see {@link documentationFor}). */
  documentation: string;
  /** What replaces the key being typed: the key, or `{key}` for a Pandoc key that needs braces. */
  insertText: string;
  /** Key, authors, year and title, so the editor's own filter keeps author and title matches. */
  filterText: string;
  /** The rank, zero-padded: the editor's order. */
  sortText: string;
  /** True when the document already cites this entry. */
  cited: boolean;
}

/** Suggestions for the key under the cursor, and the span a chosen one replaces. */
export interface CitationCompletionResult {
  items: CitationCompletion[];
  replaceStart: number;
  replaceEnd: number;
  /** True when more entries matched than were listed: the editor must ask again as the writer types. */
  isIncomplete: boolean;
  /** Why the list is empty, so the editor can say so instead of showing nothing. */
  note?: 'empty-library' | 'no-match';
}

/** Input of {@link completeAt}. */
export interface CompletionInput {
  text: string;
  languageId: string;
  /** The cursor, a UTF-16 offset. */
  offset: number;
  library: Library;
  /** At most this many suggestions (clamped to 1…1000). */
  limit: number;
  /** Keys cited in the document; found with `findCitations` when absent. */
  cited?: ReadonlySet<string>;
  /** Set false to leave `documentation` empty and resolve it later with {@link documentationFor}. */
  withDocumentation?: boolean;
  /** The style of the references in the documentation; the neutral summary when absent. */
  style?: ReferenceStyle;
}

const MAX_FILTER_TEXT = 120;

/** The Markdown documentation of a suggestion: the escaped reference and where it is defined. */
export function documentationFor(entry: LibraryEntry, style: ReferenceStyle = 'summary'): string {
  return referenceCard(entry, undefined, style);
}

/** True when a Pandoc key cannot be written bare after `@` and needs `@{…}`. */
export function keyNeedsBraces(key: string): boolean {
  return key.length === 0 || readBareKey(key, 0) !== key.length;
}

// The citations of the last document seen: completion runs on every keystroke of the same text.
let memo: { text: string; languageId: string; refs: CitationRef[] } | undefined;

function citationsOf(text: string, languageId: string): CitationRef[] {
  if (memo && memo.languageId === languageId && memo.text === text) return memo.refs;
  const refs = findCitations(text, languageId);
  memo = { text, languageId, refs };
  return refs;
}

/** The canonical keys the document cites, leaving out the key being typed. */
function citedKeys(text: string, languageId: string, library: Library, ctx: CitationContext): Set<string> {
  const out = new Set<string>();
  for (const ref of citationsOf(text, languageId)) {
    if (ref.keyStart === ctx.replaceStart) continue;
    const entry = library.get(ref.key);
    if (entry) out.add(entry.key);
  }
  return out;
}

function familyNames(entry: LibraryEntry): string {
  const names = [...(entry.item.author ?? []), ...(entry.item.editor ?? [])];
  return names
    .slice(0, 4)
    .map((n) => (n && typeof n === 'object' ? n.literal ?? [n['non-dropping-particle'], n.family].filter(Boolean).join(' ') : ''))
    .filter(Boolean)
    .join(' ');
}

function yearOf(entry: LibraryEntry): string {
  const y = entry.item.issued?.['date-parts']?.[0]?.[0];
  return typeof y === 'number' && Number.isFinite(y) ? String(y) : '';
}

/** Key, authors, year, title; led by the typed text when the entry matched it only with a typo. */
function filterTextOf(entry: LibraryEntry, query: string, foldedTokens: string[]): string {
  const title = typeof entry.item.title === 'string' ? entry.item.title : '';
  let s = [entry.key, familyNames(entry), yearOf(entry), title].filter(Boolean).join(' ').replace(/\s+/g, ' ');
  const folded = foldForSearch(s);
  if (foldedTokens.some((t) => !folded.includes(t))) s = `${query} ${s}`;
  return s.length > MAX_FILTER_TEXT ? s.slice(0, MAX_FILTER_TEXT) : s;
}

function insertTextOf(key: string, ctx: CitationContext, closeBrace: boolean): string {
  if (ctx.syntax === 'latex') return key;
  if (ctx.braced) return closeBrace ? `${key}}` : key;
  return keyNeedsBraces(key) ? `{${key}}` : key;
}

/**
 * Citation keys to offer at `offset` (after `[@`, `@`, `@{`, or inside a LaTeX cite command's braces), best and
 * already-cited first, at most `limit`; undefined when the cursor is not in a citation key.
 */
export function completeAt(input: CompletionInput): CitationCompletionResult | undefined {
  const { text, languageId, offset, library } = input;
  if (!library || typeof text !== 'string' || typeof languageId !== 'string') return undefined;
  const ctx = citationContextAt(text, offset, languageId);
  if (!ctx) return undefined;
  let replaceEnd = ctx.replaceEnd;
  let closeBrace = false;
  // `@{bres` with no closing brace yet: replace only what is typed and close the brace.
  if (ctx.braced && text.charCodeAt(replaceEnd) !== 125) {
    replaceEnd = offset;
    closeBrace = true;
  }
  const result: CitationCompletionResult = { items: [], replaceStart: ctx.replaceStart, replaceEnd, isIncomplete: false };
  if (library.size === 0) {
    result.note = 'empty-library';
    return result;
  }
  const requested = Number.isFinite(input.limit) ? Math.floor(input.limit) : 50;
  const limit = Math.min(1000, Math.max(1, requested));
  const cited = input.cited ?? citedKeys(text, languageId, library, ctx);
  const found = library.search(ctx.prefix, { limit: limit + 1, cited });
  if (found.length > limit) {
    result.isIncomplete = true;
    found.length = limit;
  }
  if (found.length === 0) {
    result.note = 'no-match';
    // Typing on may still match (a typo corrected): ask again.
    result.isIncomplete = true;
    return result;
  }
  const tokens = foldForSearch(ctx.prefix).split(' ').filter(Boolean);
  const withDocs = input.withDocumentation !== false;
  const width = String(found.length).length;
  result.items = found.map((entry, rank) => ({
    label: entry.key,
    detail: summarize(entry).detail,
    documentation: withDocs ? documentationFor(entry, input.style) : '',
    insertText: insertTextOf(entry.key, ctx, closeBrace),
    filterText: filterTextOf(entry, ctx.prefix, tokens),
    sortText: String(rank).padStart(width, '0'),
    cited: cited.has(entry.key),
  }));
  return result;
}
