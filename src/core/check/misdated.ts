/**
 * `misdated-event`: a date in prose that contradicts the dataset's date of the event the sentence states it for.
 *
 * Precision first. A date is compared only when it is a statement of when something happened (not a bound such
 * as "after 1956", not negated, not in a counterfactual, not a title, citation, locator or retrieval date), and
 * only with the event it belongs to: the event it is attached to ("X in 1961", "the 1956 X", "X (1961)"), else
 * the nearest event mention in its clause, else one in the clause right after it; a sentence without a date of
 * its own inherits the date of the previous sentence of its paragraph when that sentence names no event.
 * An event named as a reference point ("ten years after X") owns no date but its attached one.
 */
import type { IndexedEvent } from '../dataset/index';
import { compareDates } from '../dates/compare';
import { findDateExpressions, type DateExpression } from '../dates/expressions';
import { formatInterval, rewriteLike } from '../dates/format';
import type { DateInterval } from '../dates/interval';
import { fromDayNumber } from '../dates/interval';
import { wordsOf, type Word } from '../mentions/words';
import type { EventMention } from '../mentions/index';
import type { AnnalistDiagnostic, CancellationLike, Fix, Severity } from '../types';
import type { DocumentAnalysis } from './document';
import { suppressionFixes } from './fixes';
import { citeSources } from './sources';

export const MISDATED_EVENT = 'misdated-event';

/** Options of {@link checkMisdatedEvents}. */
export interface MisdatedOptions {
  /** Level of a date that contradicts the dataset and every recorded dispute. */
  severity: Severity | 'off';
  /** Level of a date that contradicts the dataset's date but agrees with a disputing source. */
  disputed: 'warning' | 'information' | 'off';
  /** URI of the document, for related locations (unused when the dataset entry has its own). */
  uri?: string;
}

/** A date paired with the event it is written for. */
export interface DatedMention {
  date: DateExpression;
  mention: EventMention;
  /** How the pair was made. */
  how: 'attached' | 'title' | 'clause' | 'next-clause' | 'inherited';
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary (English prose)

const NEGATIONS = new Set(['not', 'never', 'nor', 't', 'wrongly', 'mistakenly', 'erroneously', 'incorrectly', 'misdated', 'falsely']);
const CONTRASTS: readonly string[][] = [['rather', 'than'], ['instead', 'of'], ['as', 'opposed', 'to'], ['other', 'than']];
const RETRIEVAL = new Set(['retrieved', 'accessed', 'consulted', 'archived', 'downloaded', 'viewed', 'updated', 'modified', 'visited']);
const ANCHORS = new Set(['after', 'before', 'since', 'following', 'until', 'till', 'preceding', 'anniversary', 'eve', 'wake', 'aftermath', 'ahead', 'prior', 'than']);
/** Words that may stand between an event's name and its date ("X in 1961", "X, on 5 March 1953"). */
const ATTACH_AFTER = new Set(['in', 'on', 'of', 'at', 'the', 'during', 'dated', 'was', 'were', 'took', 'place', 'occurred', 'happened', 'came', 'is', 'from']);
const RELATIVE_TIME = new Set(['then', 'later', 'afterwards', 'afterward', 'subsequently', 'next', 'following', 'soon', 'eventually', 'thereafter', 'previously', 'earlier', 'before', 'after', 'meanwhile']);
const CLAUSE_WORDS = new Set(['but', 'while', 'whereas', 'although', 'though', 'yet']);
const CLAUSE_AFTER_COMMA = new Set(['and', 'but', 'while', 'whereas', 'although', 'though', 'when', 'which', 'who', 'where', 'yet', 'so']);
/** Words that may precede a year without making it an author–year citation. */
const NOT_AUTHORS = new Set([
  'in', 'on', 'by', 'since', 'until', 'from', 'the', 'of', 'during', 'after', 'before', 'early', 'late', 'mid', 'autumn', 'spring',
  'summer', 'winter', 'fall', 'circa', 'around', 'about', 'to', 'and', 'between', 'through', 'c', 'ca', 'year', 'years', 'until',
  'till', 'into', 'as', 'at', 'for', 'with', 'within', 'throughout', 'till', 'then', 'but', 'or', 'not', 'when', 'that', 'this',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'christmas', 'easter', 'new', 'a', 'an',
  'ad', 'ce', 'bc', 'bce', 'anno', 'domini', 'o', 's', 'n', 'os', 'ns', 'also', 'only', 'again', 'still', 'even', 'just',
]);

// ---------------------------------------------------------------------------------------------------------------

/** What the pairing needs about one sentence. */
interface SentenceView {
  index: number;
  start: number;
  end: number;
  words: Word[];
  /** Offsets where a new clause begins. */
  breaks: number[];
  counterfactual: boolean;
}

function sentenceView(doc: DocumentAnalysis, s: number): SentenceView {
  const { analysis, text } = doc;
  const sentence = analysis.sentences[s];
  const words = wordsOf(text, sentence.start, sentence.end, (i) => !analysis.isProse(i));
  const breaks: number[] = [];
  for (let i = sentence.start; i < sentence.end; i++) {
    const c = text.charCodeAt(i);
    if (!analysis.isProse(i)) continue;
    if (c === 59 /* ; */) breaks.push(i + 1);
    else if (c === 58 /* : */ && !isDigit(text.charCodeAt(i + 1))) breaks.push(i + 1);
    else if (c === 0x2014 /* — */) breaks.push(i + 1);
    else if ((c === 0x2013 || c === 45) && text.charCodeAt(i - 1) === 32 && text.charCodeAt(i + 1) === 32 && !isDigit(text.charCodeAt(i - 2))) breaks.push(i + 1);
  }
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (CLAUSE_WORDS.has(w.text) && k > 0) breaks.push(w.start);
    else if (CLAUSE_AFTER_COMMA.has(w.text) && k > 0 && /,\s*$/.test(text.slice(words[k - 1].end, w.start))) breaks.push(w.start);
  }
  breaks.sort((a, b) => a - b);
  return { index: s, start: sentence.start, end: sentence.end, words, breaks, counterfactual: isCounterfactual(words, text) };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function clauseOf(view: SentenceView, offset: number): number {
  let n = 0;
  for (const b of view.breaks) {
    if (b <= offset) n++;
    else break;
  }
  return n;
}

/** "would have", "might have", "had he …", "if … had", "if … were", "suppose": not a statement of fact. */
function isCounterfactual(words: readonly Word[], text: string): boolean {
  let sawIf = false;
  for (let k = 0; k < words.length; k++) {
    const w = words[k].text;
    const next = words[k + 1]?.text;
    if ((w === 'would' || w === 'might' || w === 'could' || w === 'should') && (next === 'have' || (next === 'not' && words[k + 2]?.text === 'have') || next === 've')) return true;
    if (w === 'if' || w === 'unless' || w === 'suppose' || w === 'supposing' || w === 'imagine' || w === 'hypothetically') {
      if (w !== 'if' && w !== 'unless') return true;
      sawIf = true;
    }
    if (sawIf && (w === 'had' || w === 'were')) return true;
    if (w === 'had' && next && /^(he|she|they|it|we|i|you)$/.test(next)) {
      // Inverted conditional at the start of a sentence or clause: "Had he lived, …"
      const before = k === 0 ? '' : text.slice(words[k - 1].end, words[k].start);
      if (k === 0 || /[,;:(—]/.test(before)) return true;
    }
  }
  return false;
}

/** Index of the last word ending at or before offset, or -1. */
function wordBefore(words: readonly Word[], offset: number): number {
  let lo = 0;
  let hi = words.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid].end <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** The up to n words right before offset in the same clause, nearest last. */
function wordsBefore(view: SentenceView, offset: number, n: number): Word[] {
  const out: Word[] = [];
  const clause = clauseOf(view, offset);
  for (let k = wordBefore(view.words, offset); k >= 0 && out.length < n; k--) {
    if (clauseOf(view, view.words[k].start) !== clause) break;
    out.unshift(view.words[k]);
  }
  return out;
}

function inRegion(regions: readonly { start: number; end: number }[], offset: number): { start: number; end: number } | undefined {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = regions[mid];
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/** The title a parenthesised date right after it belongs to ("*The Thaw* (1954)"), if any. */
function titleBefore(doc: DocumentAnalysis, date: DateExpression): { start: number; end: number } | undefined {
  const text = doc.text;
  let i = date.start - 1;
  if (text.charCodeAt(i) !== 40 /* ( */) return undefined;
  if (text.charCodeAt(date.end) !== 41 /* ) */) return undefined;
  i--;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0)) i--;
  while (i >= 0 && '*_"\u201d\u2019\'}'.includes(text.charAt(i)) && !doc.analysis.isProse(i)) i--;
  while (i >= 0 && '"\u201d\u2019'.includes(text.charAt(i))) i--;
  for (const t of doc.analysis.titles) if (t.end >= i && t.end <= i + 1 && t.end > t.start) return t;
  return undefined;
}

/** Why a date is not a statement of when an event happened, or undefined when it is one. */
function notAStatement(doc: DocumentAnalysis, view: SentenceView, date: DateExpression): string | undefined {
  const text = doc.text;
  if (date.qualifiers.relation) return 'bound';
  if (inRegion(doc.analysis.titles, date.start)) return 'title';
  for (const c of doc.analysis.citations) if (date.start < c.groupEnd && c.groupStart < date.end) return 'citation';
  const before = wordsBefore(view, date.start, 4);
  const last = before[before.length - 1];
  for (const w of before.slice(-3)) if (NEGATIONS.has(w.text)) return 'negated';
  const tail = before.map((w) => w.text);
  for (const c of CONTRASTS) {
    const at = tail.length - c.length;
    for (let k = Math.max(0, at - 1); k <= at; k++) if (k >= 0 && c.every((x, j) => tail[k + j] === x)) return 'contrasted';
  }
  for (const w of before) if (RETRIEVAL.has(w.text)) return 'retrieval';
  if (date.kind === 'year' && last && last.capital && !NOT_AUTHORS.has(last.text)) {
    const gap = text.slice(last.end, date.start);
    const isEntity = doc.names.some((h) => h.end === last.end || (h.start <= last.start && h.end >= last.end));
    if (!isEntity && /^(\s*|\s*\(\s*|'s\s+|\s*,\s*)$/.test(gap) && !/^\s*,/.test(gap)) return 'author-year';
    if (/^\s*\($/.test(gap.replace(/\s+$/, '')) && !isEntity) return 'author-year';
  }
  if (last && (last.text === 'al' || last.text === 'ed' || last.text === 'eds') && /^\.?\s*,?\s*\(?$/.test(text.slice(last.end, date.start))) return 'author-year';
  // A year in parentheses right after a person's name: life dates or a work of theirs.
  if (text.charCodeAt(date.start - 1) === 40) {
    const p = doc.names.find((h) => /^\s*$/.test(text.slice(h.end, date.start - 1)) && h.end <= date.start - 1 && date.start - 1 - h.end < 3);
    if (p && p.entryIds.every((id) => doc.index.get(id)?.kind === 'person')) return 'life-dates';
  }
  return undefined;
}

/** True when an event mention is a reference point for another time ("ten years after X", "on the eve of X"). */
function isAnchor(view: SentenceView, m: EventMention): boolean {
  const before = wordsBefore(view, m.start, 3);
  for (const w of before) if (ANCHORS.has(w.text)) return true;
  return false;
}

/** The mention a date is attached to by a few linking words ("X in 1961", "X (1961)", "the 1961 X", "1961: X"). */
function attachedMention(doc: DocumentAnalysis, view: SentenceView, date: DateExpression, mentions: readonly EventMention[]): EventMention | undefined {
  const text = doc.text;
  let best: EventMention | undefined;
  let bestGap = Infinity;
  for (const m of mentions) {
    if (m.end <= date.start) {
      const gap = text.slice(m.end, date.start);
      if (gap.length > 40 || /[;.!?\n]\s*\S/.test(gap) && /[;!?]/.test(gap)) continue;
      const words = wordsOf(gap, 0, gap.length);
      if (words.length > 3 || !words.every((w) => ATTACH_AFTER.has(w.text) || w.text === 's')) continue;
      if (!/^[\s,(–—:'’s*_\p{L}]*$/u.test(gap)) continue;
      if (clauseOf(view, m.end) !== clauseOf(view, date.start) && !/^\s*[—–:(]/.test(gap)) continue;
      const size = words.length;
      if (size < bestGap) {
        best = m;
        bestGap = size;
      }
    } else if (m.start >= date.end) {
      const gap = text.slice(date.end, m.start);
      const plain = /^[\s*_]*$/.test(gap);
      const timeline = /^[\s*_]*[:–—-][\s*_]*$/.test(gap) && /^[\s>*_#+-]*$/.test(lineHead(text, date.start));
      if ((plain || timeline) && bestGap > 0) {
        best = m;
        bestGap = 0.5;
      }
    }
  }
  return best;
}

/** The text of a date's line before it. */
function lineHead(text: string, offset: number): string {
  let i = offset;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return text.slice(i, offset);
}

/** Distance in characters between two spans (0 when they touch or overlap). */
function gapBetween(a: { start: number; end: number }, b: { start: number; end: number }): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

/** Pairs each statement date of the document with the event it is written for. */
export function pairDatesWithEvents(doc: DocumentAnalysis, token?: CancellationLike): DatedMention[] {
  const out: DatedMention[] = [];
  const { analysis } = doc;
  const mentionsBySentence = new Map<number, EventMention[]>();
  for (const m of doc.mentions) {
    if (m.sentence < 0) continue;
    const list = mentionsBySentence.get(m.sentence);
    if (list) list.push(m);
    else mentionsBySentence.set(m.sentence, [m]);
  }
  const statementDates = new Map<number, DateExpression[]>();
  const views = new Map<number, SentenceView>();
  const viewOf = (s: number): SentenceView => {
    let v = views.get(s);
    if (!v) views.set(s, (v = sentenceView(doc, s)));
    return v;
  };
  const datesOf = (s: number): DateExpression[] => {
    let list = statementDates.get(s);
    if (!list) {
      const view = viewOf(s);
      list = [];
      for (const i of doc.datesBySentence.get(s) ?? []) {
        const d = doc.dates[i];
        if (!notAStatement(doc, view, d)) list.push(d);
      }
      statementDates.set(s, list);
    }
    return list;
  };

  let n = 0;
  for (const [s, mentions] of [...mentionsBySentence].sort((a, b) => a[0] - b[0])) {
    if (++n % 64 === 0 && token?.isCancellationRequested) return out;
    const view = viewOf(s);
    if (view.counterfactual) continue;
    const all = doc.datesBySentence.get(s) ?? [];
    const dates = datesOf(s);
    const owners = mentions.filter((m) => !isAnchor(view, m));
    if (dates.length > 0) {
      for (const date of dates) {
        // A parenthesised year right after a title: the date of the work the title names, or of nothing.
        const title = titleBefore(doc, date);
        if (title) {
          const work = mentions.find((m) => m.start >= title.start && m.end <= title.end);
          if (work) out.push({ date, mention: work, how: 'title' });
          continue;
        }
        const attached = attachedMention(doc, view, date, mentions);
        if (attached) {
          out.push({ date, mention: attached, how: 'attached' });
          continue;
        }
        const clause = clauseOf(view, date.start);
        let best: EventMention | undefined;
        let bestScore = Infinity;
        const dateClauseNamesEvent = mentions.some((m) => clauseOf(view, m.start) === clause);
        for (const m of owners) {
          const c = clauseOf(view, m.start);
          let tier: number;
          if (c === clause) tier = 0;
          else if (c === clause + 1 && !dateClauseNamesEvent) tier = 1;
          else continue;
          const score = tier * 100000 + gapBetween(m, date) + (m.start > date.end ? 0.5 : 0);
          if (score < bestScore) {
            bestScore = score;
            best = m;
          }
        }
        if (best) out.push({ date, mention: best, how: bestScore >= 100000 ? 'next-clause' : 'clause' });
      }
      continue;
    }
    if (all.length > 0) continue; // dates of other kinds (titles, citations, bounds): nothing to inherit over
    // Inherit the date of the previous sentence when that sentence names no event and this one names one only.
    const previous = s - 1;
    if (previous < 0 || analysis.sentences[previous].paragraph !== analysis.sentences[s].paragraph) continue;
    if (mentionsBySentence.has(previous)) continue;
    const events = new Set(mentions.map((m) => m.event.id));
    if (events.size !== 1 || owners.length === 0) continue;
    if (view.words.some((w) => RELATIVE_TIME.has(w.text))) continue;
    if (viewOf(previous).counterfactual) continue;
    const inherited = datesOf(previous);
    if (inherited.length !== 1) continue;
    out.push({ date: inherited[0], mention: owners[0], how: 'inherited' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The check

interface Verdict {
  contradicts: boolean;
  /** The index of the dispute the written date agrees with. */
  dispute?: number;
}

function judge(written: DateInterval, event: IndexedEvent): Verdict {
  if (compareDates(written, event.interval, { checkPrecision: event.effectivePrecision }) !== 'contradicts') return { contradicts: false };
  for (const a of event.acceptIntervals) if (compareDates(written, a, { checkPrecision: event.effectivePrecision }) !== 'contradicts') return { contradicts: false };
  const k = event.disputeIntervals.findIndex((d) => compareDates(written, d) === 'agrees');
  return k >= 0 ? { contradicts: true, dispute: k } : { contradicts: true };
}

/** The fix that writes the dataset's date in the writer's style: only the year digits when only the year is wrong. */
function replacement(doc: DocumentAnalysis, date: DateExpression, event: IndexedEvent): { start: number; end: number; text: string } | undefined {
  const first = fromDayNumber(event.interval.start).year;
  const lastYear = fromDayNumber(event.interval.end).year;
  const span = date.yearSpan;
  if (span && first === lastYear) {
    const digits = doc.text.slice(span.start, span.end);
    const year = digits.length === 2 ? String(first % 100).padStart(2, '0') : String(first);
    if (/^\d+$/.test(digits) && year.length === digits.length && year !== digits) {
      const rewritten = doc.text.slice(date.start, span.start) + year + doc.text.slice(span.end, date.end);
      const again = findDateExpressions(rewritten, 0, rewritten.length, { century: Math.floor(first / 100) * 100 })[0];
      if (again && again.start === 0 && !judge(again.interval, event).contradicts) return { start: span.start, end: span.end, text: year };
    }
  }
  const text = rewriteLike(date, event.interval);
  if (!text || text === date.text) return undefined;
  return { start: date.start, end: date.end, text };
}

/** Diagnostics for dates that contradict the dataset's date of the event they are written for. */
export function checkMisdatedEvents(doc: DocumentAnalysis, options: MisdatedOptions, token?: CancellationLike): AnnalistDiagnostic[] {
  const out: AnnalistDiagnostic[] = [];
  if (options.severity === 'off' && options.disputed === 'off') return out;
  const seen = new Set<string>();
  for (const pair of pairDatesWithEvents(doc, token)) {
    const { date, mention } = pair;
    const event = mention.event;
    if (!event.checked) continue;
    const key = `${date.start}:${event.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const verdict = judge(date.interval, event);
    if (!verdict.contradicts) continue;
    const disputed = verdict.dispute !== undefined;
    const severity = disputed ? options.disputed : options.severity;
    if (severity === 'off') continue;
    if (doc.analysis.isSuppressed(date.start, MISDATED_EVENT)) continue;
    if (pair.how === 'inherited' && doc.analysis.isSuppressed(mention.start, MISDATED_EVENT)) continue;
    out.push(diagnostic(doc, pair, event, severity, verdict, options));
  }
  return out;
}

function diagnostic(doc: DocumentAnalysis, pair: DatedMention, event: IndexedEvent, severity: Severity, verdict: Verdict, options: MisdatedOptions): AnnalistDiagnostic {
  const { date } = pair;
  const index = doc.index;
  const expected = formatInterval(event.interval);
  const cited = citeSources(index, event.sources);
  let message = `${event.label}: the text says ${date.text.trim()}, but the dataset dates it ${expected}${cited ? ` (${cited})` : ''}.`;
  const disputes = event.disputes ?? [];
  if (disputes.length > 0) {
    const parts = disputes.map((d, k) => {
      const interval = event.disputeIntervals[k];
      const when = interval ? formatInterval(interval) : d.date;
      const who = citeSources(index, d.sources);
      return `${when}${who ? ` (${who})` : ''}`;
    });
    message += ` Sources differ: ${parts.join('; ')}.`;
    if (verdict.dispute !== undefined) message += ' The written date agrees with the disputing sources.';
  }
  if (pair.how === 'inherited') message += ' (The date is taken from the previous sentence.)';
  const related = [];
  const where = index.location(event.id);
  if (where) related.push({ uri: where.uri, range: where.range, message: `${event.label} in the dataset` });
  const fixes: Fix[] = [];
  const lines = doc.analysis.lines;
  const repl = replacement(doc, date, event);
  if (repl) {
    fixes.push({
      title: `Change to '${repl.start === date.start && repl.end === date.end ? repl.text : doc.text.slice(date.start, repl.start) + repl.text + doc.text.slice(repl.end, date.end)}'${cited ? ` (${cited})` : ''}`,
      edits: [{ range: lines.rangeOf(repl.start, repl.end), newText: repl.text }],
      preferred: verdict.dispute === undefined,
    });
  }
  fixes.push(...suppressionFixes(doc.analysis, MISDATED_EVENT, date.start, 'this date check'));
  const data: Record<string, unknown> = {
    event: event.id,
    label: event.label,
    written: date.text,
    writtenInterval: { start: date.interval.start, end: date.interval.end, precision: date.interval.precision },
    expected: event.date,
    disputed: verdict.dispute !== undefined,
    sources: [...(event.sources ?? [])],
    pairing: pair.how,
  };
  if (verdict.dispute !== undefined) {
    const d = disputes[verdict.dispute];
    if (d) {
      data.dispute = d.date;
      data.disputeSources = [...d.sources];
    }
  }
  void options;
  return {
    range: lines.rangeOf(date.start, date.end),
    severity,
    code: MISDATED_EVENT,
    message,
    source: 'Annalist',
    data,
    related,
    fixes,
  };
}
