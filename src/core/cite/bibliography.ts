/**
 * Which bibliography files a document names, how to read each by its format, and the shipped dataset's sources
 * as citable entries beside the writer's own.
 */
import type { SourceRecord } from '../dataset/model';
import type { Range } from '../types';
import { parseBibtex } from './bibtex';
import { parseCslJson, parseCslYaml } from './csl';
import { cslDateFromEdtf } from './date';
import type { CslItem, LibraryEntry, ParsedBibliography } from './library';
import { startOfFile } from './library';
import { withoutQueryOrFragment } from '../text/strings';

/** Formats a bibliography file can have. */
export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

/** The `bibliography:` paths of a parsed front matter (a string or a list of strings), in order. */
export function bibliographyPathsFromFrontMatter(data: unknown): string[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  const value = (data as Record<string, unknown>).bibliography;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v.length > 0);
}

/** The format a file name or URI suggests, or undefined. */
export function bibliographyFormatOf(uri: string): BibliographyFormat | undefined {
  const path = withoutQueryOrFragment(uri).toLowerCase();
  if (path.endsWith('.bib') || path.endsWith('.bibtex') || path.endsWith('.biblatex')) return 'bibtex';
  if (path.endsWith('.json')) return 'csl-json';
  if (path.endsWith('.yaml') || path.endsWith('.yml')) return 'csl-yaml';
  return undefined;
}

/** Guesses the format of text with no telling extension. */
function sniffFormat(text: string): BibliographyFormat {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('[') || head.startsWith('{')) return 'csl-json';
  if (/^@[A-Za-z]+\s*[{(]/m.test(text.slice(0, 100_000))) return 'bibtex';
  return 'csl-yaml';
}

/** Reads a bibliography file in the given format, or the one its extension (or content) tells. Never throws. */
export function loadBibliography(text: string, uri: string, format?: BibliographyFormat): ParsedBibliography {
  const f = format ?? bibliographyFormatOf(uri) ?? sniffFormat(text);
  switch (f) {
    case 'bibtex':
      return parseBibtex(text, uri);
    case 'csl-json':
      return parseCslJson(text, uri);
    case 'csl-yaml':
      return parseCslYaml(text, uri);
    default:
      return {
        entries: [],
        problems: [{ uri, range: startOfFile(), severity: 'error', code: 'bib-unknown-format', message: `Unknown bibliography format "${String(f)}".` }],
      };
  }
}

/**
 * The dataset's sources as library entries (EDTF `issued`/`accessed` become CSL dates). `rangeOf` may place
 * each source in its dataset file; otherwise entries point at the file's start.
 */
export function sourcesToEntries(sources: readonly SourceRecord[], uri: string, rangeOf?: (id: string) => Range | undefined): LibraryEntry[] {
  const out: LibraryEntry[] = [];
  for (const s of sources) {
    if (!s || typeof s.id !== 'string' || s.id === '') continue;
    const { issued, accessed, ...rest } = s;
    const item: CslItem = { ...rest, id: s.id, type: s.type || 'document' };
    const i = issued !== undefined ? cslDateFromEdtf(issued) : undefined;
    if (i) item.issued = i;
    const a = accessed !== undefined ? cslDateFromEdtf(accessed) : undefined;
    if (a) item.accessed = a;
    out.push({ key: s.id, item, origin: { uri, range: rangeOf?.(s.id) ?? startOfFile() } });
  }
  return out;
}
