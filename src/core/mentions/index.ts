/**
 * Mentions of dataset entries in prose: events by their name forms and by paraphrase (`cues`), and people, places
 * and events by name for hovers. Works on a document's text analysis; never reads files.
 */
import type { DateInterval } from '../dates/interval';
import type { DatasetIndex, IndexedEvent, NameHit } from '../dataset/index';
import { regionIndexAt, type TextAnalysis } from '../text/analysis';
import { cueMatcherOf, type CompiledCue } from './cues';
import { clauseBreaks, clauseIndex, lowerBound, proseWordsOf, wordsOf, type Word } from './words';

export { cueMatcherOf, CueMatcher, type CompiledCue, type CueMatch } from './cues';
export { clauseBreaks, clauseIndex, lowerBound, proseWordsOf, wordsOf, type ClauseBreaks, type Word } from './words';

/** A mention of a dataset event in prose. */
export interface EventMention {
  event: IndexedEvent;
  /** Offsets of the mention: the name, or the first to the last word a cue matched. */
  start: number;
  end: number;
  /** By one of the event's name forms, or by a paraphrase pattern. */
  via: 'name' | 'cue';
  /** Index of the sentence in `analysis.sentences` (-1 when outside every sentence). */
  sentence: number;
  /** For `via: 'cue'`: the spans of the matched words, one per group. */
  spans?: { start: number; end: number }[];
}

/** A person, place or event named in prose, for hovers and go-to-definition. */
export interface EntityMention {
  start: number;
  end: number;
  kind: 'person' | 'place' | 'event';
  /** Every entry the text could mean, in dataset order (two for a surname two people share). */
  candidates: string[];
  /** The entry meant, when there is one candidate or the paragraph makes it clear. */
  resolved?: string;
}

/** Options of {@link findEventMentions}. */
export interface MentionOptions {
  /** Look for paraphrases only in the sentences (by index) this accepts; names are found everywhere. */
  sentenceFilter?: (sentence: number) => boolean;
  /** Name hits of the prose, if already computed ({@link findNameHits}). */
  names?: readonly NameHit[];
  /**
   * Where every group of a cue must occur: in one sentence (the default), or in one clause of it (stricter, for
   * pairing dates: an action word in another clause is usually about something else).
   */
  cueScope?: 'sentence' | 'clause';
  /** Dates written in each paragraph (by index): an epithet names its person only when they fall in its time. */
  paragraphDates?: readonly (readonly DateInterval[])[];
}

/** The words and clause begins of one sentence. */
export interface SentenceWords {
  words: Word[];
  /** Offsets at which clauses begin (see {@link clauseBreaks}). */
  clauses: number[];
}

const sentenceCache = new WeakMap<TextAnalysis, Map<number, SentenceWords>>();

/** The words and clause begins of sentence s of an analysis, computed once and shared by every caller. */
export function sentenceWords(analysis: TextAnalysis, s: number): SentenceWords {
  let cache = sentenceCache.get(analysis);
  if (!cache) sentenceCache.set(analysis, (cache = new Map()));
  let out = cache.get(s);
  if (!out) {
    const sentence = analysis.sentences[s];
    const isProse = (i: number) => analysis.isProse(i);
    const words = sentence ? proseWordsOf(analysis.text, analysis.prose, sentence.start, sentence.end) : [];
    const clauses = sentence ? clauseBreaks(analysis.text, words, sentence.start, sentence.end, isProse).offsets : [];
    cache.set(s, (out = { words, clauses }));
  }
  return out;
}

/** Every name form of a dataset entry in the prose of a document, in order. */
export function findNameHits(analysis: TextAnalysis, index: DatasetIndex): NameHit[] {
  const out: NameHit[] = [];
  for (const r of analysis.prose) for (const h of index.findNames(analysis.text, r.start, r.end)) out.push(h);
  return out;
}

/** A person named in prose: by name (explicit), or implied by naming an event they took part in. */
interface PersonMention {
  id: string;
  start: number;
  end: number;
  explicit: boolean;
}

/** Every person named in prose, in order, with the people implied by the events named. */
function peopleNamed(analysis: TextAnalysis, index: DatasetIndex, hits: readonly NameHit[], paragraphDates?: MentionOptions['paragraphDates']): PersonMention[] {
  const out: PersonMention[] = [];
  for (const h of hits) {
    const epithetOnly = new Set((h.epithets ?? []).map((e) => e.entryId));
    for (const id of h.entryIds) {
      const e = index.get(id);
      if (!e) continue;
      if (e.kind === 'person') {
        if (epithetOnly.has(id)) {
          const when = h.epithets!.find((x) => x.entryId === id)!.date;
          const paragraph = analysis.paragraphOf(h.start);
          const dates = paragraph !== undefined ? paragraphDates?.[paragraph] : undefined;
          if (!dates || dates.length === 0 || !dates.every((d) => d.start <= when.end && when.start <= d.end)) continue;
        }
        out.push({ id, start: h.start, end: h.end, explicit: true });
      } else if (e.kind === 'event') {
        for (const p of e.participants ?? []) out.push({ id: p, start: h.start, end: h.end, explicit: false });
      }
    }
  }
  return out;
}

/** What the `about` test needs: the people named, and the clause boundaries of the sentences it looked at. */
interface AboutContext {
  analysis: TextAnalysis;
  text: string;
  people: PersonMention[];
}

function clausesOf(ctx: AboutContext, s: number): number[] {
  return sentenceWords(ctx.analysis, s).clauses;
}

/**
 * True when a cue's `about` condition holds for a match in sentence s: one of the entities is named in the
 * match's clause, or earlier in the paragraph while that clause names no other person; and the words the cue
 * matched are not followed at once by another person's name ("ousted the marshal": the cue is about the marshal).
 */
function aboutHolds(cue: CompiledCue, match: { start: number; end: number }, s: number, ctx: AboutContext): boolean {
  if (!cue.about) return true;
  const about = cue.about;
  const { analysis, text, people } = ctx;
  const sentence = analysis.sentences[s];
  const breaks = clausesOf(ctx, s);
  const first = clauseIndex(breaks, match.start);
  const last = clauseIndex(breaks, match.end - 1);
  const clauseStart = first === 0 ? sentence.start : breaks[first - 1];
  const clauseEnd = last < breaks.length ? breaks[last] : sentence.end;
  let inClause = false;
  let otherInClause = false;
  const byEnd = (p: PersonMention) => p.end;
  for (let k = lowerBound(people, byEnd, clauseStart + 1); k < people.length && people[k].start < clauseEnd; k++) {
    const p = people[k];
    if (p.end <= clauseStart) continue;
    if (about.includes(p.id)) inClause = true;
    else if (p.explicit) {
      otherInClause = true;
      // The person right after the matched words is the one they are about.
      if (p.start >= match.end && /^[\s*_]*(?:(?:the|his|her|their)\s+)?$/i.test(text.slice(match.end, p.start))) return false;
    }
  }
  if (inClause) return true;
  if (otherInClause) return false;
  // The clause names nobody: it is about the person named last before it in the sentence ("the minister, who
  // died in 1971, …"), else about one named earlier in the paragraph.
  const paragraph = analysis.paragraphs[sentence.paragraph];
  const from = lowerBound(people, byEnd, paragraph ? paragraph.start + 1 : 0);
  let previous = -1;
  for (let k = from; k < people.length && people[k].start < clauseStart; k++) if (people[k].start >= sentence.start) previous = k;
  if (previous >= 0) {
    const at = people[previous].start;
    return people.some((p) => p.start === at && about.includes(p.id));
  }
  for (let k = from; k < people.length && people[k].start < match.start; k++) {
    if (about.includes(people[k].id)) return true;
  }
  return false;
}

/**
 * Every mention of a dataset event in the prose of an analysed document: name forms (possessives, line breaks
 * and case variants included) and paraphrases by the events' cues, in order of position.
 */
export function findEventMentions(analysis: TextAnalysis, text: string, index: DatasetIndex, options: MentionOptions = {}): EventMention[] {
  const out: EventMention[] = [];
  if (!analysis || typeof text !== 'string' || !index) return out;
  const hits = options.names ?? findNameHits(analysis, index);
  for (const h of hits) {
    for (const id of h.entryIds) {
      const e = index.get(id);
      if (e && e.kind === 'event') out.push({ event: e, start: h.start, end: h.end, via: 'name', sentence: regionIndexAt(analysis.sentences, h.start) });
    }
  }
  const matcher = cueMatcherOf(index);
  if (matcher.cues.length > 0) {
    let ctx: AboutContext | undefined;
    const notProse = (i: number) => !analysis.isProse(i);
    analysis.sentences.forEach((sentence, s) => {
      if (options.sentenceFilter && !options.sentenceFilter(s)) return;
      const shared = text === analysis.text ? sentenceWords(analysis, s) : undefined;
      const words = shared ? shared.words : wordsOf(text, sentence.start, sentence.end, notProse);
      const segments: Word[][] = [];
      if (options.cueScope === 'clause') {
        const breaks = shared ? shared.clauses : clauseBreaks(text, words, sentence.start, sentence.end, (i) => analysis.isProse(i)).offsets;
        for (const w of words) {
          const c = clauseIndex(breaks, w.start);
          (segments[c] ??= []).push(w);
        }
      } else segments.push(words);
      for (const m of segments.flatMap((seg) => (seg ? matcher.match(seg) : []))) {
        if (m.cue.about) {
          ctx ??= { analysis, text, people: peopleNamed(analysis, index, hits, options.paragraphDates) };
          if (!aboutHolds(m.cue, m, s, ctx)) continue;
        }
        out.push({ event: m.cue.event, start: m.start, end: m.end, via: 'cue', sentence: s, spans: m.spans });
      }
    });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * People, places and events named in the prose of an analysed document, with every candidate of an ambiguous name
 * and the one the paragraph makes clear (another mention there names just one of them).
 */
export function findEntityMentions(analysis: TextAnalysis, text: string, index: DatasetIndex, options: MentionOptions = {}): EntityMention[] {
  if (!analysis || typeof text !== 'string' || !index) return [];
  const hits = options.names ?? findNameHits(analysis, index);
  const out: EntityMention[] = [];
  const paragraphOf = (offset: number) => analysis.paragraphOf(offset) ?? -1;
  // Entries named unambiguously, per paragraph.
  const sure = new Map<number, Set<string>>();
  for (const h of hits) {
    if (h.entryIds.length !== 1) continue;
    const p = paragraphOf(h.start);
    let set = sure.get(p);
    if (!set) sure.set(p, (set = new Set()));
    set.add(h.entryIds[0]);
  }
  for (const h of hits) {
    const entries = h.entryIds.map((id) => index.get(id)).filter((e) => e !== undefined && e.kind !== 'source');
    if (entries.length === 0) continue;
    const candidates = entries.map((e) => e!.id);
    const m: EntityMention = { start: h.start, end: h.end, kind: entries[0]!.kind as EntityMention['kind'], candidates };
    if (candidates.length === 1) {
      const epithet = h.epithets?.find((x) => x.entryId === candidates[0]);
      const dates = options.paragraphDates?.[paragraphOf(h.start)];
      if (!epithet || !dates || dates.length === 0 || dates.every((d) => d.start <= epithet.date.end && epithet.date.start <= d.end)) m.resolved = candidates[0];
    } else {
      const known = sure.get(paragraphOf(h.start));
      const named = known ? candidates.filter((c) => known.has(c)) : [];
      if (named.length === 1) {
        m.resolved = named[0];
        m.kind = index.get(named[0])!.kind as EntityMention['kind'];
      }
    }
    out.push(m);
  }
  for (const em of findEventMentions(analysis, text, index, { ...options, names: hits })) {
    if (em.via !== 'cue') continue;
    if (hits.some((h) => h.start < em.end && em.start < h.end && h.entryIds.includes(em.event.id))) continue; // named there already
    out.push({ start: em.start, end: em.end, kind: 'event', candidates: [em.event.id], resolved: em.event.id });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
