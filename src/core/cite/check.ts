/**
 * Citation checks: every cited key must name an entry of the library (`unknown-citation-key`, with "did you
 * mean" fixes), and the problems of each bibliography file are reported in that file.
 */
import { LineMap } from '../text/lines';
import type { AnnalistDiagnostic, Fix, RelatedLocation } from '../types';
import type { BibProblem, Library } from './library';
import { keyNeedsBraces } from './completion';
import { findCitations, type CitationRef } from './syntax';

/** The code of a cited key the library lacks. */
export const UNKNOWN_CITATION_KEY = 'unknown-citation-key';

/** Input of {@link checkCitationKeys}. */
export interface CitationCheckInput {
  text: string;
  languageId: string;
  library: Library;
  /**
   * True when the document or the settings name a bibliography (front matter `bibliography:`, `references:`,
   * `\addbibresource`, a configured file), even if it could not be read or is empty.
   */
  bibliographyConfigured?: boolean;
  /** True when diagnostics of `code` are switched off at `offset` (suppression comments). */
  isSuppressed?: (offset: number, code: string) => boolean;
  /** At most this many "did you mean" keys per diagnostic (default 3). */
  maxSuggestions?: number;
  /** The document's citations when an analysis already found them (else the text is scanned for them). */
  citations?: readonly CitationRef[];
  /** The text's line map when the caller has one. */
  lines?: LineMap;
}

/** "a", "a or b", "a, b or c". */
function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** True when the key of a Pandoc citation is written `@{…}`. */
function isBraced(text: string, ref: CitationRef): boolean {
  return ref.syntax !== 'latex' && text.charCodeAt(ref.keyStart - 1) === 123 && text.charCodeAt(ref.keyStart - 2) === 64;
}

/**
 * One `unknown-citation-key` diagnostic on every cited key that no entry (nor alias) of the library has, with a
 * fix per closest known key.
 *
 * Which `@word`s count: Pandoc reads every `@key` in prose as a citation, so so do we, in brackets or in the text;
 * a stray `@handle` is exactly what Pandoc would warn about too. One exception: when the library is empty AND no
 * bibliography is configured, the document is not using citations at all (an `@` there is a handle or a
 * decorator), and nothing is flagged. A configured bibliography that is empty or unreadable still flags every key,
 * and says why.
 */
export function checkCitationKeys(input: CitationCheckInput): AnnalistDiagnostic[] {
  const { text, languageId, library } = input;
  if (typeof text !== 'string' || !library) return [];
  const empty = library.size === 0;
  if (empty && !input.bibliographyConfigured) return [];
  const refs = input.citations ?? findCitations(text, typeof languageId === 'string' ? languageId : 'plaintext');
  if (refs.length === 0) return [];
  const lines = input.lines ?? new LineMap(text);
  const max = Math.max(0, Math.min(10, Math.floor(input.maxSuggestions ?? 3)));
  const closest = new Map<string, string[]>();
  const out: AnnalistDiagnostic[] = [];
  for (const ref of refs) {
    if (library.has(ref.key)) continue;
    if (input.isSuppressed?.(ref.keyStart, UNKNOWN_CITATION_KEY)) continue;
    let suggestions = closest.get(ref.key);
    if (!suggestions) {
      suggestions = max > 0 ? library.closestKeys(ref.key, max) : [];
      closest.set(ref.key, suggestions);
    }
    const range = lines.rangeOf(ref.keyStart, ref.keyEnd);
    let message = `No bibliography entry has the key '${ref.key}'.`;
    if (suggestions.length > 0) message += ` Did you mean ${orList(suggestions)}?`;
    else if (empty) message += ' The bibliography is empty or could not be read.';
    const braced = isBraced(text, ref);
    const fixes: Fix[] = suggestions.map((s, i) => ({
      title: `Cite ${s} instead`,
      edits: [{ range, newText: ref.syntax !== 'latex' && !braced && keyNeedsBraces(s) ? `{${s}}` : s }],
      ...(i === 0 ? { preferred: true } : {}),
    }));
    const diagnostic: AnnalistDiagnostic = {
      range,
      severity: 'warning',
      code: UNKNOWN_CITATION_KEY,
      message,
      source: 'Annalist',
      data: { key: ref.key, suggestions },
    };
    if (fixes.length > 0) diagnostic.fixes = fixes;
    out.push(diagnostic);
  }
  return out;
}

/** The key a `bib-duplicate-key` problem names (its message quotes it first). */
function duplicateKeyOf(p: BibProblem): string | undefined {
  const m = /"([^"\n]{1,500})"/.exec(p.message);
  return m ? m[1] : undefined;
}

/**
 * The problems of each bibliography file of the library (broken entries, duplicate keys within a file and across
 * files, ...), as diagnostics to show in that file; every file read has a list, empty when it is clean, so the
 * editor can clear old ones. A duplicate key points at the definition that wins.
 */
export function bibliographyDiagnostics(library: Library): Map<string, AnnalistDiagnostic[]> {
  const out = new Map<string, AnnalistDiagnostic[]>();
  if (!library) return out;
  for (const source of library.sources) {
    const list: AnnalistDiagnostic[] = [];
    for (const p of source.problems) {
      const d: AnnalistDiagnostic = {
        range: { start: { ...p.range.start }, end: { ...p.range.end } },
        severity: p.severity,
        code: p.code,
        message: p.message,
        source: 'Annalist',
      };
      if (p.code === 'bib-duplicate-key') {
        const key = duplicateKeyOf(p);
        const winner = key !== undefined ? library.get(key) : undefined;
        if (key !== undefined) d.data = { key };
        if (winner && !(winner.origin.uri === p.uri && sameRange(winner.origin.range, p.range))) {
          const related: RelatedLocation = { uri: winner.origin.uri, range: winner.origin.range, message: `"${key}" is defined here first` };
          d.related = [related];
        }
      }
      list.push(d);
    }
    out.set(source.uri, list);
  }
  return out;
}

function sameRange(a: { start: { line: number; character: number } }, b: { start: { line: number; character: number } }): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}
