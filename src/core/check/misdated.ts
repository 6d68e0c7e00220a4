/**
 * `misdated-event`: a date in prose that contradicts the dataset's date of the event the sentence states it for.
 *
 * Precision first. A date is compared only when it is a statement of when something happened (not a bound such
 * as "after 1848", not negated, not in a counterfactual, not a title, citation, locator or retrieval date), and
 * only with the event it belongs to: the event it is attached to ("X in 1848", "the 1848 X", "X (1848)"), else
 * the nearest event mention in its clause, else one in the clause right after it; a sentence without a date of
 * its own inherits the date of the previous sentence of its paragraph when that sentence names no event.
 * An event named as a reference point ("ten years after X") owns no date but its attached one.
 */
import type { IndexedEvent } from '../dataset/index';
import { calendarNote, calendarReadings, datasetDateText, intervalInCalendarText, judgeReadings, styleForFix } from '../dataset/calendar-dates';
import { compareDates } from '../dates/compare';
import { findDateExpressions, type DateExpression } from '../dates/expressions';
import { rewriteLike } from '../dates/format';
import type { DateInterval } from '../dates/interval';
import { fromDayNumber, PRECISION_ORDER } from '../dates/interval';
import { clauseIndex, lowerBound, wordsOf, type Word } from '../mentions/words';
import { sentenceWords } from '../mentions/index';
import type { CitationRef } from '../cite/syntax';
import type { NameHit } from '../dataset/index';
import type { EventMention } from '../mentions/index';
import type { AnnalistDiagnostic, CancellationLike, Fix, Severity } from '../types';
import { regionIndexAt, type Region } from '../text/analysis';
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
/** Words that make the event named after them a reference point for another time ("ten years after X"). */
const ANCHORS = new Set([
  'after', 'before', 'since', 'following', 'until', 'till', 'preceding', 'anniversary', 'eve', 'wake', 'aftermath', 'ahead', 'prior', 'than',
  'within', 'followed', 'preceded', 'provoked', 'triggered', 'sparked', 'prompted', 'anniversaries', 'jubilee', 'centenary', 'centennial',
]);
/**
 * Words that make a date next to the event named after them the date of something else: steps towards it
 * ("planning for X began in …") or hearing of it ("heard of X in …"). Such an event owns only "X of DATE".
 */
const DISPLACERS = new Set(['planning', 'plans', 'preparations', 'preparation', 'prelude', 'heard', 'hearing', 'learned', 'learnt', 'learning']);
/** Actions of a person's life and career: a date right after one belongs to that action ("born in the capital in 1848"). */
const LIFE_ACTIONS = new Set([
  'born', 'died', 'arrested', 'released', 'freed', 'awarded', 'published', 'elected', 'appointed', 'married', 'executed', 'exiled',
  'expelled', 'imprisoned', 'sentenced', 'buried', 'rehabilitated', 'promoted', 'retired', 'graduated', 'joined', 'deported',
  'turned', 'aged', 'wounded', 'captured', 'dismissed', 'demoted', 'emigrated', 'returned',
]);
/** Verbs of writing and reporting: the date next to one is when something was said or written ("As X showed in 1982"). */
const REPORTING = new Set([
  'showed', 'shown', 'argued', 'wrote', 'writing', 'written', 'recalled', 'recalling', 'noted', 'noting', 'claimed', 'claiming', 'observed',
  'remarked', 'suggested', 'concluded', 'contended', 'insisted', 'maintained', 'estimated', 'reckoned', 'according', 'reported', 'asserted',
  'stated', 'explained', 'commented', 'demonstrated', 'conceded', 'acknowledged', 'admitted', 'recounted', 'reminisced', 'told',
]);
/** Nouns of time after which "of DATE" is part of a time phrase ("the night of 5 March"), not of a noun's name. */
const TIME_NOUNS = new Set([
  'night', 'evening', 'morning', 'afternoon', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'spring', 'summer', 'autumn', 'winter',
  'fall', 'end', 'beginning', 'start', 'middle', 'course', 'turn', 'close', 'eve', 'dawn', 'hours', 'early', 'late', 'mid', 'first', 'last',
]);
/** Words after an event that date it from another time ("died three years later"). */
const RELATIVELY_TIMED = new Set(['later', 'earlier', 'afterwards', 'afterward', 'thereafter', 'beforehand']);
/** Words that open a relative clause set off by commas ("X, who died in 1871, …"). */
const RELATIVE_WORDS = new Set(['who', 'whose', 'whom', 'which', 'where']);

/** Words that deny that an event named right after them is the one meant ("not the Twentieth but the …"). */
const DENIALS = new Set(['not', 'never', 'nor', 'neither']);
/** Words that may stand between an event's name and its date ("X in 1848", "X, which opened on 18 May 1848"). */
const ATTACH_AFTER = new Set([
  'in', 'on', 'of', 'at', 'the', 'during', 'dated', 'was', 'were', 'is', 'took', 'place', 'occurred', 'happened', 'came', 'from',
  'which', 'that', 'had', 'been', 'has', 'have', 's', 'finally', 'only', 'first', 'then', 'itself',
]);
const PREPOSITIONS_OF_TIME = new Set(['in', 'on', 'at', 'during', 'of', 'from']);
const RELATIVE_TIME = new Set(['then', 'later', 'afterwards', 'afterward', 'subsequently', 'next', 'following', 'soon', 'eventually', 'thereafter', 'previously', 'earlier', 'before', 'after', 'meanwhile', 'had']);
/** Words that may share a clause with a date that opens a sentence ("In October 1848, …", "By then, in 1848: …"). */
const INTRODUCTORY = new Set(['in', 'on', 'the', 'of', 'at', 'during', 'early', 'late', 'by', 'then', 'and', 'so', 'it', 'was', 'that', 'year', 'same', 'night', 'evening', 'morning', 'day']);
/** Determiners before "DATE noun" ("a 2011 article", "the 1848 elections"): the date describes the noun. */
const DETERMINERS = new Set(['a', 'an', 'the', 'his', 'her', 'its', 'their', 'this', 'that', 'our', 'my', 'your', 's']);
/** Words that may precede a year without making it an author–year citation. */
const NOT_AUTHORS = new Set([
  'in', 'on', 'by', 'since', 'until', 'from', 'the', 'of', 'during', 'after', 'before', 'early', 'late', 'mid', 'autumn', 'spring',
  'summer', 'winter', 'fall', 'circa', 'around', 'about', 'to', 'and', 'between', 'through', 'c', 'ca', 'year', 'years',
  'till', 'into', 'as', 'at', 'for', 'with', 'within', 'throughout', 'then', 'but', 'or', 'not', 'when', 'that', 'this',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'christmas', 'easter', 'new', 'a', 'an',
  'ad', 'ce', 'bc', 'bce', 'anno', 'domini', 'o', 's', 'n', 'os', 'ns', 'also', 'only', 'again', 'still', 'even', 'just', 'day',
]);
const EXPLICIT_APPROXIMATION = /^\s*(?:c\.|ca\.|circa|around|about|approximately|roughly|some\s*time\s+in|sometime\s+in)\b/i;

// ---------------------------------------------------------------------------------------------------------------

/** What the pairing needs about one sentence. */
interface SentenceView {
  index: number;
  start: number;
  end: number;
  words: Word[];
  /** Offsets where a new clause begins, and those where a new statement begins (timeline lines). */
  breaks: number[];
  hard: number[];
  counterfactual: boolean;
}

function sentenceView(doc: DocumentAnalysis, s: number, lineDates: readonly number[]): SentenceView {
  const { analysis, text } = doc;
  const sentence = analysis.sentences[s];
  const { words, clauses } = sentenceWords(analysis, s);
  const hard: number[] = [];
  for (let k = lowerBound(lineDates, (x) => x, sentence.start + 1); k < lineDates.length && lineDates[k] < sentence.end; k++) hard.push(lineDates[k]);
  const breaks = hard.length > 0 ? [...new Set([...clauses, ...hard])].sort((a, b) => a - b) : clauses;
  return { index: s, start: sentence.start, end: sentence.end, words, breaks, hard, counterfactual: isCounterfactual(words, text) };
}

function clauseOf(view: SentenceView, offset: number): number {
  return clauseIndex(view.breaks, offset);
}

function statementOf(view: SentenceView, offset: number): number {
  return clauseIndex(view.hard, offset);
}

/** "would have", "might never have", "Had he …", "if … had", "if … were", "suppose": not a statement of fact. */
function isCounterfactual(words: readonly Word[], text: string): boolean {
  let sawIf = false;
  for (let k = 0; k < words.length; k++) {
    const w = words[k].text;
    const next = words[k + 1]?.text;
    const modal = w === 'would' || w === 'might' || w === 'could' || w === 'should';
    if (modal && (next === 'have' || next === 've' || ((next === 'not' || next === 'never') && words[k + 2]?.text === 'have'))) return true;
    if (w === 'suppose' || w === 'supposing' || w === 'imagine' || w === 'hypothetically') return true;
    if (w === 'if' || w === 'unless') sawIf = true;
    if (sawIf && (w === 'had' || w === 'were')) return true;
    if (w === 'had' && words[k].capital && k === 0) return true; // "Had the king died in 1840, …"
    if (w === 'had' && next && /^(he|she|they|it|we|i|you)$/.test(next) && k > 0 && /[,;:(—]/.test(text.slice(words[k - 1].end, words[k].start))) return true;
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

function inRegion(regions: readonly Region[], offset: number): Region | undefined {
  const i = regionIndexAt(regions, offset);
  return i < 0 ? undefined : regions[i];
}

/** The title a parenthesised date right after it belongs to ("*Waverley* (1814)"), if any. */
function titleBefore(doc: DocumentAnalysis, date: DateExpression): { start: number; end: number } | undefined {
  const text = doc.text;
  let i = date.start - 1;
  while (i >= 0 && text.charCodeAt(i) === 32) i--;
  if (text.charCodeAt(i) !== 40 /* ( */) return undefined;
  let j = date.end;
  while (j < text.length && text.charCodeAt(j) === 32) j++;
  if (text.charCodeAt(j) !== 41 /* ) */) return undefined;
  i--;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0)) i--;
  // Closing markup and quotes of the title: `*`, `_`, `}`, `"`, `”`, `’`.
  let k = i;
  while (k >= 0 && i - k < 4 && '*_}"\u201d\u2019\''.includes(text.charAt(k))) k--;
  const titles = doc.analysis.titles;
  for (let n = lowerBound(titles, (t) => t.end, k + 1); n < titles.length && titles[n].end <= i + 1; n++) if (titles[n].end > titles[n].start) return titles[n];
  return undefined;
}

/** The event a title names, with up to four words before it ("Scott's *Waverley*"), if it is one. */
function eventOfTitle(doc: DocumentAnalysis, view: SentenceView, title: { start: number; end: number }, mentions: readonly EventMention[]): EventMention | undefined {
  const inside = mentions.find((m) => m.start >= title.start && m.end <= title.end);
  if (inside) return inside;
  const lead = wordsBefore(view, title.start, 4).map((w) => doc.text.slice(w.start, w.end));
  const titleText = doc.text.slice(title.start, title.end);
  for (let n = lead.length; n >= 0; n--) {
    const probe = `${lead.slice(lead.length - n).join(' ').replace(/ s$/, "'s")}${n > 0 ? ' ' : ''}${titleText}`.replace(/ s /g, "'s ");
    for (const h of doc.index.findNames(probe)) {
      if (h.end !== probe.length) continue;
      const event = h.entryIds.map((id) => doc.index.get(id)).find((e) => e?.kind === 'event');
      if (event && event.kind === 'event') return { event, start: title.start, end: title.end, via: 'name', sentence: view.index };
    }
  }
  return undefined;
}

/** The parentheses around an offset within the sentence, if any. */
function parenthesesAround(doc: DocumentAnalysis, view: SentenceView, offset: number): { start: number; end: number } | undefined {
  const text = doc.text;
  let depth = 0;
  let open = -1;
  for (let i = offset - 1; i >= view.start; i--) {
    const c = text.charCodeAt(i);
    if (c === 41) depth++;
    else if (c === 40) {
      if (depth === 0) {
        open = i;
        break;
      }
      depth--;
    }
  }
  if (open < 0) return undefined;
  depth = 0;
  for (let i = offset; i < view.end; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41) {
      if (depth === 0) return { start: open, end: i + 1 };
      depth--;
    }
  }
  return undefined;
}

/** Sorted look-up tables shared by the sentences of a document. */
interface Lookup {
  /** Citation groups by end. */
  citations: readonly CitationRef[];
}

/** Why a date is not a statement of when an event happened, or undefined when it is one. */
function notAStatement(doc: DocumentAnalysis, view: SentenceView, date: DateExpression, lookup: Lookup, mentions: readonly EventMention[]): string | undefined {
  const text = doc.text;
  const title = inRegion(doc.analysis.titles, date.start);
  // A title that is only the date is emphasis ("In **1848** …"), not a work's title.
  if (title && /[\p{L}\p{N}]/u.test(text.slice(title.start, date.start) + text.slice(date.end, title.end))) return 'title';
  const cites = lookup.citations;
  for (let n = lowerBound(cites, (c) => c.groupEnd, date.start + 1); n < cites.length && cites[n].groupStart < date.end; n++) return 'citation';
  const before = wordsBefore(view, date.start, 4);
  const last = before[before.length - 1];
  for (const w of before.slice(-3)) if (NEGATIONS.has(w.text)) return 'negated';
  const tail = before.map((w) => w.text);
  for (const c of CONTRASTS) {
    const at = tail.length - c.length;
    for (let k = Math.max(0, at - 1); k <= at; k++) if (k >= 0 && c.every((x, j) => tail[k + j] === x)) return 'contrasted';
  }
  for (const w of before) if (RETRIEVAL.has(w.text)) return 'retrieval';
  // "As X showed in 1982", "Writing in 1968, X recalled …", "X wrote as early as 1956": when it was said.
  if (before.slice(-4).some((w, k, list) => REPORTING.has(w.text) && list.slice(k + 1).every((x) => x.text === 'in' || x.text === 'on' || x.text === 'as' || x.text === 'early' || x.text === 'by'))) return 'reported';
  if (date.kind === 'year' && last && last.capital && !NOT_AUTHORS.has(last.text)) {
    const gap = text.slice(last.end, date.start);
    const h = doc.names[lowerBound(doc.names, (x) => x.end, last.end)];
    const isEntity = h !== undefined && h.start <= last.start;
    if (!isEntity && /^\s*(?:\(\s*)?$/.test(gap)) return 'author-year';
  }
  if (last && (last.text === 'al' || last.text === 'ed' || last.text === 'eds') && /^\.?\s*(?:,\s*)?\(?$/.test(text.slice(last.end, date.start))) return 'author-year';
  // A year in parentheses right after a person's name: life dates or a work of theirs.
  if (text.charCodeAt(date.start - 1) === 40) {
    let p: NameHit | undefined;
    for (let n = lowerBound(doc.names, (x) => x.end, date.start - 3); n < doc.names.length && doc.names[n].end <= date.start - 1; n++) {
      if (/^\s*$/.test(text.slice(doc.names[n].end, date.start - 1))) p = doc.names[n];
    }
    if (p && p.entryIds.every((id) => doc.index.get(id)?.kind === 'person')) return 'life-dates';
  }
  // "a 2011 article", "the 1848 elections": the date describes a noun that names no event.
  const after = /^[ \u00a0]+(\p{Ll}[\p{L}-]*)/u.exec(text.slice(date.end, date.end + 40));
  if (after && last && DETERMINERS.has(last.text) && date.kind === 'year' && /^\s*$/.test(text.slice(last.end, date.start))) {
    const nounStart = date.end + after[0].length - after[1].length;
    if (!mentions.some((m) => m.start <= nounStart && m.end > nounStart)) return 'modifier';
  }
  return undefined;
}

/** A bound ("until 31 October 1848") that states the event's date: the cue took in the bound's word, or ", when X" follows. */
function boundIsStatement(doc: DocumentAnalysis, date: DateExpression, mentions: readonly EventMention[]): EventMention | 'when' | undefined {
  const text = doc.text;
  for (const m of mentions) {
    if (m.via !== 'cue' || !m.spans) continue;
    for (const sp of m.spans) if (sp.end <= date.start && /^[\s*_]*$/.test(text.slice(sp.end, date.start))) return m;
  }
  if (/^[\s*_]*,\s*when\b/i.test(text.slice(date.end, date.end + 12))) return 'when';
  return undefined;
}

/**
 * True when an event mention is a reference point for another time ("ten years after X", "on the eve of X"); a
 * paraphrase that begins inside such a name ("after the assembly had voted …") is one too.
 */
function isAnchor(view: SentenceView, m: EventMention, mentions: readonly EventMention[]): boolean {
  for (const w of wordsBefore(view, m.start, 3)) if (ANCHORS.has(w.text) || DISPLACERS.has(w.text)) return true;
  if (isDenied(view, m)) return true;
  if (m.via === 'cue') {
    for (const o of mentions) if (o !== m && o.via === 'name' && o.start <= m.start && m.start < o.end && isAnchor(view, o, [])) return true;
  }
  return false;
}

/** True when a word right before the event makes a date next to it another thing's ("planning for X"). */
function displaced(view: SentenceView, m: EventMention): boolean {
  return wordsBefore(view, m.start, 3).some((w) => DISPLACERS.has(w.text));
}

/** True when the event is named as the one it was not ("not the X but the Y", "rather than X"). */
function isDenied(view: SentenceView, m: EventMention): boolean {
  const before = wordsBefore(view, m.start, 3).map((w) => w.text);
  const n = before.length;
  if (n >= 1 && DENIALS.has(before[n - 1])) return true;
  if (n >= 2 && DENIALS.has(before[n - 2]) && (before[n - 1] === 'the' || before[n - 1] === 'a' || before[n - 1] === 'an')) return true;
  for (const c of CONTRASTS) {
    const at = n - c.length;
    for (let k = Math.max(0, at - 1); k <= at; k++) if (k >= 0 && c.every((x, j) => before[k + j] === x)) return true;
  }
  return false;
}

/** Words that may stand between a verb and its object ("released the text of the treaty"). */
const OBJECT_LEAD = new Set(['the', 'a', 'an', 'of', 'its', 'his', 'her', 'their', 'text', 'full', 'whole', 'copy', 'copies', 'news', 'report', 'story', 'account', 'details']);

/** Words that may link a paraphrase of a part to its whole ("speech to the congress", "session of the congress"). */
const PART_LINKS = new Set([...OBJECT_LEAD, 'to', 'at', 'before', 'during', 'in']);

/** True when `m` is named right after the words of cue `c`, as what the cue's action was done to ("released the text of X"). */
function objectOf(text: string, c: EventMention, m: EventMention, lead: ReadonlySet<string> = OBJECT_LEAD): boolean {
  if (m.start < c.end || m.start - c.end > 40) return false;
  const gap = text.slice(c.end, m.start);
  if (!/^[\s\p{L}'’‘“”"*_]*$/u.test(gap)) return false;
  const words = wordsOf(gap, 0, gap.length);
  return words.length <= 5 && words.every((w) => lead.has(w.text));
}

/** Clause begins a date may be attached across: a relative clause ("X, which opened on …") or a dash or colon. */
function attachableAcross(text: string, at: number): boolean {
  if (/^(?:which|who|that)\b/i.test(text.slice(at, at + 6))) return true;
  const c = text.charCodeAt(at - 1);
  return c === 0x2014 || c === 0x2013 || c === 45 || c === 58;
}

/** How a mention may take a date by attachment: freely, only by "X of DATE" / "X (DATE)" / "X in DATE", or only by "of" and parentheses. */
type Attachability = 'free' | 'tight' | 'of';

/** Words a relative clause about an event may use before its date ("X, which troops put down in 1953"). */
const RELATIVE_LEADS = new Set(['which', 'that']);

/**
 * The mention a date is attached to by a few linking words: "X in 1848", "X (1848)", "X, which opened on
 * 18 May 1848", "X was signed in 1848", "X, which troops put down in 1848", "X — launched 4 May 1848 —",
 * "the 1848 X", "1848: X" at the head of a line. A mention named as a reference point or as what another event's
 * action was done to attaches only tightly (`how`).
 */
function attachedMention(doc: DocumentAnalysis, view: SentenceView, date: DateExpression, mentions: readonly EventMention[], how: (m: EventMention) => Attachability | 'never' = () => 'free'): EventMention | undefined {
  const text = doc.text;
  let best: EventMention | undefined;
  let bestCost = Infinity;
  for (const m of mentions) {
    if (statementOf(view, m.start) !== statementOf(view, date.start)) continue;
    const mode = how(m);
    if (mode === 'never') continue;
    if (m.end <= date.start) {
      const gap = text.slice(m.end, date.start);
      if (gap.length > 60 || !/^[\s,(–—:'’*_\p{L}]*$/u.test(gap)) continue;
      const words = wordsOf(gap, 0, gap.length);
      if (mode !== 'free') {
        const tight = mode === 'of' ? /^[\s*_]*(?:of[\s*_]+|\([\s*_]*)$/i : /^[\s*_]*(?:(?:of|in|on)[\s*_]+|\([\s*_]*)$/i;
        if (!tight.test(gap)) continue;
      }
      if (view.breaks.some((b) => b > m.end && b <= date.start && !attachableAcross(text, b))) continue;
      let unknown = 0;
      for (const w of words) if (!ATTACH_AFTER.has(w.text)) unknown++;
      const lastWord = words[words.length - 1];
      const endsInTimePreposition = lastWord !== undefined && PREPOSITIONS_OF_TIME.has(lastWord.text);
      // A relative clause right after the name, about it, up to its date ("X, which troops put down in 1953").
      const relative = words.length > 0 && /^[\s*_]*,[\s*_]*$/.test(gap.slice(0, words[0].start)) && RELATIVE_LEADS.has(words[0].text) &&
        words.length <= 7 && unknown <= 3 && endsInTimePreposition && !/[,;:(—–]/.test(gap.slice(gap.indexOf(',') + 1)) && !namesSomeoneIn(doc, m.end, date.start);
      // A participle right before a date in an aside ("X — launched 4 October 1957 —", "X, founded 1848").
      const participle = unknown === 1 && words.length === 1 && /ed$/.test(lastWord!.text) && /[,(–—]/.test(gap.slice(0, lastWord!.start));
      if (!relative && !participle) {
        if (words.length > 5) continue;
        // One verb is allowed ("was delivered in", "which opened on"), when a preposition of time leads to the date.
        if (unknown > 1 || (unknown === 1 && !endsInTimePreposition)) continue;
        if (unknown === 1 && ATTACH_AFTER.has(words[0]?.text ?? '') === false && words.length > 2) continue;
      }
      const cost = words.length + unknown * 2;
      // Ties: the tighter mention (a name rather than a cue that ends on the same word).
      if (cost < bestCost || (cost === bestCost && best && m.end - m.start < best.end - best.start)) {
        best = m;
        bestCost = cost;
      }
    } else if (m.start >= date.end) {
      if (mode !== 'free') continue;
      const gap = text.slice(date.end, m.start);
      const plain = /^[ \u00a0*_]*$/.test(gap);
      const timeline = /^[\s*_]*[:–—-][\s*_]*$/.test(gap) && /^[\s>*_#+-]*(?:\d+[.)]\s*)?$/.test(lineHead(text, date.start));
      if ((plain || timeline) && bestCost > 0.5) {
        best = m;
        bestCost = 0.5;
      }
    }
  }
  return best;
}

/** True when a person's name occurs in `[from, to)`. */
function namesSomeoneIn(doc: DocumentAnalysis, from: number, to: number): boolean {
  for (let n = lowerBound(doc.names, (x) => x.end, from + 1); n < doc.names.length && doc.names[n].start < to; n++) {
    if (doc.names[n].entryIds.some((id) => doc.index.get(id)?.kind === 'person')) return true;
  }
  return false;
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

/** True when the words of the date's clause, other than the date, are introductory only ("In October 1848, …"). */
function introductory(view: SentenceView, date: DateExpression): boolean {
  const clause = clauseOf(view, date.start);
  for (const w of view.words) {
    if (w.start >= date.start && w.end <= date.end) continue;
    if (clauseOf(view, w.start) !== clause) continue;
    if (!INTRODUCTORY.has(w.text)) return false;
  }
  return true;
}

/**
 * Offsets of line starts that begin with a date, on lines next to another such line: the entries of a timeline.
 * (A single wrapped line that happens to begin with a date is not one.)
 */
function timelineLineStarts(doc: DocumentAnalysis): number[] {
  const byLine = new Map<number, number>();
  const text = doc.text;
  for (const d of doc.dates) {
    let i = d.start;
    while (i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
    // A list item's marker ("* 1953 …", "- 1953 …", "3. 1953 …") before the date, with its indentation.
    const marker = /(?:^|[\r\n])[ \t]*(?:[*+-]|\d{1,3}[.)])$/.exec(text.slice(Math.max(0, i - 8), i));
    if (marker && i < d.start) {
      i -= marker[0].length - (/^[\r\n]/.test(marker[0]) ? 1 : 0);
    }
    if (i === 0 || text.charCodeAt(i - 1) === 10 || text.charCodeAt(i - 1) === 13) byLine.set(doc.analysis.lines.positionAt(i).line, i);
  }
  const out: number[] = [];
  for (const [line, offset] of byLine) if (byLine.has(line - 1) || byLine.has(line + 1)) out.push(offset);
  return out.sort((a, b) => a - b);
}

/** True when the date follows "of" after a noun that is not a time word ("the armistice of July 1953"). */
function ofNoun(view: SentenceView, date: DateExpression): boolean {
  const before = wordsBefore(view, date.start, 2);
  if (before.length < 2 || before[1].text !== 'of') return false;
  return !TIME_NOUNS.has(before[0].text) && !DETERMINERS.has(before[0].text);
}

/** The life or career action a date belongs to ("born in the capital in 1848"), searched back to the phrase's start. */
function actionBefore(text: string, view: SentenceView, date: DateExpression): Word | undefined {
  const before = wordsBefore(view, date.start, 6);
  for (let k = before.length - 1; k >= 0; k--) {
    const w = before[k];
    if (LIFE_ACTIONS.has(w.text)) return w;
    // Stop at a comma: the action must lead the date's own phrase.
    const next = before[k + 1];
    if (next && /,/.test(text.slice(w.end, next.start))) return undefined;
  }
  return undefined;
}

/** The comma-bounded stretch of the clause holding an offset. */
function commaPhrase(doc: DocumentAnalysis, view: SentenceView, offset: number): { start: number; end: number } {
  const text = doc.text;
  const clause = clauseOf(view, offset);
  const clauseStart = clause === 0 ? view.start : view.breaks[clause - 1];
  const clauseEnd = clause < view.breaks.length ? view.breaks[clause] : view.end;
  const before = text.lastIndexOf(',', offset - 1);
  let after = text.indexOf(',', offset);
  if (after < 0) after = clauseEnd;
  return { start: Math.max(clauseStart, before + 1), end: Math.min(clauseEnd, after) };
}

/** True when the event is named in a comma-bounded aside that opens with a reference point ("a year after X …") and the date lies outside it. */
function inAnchoredAside(doc: DocumentAnalysis, view: SentenceView, m: EventMention, date: DateExpression): boolean {
  const phrase = commaPhrase(doc, view, m.start);
  if (date.start >= phrase.start && date.start < phrase.end) return false;
  let n = 0;
  for (let k = lowerBound(view.words, (w) => w.start, phrase.start); k < view.words.length && view.words[k].start < m.start && n < 3; k++, n++) {
    if (ANCHORS.has(view.words[k].text)) return true;
  }
  return false;
}

/** True when words right after the event date it from another time ("died three years later"). */
function relativelyTimed(view: SentenceView, m: EventMention): boolean {
  const clause = clauseOf(view, Math.max(m.start, m.end - 1));
  let k = lowerBound(view.words, (w) => w.start, m.end);
  for (let n = 0; n < 4 && k < view.words.length; n++, k++) {
    const w = view.words[k];
    if (clauseOf(view, w.start) !== clause) return false;
    if (RELATIVELY_TIMED.has(w.text)) return true;
  }
  return false;
}

/** The relative clause set off by a comma that holds an offset ("X, who died in 1871, …"): from its relative word to the next comma. */
function relativeAside(doc: DocumentAnalysis, view: SentenceView, offset: number): { start: number; end: number } | undefined {
  const text = doc.text;
  for (let k = wordBefore(view.words, offset + 1); k > 0; k--) {
    const w = view.words[k];
    const gap = text.slice(view.words[k - 1].end, w.start);
    if (/[;:—–.!?]/.test(gap)) return undefined;
    if (RELATIVE_WORDS.has(w.text) && /,/.test(gap)) {
      let end = text.indexOf(',', w.end);
      if (end < 0 || end > view.end) end = view.end;
      return offset < end ? { start: w.start, end } : undefined;
    }
  }
  return undefined;
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
  const lineDates = timelineLineStarts(doc);
  const lookup: Lookup = { citations: [...doc.analysis.citations].sort((a, b) => a.groupEnd - b.groupEnd) };
  const views = new Map<number, SentenceView>();
  const viewOf = (s: number): SentenceView => {
    let v = views.get(s);
    if (!v) views.set(s, (v = sentenceView(doc, s, lineDates)));
    return v;
  };
  /** Dates of a sentence that state when something happened, with the mention a bound's cue ties them to. */
  const statementsOf = (s: number): { date: DateExpression; bound?: EventMention | 'when' }[] => {
    const view = viewOf(s);
    const mentions = mentionsBySentence.get(s) ?? [];
    const list: { date: DateExpression; bound?: EventMention | 'when' }[] = [];
    for (const i of doc.datesBySentence.get(s) ?? []) {
      const date = doc.dates[i];
      if (notAStatement(doc, view, date, lookup, mentions)) continue;
      if (date.qualifiers.relation) {
        const bound = boundIsStatement(doc, date, mentions);
        if (bound) list.push({ date, bound });
        continue;
      }
      list.push({ date });
    }
    return list;
  };

  let n = 0;
  const sentences = [...new Set([...mentionsBySentence.keys(), ...doc.datesBySentence.keys()])].sort((a, b) => a - b);
  for (const s of sentences) {
    if (++n % 64 === 0 && token?.isCancellationRequested) return out;
    const mentions = mentionsBySentence.get(s) ?? [];
    const view = viewOf(s);
    if (view.counterfactual) continue;
    const all = doc.datesBySentence.get(s) ?? [];
    const dates = statementsOf(s);
    if (dates.length > 0) {
      // A cue that takes in another event's name is about something done to it ("the treaty was published").
      const inside = (m: EventMention) => m.via === 'name' && mentions.some((c) => c.via === 'cue' && c.event.id !== m.event.id && c.start <= m.start && c.end >= m.end);
      // … or one named as what the cue's action was done to ("released the text of X").
      const object = (m: EventMention) => m.via === 'name' && mentions.some((c) => c.via === 'cue' && c.event.id !== m.event.id && objectOf(doc.text, c, m));
      const anchors = new Set(mentions.filter((m) => isAnchor(view, m, mentions)));
      const objects = new Set(mentions.filter((m) => object(m)));
      const owners = mentions.filter((m) => !anchors.has(m) && !objects.has(m) && !inside(m));
      const attachability = (m: EventMention): Attachability | 'never' => (isDenied(view, m) ? 'never' : objects.has(m) || displaced(view, m) ? 'of' : anchors.has(m) ? 'tight' : 'free');
      const pairs = new Map<DateExpression, DatedMention>();
      for (const { date, bound } of dates) {
        if (bound && bound !== 'when') {
          pairs.set(date, { date, mention: bound, how: 'attached' });
          continue;
        }
        // A parenthesised year right after a title: the date of the work the title names, or of nothing.
        const title = titleBefore(doc, date);
        if (title) {
          const work = eventOfTitle(doc, view, title, mentions);
          if (work) pairs.set(date, { date, mention: work, how: 'title' });
          continue;
        }
        if (bound === 'when') continue;
        let attached = attachedMention(doc, view, date, mentions, attachability);
        // A whole named inside or right after a paraphrase of its part that says more than one word besides the whole's name
        // ("X's denunciation of Y before the congress (1956)"): the date is the part's, the more specific event.
        const outside = (c: EventMention, w: EventMention) =>
          (c.spans ?? []).filter((sp) => sp.end <= w.start || sp.start >= w.end).reduce((n, sp) => n + wordsOf(doc.text, sp.start, sp.end).length, 0);
        // Only when the date is wrong for the whole too: a date right for the whole is never flagged for its part.
        const part = attached && mentions.find((c) => c.via === 'cue' && (c.event.partOf ?? []).includes(attached!.event.id) && outside(c, attached!) >= 2 &&
          ((c.start <= attached!.start && c.end >= attached!.end) || objectOf(doc.text, c, attached!, PART_LINKS)));
        if (part && attached && contradicts(date, attached.event)) attached = part;
        if (attached) pairs.set(date, { date, mention: attached, how: 'attached' });
      }
      const taken = new Set([...pairs.values()].map((p) => p.mention));
      for (const { date, bound } of dates) {
        if (pairs.has(date) || (bound && bound !== 'when') || titleBefore(doc, date)) continue;
        const clause = clauseOf(view, date.start);
        const statement = statementOf(view, date.start);
        const parens = parenthesesAround(doc, view, date.start);
        let best: EventMention | undefined;
        let bestScore = Infinity;
        const dateClauseNamesEvent = mentions.some((m) => clauseOf(view, m.start) === clause);
        const opening = bound === 'when' || (!dateClauseNamesEvent && introductory(view, date));
        // "the armistice of July 1953": a date after "of" dates the noun before it, which is not a mention here.
        if (ofNoun(view, date)) continue;
        const action = actionBefore(doc.text, view, date);
        const aside = relativeAside(doc, view, date.start);
        for (const m of owners) {
          if (taken.has(m) || statementOf(view, m.start) !== statement) continue;
          if (parens && !(m.start >= parens.start && m.end <= parens.end)) continue;
          // "born in the capital in 1848": the date is the action's, unless the event is named between them or is the action.
          if (action && !(m.start > action.start && m.end <= date.start) && !(m.start <= action.start && m.end >= action.end)) continue;
          // "…, a year after X had appeared, …": an event named in an aside about another time dates nothing outside it.
          if (inAnchoredAside(doc, view, m, date)) continue;
          // "X, who died in 1871, was buried …": a relative clause and its main clause date their own events.
          if (relativeAside(doc, view, m.start)?.start !== aside?.start) continue;
          if (relativelyTimed(view, m)) continue;
          const first = clauseOf(view, m.start);
          const last = clauseOf(view, Math.max(m.start, m.end - 1));
          let tier: number;
          if (bound !== 'when' && clause >= first && clause <= last) tier = 0;
          else if (first === clause + 1 && opening) tier = 1;
          else continue;
          const score = tier * 100000 + gapBetween(m, date) + (m.start > date.end ? 0.5 : 0);
          if (score < bestScore) {
            bestScore = score;
            best = m;
          }
        }
        if (best) pairs.set(date, { date, mention: best, how: bestScore >= 100000 ? 'next-clause' : 'clause' });
      }
      out.push(...[...pairs.values()].sort((a, b) => a.date.start - b.date.start));
      continue;
    }
    if (all.length > 0 || mentions.length === 0) continue; // dates of other kinds (titles, citations, bounds): nothing to inherit over
    // Inherit the date of the previous sentence when that sentence names no event and this one names one only.
    const previous = s - 1;
    if (previous < 0 || analysis.sentences[previous].paragraph !== analysis.sentences[s].paragraph) continue;
    if (mentionsBySentence.has(previous)) continue;
    const owners = mentions.filter((m) => !isAnchor(view, m, mentions));
    const events = new Set(mentions.map((m) => m.event.id));
    if (events.size !== 1 || owners.length === 0) continue;
    if (view.words.some((w) => RELATIVE_TIME.has(w.text))) continue;
    const before = viewOf(previous);
    if (before.counterfactual || before.hard.length > 0) continue;
    const inherited = statementsOf(previous).filter((d) => !d.bound);
    if (inherited.length !== 1) continue;
    out.push({ date: inherited[0].date, mention: owners[0], how: 'inherited' });
  }
  return out;
}

/** The interval a written date is judged by: a season or "early/mid/late" is not widened unless the writer hedged. */
function judgedInterval(date: DateExpression): DateInterval {
  if ((date.kind === 'season' || date.kind === 'part') && date.interval.approximate) {
    const head = date.text.slice(0, Math.max(0, date.dateSpan.start - date.start));
    if (!EXPLICIT_APPROXIMATION.test(head)) return { ...date.interval, approximate: false };
  }
  return date.interval;
}

// ---------------------------------------------------------------------------------------------------------------
// The check

interface Verdict {
  contradicts: boolean;
  /** The index of the dispute the written date agrees with. */
  dispute?: number;
}

/** True when a written date contradicts an event's date in every reading. */
function contradicts(date: DateExpression, event: IndexedEvent): boolean {
  return judgeReadings(calendarReadings(date, judgedInterval(date), event), (w) => judge(w, event)).contradicts;
}

function judge(written: DateInterval, event: IndexedEvent): Verdict {
  if (compareDates(written, event.interval, { checkPrecision: event.effectivePrecision }) !== 'contradicts') return { contradicts: false };
  // An accepted alternative excuses a date written at its coarseness or coarser: an accepted "the 1980s" does not
  // make every year of the decade right.
  const rank = (p: DateInterval['precision']) => PRECISION_ORDER.indexOf(p);
  for (const a of event.acceptIntervals) {
    if (rank(written.precision) < rank(a.precision)) continue;
    if (compareDates(written, a, { checkPrecision: event.effectivePrecision }) !== 'contradicts') return { contradicts: false };
  }
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
    // Old Style/New Style: a marked date in its style; an unmarked date of an Old Style event in either.
    const verdict = judgeReadings(calendarReadings(date, judgedInterval(date), event), (w) => judge(w, event));
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
  const expected = datasetDateText(event);
  const cited = citeSources(index, event.sources);
  let message = `${event.label}: the text says ${date.text.trim()}${calendarNote(date, event)}, but the dataset dates it ${expected}${cited ? ` (${cited})` : ''}.`;
  const disputes = event.disputes ?? [];
  if (disputes.length > 0) {
    const parts = disputes.map((d, k) => {
      const interval = event.disputeIntervals[k];
      const when = interval ? intervalInCalendarText(interval, d.calendar ?? event.calendar) : d.date;
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
  const repl = replacement(doc, styleForFix(date, event), event);
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
