/**
 * Hover and Go to Definition over prose: what the dataset knows about the name, event or date under the cursor.
 * The document's mentions are found once per analysis (see `mentions.ts`); a hover is then a few binary searches
 * and a cached card.
 */
import { citationDefinitionAt, citationHoverAt, citationRefAt } from '../cite/hover';
import type { Library } from '../cite/library';
import type { DatasetIndex, IndexedEntry, NameHit } from '../dataset/index';
import { formatInterval } from '../dates/format';
import type { DateInterval } from '../dates/interval';
import { parseEdtfCached } from '../dataset/edtf-cache';
import { escapeMarkdown } from '../markdown';
import type { DocumentAnalysis } from '../check/index';
import type { TextAnalysis } from '../text/analysis';
import type { Range } from '../types';
import { dateCard, entryCard, formatFactDate } from './cards';
import {
  analysisFor,
  documentMentions,
  eventMentionsAt,
  itemAt,
  itemsWithin,
  passageDates,
  paraphraseFinder,
  type DocumentMentions,
  type EventMentionFinder,
  type KnownMentions,
} from './mentions';

export { CARD_LIMITS, formatFactDate } from './cards';
export type { EventMentionSpan, EventMentionFinder } from './mentions';

/** Which kinds of hover are on (settings turn each off); every kind is on unless set to false. */
export interface HoverOptions {
  people: boolean;
  events: boolean;
  places: boolean;
  dates: boolean;
}

/** What `hoverAt` and `definitionAt` take. */
export interface HoverInput {
  text: string;
  /** VS Code language id: `markdown`, `latex`, `plaintext`, … */
  languageId: string;
  /** UTF-16 offset of the cursor. */
  offset: number;
  index: DatasetIndex;
  /** The document's analysis when the caller has it (`analyzeDocument`'s, or the bare text analysis); else made here. */
  analysis?: DocumentAnalysis | TextAnalysis;
  options?: Partial<HoverOptions>;
  /** The writer's bibliography: a hover on a cited key shows its reference. */
  library?: Library;
  /** Event mentions by paraphrase: the mention finder's when omitted; `null` for names and dates only. */
  findEventMentions?: EventMentionFinder | null;
}

/** A hover: Markdown text, the span it explains, and the dataset entries it shows. */
export interface Hover {
  markdown: string;
  start: number;
  end: number;
  entryIds: string[];
}

/** Where a dataset entry is written. */
export interface EntryLocation {
  entryId: string;
  uri: string;
  range: Range;
}

const ALL_ON: HoverOptions = { people: true, events: true, places: true, dates: true };

function isTextAnalysis(value: unknown): value is TextAnalysis {
  const v = value as TextAnalysis | undefined;
  return !!v && typeof v === 'object' && typeof v.text === 'string' && Array.isArray(v.prose) && typeof v.isProse === 'function';
}

/** The text analysis and known mentions inside what the caller passed, when they are of this text and index. */
function givenAnalysis(value: HoverInput['analysis'], text: string, index: DatasetIndex): { analysis?: TextAnalysis; known: KnownMentions } {
  if (isTextAnalysis(value)) return { analysis: value, known: {} };
  const doc = value as DocumentAnalysis | undefined;
  if (doc && typeof doc === 'object' && isTextAnalysis(doc.analysis) && doc.analysis.text === text) {
    const sameIndex = doc.index === index && Array.isArray(doc.names) && Array.isArray(doc.dates);
    return { analysis: doc.analysis, known: sameIndex ? { names: doc.names, dates: doc.dates } : {} };
  }
  return { known: {} };
}

interface Prepared {
  mentions: DocumentMentions;
  options: HoverOptions;
  offset: number;
}

function prepare(input: HoverInput): Prepared | undefined {
  if (!input || typeof input !== 'object' || typeof input.text !== 'string' || !input.index) return undefined;
  const offset = input.offset;
  if (!Number.isInteger(offset) || offset < 0 || offset > input.text.length) return undefined;
  const languageId = typeof input.languageId === 'string' ? input.languageId : 'plaintext';
  const given = givenAnalysis(input.analysis, input.text, input.index);
  const analysis = analysisFor(input.text, languageId, given.analysis);
  const finder = input.findEventMentions === undefined ? paraphraseFinder : input.findEventMentions;
  const mentions = documentMentions(analysis, input.index, finder, analysis === given.analysis ? given.known : {});
  return { mentions, options: { ...ALL_ON, ...(input.options ?? {}) }, offset };
}

function kindAllowed(entry: IndexedEntry | undefined, options: HoverOptions): boolean {
  if (!entry) return false;
  if (entry.kind === 'person') return options.people;
  if (entry.kind === 'place') return options.places;
  if (entry.kind === 'event') return options.events;
  return false;
}

function overlaps(a: DateInterval, b: DateInterval): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** A name hit resolved to entries: epithets outside their dates dropped, disabled kinds dropped, context applied. */
interface Resolution {
  entryIds: string[];
  /** All candidates, when the context could not choose one. */
  ambiguous: boolean;
  /** Entries named here only by an epithet, with the epithet's interval. */
  epithets: Map<string, DateInterval>;
}

function resolveName(m: DocumentMentions, hit: NameHit, options: HoverOptions): Resolution {
  const epithets = new Map<string, DateInterval>();
  let candidates = hit.entryIds.filter((id) => kindAllowed(m.index.get(id), options));
  if (hit.epithets && hit.epithets.length > 0) {
    const dates = passageDates(m, hit.start);
    for (const ep of hit.epithets) {
      if (!candidates.includes(ep.entryId)) continue;
      if (dates.length > 0 && !dates.some((d) => overlaps(d, ep.date))) candidates = candidates.filter((id) => id !== ep.entryId);
      else epithets.set(ep.entryId, ep.date);
    }
  }
  if (candidates.length <= 1) return { entryIds: candidates, ambiguous: false, epithets };
  // Several entries share this name: the paragraph decides when it names exactly one of them unambiguously.
  const p = m.analysis.paragraphOf(hit.start);
  if (p !== undefined) {
    const paragraph = m.analysis.paragraphs[p];
    const named = new Set<string>();
    for (const other of itemsWithin(m.names, paragraph.start, paragraph.end)) {
      if (other === hit || other.entryIds.length !== 1) continue;
      if (candidates.includes(other.entryIds[0])) named.add(other.entryIds[0]);
    }
    if (named.size === 1) return { entryIds: [...named], ambiguous: false, epithets };
  }
  return { entryIds: candidates, ambiguous: true, epithets };
}

function entriesMarkdown(m: DocumentMentions, written: string, resolution: Resolution): string | undefined {
  const cards: string[] = [];
  for (const id of resolution.entryIds) {
    const card = entryCard(m.index, id);
    if (!card) continue;
    const epithet = resolution.epithets.get(id);
    const note = epithet
      ? `\n\n*In the dataset, “${escapeMarkdown(written)}” names ${escapeMarkdown(m.index.get(id)?.label ?? id)} for ${escapeMarkdown(epithetDates(m.index.get(id), epithet))} only.*`
      : '';
    cards.push(card + note);
  }
  if (cards.length === 0) return undefined;
  const head = cards.length > 1 ? `*“${escapeMarkdown(written)}” may name ${cards.length} entries in the dataset:*\n\n` : '';
  return head + cards.join('\n\n---\n\n');
}

/** The EDTF of the person's epithet with this interval, written historian-style. */
function epithetDates(entry: IndexedEntry | undefined, interval: DateInterval): string {
  if (entry?.kind === 'person') {
    for (const x of entry.epithets ?? []) {
      const r = parseEdtfCached(x.date);
      if (r.ok && r.interval.start === interval.start && r.interval.end === interval.end) return formatFactDate(x.date, r.interval);
    }
  }
  return formatInterval(interval);
}

interface Target {
  start: number;
  end: number;
  entryIds: string[];
  resolution?: Resolution;
  date?: { interval: DateInterval; written: string };
}

/** What the cursor is on: a name first, then the narrower of an event paraphrase and a date expression. */
function targetAt(p: Prepared, offset: number, withDates: boolean): Target | undefined {
  const { mentions: m, options } = p;
  const hit = itemAt(m.names, offset);
  if (hit) {
    const resolution = resolveName(m, hit, options);
    if (resolution.entryIds.length > 0) return { start: hit.start, end: hit.end, entryIds: resolution.entryIds, resolution };
  }
  const found: Target[] = [];
  if (options.events) {
    for (const e of eventMentionsAt(m, offset)) {
      const ids = e.eventIds.filter((id) => m.index.get(id)?.kind === 'event');
      if (ids.length > 0) found.push({ start: e.start, end: e.end, entryIds: ids, resolution: { entryIds: ids, ambiguous: ids.length > 1, epithets: new Map() } });
    }
  }
  if (withDates && options.dates) {
    const expr = itemAt(m.dates, offset);
    if (expr) {
      const ids = m.index.eventsIn(expr.interval).map((e) => e.id);
      if (ids.length > 0) found.push({ start: expr.start, end: expr.end, entryIds: ids, date: { interval: expr.interval, written: expr.text } });
    }
  }
  found.sort((a, b) => a.end - a.start - (b.end - b.start));
  return found[0];
}

function citationRefKey(input: HoverInput): string {
  return citationRefAt(input.text, input.languageId, input.offset)?.key ?? '';
}

function targetNear(p: Prepared, withDates: boolean): Target | undefined {
  // A cursor just after a word (offset at its end) still means that word.
  return targetAt(p, p.offset, withDates) ?? (p.offset > 0 ? targetAt(p, p.offset - 1, withDates) : undefined);
}

/**
 * The hover at `offset`: Markdown describing the person, place or event named there, or the dataset's events
 * within the date written there; undefined outside prose or where the dataset knows nothing.
 */
export function hoverAt(input: HoverInput): Hover | undefined {
  if (input?.library && typeof input.text === 'string') {
    const cited = citationHoverAt({ text: input.text, languageId: input.languageId, offset: input.offset, library: input.library });
    if (cited) return { markdown: cited.markdown, start: cited.start, end: cited.end, entryIds: [cited.key] };
  }
  const p = prepare(input);
  if (!p) return undefined;
  const target = targetNear(p, true);
  if (!target) return undefined;
  const m = p.mentions;
  let markdown: string | undefined;
  if (target.date) markdown = dateCard(m.index, target.date.interval, target.date.written);
  else if (target.resolution) markdown = entriesMarkdown(m, m.analysis.text.slice(target.start, target.end), target.resolution);
  if (!markdown) return undefined;
  return { markdown, start: target.start, end: target.end, entryIds: target.entryIds };
}

/**
 * Where the person, place or event named at `offset` is defined in its dataset (every candidate when the name is
 * ambiguous); empty when nothing is named there.
 */
export function definitionAt(input: HoverInput): EntryLocation[] {
  if (input?.library && typeof input.text === 'string') {
    const cited = citationDefinitionAt({ text: input.text, languageId: input.languageId, offset: input.offset, library: input.library });
    if (cited) return [{ entryId: citationRefKey(input), uri: cited.uri, range: cited.range }];
  }
  const p = prepare(input);
  if (!p) return [];
  const target = targetNear(p, false);
  if (!target) return [];
  const out: EntryLocation[] = [];
  for (const id of target.entryIds) {
    const where = p.mentions.index.location(id);
    if (where) out.push({ entryId: id, uri: where.uri, range: where.range });
  }
  return out;
}
