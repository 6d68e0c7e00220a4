/**
 * Everything a document mentions that a hover can explain, found once per (analysis, dataset index) and then
 * looked up by offset with binary searches: names of people, places and events, date expressions, and event
 * mentions by paraphrase.
 */
import type { DatasetIndex, NameHit } from '../dataset/index';
import { findDateExpressions, type DateExpression } from '../dates/expressions';
import type { DateInterval } from '../dates/interval';
import { findEventMentions } from '../mentions/index';
import { analyzeText, type Region, type TextAnalysis } from '../text/analysis';

/** An event found by paraphrase ("his ouster"), as the mention finder reports it. */
export interface EventMentionSpan {
  start: number;
  end: number;
  eventIds: string[];
}

/** A source of event mentions by paraphrase (given the name hits already found). */
export type EventMentionFinder = (analysis: TextAnalysis, text: string, index: DatasetIndex, names: readonly NameHit[]) => EventMentionSpan[];

/** The mention finder's paraphrases ("his ouster"); event names are found with the other names. */
export const paraphraseFinder: EventMentionFinder = (analysis, text, index, names) =>
  findEventMentions(analysis, text, index, { names }).filter((m) => m.via === 'cue').map((m) => ({ start: m.start, end: m.end, eventIds: [m.event.id] }));

/** What the caller may already have found in the document (the shared document analysis). */
export interface KnownMentions {
  names?: readonly NameHit[];
  dates?: readonly DateExpression[];
}

/** A document's mentions, each list sorted by start. */
export interface DocumentMentions {
  readonly analysis: TextAnalysis;
  readonly index: DatasetIndex;
  /** Name hits whose first and last characters are prose; disjoint. */
  readonly names: readonly NameHit[];
  /** Date expressions in prose; disjoint. */
  readonly dates: readonly DateExpression[];
  /** Event mentions by paraphrase; may overlap. */
  readonly events: readonly EventMentionSpan[];
  /** `maxEnd[i]`: the largest `end` among `events[0..i]`, for overlapping lookups. */
  readonly eventsMaxEnd: readonly number[];
  /** The paraphrase finder these were made with. */
  readonly finder: EventMentionFinder | null;
}

const byAnalysis = new WeakMap<TextAnalysis, WeakMap<DatasetIndex, DocumentMentions>>();
let lastText: { text: string; languageId: string; analysis: TextAnalysis } | undefined;

/** The text analysis for `text`: the given one when it is of this very text, else the last one made, else a new one. */
export function analysisFor(text: string, languageId: string, given?: TextAnalysis): TextAnalysis {
  if (given && given.text === text) return given;
  if (lastText && lastText.text === text && lastText.languageId === languageId) return lastText.analysis;
  const analysis = analyzeText(text, languageId);
  lastText = { text, languageId, analysis };
  return analysis;
}

/** The mentions of a document, computed once per analysis and index. */
export function documentMentions(analysis: TextAnalysis, index: DatasetIndex, findEvents: EventMentionFinder | null = paraphraseFinder, known: KnownMentions = {}): DocumentMentions {
  let perIndex = byAnalysis.get(analysis);
  if (!perIndex) byAnalysis.set(analysis, (perIndex = new WeakMap()));
  const cached = perIndex.get(index);
  if (cached && cached.finder === findEvents) return cached;
  const made = computeMentions(analysis, index, findEvents, known);
  perIndex.set(index, made);
  return made;
}

function computeMentions(analysis: TextAnalysis, index: DatasetIndex, findEvents: EventMentionFinder | null, known: KnownMentions): DocumentMentions {
  const text = analysis.text;
  const inProse = (m: Region) => m.end > m.start && analysis.isProse(m.start) && analysis.isProse(m.end - 1);
  let names: NameHit[];
  let dates: DateExpression[];
  if (known.names && known.dates) {
    names = known.names.filter(inProse);
    dates = known.dates.filter(inProse);
  } else {
    names = [];
    dates = [];
    for (const region of analysis.prose) {
      for (const hit of index.findNames(text, region.start, region.end)) if (inProse(hit)) names.push(hit);
      for (const expr of findDateExpressions(text, region.start, region.end)) dates.push(expr);
    }
  }
  names.sort((a, b) => a.start - b.start);
  dates.sort((a, b) => a.start - b.start);
  let events: EventMentionSpan[] = [];
  if (findEvents) {
    try {
      events = findEvents(analysis, text, index, names).filter((m) => m.end > m.start && m.eventIds.length > 0 && analysis.isProse(m.start));
    } catch {
      events = []; // a failing paraphrase finder must not take the name and date hovers down with it
    }
    events.sort((a, b) => a.start - b.start || a.end - b.end);
  }
  const eventsMaxEnd: number[] = [];
  let max = -1;
  for (const m of events) eventsMaxEnd.push((max = Math.max(max, m.end)));
  return { analysis, index, names, dates, events, eventsMaxEnd, finder: findEvents };
}

/** Index of the last item with `start <= offset`, or -1 (items sorted by start). */
export function lastStartingAtOrBefore(items: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The item of a disjoint sorted list that contains `offset` (`start <= offset < end`). */
export function itemAt<T extends Region>(items: readonly T[], offset: number): T | undefined {
  const i = lastStartingAtOrBefore(items, offset);
  return i >= 0 && offset < items[i].end ? items[i] : undefined;
}

/** Items of a disjoint sorted list lying within `[from, to)`. */
export function itemsWithin<T extends Region>(items: readonly T[], from: number, to: number): T[] {
  const out: T[] = [];
  let i = lastStartingAtOrBefore(items, from - 1) + 1;
  for (; i < items.length && items[i].start < to; i++) if (items[i].end <= to) out.push(items[i]);
  return out;
}

/** The narrowest event mentions containing `offset` (several when they share that span). */
export function eventMentionsAt(m: DocumentMentions, offset: number): EventMentionSpan[] {
  const found: EventMentionSpan[] = [];
  for (let i = lastStartingAtOrBefore(m.events, offset); i >= 0 && m.eventsMaxEnd[i] > offset; i--) {
    if (m.events[i].end > offset) found.push(m.events[i]);
  }
  if (found.length === 0) return [];
  const width = Math.min(...found.map((e) => e.end - e.start));
  return found.filter((e) => e.end - e.start === width).reverse();
}

/**
 * The date a passage is about at `offset`: the date expressions of its sentence, else the nearest one before
 * it in its paragraph. Undefined when the passage gives no date.
 */
export function passageDates(m: DocumentMentions, offset: number): DateInterval[] {
  const sentence = m.analysis.sentenceAt(offset);
  if (sentence) {
    const inSentence = itemsWithin(m.dates, sentence.start, sentence.end);
    if (inSentence.length > 0) return inSentence.map((d) => d.interval);
  }
  const p = m.analysis.paragraphOf(offset);
  if (p === undefined) return [];
  const paragraph = m.analysis.paragraphs[p];
  const i = lastStartingAtOrBefore(m.dates, offset);
  if (i >= 0 && m.dates[i].start >= paragraph.start) return [m.dates[i].interval];
  return [];
}
