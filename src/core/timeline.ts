/**
 * The timeline of a dataset as plain data: every event on a time axis (a span when its date is an interval, a
 * point otherwise), its disputed dates beside the curated one, and, for a document, where the document mentions
 * each event and the date it writes for it (misdated ones flagged). The editor's timeline view draws this model;
 * nothing here knows how.
 */
import { checkMisdatedEvents, MISDATED_EVENT, pairDatesWithEvents, type DocumentAnalysis } from './check/index';
import { citeSources } from './check/sources';
import type { DatasetIndex, IndexedEvent } from './dataset/index';
import { formatInterval } from './dates/format';
import { dayNumber, fromDayNumber, type DateInterval, type Precision } from './dates/interval';
import type { AnnalistDiagnostic, CancellationLike, Range } from './types';
import { neverCancelled } from './types';

/** A date on the timeline: its days, its precision and how a historian writes it. */
export interface TimelineDate {
  /** First day (day number, 0 = 1970-01-01), inclusive. */
  start: number;
  /** Last day, inclusive. */
  end: number;
  precision: Precision;
  uncertain: boolean;
  approximate: boolean;
  /** "25 February 1956", "17–31 October 1961", "c. 1954". */
  label: string;
}

/** A value other sources give for an event's date. */
export interface TimelineDispute {
  date: TimelineDate;
  /** How those sources put it, in words, when the dataset says. */
  text?: string;
  /** Short citations of those sources ("Tatu 1968"). */
  sources: string;
}

/** One event of the dataset on the timeline. */
export interface TimelineEvent {
  id: string;
  label: string;
  description?: string;
  /**
   * `span`: the dataset dates it as an interval (it lasted); `point`: a single date, drawn at its middle with its
   * precision (a year-precise point covers the year it may have happened in).
   */
  shape: 'span' | 'point';
  /** The curated date. */
  date: TimelineDate;
  /** Short citations of the curated date's sources. */
  sources: string;
  disputes: TimelineDispute[];
  /** False: the dataset says never to flag a date against it. */
  checked: boolean;
  /** True when the document mentions it. */
  mentioned: boolean;
  /** True when at least one mention writes a date that contradicts the dataset. */
  misdated: boolean;
  /** Indexes into {@link TimelineModel.mentions}, in document order. */
  mentions: number[];
}

/** A date written in the document for an event. */
export interface WrittenDate {
  /** As written ("1961", "25 February 1956"). */
  text: string;
  /** Offsets of the date in the document. */
  start: number;
  end: number;
  range: Range;
  date: TimelineDate;
}

/** A mention of an event in the document, with the date written for it, if any. */
export interface TimelineMention {
  eventId: string;
  /** The words of the mention, as written. */
  text: string;
  /** Offsets of the mention (UTF-16) and its range (0-based lines). */
  start: number;
  end: number;
  range: Range;
  /** By the event's name, or by a paraphrase. */
  via: 'name' | 'cue';
  /** The date the document writes for this mention, when one is paired with it. */
  written?: WrittenDate;
  /** True when the written date contradicts the dataset's date of the event (a `misdated-event` diagnostic). */
  misdated: boolean;
  /** True when it contradicts the curated date but agrees with a disputing source. */
  disputed: boolean;
}

/** A labelled mark on the time axis. */
export interface TimelineTick {
  day: number;
  label: string;
  /** True on the coarser boundaries (years when the ticks are months, decades when they are years). */
  major: boolean;
}

/** The visible range of days and its ticks. */
export interface TimelineAxis {
  start: number;
  end: number;
  /** The step between ticks, in words: `day`, `7 days`, `month`, `3 months`, `year`, `5 years`, … */
  step: string;
  ticks: TimelineTick[];
}

/** Everything the timeline view draws. */
export interface TimelineModel {
  /** Events by start day, then end day, then label. */
  events: TimelineEvent[];
  /** Mentions in document order. */
  mentions: TimelineMention[];
  axis: TimelineAxis;
  /** Counts for the caption; absent without a document. */
  document?: { label?: string; mentioned: number; misdated: number; mentions: number };
}

/** Options of {@link timelineModel}. */
export interface TimelineOptions {
  /**
   * The document's diagnostics, as shown in the editor: `misdated-event` ones decide which mentions are misdated.
   * Absent: the misdated-event check is run here (disputed dates included).
   */
  diagnostics?: readonly AnnalistDiagnostic[];
  /** `mentioned`: only the events the document mentions (all of them when it mentions none). Default `all`. */
  scope?: 'all' | 'mentioned';
  /** The most ticks the axis should carry (default 12, at least 2). */
  maxTicks?: number;
  /** A name for the document in the caption (a file name). */
  documentLabel?: string;
  token?: CancellationLike;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function timelineDate(interval: DateInterval): TimelineDate {
  return {
    start: interval.start,
    end: interval.end,
    precision: interval.precision,
    uncertain: interval.uncertain === true,
    approximate: interval.approximate === true,
    label: formatInterval(interval) || String(interval.start),
  };
}

function byDate(a: TimelineEvent, b: TimelineEvent): number {
  return a.date.start - b.date.start || a.date.end - b.date.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function eventOf(index: DatasetIndex, e: IndexedEvent): TimelineEvent {
  const disputes: TimelineDispute[] = [];
  (e.disputes ?? []).forEach((d, k) => {
    const interval = e.disputeIntervals[k];
    if (!interval) return;
    const out: TimelineDispute = { date: timelineDate(interval), sources: citeSources(index, d.sources) };
    if (typeof d.text === 'string' && d.text.trim()) out.text = d.text.trim();
    disputes.push(out);
  });
  const out: TimelineEvent = {
    id: e.id,
    label: e.label,
    shape: typeof e.date === 'string' && e.date.includes('/') ? 'span' : 'point',
    date: timelineDate(e.interval),
    sources: citeSources(index, e.sources),
    disputes,
    checked: e.checked,
    mentioned: false,
    misdated: false,
    mentions: [],
  };
  if (typeof e.description === 'string' && e.description.trim()) out.description = e.description.trim();
  return out;
}

/** Which (date offset, event) pairs the misdated-event diagnostics flag, and whether each agrees with a dispute. */
function misdatedPairs(analysis: DocumentAnalysis, diagnostics: readonly AnnalistDiagnostic[] | undefined, token: CancellationLike): Map<string, boolean> {
  const found = diagnostics ?? checkMisdatedEvents(analysis, { severity: 'warning', disputed: 'warning' }, token);
  const out = new Map<string, boolean>();
  const lines = analysis.analysis.lines;
  for (const d of found) {
    if (!d || d.code !== MISDATED_EVENT || !d.range) continue;
    const event = d.data?.event;
    if (typeof event !== 'string') continue;
    out.set(`${lines.offsetAt(d.range.start)}:${event}`, d.data?.disputed === true);
  }
  return out;
}

/** A date paired with a mention. */
interface Paired {
  start: number;
  end: number;
  text: string;
  interval: DateInterval;
  misdated: boolean;
  disputed: boolean;
}

/** The mentions of a document, each with the date paired with it and whether that date is misdated. */
function mentionsOf(analysis: DocumentAnalysis, options: TimelineOptions, token: CancellationLike): TimelineMention[] {
  const lines = analysis.analysis.lines;
  const misdated = misdatedPairs(analysis, options.diagnostics, token);
  const dated = new Map<string, Paired>();
  for (const pair of pairDatesWithEvents(analysis, token)) {
    const key = `${pair.mention.start}:${pair.mention.event.id}`;
    const flag = misdated.get(`${pair.date.start}:${pair.mention.event.id}`);
    const previous = dated.get(key);
    // One date per mention: a misdated one wins (it is what the writer must see), else the first written.
    if (previous && (previous.misdated || flag === undefined)) continue;
    dated.set(key, { start: pair.date.start, end: pair.date.end, text: pair.date.text, interval: pair.date.interval, misdated: flag !== undefined, disputed: flag === true });
  }
  // A mention by name counts everywhere; a paraphrase only where a date is paired with it (elsewhere it is a guess).
  const kept = analysis.mentions
    .filter((m) => m.via === 'name' || dated.has(`${m.start}:${m.event.id}`))
    .sort((a, b) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0) || a.start - b.start || a.end - b.end);
  const out: TimelineMention[] = [];
  let last: TimelineMention | undefined;
  for (const m of kept) {
    if (token.isCancellationRequested) return [];
    const d = dated.get(`${m.start}:${m.event.id}`);
    // Overlapping mentions of one event ("the king died" by name, "died" by paraphrase) are one mention.
    if (last && last.eventId === m.event.id && m.start < last.end) {
      last.end = Math.max(last.end, m.end);
      if (m.via === 'name') last.via = 'name';
      if (d && (!last.written || (d.misdated && !last.misdated))) setWritten(last, d);
      continue;
    }
    last = { eventId: m.event.id, text: '', start: m.start, end: m.end, range: lines.rangeOf(m.start, m.end), via: m.via, misdated: false, disputed: false };
    if (d) setWritten(last, d);
    out.push(last);
  }
  for (const m of out) {
    m.text = analysis.text.slice(m.start, m.end);
    m.range = lines.rangeOf(m.start, m.end);
  }
  return out.sort((a, b) => a.start - b.start || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));

  function setWritten(m: TimelineMention, d: Paired): void {
    m.written = { text: d.text, start: d.start, end: d.end, range: lines.rangeOf(d.start, d.end), date: timelineDate(d.interval) };
    m.misdated = d.misdated;
    m.disputed = d.disputed;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The axis

interface Step {
  unit: 'day' | 'month' | 'year';
  size: number;
  words: string;
}

const STEPS: readonly Step[] = [
  { unit: 'day', size: 1, words: 'day' },
  { unit: 'day', size: 7, words: '7 days' },
  { unit: 'month', size: 1, words: 'month' },
  { unit: 'month', size: 3, words: '3 months' },
  { unit: 'month', size: 6, words: '6 months' },
  ...[1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].map((size): Step => ({ unit: 'year', size, words: size === 1 ? 'year' : `${size} years` })),
];

/** Ticks of one step between two days: the boundaries of days, months or years that fall inside [start, end]. */
function ticksOf(step: Step, start: number, end: number, limit: number): TimelineTick[] | undefined {
  const out: TimelineTick[] = [];
  const a = fromDayNumber(start);
  const push = (day: number, label: string, major: boolean): boolean => {
    if (day < start || day > end) return true;
    out.push({ day, label, major });
    return out.length <= limit;
  };
  if (step.unit === 'day') {
    // Weekly ticks on Mondays (1970-01-05 was one), daily ticks on every day.
    let day = step.size === 7 ? start + ((((4 - start) % 7) + 7) % 7) : start;
    for (; day <= end; day += step.size) {
      const d = fromDayNumber(day);
      if (!push(day, d.day === 1 || day === start ? `${d.day} ${MONTHS[d.month - 1]} ${d.year}` : `${d.day} ${MONTHS[d.month - 1]}`, d.day === 1)) return undefined;
    }
    return out;
  }
  if (step.unit === 'month') {
    let year = a.year;
    let month = Math.ceil(a.month / step.size) * step.size - step.size + 1;
    for (;;) {
      const day = dayNumber(year, month, 1);
      if (day > end) break;
      if (!push(day, month === 1 ? `${MONTHS[0]} ${year}` : MONTHS[month - 1], month === 1)) return undefined;
      month += step.size;
      if (month > 12) {
        month -= 12;
        year++;
      }
    }
    return out;
  }
  const first = Math.ceil(a.year / step.size) * step.size;
  const majorEvery = step.size < 10 ? 10 : step.size < 100 ? 100 : 1000;
  for (let year = first; ; year += step.size) {
    const day = dayNumber(year, 1, 1);
    if (day > end) break;
    if (!push(day, String(year), year % majorEvery === 0)) return undefined;
  }
  return out;
}

/** The time axis over a set of intervals, padded a little on both sides, with at most `maxTicks` ticks. */
export function timelineAxis(intervals: readonly { start: number; end: number }[], maxTicks = 12): TimelineAxis {
  const limit = Math.max(2, Math.floor(Number.isFinite(maxTicks) ? maxTicks : 12));
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of intervals) {
    if (!Number.isFinite(i.start) || !Number.isFinite(i.end)) continue;
    lo = Math.min(lo, i.start, i.end);
    hi = Math.max(hi, i.start, i.end);
  }
  if (!Number.isFinite(lo)) return { start: 0, end: 0, step: 'year', ticks: [] };
  const pad = Math.max(15, Math.round((hi - lo) * 0.03));
  const start = Math.floor(lo - pad);
  const end = Math.ceil(hi + 1 + pad);
  for (const step of STEPS) {
    const ticks = ticksOf(step, start, end, limit);
    if (ticks && ticks.length >= 2) return { start, end, step: step.words, ticks };
  }
  // A range wider than 1000-year steps allow: the two ends.
  return { start, end, step: 'range', ticks: [start, end].map((day) => ({ day, label: String(fromDayNumber(day).year), major: true })) };
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * The timeline of the dataset's events, with the mentions of a document (if given) and the dates it writes for
 * them; never throws on odd input.
 */
export function timelineModel(index: DatasetIndex, analysis?: DocumentAnalysis, options: TimelineOptions = {}): TimelineModel {
  const opts: TimelineOptions = options && typeof options === 'object' ? options : {};
  const token = opts.token ?? neverCancelled;
  const events = (index?.events ?? []).map((e) => eventOf(index, e)).sort(byDate);
  const byId = new Map(events.map((e) => [e.id, e]));
  let mentions: TimelineMention[] = [];
  if (analysis) {
    mentions = mentionsOf(analysis, opts, token).filter((m) => byId.has(m.eventId));
    mentions.forEach((m, k) => {
      const e = byId.get(m.eventId)!;
      e.mentioned = true;
      e.mentions.push(k);
      if (m.misdated) e.misdated = true;
    });
  }
  const shown = opts.scope === 'mentioned' && events.some((e) => e.mentioned) ? events.filter((e) => e.mentioned) : events;
  const spans: { start: number; end: number }[] = [];
  for (const e of shown) {
    spans.push(e.date);
    for (const d of e.disputes) spans.push(d.date);
    for (const k of e.mentions) {
      const w = mentions[k].written;
      if (w) spans.push(w.date);
    }
  }
  const model: TimelineModel = { events: shown, mentions, axis: timelineAxis(spans, opts.maxTicks) };
  if (analysis) {
    model.document = {
      mentioned: events.filter((e) => e.mentioned).length,
      misdated: mentions.filter((m) => m.misdated).length,
      mentions: mentions.length,
    };
    if (typeof opts.documentLabel === 'string') model.document.label = opts.documentLabel;
  }
  return model;
}
