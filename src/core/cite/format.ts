/**
 * References in a real citation style: citeproc-js and a CSL style, both handed in by the caller (the core never
 * loads them, so the editor starts without them), turned into clean Markdown or plain text. Also: which style a
 * document asks for, a whole bibliography sorted the way the style says, and the bibliography section the
 * editor's command maintains in a document.
 */
import type { Library, LibraryEntry } from './library';

/** A node of a CSL style or locale in citeproc-js's JSON form (the XML parsed into elements). */
export interface CslJsonNode {
  name: string;
  attrs: Record<string, string>;
  children: (CslJsonNode | string)[];
}

/** A CSL style or locale: its XML text (a `.csl` file) or its parsed JSON form. */
export type CslSource = string | CslJsonNode;

/** The few citeproc-js engine methods used here. */
export interface CiteprocEngine {
  setOutputFormat(format: string): void;
  updateItems(ids: string[]): void;
  makeBibliography(): [{ entry_ids: string[][] }, string[]] | false;
  makeCitationCluster(items: { id: string; locator?: string; label?: string }[]): string;
  opt?: { xclass?: string };
}

/** The citeproc-js module (the `citeproc` package) as the caller loaded it. */
export interface CiteprocModule {
  Engine: new (
    sys: { retrieveLocale(lang: string): CslSource | undefined; retrieveItem(id: string): unknown },
    style: CslSource,
    lang?: string,
    forceLang?: boolean,
  ) => CiteprocEngine;
}

/** Everything a {@link CslFormatter} needs: the engine module, the style, and locales by language tag. */
export interface CslFormatterOptions {
  citeproc: CiteprocModule;
  style: CslSource;
  /** Locales by tag; `en-US` is the fallback for any other tag. */
  locales: Record<string, CslSource>;
  /** A name for messages and caches (the style id or file name). */
  name?: string;
}

/** One reference of a bibliography in both renderings. */
export interface FormattedReference {
  key: string;
  /** Markdown: italics as `*…*`, every other markup character escaped. */
  markdown: string;
  /** Plain text, no markup. */
  text: string;
}

/** Something that formats references; {@link formatReference} accepts one in place of `'summary'`. */
export interface ReferenceFormatter {
  /** The style's name. */
  readonly name: string;
  /** The bibliography entry of one source, as Markdown. Throws when the source cannot be formatted. */
  reference(entry: LibraryEntry): string;
}

// ---------------------------------------------------------------------------------------------- HTML → runs

/** A piece of text with its emphasis. */
interface Run {
  text: string;
  italic: boolean;
  bold: boolean;
}

interface Effect {
  italic?: boolean;
  bold?: boolean;
  /** A block (div) ends with a space, so blocks never run together. */
  block?: boolean;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** What an opening tag does to the text inside it. Unknown tags do nothing (their text is kept). */
function effectOf(tag: string): Effect {
  const name = (/^<\s*([a-zA-Z0-9]+)/.exec(tag)?.[1] ?? '').toLowerCase();
  if (name === 'i' || name === 'em') return { italic: true };
  if (name === 'b' || name === 'strong') return { bold: true };
  if (name === 'div' || name === 'p') return { block: true };
  if (name === 'span') {
    const style = (/style\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? '').replace(/\s+/g, '').toLowerCase();
    const effect: Effect = {};
    if (style.includes('font-style:italic')) effect.italic = true;
    if (style.includes('font-style:normal')) effect.italic = false;
    if (style.includes('font-weight:bold')) effect.bold = true;
    if (style.includes('font-weight:normal')) effect.bold = false;
    return effect;
  }
  return {};
}

const VOID_TAGS = /^<\s*(?:br|hr|img|wbr)\b/i;

/**
 * citeproc-js's HTML output as runs of text with their emphasis. Only emphasis survives: every tag is read as
 * markup, never copied, and the text between tags is decoded, so nothing from a bibliography can become HTML.
 */
function htmlToRuns(html: string): Run[] {
  const runs: Run[] = [];
  const stack: Effect[] = [];
  const push = (text: string): void => {
    if (text === '') return;
    let italic = false;
    let bold = false;
    for (const e of stack) {
      if (e.italic !== undefined) italic = e.italic;
      if (e.bold !== undefined) bold = e.bold;
    }
    const last = runs[runs.length - 1];
    if (last && last.italic === italic && last.bold === bold) last.text += text;
    else runs.push({ text, italic, bold });
  };
  for (const m of html.matchAll(/<[^<>]*>|[^<]+|</g)) {
    const token = m[0];
    if (token.length > 1 && token[0] === '<') {
      if (token[1] === '/') {
        const closed = stack.pop();
        if (closed?.block) push(' ');
      } else if (VOID_TAGS.test(token)) {
        push(' ');
      } else if (!token.endsWith('/>')) {
        stack.push(effectOf(token));
      }
    } else {
      push(decodeEntities(token));
    }
  }
  // One line: whitespace (line breaks, tabs, runs of spaces) folded, ends trimmed.
  for (const r of runs) r.text = r.text.replace(/[\s\u00a0]+/g, (gap) => (gap.includes('\u00a0') && !/[\r\n\t]/.test(gap) ? '\u00a0' : ' '));
  while (runs.length && runs[0].text.trimStart() === '') runs.shift();
  while (runs.length && runs[runs.length - 1].text.trimEnd() === '') runs.pop();
  if (runs.length) {
    runs[0].text = runs[0].text.trimStart();
    runs[runs.length - 1].text = runs[runs.length - 1].text.trimEnd();
  }
  return runs;
}

// Controls and bidirectional overrides are dropped from anything shown.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Escapes text for inline Markdown without burying it in backslashes: the characters that can start emphasis,
 * code, links, HTML, strikethrough, math or table cells are escaped, and `&` only where it would start an
 * entity. Periods, commas, parentheses and dashes stay as they are.
 */
export function escapeInlineMarkdown(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(/[\\`*_[\]<>~|$]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[a-zA-Z0-9]+;)/g, '\\&');
}

/** Keeps a line from starting a heading, quote, list or thematic break. */
function guardLineStart(md: string): string {
  const m = /^(?:[#>+=-]|\d{1,9}(?=[.)]))/.exec(md);
  if (!m) return md;
  return m[0].length === 1 && !/\d/.test(m[0]) ? `\\${md}` : md.replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

function runsToMarkdown(runs: readonly Run[]): string {
  let out = '';
  for (const r of runs) {
    const text = r.text.replace(INVISIBLE, '');
    const marker = r.italic && r.bold ? '***' : r.bold ? '**' : r.italic ? '*' : '';
    const core = text.trim();
    if (!marker || core === '') {
      out += escapeInlineMarkdown(text);
      continue;
    }
    // Emphasis markers must touch the text: spaces go outside them.
    const lead = text.slice(0, text.length - text.trimStart().length);
    const trail = text.slice(text.trimEnd().length);
    out += `${lead}${marker}${escapeInlineMarkdown(core)}${marker}${trail}`;
  }
  return guardLineStart(out);
}

function runsToText(runs: readonly Run[]): string {
  return runs.map((r) => r.text).join('').replace(INVISIBLE, '');
}

/** citeproc-js HTML as one line of safe Markdown (italics `*…*`, bold `**…**`, everything else escaped). */
export function citeprocHtmlToMarkdown(html: string): string {
  return runsToMarkdown(htmlToRuns(typeof html === 'string' ? html : ''));
}

/** citeproc-js HTML as one line of plain text. */
export function citeprocHtmlToText(html: string): string {
  return runsToText(htmlToRuns(typeof html === 'string' ? html : ''));
}

// ---------------------------------------------------------------------------------------------- the formatter

/** A CSL item for citeproc-js: a deep copy of the entry's item under the entry's key. */
function itemFor(entry: LibraryEntry): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(entry.item ?? {})) as Record<string, unknown>;
  copy.id = entry.key;
  if (typeof copy.type !== 'string' || copy.type === '') copy.type = 'document';
  return copy;
}

/** The style's class (`note` or `in-text`), read from the style itself. */
function styleClassOf(style: CslSource): string | undefined {
  if (typeof style === 'string') return /<style\b[^>]*\bclass\s*=\s*["']([\w-]+)["']/.exec(style.slice(0, 4000))?.[1];
  return style && typeof style === 'object' && style.attrs ? style.attrs.class : undefined;
}

/** The style's title, when it has one. */
function styleTitleOf(style: CslSource): string | undefined {
  if (typeof style === 'string') {
    const m = /<info\b[\s\S]{0,2000}?<title\b[^>]*>([^<]{1,300})<\/title>/.exec(style.slice(0, 8000));
    return m ? decodeEntities(m[1]).trim() || undefined : undefined;
  }
  return undefined;
}

/**
 * References in one CSL style through citeproc-js, which the caller loads and hands in. Synchronous once made;
 * a source citeproc-js cannot format throws (callers fall back to the neutral summary).
 */
export class CslFormatter implements ReferenceFormatter {
  readonly name: string;
  /** `note` for footnote styles (Chicago notes), `in-text` for author-date and the like. */
  readonly styleClass: string;
  /** The style's own title (from a `.csl` file), when known. */
  readonly title?: string;
  private readonly engine: CiteprocEngine;
  private items = new Map<string, Record<string, unknown>>();
  private readonly cache = new WeakMap<LibraryEntry, string>();

  private constructor(options: CslFormatterOptions) {
    this.name = options.name ?? 'custom';
    this.styleClass = styleClassOf(options.style) ?? 'in-text';
    this.title = styleTitleOf(options.style);
    const locales = options.locales;
    const sys = {
      retrieveLocale: (lang: string) => locales[lang] ?? locales['en-US'],
      retrieveItem: (id: string) => this.items.get(id),
    };
    this.engine = new options.citeproc.Engine(sys, options.style, 'en-US', false);
    this.engine.setOutputFormat('html');
  }

  /** A formatter for the style, or the reason there is none (a style citeproc-js cannot read, no engine). */
  static create(options: CslFormatterOptions): { formatter: CslFormatter; error?: undefined } | { formatter?: undefined; error: string } {
    const name = options?.name ?? 'style';
    if (!options || !options.citeproc || typeof options.citeproc.Engine !== 'function') return { error: `${name}: no citation engine was given` };
    if (typeof options.style === 'string' && !/<style\b/.test(options.style)) return { error: `${name} is not a CSL style (no <style> element)` };
    if (!options.style) return { error: `${name}: the style is empty` };
    try {
      const formatter = new CslFormatter(options);
      formatter.probe();
      return { formatter };
    } catch (err) {
      return { error: `${name} could not be read as a CSL style: ${firstLine(err)}` };
    }
  }

  /** Formats a tiny item once, so a broken style fails when it is loaded rather than on every hover. */
  private probe(): void {
    this.load([{ key: '_probe', item: { id: '_probe', type: 'book', title: 'Probe', issued: { 'date-parts': [[2000]] } }, origin: { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } }]);
    this.engine.makeCitationCluster([{ id: '_probe' }]);
    this.engine.makeBibliography();
  }

  private load(entries: readonly LibraryEntry[]): string[] {
    this.items = new Map();
    for (const e of entries) if (!this.items.has(e.key)) this.items.set(e.key, itemFor(e));
    const ids = [...this.items.keys()];
    this.engine.updateItems(ids);
    return ids;
  }

  /** The style's bibliography (entry HTML by key, in the style's order), or undefined when it has none. */
  private bibliographyHtml(entries: readonly LibraryEntry[]): { key: string; html: string }[] | undefined {
    this.load(entries);
    const result = this.engine.makeBibliography();
    if (!result) return undefined;
    const [meta, html] = result;
    return html.map((h, i) => ({ key: String(meta.entry_ids[i]?.[0] ?? ''), html: h }));
  }

  /** The bibliography entry of one source as Markdown (the citation form for styles without bibliography). */
  reference(entry: LibraryEntry): string {
    const cached = this.cache.get(entry);
    if (cached !== undefined) return cached;
    const bib = this.bibliographyHtml([entry]);
    const html = bib && bib.length ? bib[0].html : this.engine.makeCitationCluster([{ id: entry.key }]);
    const md = citeprocHtmlToMarkdown(html);
    if (md === '') throw new Error(`${this.name} gave nothing for ${entry.key}`);
    this.cache.set(entry, md);
    return md;
  }

  /** The citation of one source: a first footnote for note styles, the parenthetical for in-text styles. */
  citation(entry: LibraryEntry, locator?: { locator: string; label?: string }, format: 'markdown' | 'text' = 'markdown'): string {
    this.load([entry]);
    const item: { id: string; locator?: string; label?: string } = { id: entry.key };
    if (locator && locator.locator) {
      item.locator = locator.locator;
      item.label = locator.label ?? 'page';
    }
    const html = this.engine.makeCitationCluster([item]);
    return format === 'text' ? citeprocHtmlToText(html) : citeprocHtmlToMarkdown(html);
  }

  /** The bibliography of these sources, sorted as the style says (cited order for styles that keep it). */
  bibliography(entries: readonly LibraryEntry[]): FormattedReference[] {
    if (entries.length === 0) return [];
    const bib = this.bibliographyHtml(entries);
    if (!bib) {
      return entries.map((e) => {
        const html = this.engine.makeCitationCluster([{ id: e.key }]);
        return { key: e.key, markdown: citeprocHtmlToMarkdown(html), text: citeprocHtmlToText(html) };
      });
    }
    return bib.map((b) => ({ key: b.key, markdown: citeprocHtmlToMarkdown(b.html), text: citeprocHtmlToText(b.html) }));
  }
}

function firstLine(err: unknown): string {
  const s = err instanceof Error ? err.message : String(err);
  return (s.split(/\r?\n/)[0] || 'unknown error').slice(0, 200);
}

// ---------------------------------------------------------------------------------------------- style choice

/** The styles Annalist ships, by CSL id, with the names shown in pickers. */
export const SHIPPED_STYLES: readonly { id: string; title: string }[] = Object.freeze([
  { id: 'chicago-note-bibliography', title: 'Chicago Manual of Style (notes and bibliography)' },
  { id: 'chicago-author-date', title: 'Chicago Manual of Style (author-date)' },
  { id: 'modern-language-association', title: 'MLA Handbook' },
  { id: 'apa', title: 'APA' },
]);

/** The style used when neither the document nor the settings name one. */
export const DEFAULT_STYLE = 'chicago-note-bibliography';

/** Which style a document asks for and who asked. */
export interface StyleRequest {
  /** A shipped style id, another style's name (looked up among the writer's styles), or a `.csl` path. */
  name: string;
  from: 'front-matter' | 'setting' | 'default';
}

/** True when a style name is a file path (`styles/house.csl`, `C:\styles\x.csl`) rather than a style id. */
export function isStylePath(name: string): boolean {
  return /\.csl$/i.test(name) || /[\\/]/.test(name);
}

/** True when `name` is one of the styles Annalist ships. */
export function isShippedStyle(name: string): boolean {
  return SHIPPED_STYLES.some((s) => s.id === name);
}

function cleanName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.replace(INVISIBLE, '').trim();
  return s === '' || s.length > 1000 ? undefined : s;
}

/**
 * The style for a document: its front matter's `csl:` (or `citation-style:`), else the setting, else Chicago
 * notes and bibliography.
 */
export function styleRequestFor(frontMatter: unknown, setting?: string): StyleRequest {
  if (frontMatter && typeof frontMatter === 'object' && !Array.isArray(frontMatter)) {
    const fm = frontMatter as Record<string, unknown>;
    const named = cleanName(fm.csl) ?? cleanName(fm['citation-style']);
    if (named) return { name: named, from: 'front-matter' };
  }
  const fromSetting = cleanName(setting);
  if (fromSetting) return { name: fromSetting, from: 'setting' };
  return { name: DEFAULT_STYLE, from: 'default' };
}

// ---------------------------------------------------------------------------------------------- bibliographies

/** The reference style {@link formatReference} and {@link bibliographyFor} take: the neutral summary or a CSL style. */
export type StyleChoice = 'summary' | ReferenceFormatter;

function isCslFormatter(style: StyleChoice): style is CslFormatter {
  return style instanceof CslFormatter;
}

/** The distinct library entries of `keys` (aliases resolved, unknown keys left out), in first-cited order. */
export function citedEntries(keys: Iterable<string>, library: Library): LibraryEntry[] {
  const seen = new Set<string>();
  const out: LibraryEntry[] = [];
  for (const k of keys) {
    const entry = library.get(k);
    if (!entry || seen.has(entry.key)) continue;
    seen.add(entry.key);
    out.push(entry);
  }
  return out;
}

/**
 * The formatted bibliography of the cited keys: sorted as the CSL style says, or alphabetically for the summary
 * (and for a formatter that is not a CSL style). `summarize` formats one entry the neutral way.
 */
export function formatBibliography(
  keys: Iterable<string>,
  library: Library,
  style: StyleChoice,
  summarize: (entry: LibraryEntry) => string,
): FormattedReference[] {
  const entries = citedEntries(keys, library);
  if (entries.length === 0) return [];
  if (isCslFormatter(style)) {
    try {
      return style.bibliography(entries);
    } catch {
      // Fall through to one by one, so one bad source does not lose the others.
    }
  }
  const out = entries.map((e) => {
    let markdown: string;
    try {
      markdown = style === 'summary' ? summarize(e) : style.reference(e);
    } catch {
      markdown = summarize(e);
    }
    return { key: e.key, markdown, text: markdownToText(markdown) };
  });
  return out.sort((a, b) => a.text.localeCompare(b.text, 'en', { sensitivity: 'base' }) || (a.key < b.key ? -1 : 1));
}

/** Markdown of the kind written here back to plain text (escapes and emphasis markers removed). */
export function markdownToText(md: string): string {
  return md.replace(/\\([\\`*_{}[\]()#+\-.!|<>&~=$])|\*+/g, (whole, escaped: string | undefined) => escaped ?? '');
}

// ---------------------------------------------------------------------------------------------- the section

/** The markers around the bibliography the editor's command maintains. */
export const BIBLIOGRAPHY_START = '<!-- annalist-bibliography -->';
export const BIBLIOGRAPHY_END = '<!-- /annalist-bibliography -->';

/** A replacement of `[start, end)` in the document by `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * Where the bibliography goes: between the markers when the document has them; else as the content of a
 * `References` (or `Bibliography`, `Works Cited`) heading's section; else at `cursor`, under a new heading when
 * the cursor is not already in such a section.
 */
export function bibliographyEdit(text: string, references: readonly string[], cursor: number): TextEdit {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const body = references.length ? references.join(eol + eol) : '*No cited source is in the bibliography.*';
  const block = `${BIBLIOGRAPHY_START}${eol}${eol}${body}${eol}${eol}${BIBLIOGRAPHY_END}`;
  const start = text.indexOf(BIBLIOGRAPHY_START);
  if (start >= 0) {
    const endMarker = text.indexOf(BIBLIOGRAPHY_END, start + BIBLIOGRAPHY_START.length);
    if (endMarker >= 0) return { start, end: endMarker + BIBLIOGRAPHY_END.length, newText: block };
  }
  const heading = findReferencesHeading(text);
  if (heading) {
    const more = heading.contentEnd < text.length;
    return { start: heading.contentStart, end: heading.contentEnd, newText: `${eol}${eol}${block}${eol}${more ? eol : ''}` };
  }
  const at = Math.max(0, Math.min(Number.isInteger(cursor) ? cursor : text.length, text.length));
  const before = text.slice(0, at);
  const lineStart = before.length === 0 || before.endsWith('\n');
  return { start: at, end: at, newText: `${lineStart ? '' : eol + eol}# References${eol}${eol}${block}${eol}` };
}

const HEADING_START = /^#{1,6}(?=[ \t])/;

/** An ATX heading's level and title (closing `#`s and a Pandoc `{#id}` attribute removed), or undefined. */
function parseHeading(line: string): { level: number; title: string } | undefined {
  const m = HEADING_START.exec(line);
  if (!m) return undefined;
  let title = line.slice(m[0].length).trim();
  if (title.endsWith('}')) {
    const open = title.lastIndexOf('{');
    if (open >= 0) title = title.slice(0, open).trimEnd();
  }
  let end = title.length;
  while (end > 0 && title[end - 1] === '#') end--;
  if (end < title.length && (end === 0 || title[end - 1] === ' ' || title[end - 1] === '\t')) title = title.slice(0, end).trimEnd();
  return { level: m[0].length, title };
}
const REFERENCE_TITLES = /^(?:references|bibliography|works cited|sources|literature cited)$/i;

/** The first ATX heading titled References/Bibliography outside fences, and the span of its section's content. */
function findReferencesHeading(text: string): { contentStart: number; contentEnd: number } | undefined {
  let offset = 0;
  let fence: string | undefined;
  let found: { level: number; contentStart: number } | undefined;
  while (offset <= text.length) {
    const nl = text.indexOf('\n', offset);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(offset, lineEnd).replace(/\r$/, '');
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1];
      else if (fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && line.trim() === fenceMatch[1]) fence = undefined;
    } else if (!fence) {
      const h = parseHeading(line);
      if (h) {
        if (found && h.level <= found.level) return { contentStart: found.contentStart, contentEnd: offset };
        if (!found && REFERENCE_TITLES.test(h.title)) found = { level: h.level, contentStart: offset + line.length };
      }
    }
    if (nl < 0) break;
    offset = nl + 1;
  }
  return found ? { contentStart: found.contentStart, contentEnd: text.length } : undefined;
}
