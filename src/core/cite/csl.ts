/**
 * CSL-JSON and CSL-YAML bibliographies (Zotero and Better CSL JSON exports, Pandoc `references:`), item by item:
 * an invalid item is reported where it is and the others still load.
 */
import { LineMap } from '../text/lines';
import { isMap, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { BibProblem, BibProblemCode, CslItem, CslName, LibraryEntry, ParsedBibliography } from './library';
import { startOfFile } from './library';
import { cslDateFromEdtf } from './date';
import type { Range, Severity } from '../types';

const NAME_FIELDS = ['author', 'editor', 'translator', 'container-author', 'collection-editor', 'director', 'interviewer', 'recipient', 'reviewed-author', 'composer', 'illustrator', 'contributor'];
const DATE_FIELDS = ['issued', 'accessed', 'original-date', 'event-date', 'submitted'];

interface Located {
  value: unknown;
  /** Span of the item as a whole, and of its `id` value when found. */
  itemRange: Range;
  idRange?: Range;
}

/**
 * Validates one CSL item: it needs an `id` (string or number); `type` defaults to `document`; names must be
 * lists of name objects; dates may be CSL dates or EDTF strings. Returns the item or the reason it is skipped.
 */
function validateItem(value: unknown, notes: (code: BibProblemCode, severity: Severity, message: string) => void): CslItem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    notes('csl-invalid-item', 'error', 'Item skipped: a bibliography item must be an object.');
    return undefined;
  }
  const obj = value as Record<string, unknown>;
  const rawId = obj.id;
  if (!(typeof rawId === 'string' && rawId.trim() !== '') && !(typeof rawId === 'number' && Number.isFinite(rawId))) {
    const title = typeof obj.title === 'string' ? ` ("${obj.title.slice(0, 60)}")` : '';
    notes('csl-missing-id', 'error', `Item${title} skipped: it has no "id", so it cannot be cited.`);
    return undefined;
  }
  const id = String(rawId).trim();
  const item: CslItem = { ...obj, id, type: typeof obj.type === 'string' && obj.type ? obj.type : 'document' };
  if (typeof obj.type !== 'string' || !obj.type) notes('csl-missing-type', 'warning', `Item "${id}" has no "type"; read as "document".`);
  for (const f of NAME_FIELDS) {
    const v = obj[f];
    if (v === undefined) continue;
    const names = Array.isArray(v) ? v.filter((n): n is CslName => typeof n === 'object' && n !== null && !Array.isArray(n)) : [];
    if (!Array.isArray(v) || names.length !== v.length) {
      notes('csl-invalid-item', 'warning', `Item "${id}": "${f}" should be a list of names ({family, given} or {literal}); invalid names are ignored.`);
    }
    if (names.length) item[f] = names;
    else delete item[f];
  }
  for (const f of DATE_FIELDS) {
    const v = obj[f];
    if (v === undefined) continue;
    if (typeof v === 'string' || typeof v === 'number') {
      const d = cslDateFromEdtf(v);
      if (d) item[f] = d;
      else delete item[f];
    } else if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      notes('csl-invalid-item', 'warning', `Item "${id}": "${f}" is not a date; ignored.`);
      delete item[f];
    }
  }
  for (const f of ['title', 'container-title', 'publisher', 'publisher-place', 'page', 'volume', 'issue', 'URL', 'DOI']) {
    const v = obj[f];
    if (typeof v === 'number') item[f] = String(v);
    else if (v !== undefined && typeof v !== 'string') {
      notes('csl-invalid-item', 'warning', `Item "${id}": "${f}" should be text; ignored.`);
      delete item[f];
    }
  }
  return item;
}

function collect(located: Located[], uri: string, problems: BibProblem[]): LibraryEntry[] {
  const entries: LibraryEntry[] = [];
  const seen = new Map<string, Range>();
  for (const loc of located) {
    const item = validateItem(loc.value, (code, severity, message) =>
      problems.push({ uri, range: loc.idRange ?? loc.itemRange, severity, code, message }),
    );
    if (!item) continue;
    const range = loc.idRange ?? loc.itemRange;
    const first = seen.get(item.id);
    if (first) {
      problems.push({ uri, range, severity: 'warning', code: 'bib-duplicate-key', message: `Duplicate id "${item.id}": the item on line ${first.start.line + 1} is used, this one is ignored.` });
      continue;
    }
    seen.set(item.id, range);
    entries.push({ key: item.id, item, origin: { uri, range } });
  }
  return entries;
}

/** Skips a JSON string starting at the quote `i`; returns the offset after its closing quote (or the end). */
function skipJsonString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === 34) return j + 1;
  }
  return text.length;
}

/** Offsets of the top-level objects of a JSON array, with the span of each one's own `"id"` value. */
function scanJsonItems(text: string): { start: number; end: number; closed: boolean; idStart: number; idEnd: number }[] {
  const out: { start: number; end: number; closed: boolean; idStart: number; idEnd: number }[] = [];
  let depth = 0;
  let cur: { start: number; end: number; closed: boolean; idStart: number; idEnd: number } | undefined;
  let expectIdValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = skipJsonString(text, i);
      if (expectIdValue && cur && cur.idStart < 0) {
        cur.idStart = i + 1;
        cur.idEnd = Math.max(i + 1, end - 1);
        expectIdValue = false;
      } else if (cur && depth === 2 && cur.idStart < 0 && end - i === 4 && text.charCodeAt(i + 1) === 105 && text.charCodeAt(i + 2) === 100) {
        let k = end;
        while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13)) k++;
        if (text.charCodeAt(k) === 58 /* : */) {
          expectIdValue = true;
          i = k;
          continue;
        }
      }
      i = end - 1;
      continue;
    }
    if (expectIdValue && cur && c > 32 && c !== 58) {
      // A numeric id: its span runs to the next delimiter.
      let k = i;
      while (k < text.length && !/[\s,}\]]/.test(text[k])) k++;
      cur.idStart = i;
      cur.idEnd = k;
      expectIdValue = false;
      i = k - 1;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (c === 123 && depth === 2) cur = { start: i, end: text.length, closed: false, idStart: -1, idEnd: -1 };
      // A single item at the top level: treat the file as a list of one.
      if (c === 123 && depth === 1 && out.length === 0 && !cur) {
        depth = 2;
        cur = { start: i, end: text.length, closed: false, idStart: -1, idEnd: -1 };
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (c === 125 && depth === 2 && cur) {
        cur.end = i + 1;
        cur.closed = true;
        out.push(cur);
        cur = undefined;
      }
      depth = Math.max(0, depth - 1);
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Parses a CSL-JSON file (a list of items, or one item); every valid item loads even if others are broken. */
export function parseCslJson(text: string, uri: string): ParsedBibliography {
  const problems: BibProblem[] = [];
  try {
    const lines = new LineMap(text);
    const body = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
    let whole: unknown;
    let wholeOk = true;
    try {
      whole = JSON.parse(body);
    } catch (e) {
      wholeOk = false;
      const msg = e instanceof Error ? e.message : String(e);
      const m = /position (\d+)/.exec(msg);
      const at = m ? Number(m[1]) : 0;
      problems.push({ uri, range: lines.rangeOf(at, at + 1), severity: 'error', code: 'csl-syntax', message: `This file is not valid JSON (${msg}); the readable items are still used.` });
    }
    const spans = scanJsonItems(body);
    const items = wholeOk ? (Array.isArray(whole) ? whole : [whole]) : undefined;
    const located: Located[] = [];
    if (items && !(items.length === spans.length && items.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v)))) {
      // Non-object members: positions are not per item; validate each at the file start.
      for (let k = 0; k < items.length; k++) {
        const span = spans[k];
        located.push({ value: items[k], itemRange: span ? lines.rangeOf(span.start, span.start + 1) : lines.rangeOf(0, 0) });
      }
      if (!Array.isArray(whole) && (typeof whole !== 'object' || whole === null)) {
        problems.push({ uri, range: lines.rangeOf(0, 0), severity: 'error', code: 'csl-syntax', message: 'A CSL-JSON file holds a list of items.' });
        return { entries: [], problems };
      }
    } else {
      spans.forEach((span, k) => {
        const itemRange = lines.rangeOf(span.start, span.start + 1);
        const idRange = span.idStart >= 0 ? lines.rangeOf(span.idStart, span.idEnd) : undefined;
        if (items) {
          located.push({ value: items[k], itemRange, idRange });
          return;
        }
        if (!span.closed) {
          problems.push({ uri, range: itemRange, severity: 'error', code: 'csl-syntax', message: 'Item skipped: it is not closed ("}" missing).' });
          return;
        }
        try {
          located.push({ value: JSON.parse(body.slice(span.start, span.end)), itemRange, idRange });
        } catch (e) {
          problems.push({ uri, range: idRange ?? itemRange, severity: 'error', code: 'csl-syntax', message: `Item skipped: not valid JSON (${e instanceof Error ? e.message : String(e)}).` });
        }
      });
    }
    return { entries: collect(located, uri, problems), problems };
  } catch (e) {
    problems.push({ uri, range: startOfFile(), severity: 'error', code: 'csl-syntax', message: `Could not read this bibliography: ${e instanceof Error ? e.message : String(e)}` });
    return { entries: [], problems };
  }
}

/** Parses a CSL-YAML file: Pandoc's `references:` list (in a YAML file or front matter) or a bare list. */
export function parseCslYaml(text: string, uri: string): ParsedBibliography {
  const problems: BibProblem[] = [];
  try {
    const lines = new LineMap(text);
    // Front-matter style files (--- … ---) parse as several documents; the first holds the references.
    const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: false, prettyErrors: false, strict: false });
    const offsetShift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (const err of doc.errors) {
      const [s, e] = err.pos;
      problems.push({ uri, range: lines.rangeOf(s + offsetShift, e + offsetShift), severity: 'error', code: 'csl-syntax', message: `YAML: ${err.message.split('\n')[0]}` });
    }
    let list: YamlNode | null | undefined = doc.contents as YamlNode | null;
    if (isMap(list)) list = list.get('references', true) as YamlNode | undefined;
    if (!isSeq(list)) {
      if (doc.contents !== null && doc.errors.length === 0) {
        problems.push({ uri, range: lines.rangeOf(0, 0), severity: 'error', code: 'csl-syntax', message: 'Expected a list of references (a YAML list, or `references:` holding one).' });
      }
      return { entries: [], problems };
    }
    const located: Located[] = [];
    for (const node of list.items as YamlNode[]) {
      const r = node?.range;
      const itemRange = r ? lines.rangeOf(r[0] + offsetShift, r[0] + offsetShift + 1) : lines.rangeOf(0, 0);
      let idRange: Range | undefined;
      if (isMap(node)) {
        const idNode = node.get('id', true) as YamlNode | undefined;
        if (idNode?.range) idRange = lines.rangeOf(idNode.range[0] + offsetShift, idNode.range[1] + offsetShift);
      }
      located.push({ value: node && typeof node.toJSON === 'function' ? node.toJSON() : node, itemRange, idRange });
    }
    return { entries: collect(located, uri, problems), problems };
  } catch (e) {
    problems.push({ uri, range: startOfFile(), severity: 'error', code: 'csl-syntax', message: `Could not read this bibliography: ${e instanceof Error ? e.message : String(e)}` });
    return { entries: [], problems };
  }
}

/** The inline `references:` of a document's parsed front matter as entries (placed at the start of `uri`). */
export function referencesFromFrontMatter(data: unknown, uri: string): ParsedBibliography {
  const problems: BibProblem[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { entries: [], problems };
  const refs = (data as Record<string, unknown>).references;
  if (refs === undefined) return { entries: [], problems };
  if (!Array.isArray(refs)) {
    problems.push({ uri, range: startOfFile(), severity: 'error', code: 'csl-syntax', message: '`references:` in the front matter should be a list of items.' });
    return { entries: [], problems };
  }
  return { entries: collect(refs.map((value) => ({ value, itemRange: startOfFile() })), uri, problems), problems };
}
