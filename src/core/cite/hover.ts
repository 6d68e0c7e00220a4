/**
 * What a cited key refers to, for the editor's hover and "go to definition": the reference as a clean, escaped
 * Markdown summary (nothing written in a bibliography file can become a link, HTML or a command), and the place
 * in the bibliography file where the entry is defined.
 */
import { escapeMarkdown, isWebUrl, safeLink } from '../markdown';
import type { Range } from '../types';
import type { CslItem, CslName, Library, LibraryEntry } from './library';
import { issuedYear } from './library';
import { findCitations, type CitationRef } from './syntax';
import type { ReferenceFormatter } from './format';
import { withoutQueryOrFragment } from '../text/strings';

/**
 * How a reference is written: the neutral `summary`, or a CSL style's formatter (`CslFormatter` in format.ts,
 * which the caller makes with citeproc-js). A formatter that fails on an entry falls back to the summary.
 */
export type ReferenceStyle = 'summary' | ReferenceFormatter;

/** A hover over a cited key. Offsets are UTF-16 offsets into the document. */
export interface CitationHover {
  markdown: string;
  /** The key's span in the document. */
  start: number;
  end: number;
  /** The key as written (possibly an alias). */
  key: string;
}

/** Input of {@link citationHoverAt} and {@link citationDefinitionAt}. */
export interface CitationAtInput {
  text: string;
  languageId: string;
  offset: number;
  library: Library;
  /** The style of the reference shown; the neutral summary when absent. */
  style?: ReferenceStyle;
}

// Item types whose title sits inside a larger work (quoted title, "in *Container*").
const CONTAINED_TYPES = new Set([
  'chapter', 'article', 'article-journal', 'article-magazine', 'article-newspaper', 'paper-conference',
  'entry-encyclopedia', 'entry-dictionary', 'entry', 'review', 'review-book', 'post', 'post-weblog', 'webpage',
]);

const MAX_FIELD = 400;
const MAX_NAMES = 10;

/** A field as plain text: strings as they are, numbers printed, anything else ignored; long values cut. */
function fieldText(value: unknown): string {
  let s = typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  s = s.trim();
  if (s.length > MAX_FIELD) s = `${s.slice(0, MAX_FIELD - 1).trimEnd()}…`;
  return s;
}

/** A field escaped for Markdown, or '' when absent. */
function esc(value: unknown): string {
  return escapeMarkdown(fieldText(value));
}

function nameText(n: CslName): string {
  if (!n || typeof n !== 'object') return '';
  if (n.literal) return fieldText(n.literal);
  const family = [n['non-dropping-particle'], n.family].map(fieldText).filter(Boolean).join(' ');
  const given = [n.given, n['dropping-particle']].map(fieldText).filter(Boolean).join(' ');
  const suffix = fieldText(n.suffix);
  const main = family && given ? `${family}, ${given}` : family || given;
  return suffix ? `${main}, ${suffix}` : main;
}

function namesText(names: unknown): string {
  if (!Array.isArray(names) || names.length === 0) return '';
  const list = (names as CslName[]).slice(0, MAX_NAMES).map(nameText).filter(Boolean);
  if (list.length === 0) return '';
  const more = names.length > MAX_NAMES ? ' et al.' : '';
  return escapeMarkdown(list.join('; ') + more);
}

/** The year (or literal date) an item was issued, escaped; 'n.d.' when there is none. */
function yearText(item: CslItem): string {
  const y = issuedYear(item);
  if (y !== undefined) {
    const parts = item.issued?.['date-parts'];
    const end = parts && parts[1] && parts[1][0];
    return typeof end === 'number' && Number.isFinite(end) && end !== y ? `${y}–${end}` : String(y);
  }
  const d = item.issued;
  const literal = d && typeof d === 'object' ? fieldText(d.literal ?? d.raw) : '';
  return literal ? escapeMarkdown(literal) : 'n.d.';
}

function withPeriod(s: string): string {
  return /[.!?…]$/.test(s) || /\\[.!?]$/.test(s) ? s : `${s}.`;
}

/**
 * One reference as Markdown: creators, title (italic, or quoted within its container), container, volume and
 * issue, place and publisher, year, pages, then a DOI or web link. Every field is escaped; only http(s) links are
 * made. `style` is the seam for CSL styles.
 */
export function formatReference(entry: LibraryEntry, style: ReferenceStyle = 'summary'): string {
  if (style !== 'summary' && style && typeof style.reference === 'function' && entry && typeof entry.key === 'string') {
    try {
      const formatted = style.reference(entry);
      if (typeof formatted === 'string' && formatted !== '') return formatted;
    } catch {
      // The style could not format this entry: the summary below still shows it.
    }
  }
  const item: CslItem = entry && entry.item && typeof entry.item === 'object' ? entry.item : { id: '', type: '' };
  const sentences: string[] = [];
  const authors = namesText(item.author);
  const editors = namesText(item.editor);
  if (authors) sentences.push(authors);
  else if (editors) sentences.push(`${editors} (ed${Array.isArray(item.editor) && item.editor.length > 1 ? 's' : ''}.)`);

  const title = esc(item.title);
  const container = esc(item['container-title']);
  const contained = container !== '' && CONTAINED_TYPES.has(String(item.type));
  if (title) sentences.push(contained ? `“${title}”` : `*${title}*`);

  const parts: string[] = [];
  if (container) parts.push(contained ? `In *${container}*` : `*${container}*`);
  if (authors && editors && contained) parts.push(`edited by ${editors}`);
  const volume = esc(item.volume);
  const issue = esc(item.issue);
  if (volume) parts.push(`vol. ${volume}`);
  if (issue) parts.push(`no. ${issue}`);
  const imprint = [esc(item['publisher-place']), esc(item.publisher)].filter(Boolean).join(': ');
  if (imprint) parts.push(imprint);
  parts.push(yearText(item));
  const page = esc(item.page);
  if (page) parts.push(contained ? `pp. ${page}` : page);
  sentences.push(parts.join(', '));

  let text = sentences.map(withPeriod).join(' ');
  const doi = fieldText(item.DOI).replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/i, '');
  const url = fieldText(item.URL);
  if (doi) text += ` ${safeLink(`doi:${doi}`, `https://doi.org/${doi}`)}`;
  else if (url) text += ` ${isWebUrl(url) ? safeLink(url, url) : escapeMarkdown(url)}`;
  return text;
}

/** The last path segment of a URI or path, decoded when possible. */
function fileNameOf(uri: string): string {
  const path = withoutQueryOrFragment(String(uri));
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1) || path;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * The Markdown card of one entry: the formatted reference and where it is defined. When `citedAs` is an alias,
 * it says which key the alias stands for.
 */
export function referenceCard(entry: LibraryEntry, citedAs?: string, style: ReferenceStyle = 'summary'): string {
  const lines: string[] = [formatReference(entry, style)];
  if (citedAs !== undefined && citedAs !== entry.key) {
    lines.push(`Cited as ${escapeMarkdown(citedAs)}, another key of ${escapeMarkdown(entry.key)}.`);
  }
  const origin = entry.origin;
  if (origin && typeof origin.uri === 'string' && origin.uri !== '') {
    const line = origin.range?.start?.line;
    const where = typeof line === 'number' && line > 0 ? `, line ${line + 1}` : '';
    lines.push(`*${escapeMarkdown(fileNameOf(origin.uri))}${where}*`);
  }
  return lines.join('\n\n');
}

/** The cited key whose span holds `offset` (or whose `@` is at `offset`), or undefined. */
export function citationRefAt(text: string, languageId: string, offset: number): CitationRef | undefined {
  if (typeof text !== 'string' || !Number.isInteger(offset) || offset < 0 || offset > text.length) return undefined;
  return citationAmong(findCitations(text, languageId), text, offset);
}

/** The citation (in document order) whose `@key`, `@{key}` or LaTeX key covers `offset`, or undefined. */
export function citationAmong(refs: readonly CitationRef[], text: string, offset: number): CitationRef | undefined {
  for (const ref of refs) {
    if (ref.keyStart > offset + 2) break;
    const from = ref.syntax === 'latex' ? ref.keyStart : ref.keyStart - (text.charCodeAt(ref.keyStart - 1) === 123 ? 2 : 1);
    if (offset >= from && offset < ref.keyEnd) return ref;
  }
  return undefined;
}

/** The hover card of a citation already found (e.g. by the document's analysis), or undefined for an unknown key. */
export function citationHoverOf(ref: CitationRef, library: Library, style?: ReferenceStyle): CitationHover | undefined {
  const entry = library.get(ref.key);
  if (!entry) return undefined;
  const markdown = `**${escapeMarkdown(entry.key)}**\n\n${referenceCard(entry, ref.key, style)}`;
  return { markdown, start: ref.keyStart, end: ref.keyEnd, key: ref.key };
}

/** The hover card of the known citation key at `offset`, or undefined (unknown keys get their diagnostic). */
export function citationHoverAt(input: CitationAtInput): CitationHover | undefined {
  const { text, languageId, offset, library } = input;
  if (!library) return undefined;
  const ref = citationRefAt(text, languageId, offset);
  return ref ? citationHoverOf(ref, library, input.style) : undefined;
}

/** Where the entry cited at `offset` is defined (its file and the span of its key), or undefined. */
export function citationDefinitionAt(input: CitationAtInput): { uri: string; range: Range } | undefined {
  const { text, languageId, offset, library } = input;
  if (!library) return undefined;
  const ref = citationRefAt(text, languageId, offset);
  const entry = ref ? library.get(ref.key) : undefined;
  if (!entry || !entry.origin) return undefined;
  const r = entry.origin.range;
  return {
    uri: entry.origin.uri,
    range: { start: { ...r.start }, end: { ...r.end } },
  };
}
