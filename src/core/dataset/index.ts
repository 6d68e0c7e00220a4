/**
 * The immutable index over every loaded dataset: entries by id, their parsed dates, name lookup and the fast
 * name finder for prose. Built once per change of the datasets; every query is read-only.
 */
import { coarser, type DateInterval, type Precision } from '../dates/interval';
import { parseEdtfInCalendar } from './calendar-dates';
import type { Range } from '../types';
import type { DatasetProblem, ParsedDataset } from './loader';
import type { DateCalendar, Dispute, EntryKind, HistoricalEvent, Person, PersonRole, Place, SourceRecord } from './model';
import { NameFinder, nameTokens, normalizeName, type NameFormSpec, type NameHit } from './names';

export type { NameHit } from './names';

/** What every indexed entry carries besides its own fields. */
export interface IndexedCommon {
  kind: EntryKind;
  id: string;
  /** The form to display (a source's title). */
  label: string;
  /** Id of the dataset that defined it (the one that won, if several did). */
  datasetId: string;
  /** URI of that dataset. */
  uri: string;
  /** Every name form, as written: label, names, epithets' text (a source: its id). */
  nameForms: readonly string[];
}

export interface IndexedPerson extends Person, IndexedCommon {
  kind: 'person';
  /** Parsed `born.date`. */
  bornInterval?: DateInterval;
  /** Parsed `died.date`. */
  diedInterval?: DateInterval;
  /** Parsed dates of `roles`, parallel to it (undefined where a role has no date). */
  roleIntervals: readonly (DateInterval | undefined)[];
  /** Parsed dates of `epithets`, parallel to it. */
  epithetIntervals: readonly DateInterval[];
}

export interface IndexedPlace extends Place, IndexedCommon {
  kind: 'place';
}

export interface IndexedEvent extends HistoricalEvent, IndexedCommon {
  kind: 'event';
  /** Parsed `date`. */
  interval: DateInterval;
  /** Parsed `accept`, parallel to it. */
  acceptIntervals: readonly DateInterval[];
  /** Parsed dates of `disputes`, parallel to it. */
  disputeIntervals: readonly DateInterval[];
  /** The precision a written date is checked at: `checkPrecision` (never finer than the date), else the date's. */
  effectivePrecision: Precision;
  /** False when the event must never be used to flag a date (`check: false`). */
  checked: boolean;
}

export interface IndexedSource extends SourceRecord, IndexedCommon {
  kind: 'source';
  /** Parsed `issued`. */
  issuedInterval?: DateInterval;
}

export type IndexedEntry = IndexedPerson | IndexedPlace | IndexedEvent | IndexedSource;

/** A dataset that went into the index. */
export interface DatasetSummary {
  id: string;
  title: string;
  uri: string;
  /** True when its URI was among `shippedUris`. */
  shipped: boolean;
  /** Entries it contributed that are in the index (an entry overridden by a later dataset is not counted). */
  counts: { people: number; places: number; events: number; sources: number };
}

/** Read-only access to every loaded entry. */
export interface DatasetIndex {
  readonly datasets: readonly DatasetSummary[];
  readonly people: readonly IndexedPerson[];
  readonly places: readonly IndexedPlace[];
  readonly events: readonly IndexedEvent[];
  readonly sources: readonly IndexedSource[];
  /** The entry with this id, of any kind. */
  get(id: string): IndexedEntry | undefined;
  /** Where the entry's id is written (for Go to Definition). */
  location(id: string): { uri: string; range: Range } | undefined;
  /** Entries a piece of text names, best first (see `rankLookup`). */
  lookup(text: string): IndexedEntry[];
  /** Every name form of a person, place or event in `text[from, to)`: leftmost-longest, word-bounded. */
  findNames(text: string, from?: number, to?: number): NameHit[];
  /** Events whose date overlaps `interval`, by start date (then end date, then id). */
  eventsIn(interval: DateInterval): IndexedEvent[];
}

export interface BuildIndexOptions {
  /** URIs of the datasets shipped with Annalist; a user's dataset overriding their entries is told so. */
  shippedUris?: string[];
}

const KIND_WORD: Record<EntryKind, string> = { person: 'person', place: 'place', event: 'event', source: 'source' };

function article(kind: EntryKind): string {
  return kind === 'event' ? 'an event' : `a ${KIND_WORD[kind]}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** The interval of a dataset date; an Old Style date (`calendar: julian`) is computed in the Julian calendar. */
function parsed(text: string | undefined, calendar?: DateCalendar): DateInterval | undefined {
  if (typeof text !== 'string') return undefined;
  const r = parseEdtfInCalendar(text, calendar);
  return r.ok ? r.interval : undefined;
}

interface Candidate {
  entry: IndexedEntry;
  /** The dataset's parsed result and the order it came in. */
  part: ParsedDataset;
  order: number;
}

/** Merges parsed datasets (later ones win on a shared id) into an immutable index, with cross-dataset problems. */
export function buildIndex(parts: readonly ParsedDataset[], options: BuildIndexOptions = {}): { index: DatasetIndex; problems: DatasetProblem[] } {
  const problems: DatasetProblem[] = [];
  const shipped = new Set(options.shippedUris ?? []);
  const winners = new Map<string, Candidate>();

  parts.forEach((part, order) => {
    const file = part.file;
    if (!file) return;
    const add = (entry: IndexedEntry): void => {
      const previous = winners.get(entry.id);
      if (previous) {
        const overrides = shipped.has(previous.part.uri) && !shipped.has(part.uri);
        const range = part.locations.get(entry.id);
        const prevTitle = previous.part.file?.title ?? previous.part.uri;
        problems.push({
          uri: part.uri,
          range: range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 'warning',
          code: 'duplicate-id',
          message: overrides
            ? `The id '${entry.id}' is also defined in the shipped dataset '${prevTitle}'; this ${KIND_WORD[entry.kind]} replaces it.`
            : `The id '${entry.id}' is also defined in the dataset '${prevTitle}' (${previous.part.uri}); this ${KIND_WORD[entry.kind]} (from '${file.title}') replaces it.`,
        });
      }
      winners.set(entry.id, { entry, part, order });
    };
    const common = (kind: EntryKind, id: string, label: string, forms: string[]) => ({
      kind,
      id,
      label,
      datasetId: file.id,
      uri: part.uri,
      nameForms: forms,
    });
    for (const s of file.sources ?? []) {
      const e: IndexedSource = { ...s, ...common('source', s.id, s.title, [s.id]), kind: 'source' };
      const issued = parsed(s.issued);
      if (issued) e.issuedInterval = issued;
      add(e);
    }
    for (const p of file.people ?? []) {
      const forms = [p.label, ...(p.names ?? []), ...(p.epithets ?? []).map((x) => x.text)];
      const e: IndexedPerson = {
        ...p,
        ...common('person', p.id, p.label, forms),
        kind: 'person',
        roleIntervals: (p.roles ?? []).map((r: PersonRole) => parsed(r.date)),
        epithetIntervals: (p.epithets ?? []).map((x) => parsed(x.date)).filter((x): x is DateInterval => x !== undefined),
      };
      const born = parsed(p.born?.date, p.born?.calendar);
      const died = parsed(p.died?.date, p.died?.calendar);
      if (born) e.bornInterval = born;
      if (died) e.diedInterval = died;
      add(e);
    }
    for (const p of file.places ?? []) {
      add({ ...p, ...common('place', p.id, p.label, [p.label, ...(p.names ?? [])]), kind: 'place' });
    }
    for (const ev of file.events ?? []) {
      const interval = parsed(ev.date, ev.calendar);
      if (!interval) continue; // the loader refuses such events; a hand-made ParsedDataset might not
      const e: IndexedEvent = {
        ...ev,
        ...common('event', ev.id, ev.label, [ev.label, ...(ev.names ?? [])]),
        kind: 'event',
        interval,
        acceptIntervals: (ev.accept ?? []).map((a) => parsed(a, ev.calendar)).filter((x): x is DateInterval => x !== undefined),
        disputeIntervals: (ev.disputes ?? []).map((d: Dispute) => parsed(d.date, d.calendar ?? ev.calendar)).filter((x): x is DateInterval => x !== undefined),
        effectivePrecision: ev.checkPrecision ? coarser(ev.checkPrecision, interval.precision) : interval.precision,
        checked: ev.check !== false,
      };
      add(e);
    }
  });

  // Entries in dataset order, then file order (Map keeps first insertion order; re-sort by where the winner came from).
  const all = [...winners.values()].sort((a, b) => a.order - b.order);
  const entries = all.map((c) => deepFreeze(c.entry));
  const byId = new Map<string, IndexedEntry>(entries.map((e) => [e.id, e]));
  const partOf = new Map<string, ParsedDataset>(all.map((c) => [c.entry.id, c.part]));

  // References: checked once, against everything loaded, only for entries that won.
  for (const part of parts) {
    for (const ref of part.references) {
      if (partOf.get(ref.fromId) !== part) continue;
      const target = byId.get(ref.targetId);
      const from = `${KIND_WORD[ref.fromKind][0].toUpperCase()}${KIND_WORD[ref.fromKind].slice(1)} '${ref.fromId}'`;
      if (!target) {
        const what = ref.expects.length === 1 ? `the ${KIND_WORD[ref.expects[0]]}` : 'the entry';
        problems.push({
          uri: part.uri,
          range: ref.range,
          severity: 'error',
          code: 'missing-reference',
          message: `${from} refers in '${ref.field}' to ${what} '${ref.targetId}', which no loaded dataset defines.`,
        });
      } else if (!ref.expects.includes(target.kind)) {
        problems.push({
          uri: part.uri,
          range: ref.range,
          severity: 'error',
          code: 'missing-reference',
          message: `${from} refers in '${ref.field}' to '${ref.targetId}', which is ${article(target.kind)}, not ${ref.expects.map(article).join(' or ')}.`,
        });
      }
    }
  }

  // A name form claimed by two entries (epithets excepted: they are scoped by date).
  const claims = new Map<string, { entryId: string; form: string }>();
  for (const part of parts) {
    for (const nf of part.nameForms) {
      if (nf.field === 'epithets' || partOf.get(nf.entryId) !== part) continue;
      const key = normalizeName(nf.form);
      if (key === '') continue;
      const first = claims.get(key);
      if (!first) claims.set(key, { entryId: nf.entryId, form: nf.form });
      else if (first.entryId !== nf.entryId) {
        const a = byId.get(first.entryId);
        const b = byId.get(nf.entryId);
        problems.push({
          uri: part.uri,
          range: nf.range,
          severity: 'warning',
          code: 'name-claimed-twice',
          message: `The name '${nf.form}' of ${b ? KIND_WORD[b.kind] : 'entry'} '${nf.entryId}' is also a name of ${a ? KIND_WORD[a.kind] : 'entry'} '${first.entryId}'; a mention of it in prose is ambiguous.`,
        });
      }
    }
  }

  const summaries: DatasetSummary[] = [];
  parts.forEach((part) => {
    if (!part.file) return;
    const counts = { people: 0, places: 0, events: 0, sources: 0 };
    for (const c of all) {
      if (c.part !== part) continue;
      if (c.entry.kind === 'person') counts.people++;
      else if (c.entry.kind === 'place') counts.places++;
      else if (c.entry.kind === 'event') counts.events++;
      else counts.sources++;
    }
    summaries.push({ id: part.file.id, title: part.file.title, uri: part.uri, shipped: shipped.has(part.uri), counts });
  });

  const locations = new Map<string, { uri: string; range: Range }>();
  for (const c of all) {
    const range = c.part.locations.get(c.entry.id);
    if (range) locations.set(c.entry.id, deepFreeze({ uri: c.part.uri, range }));
  }

  return { index: new FrozenIndex(entries, byId, locations, deepFreeze(summaries)), problems };
}

interface LookupForm {
  entry: IndexedEntry;
  tokens: string[];
  normalized: string;
  /** 0 label, 1 names, 2 epithet, 3 id: the tie-breaker among equal matches. */
  weight: number;
}

class FrozenIndex implements DatasetIndex {
  readonly people: readonly IndexedPerson[];
  readonly places: readonly IndexedPlace[];
  readonly events: readonly IndexedEvent[];
  readonly sources: readonly IndexedSource[];
  private readonly eventsByStart: readonly IndexedEvent[];
  private readonly forms: LookupForm[] = [];
  private readonly formsByNormalized = new Map<string, LookupForm[]>();
  /** Folded word → the entries whose name forms contain it. */
  private readonly entriesByWord = new Map<string, Set<IndexedEntry>>();
  private readonly finder: NameFinder;
  private readonly order = new Map<IndexedEntry, number>();

  constructor(
    entries: readonly IndexedEntry[],
    private readonly byId: ReadonlyMap<string, IndexedEntry>,
    private readonly locations: ReadonlyMap<string, { uri: string; range: Range }>,
    readonly datasets: readonly DatasetSummary[],
  ) {
    this.people = Object.freeze(entries.filter((e): e is IndexedPerson => e.kind === 'person'));
    this.places = Object.freeze(entries.filter((e): e is IndexedPlace => e.kind === 'place'));
    this.events = Object.freeze(entries.filter((e): e is IndexedEvent => e.kind === 'event'));
    this.sources = Object.freeze(entries.filter((e): e is IndexedSource => e.kind === 'source'));
    this.eventsByStart = Object.freeze([...this.events].sort(byDate));
    entries.forEach((e, i) => this.order.set(e, i));
    for (const e of entries) {
      const add = (text: string, weight: number): void => {
        const tokens = nameTokens(text).map((t) => t.text);
        if (tokens.length === 0) return;
        const form: LookupForm = { entry: e, tokens, normalized: tokens.join(' '), weight };
        this.forms.push(form);
        const list = this.formsByNormalized.get(form.normalized);
        if (list) list.push(form);
        else this.formsByNormalized.set(form.normalized, [form]);
        for (const t of tokens) {
          let set = this.entriesByWord.get(t);
          if (!set) this.entriesByWord.set(t, (set = new Set()));
          set.add(e);
        }
      };
      if (e.kind === 'source') {
        add(e.id, 3);
        continue;
      }
      add(e.label, 0);
      for (const n of e.names ?? []) add(n, 1);
      if (e.kind === 'person') for (const x of e.epithets ?? []) add(x.text, 2);
      add(e.id, 3);
    }
    this.finder = new NameFinder(this.nameFormSpecs());
    Object.freeze(this);
  }

  get(id: string): IndexedEntry | undefined {
    return this.byId.get(id);
  }

  location(id: string): { uri: string; range: Range } | undefined {
    return this.locations.get(id);
  }

  /**
   * Ranking, best first: (1) the text is a name form (label before names before epithets before id);
   * (2) a name form contains the text's words in order, then (3) in any order — tighter forms first;
   * (4) the text contains a whole name form — longer forms first; (5) a word of the text occurs in the name
   * forms of this entry only. Ties: dataset order.
   */
  lookup(text: string): IndexedEntry[] {
    const query = nameTokens(typeof text === 'string' ? text.slice(0, 1000) : '').map((t) => t.text);
    if (query.length === 0) return [];
    const scores = new Map<IndexedEntry, number>();
    const offer = (e: IndexedEntry, score: number): void => {
      if ((scores.get(e) ?? -Infinity) < score) scores.set(e, score);
    };
    const normalized = query.join(' ');
    for (const f of this.formsByNormalized.get(normalized) ?? []) offer(f.entry, 1000 - f.weight);

    // Entries whose name forms hold every query word.
    let candidates: Set<IndexedEntry> | undefined;
    for (const w of new Set(query)) {
      const set = this.entriesByWord.get(w);
      if (!set) {
        candidates = new Set();
        break;
      }
      candidates = candidates ? new Set([...candidates].filter((e) => set.has(e))) : new Set(set);
    }
    if (candidates && candidates.size > 0) {
      for (const f of this.forms) {
        if (!candidates.has(f.entry)) continue;
        const extra = Math.max(0, f.tokens.length - query.length);
        if (containsPhrase(f.tokens, query)) offer(f.entry, 800 - Math.min(extra, 99));
        else if (query.every((w) => f.tokens.includes(w))) offer(f.entry, 600 - Math.min(extra, 99));
      }
    }

    // Name forms the text contains whole (a phrase of 1..8 words of the query).
    const maxLen = Math.min(query.length, 8);
    for (let i = 0; i < query.length; i++) {
      for (let n = 1; n <= maxLen && i + n <= query.length; n++) {
        if (n === query.length) continue; // the whole text: handled above
        for (const f of this.formsByNormalized.get(query.slice(i, i + n).join(' ')) ?? []) offer(f.entry, 400 + Math.min(n * 10, 90) - f.weight);
      }
    }

    // A word of the text that only one entry's name forms contain.
    for (const w of new Set(query)) {
      const set = this.entriesByWord.get(w);
      if (set && set.size === 1) {
        const [e] = set;
        const matched = query.filter((q) => this.entriesByWord.get(q)?.has(e)).length;
        offer(e, 200 + Math.min(matched, 50));
      }
    }

    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || (this.order.get(a[0]) ?? 0) - (this.order.get(b[0]) ?? 0))
      .map(([e]) => e);
  }

  findNames(text: string, from?: number, to?: number): NameHit[] {
    if (typeof text !== 'string') return [];
    return this.finder.find(text, from ?? 0, to ?? text.length);
  }

  private *nameFormSpecs(): Iterable<NameFormSpec> {
    for (const e of [...this.people, ...this.places, ...this.events] as IndexedEntry[]) {
      if (e.kind === 'source') continue;
      yield { entryId: e.id, form: e.label };
      for (const n of e.names ?? []) yield { entryId: e.id, form: n };
      if (e.kind === 'person') {
        for (const x of e.epithets ?? []) {
          const date = parsed(x.date);
          if (date) yield { entryId: e.id, form: x.text, epithetDate: date };
        }
      }
    }
  }

  eventsIn(interval: DateInterval): IndexedEvent[] {
    const out: IndexedEvent[] = [];
    for (const e of this.eventsByStart) {
      if (e.interval.start > interval.end) break;
      if (e.interval.end >= interval.start) out.push(e);
    }
    return out;
  }
}

function byDate(a: IndexedEvent, b: IndexedEvent): number {
  return a.interval.start - b.interval.start || a.interval.end - b.interval.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}
