/**
 * Reads one dataset file (YAML or JSON text) into its good entries and positioned problems.
 *
 * Tolerant by design: a broken entry is skipped and reported where it is; every other entry loads. Nothing here
 * throws, whatever the input. Checks that need every loaded dataset (references to other entries, a name claimed
 * by two entries, an id defined in two files) are left to `buildIndex`; the loader records what they need.
 */
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import schemaJson from '../../../data/schema.json';
import { daysInMonth, type DateInterval } from '../dates/interval';
import { parseEdtfCached as parseEdtf } from './edtf-cache';
import { parseEdtfInCalendar } from './calendar-dates';
import { LineMap } from '../text/lines';
import type { Range } from '../types';
import type { DatasetFile, EntryKind, HistoricalEvent, Person, Place, SourceRecord } from './model';
import { trimChars } from '../text/strings';

/** A problem in a dataset file, positioned in that file. */
export interface DatasetProblem {
  uri: string;
  range: Range;
  severity: 'error' | 'warning';
  /**
   * `yaml-syntax`, `unknown-field`, `schema`, `bad-date`, `duplicate-id`, `missing-reference`,
   * `name-claimed-twice`, `too-large`, `alias-bomb`.
   */
  code: DatasetProblemCode;
  message: string;
}

export type DatasetProblemCode =
  | 'yaml-syntax'
  | 'unknown-field'
  | 'schema'
  | 'bad-date'
  | 'duplicate-id'
  | 'missing-reference'
  | 'name-claimed-twice'
  | 'too-large'
  | 'alias-bomb';

/** An id one entry gives for another (a source, a participant, a place ...), checked by `buildIndex`. */
export interface DatasetReference {
  /** Id of the entry that refers. */
  fromId: string;
  fromKind: EntryKind;
  /** Where in the entry, in the historian's terms: `participants`, `disputes[1].sources`, `born.place`. */
  field: string;
  /** The id referred to. */
  targetId: string;
  /** The kinds of entry the id may name. */
  expects: readonly EntryKind[];
  range: Range;
}

/** A name form of an entry (its label, a name, an epithet) and where it is written. */
export interface NameFormLocation {
  entryId: string;
  form: string;
  /** `label`, `names` or `epithets`. */
  field: 'label' | 'names' | 'epithets';
  range: Range;
}

/** The result of reading one dataset file. */
export interface ParsedDataset {
  uri: string;
  /** The dataset with only its good entries; absent when nothing could be read (syntax, size, not a mapping). */
  file?: DatasetFile;
  problems: DatasetProblem[];
  /** Entry id → range of the entry's id value (for Go to Definition). Good entries only. */
  locations: Map<string, Range>;
  /** Every reference made by a good entry, for `buildIndex` to resolve. */
  references: DatasetReference[];
  /** Every name form of a good entry, for `buildIndex` to compare. */
  nameForms: NameFormLocation[];
}

export interface ParseDatasetOptions {
  /** Largest text accepted, in UTF-8 bytes. Default 10 MB. */
  maxBytes?: number;
}

/** Default size limit of a dataset file, in UTF-8 bytes. */
export const DEFAULT_MAX_DATASET_BYTES = 10 * 1024 * 1024;
/** YAML alias expansions allowed when reading (guards against "billion laughs" files). */
const MAX_ALIAS_COUNT = 1000;

const SECTIONS = ['sources', 'people', 'places', 'events'] as const;
type Section = (typeof SECTIONS)[number];
const KIND_OF: Record<Section, EntryKind> = { sources: 'source', people: 'person', places: 'place', events: 'event' };

let validator: Validator | undefined;
function datasetValidator(): Validator {
  validator ??= new Validator(schemaJson as unknown as Schema, '2020-12', false);
  return validator;
}

/** Reads a dataset's text into its good entries and positioned problems; never throws. */
export function parseDataset(text: string, uri: string, options: ParseDatasetOptions = {}): ParsedDataset {
  const result: ParsedDataset = { uri, problems: [], locations: new Map(), references: [], nameForms: [] };
  try {
    if (typeof text !== 'string') {
      result.problems.push(problemAt(uri, ZERO_RANGE, 'error', 'schema', 'The dataset is not text.'));
      return result;
    }
    new DatasetReader(text, uri, options, result).read();
    result.problems.sort(byPosition);
  } catch (e) {
    // A last resort: a bug here must not take the editor down with it.
    result.file = undefined;
    result.locations.clear();
    result.references = [];
    result.nameForms = [];
    result.problems.push(
      problemAt(uri, ZERO_RANGE, 'error', 'yaml-syntax', `Annalist could not read this dataset (${String((e as Error)?.message ?? e).split('\n')[0]}).`),
    );
  }
  return result;
}

function byPosition(a: DatasetProblem, b: DatasetProblem): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function problemAt(uri: string, range: Range, severity: 'error' | 'warning', code: DatasetProblemCode, message: string): DatasetProblem {
  return { uri, range, severity, code, message };
}

/** UTF-8 length of a string; a lower bound when it obviously fits within `limit`. */
function utf8LengthUpTo(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length; // cannot be over the limit
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}

/** A value quoted for a message, shortened. */
function quote(value: unknown): string {
  let s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  s = s.replace(/\s+/g, ' ');
  if (s.length > 60) s = s.slice(0, 57) + '…';
  return `'${s}'`;
}

function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `text (${quote(value)})`;
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'a mapping (key: value lines)';
    default:
      return typeof value;
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  null: 'empty',
};

/** `['disputes', '1', 'date']` → `disputes[1].date`. */
function fieldPath(segments: readonly string[]): string {
  let out = '';
  for (const s of segments) {
    if (/^\d+$/.test(s)) out += `[${s}]`;
    else out += out ? `.${s}` : s;
  }
  return out;
}

function decodePointer(pointer: string): string[] {
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (body === '') return [];
  return body
    .slice(1)
    .split('/')
    .map((s) => {
      let d = s;
      try {
        d = decodeURIComponent(s);
      } catch {
        // keep it as written
      }
      return d.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** A kebab-case suggestion for a refused id. */
function kebab(value: string): string {
  const slug = value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  return trimChars(slug, '-');
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

type SchemaNode = Schema & { properties?: Record<string, SchemaNode>; items?: SchemaNode };

function resolveRef(s: SchemaNode | undefined): SchemaNode | undefined {
  let cur = s;
  for (let guard = 0; cur && typeof cur.$ref === 'string' && guard < 10; guard++) {
    const name = cur.$ref.replace('#/$defs/', '');
    cur = (schemaJson as unknown as { $defs: Record<string, SchemaNode> }).$defs[name];
  }
  return cur;
}

/** The schema of the value at an instance path, or undefined. */
function schemaAt(segments: readonly string[]): SchemaNode | undefined {
  let cur: SchemaNode | undefined = resolveRef(schemaJson as unknown as SchemaNode);
  for (const seg of segments) {
    if (!cur) return undefined;
    if (/^\d+$/.test(seg) && cur.items) cur = resolveRef(cur.items);
    else cur = resolveRef(cur.properties?.[seg]);
  }
  return cur;
}

/** What a string field holds, for messages: an EDTF date, an entry id or a citation key. */
function stringRole(section: Section | undefined, rel: readonly string[]): 'date' | 'entity-id' | 'citation-key' | 'other' {
  const named = rel.filter((s) => !/^\d+$/.test(s));
  const last = named[named.length - 1];
  if (last === undefined) return 'other';
  if (['date', 'issued', 'accessed', 'accept'].includes(last)) return 'date';
  if (last === 'sources') return 'citation-key';
  if (last === 'id') return section === 'sources' && named.length === 1 ? 'citation-key' : 'entity-id';
  if (['within', 'place', 'places', 'participants', 'partOf', 'about'].includes(last)) return 'entity-id';
  return 'other';
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const EDTF_HINT = 'write YYYY-MM-DD, YYYY-MM, YYYY or an interval START/END, with ? for uncertain and ~ for approximate';

/** A historian's explanation of why a date string was refused. */
function explainBadDate(value: string, reason: string): string {
  const m = /^(-?\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value.trim());
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return `there is no month ${month}`;
    if (m[3] !== undefined) {
      const day = Number(m[3]);
      const days = daysInMonth(year, month);
      const monthName = MONTH_NAMES[month - 1];
      if (day < 1 || day > days) return `${monthName} ${year} has ${days} days`;
    }
  }
  const ends = value.split('/');
  if (ends.length === 2) {
    const a = parseEdtf(ends[0]);
    const b = parseEdtf(ends[1]);
    if (a.ok && b.ok && b.interval.end < a.interval.start) return `the interval ends (${ends[1].trim()}) before it starts (${ends[0].trim()})`;
    if (!a.ok) return `its start: ${explainBadDate(ends[0], a.reason)}`;
    if (!b.ok) return `its end: ${explainBadDate(ends[1], b.reason)}`;
  }
  if (reason.includes('open or unknown')) return 'open or unknown interval ends (..) cannot be checked; give both ends';
  if (reason.includes('ends before it starts')) return 'the interval ends before it starts';
  return EDTF_HINT;
}

interface PathTarget {
  node: YamlNode | null;
  key: YamlNode | null;
}

class DatasetReader {
  private readonly lines: LineMap;
  private doc!: Document.Parsed;
  private readonly problems: DatasetProblem[];
  private readonly syntaxErrorOffsets: number[] = [];

  constructor(
    private readonly text: string,
    private readonly uri: string,
    private readonly options: ParseDatasetOptions,
    private readonly result: ParsedDataset,
  ) {
    this.lines = new LineMap(text);
    this.problems = result.problems;
  }

  private report(range: Range, severity: 'error' | 'warning', code: DatasetProblemCode, message: string): void {
    this.problems.push(problemAt(this.uri, range, severity, code, message));
  }

  private rangeOfNode(node: YamlNode | null | undefined): Range {
    if (!node || !node.range) return ZERO_RANGE;
    const [start, valueEnd] = node.range;
    // A mapping or list spans many lines; underline its first line only.
    if (isMap(node) || isSeq(node)) {
      const first = node.items[0];
      if (first) {
        const firstNode = isPair(first) ? (first.key as YamlNode | null) : (first as YamlNode);
        if (firstNode && firstNode.range) return this.rangeOfNode(firstNode);
      }
    }
    return this.lines.rangeOf(start, Math.max(start, valueEnd));
  }

  read(): void {
    const { text } = this;
    const maxBytes = this.options.maxBytes ?? DEFAULT_MAX_DATASET_BYTES;
    const size = utf8LengthUpTo(text, maxBytes);
    if (size > maxBytes) {
      this.report(
        ZERO_RANGE,
        'error',
        'too-large',
        `This dataset is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} Annalist reads; it was not loaded. Split it into several smaller dataset files.`,
      );
      return;
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      this.report(this.lines.rangeOf(nul, nul + 1), 'error', 'yaml-syntax', 'This file contains binary data (a NUL character), not YAML text; Annalist does not read it.');
      return;
    }
    if (text.trim() === '') {
      this.report(ZERO_RANGE, 'error', 'schema', 'The dataset is empty: it should be a YAML mapping with at least `annalist: 1`, `id` and `title`.');
      return;
    }

    this.doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
    for (const e of this.doc.errors) {
      const [s, end] = e.pos;
      this.syntaxErrorOffsets.push(s);
      this.report(this.lines.rangeOf(s, Math.max(s, end)), 'error', 'yaml-syntax', `YAML syntax: ${this.yamlMessage(e.code, e.message, s)}`);
    }
    for (const w of this.doc.warnings) {
      const [s, end] = w.pos;
      this.report(this.lines.rangeOf(s, Math.max(s, end)), 'warning', 'yaml-syntax', `YAML: ${this.yamlMessage(w.code, w.message, s)}`);
    }

    let data: unknown;
    try {
      data = this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      if (e instanceof ReferenceError && /alias/i.test(e.message)) {
        this.report(
          this.firstAliasRange(),
          'error',
          'alias-bomb',
          'This dataset expands YAML aliases (*name) into too many copies, the pattern of a "billion laughs" attack; Annalist does not read it. Write the repeated values out, or use fewer aliases.',
        );
      } else {
        this.report(ZERO_RANGE, 'error', 'yaml-syntax', `YAML: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
      }
      return;
    }

    if (data === null || data === undefined) {
      this.report(ZERO_RANGE, 'error', 'schema', 'The dataset is empty: it should be a YAML mapping with at least `annalist: 1`, `id` and `title`.');
      return;
    }
    if (typeof data !== 'object' || Array.isArray(data)) {
      this.report(
        this.rangeOfNode(this.doc.contents as YamlNode | null),
        'error',
        'schema',
        `A dataset must be a YAML mapping (key: value lines such as \`title: ...\` and \`events:\`), not ${describeType(data)}.`,
      );
      return;
    }
    this.readMapping(data as Record<string, unknown>);
  }

  private yamlMessage(code: string, message: string, offset: number): string {
    if (code === 'DUPLICATE_KEY') {
      const target = this.findKeyAt(offset);
      return target ? `the key ${quote(target)} appears twice in the same mapping.` : 'a key appears twice in the same mapping.';
    }
    if (code === 'MULTIPLE_DOCS') return 'the file holds several YAML documents (separated by ---); only the first is read.';
    const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return first.endsWith('.') ? first : `${first}.`;
  }

  private findKeyAt(offset: number): string | undefined {
    let found: string | undefined;
    visit(this.doc, {
      Pair: (_k, pair) => {
        const key = pair.key as YamlNode | null;
        if (key && key.range && key.range[0] === offset && isScalar(key)) {
          found = String(key.value);
          return visit.BREAK;
        }
        return undefined;
      },
    });
    return found;
  }

  private firstAliasRange(): Range {
    let range = ZERO_RANGE;
    visit(this.doc, {
      Alias: (_k, alias) => {
        if (alias.range) range = this.lines.rangeOf(alias.range[0], alias.range[1]);
        return visit.BREAK;
      },
    });
    return range;
  }

  /** The YAML node at an instance path (and the key node naming it), following aliases. */
  private nodeAt(segments: readonly string[]): PathTarget {
    let node = this.doc.contents as YamlNode | null;
    let key: YamlNode | null = null;
    for (const seg of segments) {
      if (node && isAlias(node)) node = (node.resolve(this.doc) as YamlNode | undefined) ?? null;
      if (!node) return { node: null, key: null };
      if (isMap(node)) {
        const pair = node.items.find((p) => {
          const k = p.key as YamlNode | null;
          return k !== null && isScalar(k) && String(k.value) === seg;
        });
        if (!pair) return { node: null, key: null };
        key = pair.key as YamlNode;
        node = (pair.value as YamlNode | null) ?? null;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)];
        key = null;
        node = (item as YamlNode | null) ?? null;
      } else return { node: null, key: null };
    }
    if (node && isAlias(node)) node = (node.resolve(this.doc) as YamlNode | undefined) ?? node;
    return { node, key };
  }

  /** Range of the value at a path; of its key when the value is empty; of the nearest ancestor otherwise. */
  private rangeAt(segments: readonly string[]): Range {
    for (let n = segments.length; n >= 0; n--) {
      const { node, key } = this.nodeAt(segments.slice(0, n));
      if (node && node.range) return this.rangeOfNode(node);
      if (key && key.range) return this.rangeOfNode(key);
    }
    return ZERO_RANGE;
  }

  private keyRangeAt(segments: readonly string[]): Range {
    const { key } = this.nodeAt(segments);
    return key && key.range ? this.rangeOfNode(key) : this.rangeAt(segments);
  }

  /** True when a YAML syntax error lies inside the node at this path. */
  private hasSyntaxError(segments: readonly string[]): boolean {
    if (this.syntaxErrorOffsets.length === 0) return false;
    const node = this.nodeAt(segments).node;
    const range = node?.range;
    return !!range && this.syntaxErrorOffsets.some((o) => o >= range[0] && o <= range[2]);
  }

  /** `events[3] 'secret-speech'`, or `This dataset` for the header. */
  private where(section: Section | undefined, index: number | undefined, entry: unknown): string {
    if (section === undefined || index === undefined) return 'This dataset';
    const id = entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
    return typeof id === 'string' && id !== '' ? `${section}[${index}] ${quote(id)}` : `${section}[${index}]`;
  }

  private schemaMessage(err: OutputUnit, segments: string[], data: Record<string, unknown>): string {
    const section = (SECTIONS as readonly string[]).includes(segments[0]) && segments.length >= 2 ? (segments[0] as Section) : undefined;
    const index = section ? Number(segments[1]) : undefined;
    const entry = section ? (data[section] as unknown[])[index as number] : undefined;
    const rel = section ? segments.slice(2) : segments;
    const where = this.where(section, index, entry);
    const value = valueAt(data, segments);
    const field = fieldPath(rel);
    switch (err.keyword) {
      case 'required': {
        const name = /required property "(.*)"/.exec(err.error)?.[1] ?? '?';
        return field ? `${where}: ${quote(field)} lacks the required field ${quote(name)}.` : `${where}: the required field ${quote(name)} is missing.`;
      }
      case 'type': {
        const expected = (/Expected "(.*)"\.?$/.exec(err.error)?.[1] ?? '')
          .split('", "')
          .filter((t) => t !== '')
          .map((t) => TYPE_WORDS[t] ?? t);
        const role = stringRole(section, rel);
        let wanted = expected.length > 0 ? expected.join(' or ') : 'something else';
        if (role === 'date') wanted = 'an EDTF date (text such as YYYY-MM-DD)';
        if (!field) return section ? `${where}: an entry must be ${wanted}, not ${describeType(value)}.` : `A dataset must be ${wanted}, not ${describeType(value)}.`;
        return `${where}: ${quote(field)} must be ${wanted}, not ${describeType(value)}.`;
      }
      case 'pattern': {
        const role = stringRole(section, rel);
        if (role === 'date') return `${where}: ${field} ${quote(value)} does not look like an EDTF date; ${EDTF_HINT}.`;
        if (role === 'entity-id') {
          const suggestion = typeof value === 'string' ? kebab(value) : '';
          return `${where}: ${quote(value)} is not a valid id: ids are kebab-case, lowercase letters and digits joined by hyphens${suggestion ? ` (e.g. ${quote(suggestion)})` : ''}.`;
        }
        if (role === 'citation-key') return `${where}: ${quote(value)} is not a valid citation key: use letters, digits and _ : . - (no spaces).`;
        return `${where}: ${quote(field)} has an unexpected form (${quote(value)}).`;
      }
      case 'enum': {
        const allowed = (schemaAt(segments)?.enum ?? []).map((v: unknown) => String(v));
        return `${where}: ${quote(field)} must be one of ${allowed.join(', ')}, not ${quote(value)}.`;
      }
      case 'const':
        if (segments.length === 1 && segments[0] === 'annalist') {
          return `This dataset must declare \`annalist: 1\`, the format version this Annalist reads (it says ${quote(value)}).`;
        }
        return `${where}: ${quote(field)} must be ${JSON.stringify(schemaAt(segments)?.const)}, not ${quote(value)}.`;
      case 'minItems':
        return `${where}: ${quote(field)} must not be an empty list.`;
      case 'minLength':
        return `${where}: ${quote(field)} must not be empty.`;
      default:
        return `${where}: ${quote(field || 'the dataset')}: ${err.error}`;
    }
  }

  private readMapping(data: Record<string, unknown>): void {
    const validation = datasetValidator().validate(data);
    // Per entry: is it bad (skipped), and which unknown fields to drop.
    const badEntries = new Set<string>();
    const badSections = new Set<string>();
    const badHeader = new Set<string>();
    const unknown: string[][] = [];
    const reported = new Set<string>();

    for (const err of validation.errors) {
      if (['properties', 'items', '$ref', 'allOf', 'anyOf', 'oneOf', 'prefixItems', 'additionalProperties'].includes(err.keyword)) continue;
      const segments = decodePointer(err.instanceLocation);
      const dedupe = `${err.keyword}|${err.instanceLocation}|${err.error}`;
      if (reported.has(dedupe)) continue;
      reported.add(dedupe);
      const inEntry = segments.length >= 2 && (SECTIONS as readonly string[]).includes(segments[0]);
      if (err.keyword === 'false') {
        unknown.push(segments);
        const parent = segments.slice(0, -1);
        const name = segments[segments.length - 1];
        const allowed = Object.keys(schemaAt(parent)?.properties ?? {});
        let best: string | undefined;
        let bestD = Infinity;
        for (const a of allowed) {
          const d = editDistance(name.toLowerCase(), a.toLowerCase());
          if (d < bestD) {
            bestD = d;
            best = a;
          }
        }
        const hint = best && bestD <= Math.max(1, Math.floor(name.length / 3)) ? ` Did you mean ${quote(best)}?` : '';
        const section = inEntry ? (segments[0] as Section) : undefined;
        const index = inEntry ? Number(segments[1]) : undefined;
        const entry = section ? (data[section] as unknown[])[index as number] : undefined;
        const where = this.where(section, index, entry);
        const at = fieldPath(inEntry ? parent.slice(2) : parent);
        this.report(
          this.keyRangeAt(segments),
          'warning',
          'unknown-field',
          `${where}: unknown field ${quote(name)}${at ? ` in ${quote(at)}` : ''}; it is ignored.${hint}`,
        );
        continue;
      }
      if (inEntry && this.hasSyntaxError([segments[0], segments[1]])) continue; // already reported as YAML syntax
      this.report(this.rangeAt(segments), 'error', 'schema', this.schemaMessage(err, segments, data));
      if (inEntry) badEntries.add(`${segments[0]}/${segments[1]}`);
      else if (segments.length === 1 && (SECTIONS as readonly string[]).includes(segments[0])) badSections.add(segments[0]);
      else if (segments.length >= 1) badHeader.add(segments[0]);
    }

    for (const path of unknown) deleteAt(data, path);

    const idValue = data.id;
    const titleValue = data.title;
    const fallbackId = kebab(this.uri.split(/[\\/]/).pop()?.replace(/\.[^.]*$/, '') ?? '') || 'dataset';
    const file: DatasetFile = {
      annalist: 1,
      id: typeof idValue === 'string' && !badHeader.has('id') ? idValue : fallbackId,
      title: typeof titleValue === 'string' && !badHeader.has('title') ? titleValue : typeof idValue === 'string' ? idValue : fallbackId,
    };
    if (typeof data.description === 'string') file.description = data.description;
    if (Array.isArray(data.curators) && !badHeader.has('curators')) file.curators = data.curators as string[];
    if (typeof data.license === 'string') file.license = data.license;

    const seen = new Map<string, string>(); // id -> where it was first defined
    for (const section of SECTIONS) {
      const list = data[section];
      if (list === undefined || badSections.has(section) || !Array.isArray(list)) continue;
      const good: unknown[] = [];
      list.forEach((entry, index) => {
        if (badEntries.has(`${section}/${index}`)) return;
        if (this.hasSyntaxError([section, String(index)])) return;
        if (!this.checkEntry(section, index, entry as Record<string, unknown>)) return;
        const id = (entry as { id: string }).id;
        const where = this.where(section, index, entry);
        const first = seen.get(id);
        if (first !== undefined) {
          this.report(this.rangeAt([section, String(index), 'id']), 'error', 'duplicate-id', `${where}: the id ${quote(id)} is already used by ${first} in this dataset; this entry is skipped.`);
          return;
        }
        seen.set(id, `${section}[${index}]`);
        this.record(section, index, entry as Record<string, unknown>);
        good.push(entry);
      });
      if (section === 'sources') file.sources = good as SourceRecord[];
      else if (section === 'people') file.people = good as Person[];
      else if (section === 'places') file.places = good as Place[];
      else file.events = good as HistoricalEvent[];
    }
    this.result.file = file;
  }

  /** Normalises the dates of an entry (whole-number years become text) and checks them; false if one is bad. */
  private checkEntry(section: Section, index: number, entry: Record<string, unknown>): boolean {
    const where = this.where(section, index, entry);
    const dates: { path: string[]; holder: Record<string, unknown> | unknown[]; key: string | number; calendar?: unknown }[] = [];
    const add = (holder: unknown, key: string | number, path: string[], calendar?: unknown): void => {
      if (holder && typeof holder === 'object' && (holder as Record<string | number, unknown>)[key] !== undefined) {
        dates.push({ holder: holder as Record<string, unknown>, key, path, calendar });
      }
    };
    const calendarOf = (holder: unknown): unknown => (holder && typeof holder === 'object' ? (holder as Record<string, unknown>).calendar : undefined);
    if (section === 'sources') {
      add(entry, 'issued', ['issued']);
      add(entry, 'accessed', ['accessed']);
    } else if (section === 'people') {
      add(entry.born, 'date', ['born', 'date'], calendarOf(entry.born));
      add(entry.died, 'date', ['died', 'date'], calendarOf(entry.died));
      asArray(entry.roles).forEach((r, i) => add(r, 'date', ['roles', String(i), 'date']));
      asArray(entry.epithets).forEach((r, i) => add(r, 'date', ['epithets', String(i), 'date']));
    } else if (section === 'events') {
      add(entry, 'date', ['date'], entry.calendar);
      asArray(entry.accept).forEach((_a, i) => add(entry.accept, i, ['accept', String(i)], entry.calendar));
      asArray(entry.disputes).forEach((d, i) => add(d, 'date', ['disputes', String(i), 'date'], calendarOf(d) ?? entry.calendar));
    }
    let ok = true;
    const intervals = new Map<string, DateInterval>();
    for (const d of dates) {
      const holder = d.holder as Record<string | number, unknown>;
      if (typeof holder[d.key] === 'number') holder[d.key] = String(holder[d.key]);
      const value = String(holder[d.key]);
      // An Old Style date is read in the Julian calendar (1900-02-29 is a Julian day).
      const parsed = d.calendar === 'julian' ? parseEdtfInCalendar(value, 'julian') : parseEdtf(value);
      if (!parsed.ok) {
        ok = false;
        this.report(
          this.rangeAt([section, String(index), ...d.path]),
          'error',
          'bad-date',
          `${where}: ${fieldPath(d.path)} ${quote(value)} is not a valid EDTF date (${explainBadDate(value, parsed.reason)}); this entry is skipped.`,
        );
      } else intervals.set(fieldPath(d.path), parsed.interval);
    }
    const born = intervals.get('born.date');
    const died = intervals.get('died.date');
    if (ok && born && died && died.end < born.start) {
      ok = false;
      this.report(
        this.rangeAt([section, String(index), 'died', 'date']),
        'error',
        'bad-date',
        `${where}: died ${quote((entry.died as { date: string }).date)} before being born ${quote((entry.born as { date: string }).date)}; this entry is skipped.`,
      );
    }
    return ok;
  }

  /** Records the id location, references and name forms of a good entry. */
  private record(section: Section, index: number, entry: Record<string, unknown>): void {
    const id = entry.id as string;
    const base = [section, String(index)];
    const kind = KIND_OF[section];
    this.result.locations.set(id, this.rangeAt([...base, 'id']));
    const ref = (path: string[], expects: readonly EntryKind[]): void => {
      const value = valueAt(entry, path);
      if (typeof value === 'string') {
        this.result.references.push({ fromId: id, fromKind: kind, field: fieldPath(path), targetId: value, expects, range: this.rangeAt([...base, ...path]) });
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => {
          if (typeof v === 'string') {
            this.result.references.push({ fromId: id, fromKind: kind, field: fieldPath(path), targetId: v, expects, range: this.rangeAt([...base, ...path, String(i)]) });
          }
        });
      }
    };
    const SOURCE: readonly EntryKind[] = ['source'];
    const PLACE: readonly EntryKind[] = ['place'];
    if (section !== 'sources') {
      ref(['sources'], SOURCE);
      this.result.nameForms.push({ entryId: id, form: entry.label as string, field: 'label', range: this.rangeAt([...base, 'label']) });
      asArray(entry.names).forEach((n, i) => {
        if (typeof n === 'string') this.result.nameForms.push({ entryId: id, form: n, field: 'names', range: this.rangeAt([...base, 'names', String(i)]) });
      });
    }
    if (section === 'people') {
      for (const vital of ['born', 'died']) {
        ref([vital, 'sources'], SOURCE);
        ref([vital, 'place'], PLACE);
      }
      asArray(entry.roles).forEach((_r, i) => ref(['roles', String(i), 'sources'], SOURCE));
      asArray(entry.epithets).forEach((e, i) => {
        const t = (e as { text?: unknown }).text;
        if (typeof t === 'string') this.result.nameForms.push({ entryId: id, form: t, field: 'epithets', range: this.rangeAt([...base, 'epithets', String(i), 'text']) });
      });
    } else if (section === 'places') {
      ref(['within'], PLACE);
    } else if (section === 'events') {
      asArray(entry.disputes).forEach((_d, i) => ref(['disputes', String(i), 'sources'], SOURCE));
      ref(['places'], PLACE);
      ref(['participants'], ['person']);
      ref(['partOf'], ['event']);
      asArray(entry.cues).forEach((_c, i) => ref(['cues', String(i), 'about'], ['person', 'place', 'event']));
    }
  }
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function valueAt(data: unknown, segments: readonly string[]): unknown {
  let cur: unknown = data;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(s)] : Object.prototype.hasOwnProperty.call(cur, s) ? (cur as Record<string, unknown>)[s] : undefined;
  }
  return cur;
}

function deleteAt(data: unknown, segments: readonly string[]): void {
  const parent = valueAt(data, segments.slice(0, -1));
  if (parent && typeof parent === 'object' && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[segments[segments.length - 1]];
}
