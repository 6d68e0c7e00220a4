/**
 * Paraphrase patterns (`cues`) of events, compiled once per index into a word table, and matched against the words
 * of one sentence in time linear in its length (times the few alternatives starting with each word).
 */
import type { DatasetIndex, IndexedEvent } from '../dataset/index';
import type { Word } from './words';
import { wordsOf } from './words';

/** One word of an alternative: exact, or a prefix when written with a trailing `*`. */
interface PatternWord {
  text: string;
  prefix: boolean;
}

/** One alternative of a group, and where it belongs. */
interface Alternative {
  cue: number;
  group: number;
  words: PatternWord[];
}

/** A cue of an event, compiled. */
export interface CompiledCue {
  event: IndexedEvent;
  /** Number of groups that must all occur. */
  groups: number;
  about?: readonly string[];
}

/** Where a cue matched in a sentence. */
export interface CueMatch {
  cue: CompiledCue;
  /** Offset of the first and after the last matched word. */
  start: number;
  end: number;
  /** The matched words' spans, one per group (the first occurrence). */
  spans: { start: number; end: number }[];
}

/** The compiled cues of an index. */
export class CueMatcher {
  readonly cues: CompiledCue[] = [];
  private readonly exact = new Map<string, Alternative[]>();
  private readonly prefixes = new Map<string, Alternative[]>();
  private readonly prefixLengths: number[] = [];

  constructor(events: readonly IndexedEvent[]) {
    const lengths = new Set<number>();
    for (const event of events) {
      for (const cue of event.cues ?? []) {
        if (!cue || !Array.isArray(cue.all) || cue.all.length === 0) continue;
        const index = this.cues.length;
        const compiled: CompiledCue = { event, groups: cue.all.length };
        if (Array.isArray(cue.about) && cue.about.length > 0) compiled.about = cue.about;
        let usable = true;
        const pending: Alternative[] = [];
        cue.all.forEach((group, g) => {
          const alts = String(group).split('|').map((a) => parseAlternative(a)).filter((w) => w.length > 0);
          if (alts.length === 0) usable = false;
          for (const words of alts) pending.push({ cue: index, group: g, words });
        });
        if (!usable) continue;
        this.cues.push(compiled);
        for (const alt of pending) {
          const first = alt.words[0];
          const table = first.prefix ? this.prefixes : this.exact;
          if (first.prefix) lengths.add(first.text.length);
          const list = table.get(first.text);
          if (list) list.push(alt);
          else table.set(first.text, [alt]);
        }
      }
    }
    this.prefixLengths.push(...[...lengths].sort((a, b) => a - b));
  }

  /** Every cue whose groups all occur among `words` (one sentence), with the matched spans. */
  match(words: readonly Word[]): CueMatch[] {
    if (this.cues.length === 0 || words.length === 0) return [];
    // cue index → per group the spans found, in order (a few per group: enough to find the tightest window)
    const found = new Map<number, Occurrence[][]>();
    const offer = (alt: Alternative, i: number): void => {
      const end = matchAt(alt.words, words, i);
      if (end < 0) return;
      let groups = found.get(alt.cue);
      if (!groups) {
        groups = [];
        for (let g = 0; g < this.cues[alt.cue].groups; g++) groups.push([]);
        found.set(alt.cue, groups);
      }
      const list = groups[alt.group];
      if (list.length >= MAX_OCCURRENCES) list.shift();
      list.push({ start: words[i].start, end: words[end].end, first: i, last: end });
    };
    for (let i = 0; i < words.length; i++) {
      const w = words[i].text;
      const exact = this.exact.get(w);
      if (exact) for (const alt of exact) offer(alt, i);
      for (const len of this.prefixLengths) {
        if (len > w.length) break;
        const list = this.prefixes.get(len === w.length ? w : w.slice(0, len));
        if (list) for (const alt of list) offer(alt, i);
      }
    }
    const out: CueMatch[] = [];
    for (const [c, groups] of found) {
      const spans = tightestWindow(groups, words);
      if (!spans) continue;
      let start = Infinity;
      let end = -Infinity;
      for (const s of spans) {
        start = Math.min(start, s.start);
        end = Math.max(end, s.end);
      }
      out.push({ cue: this.cues[c], start, end, spans });
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  }
}

/** Occurrences kept per group of a cue in one sentence (the latest ones). */
const MAX_OCCURRENCES = 8;

/** Where a group of a cue occurred: offsets, and the indexes of its first and last word. */
interface Occurrence {
  start: number;
  end: number;
  first: number;
  last: number;
}

/** A stretch of a sentence short enough to read as one phrase (characters). */
const PHRASE_WIDTH = 64;

/**
 * One occurrence per group: the latest window that reads as one phrase (no punctuation inside, at most
 * {@link PHRASE_WIDTH} wide),
 * else the tightest window, so that a cue is not stretched from a word at the start of a long sentence to one at
 * its end. Undefined when a group has no occurrence.
 */
function tightestWindow(groups: readonly Occurrence[][], words: readonly Word[]): { start: number; end: number }[] | undefined {
  for (const g of groups) if (g.length === 0) return undefined;
  let tightest: { start: number; end: number }[] | undefined;
  let tightestWidth = Infinity;
  let latest: { start: number; end: number }[] | undefined;
  let latestEnd = -1;
  // Each occurrence of each group in turn is the window's last word; every other group takes its latest
  // occurrence ending at or before it (few occurrences: the quadratic work is bounded by MAX_OCCURRENCES²).
  for (let g = 0; g < groups.length; g++) {
    for (const last of groups[g]) {
      const pick: { start: number; end: number }[] = [];
      let start = last.start;
      let firstWord = last.first;
      for (let h = 0; h < groups.length && pick.length === h; h++) {
        if (h === g) {
          pick.push({ start: last.start, end: last.end });
          continue;
        }
        let chosen: Occurrence | undefined;
        for (const o of groups[h]) if (o.end <= last.end && (!chosen || o.start > chosen.start)) chosen = o;
        if (chosen) {
          pick.push({ start: chosen.start, end: chosen.end });
          start = Math.min(start, chosen.start);
          firstWord = Math.min(firstWord, chosen.first);
        }
      }
      if (pick.length !== groups.length) continue;
      const width = last.end - start;
      if (width < tightestWidth || (width === tightestWidth && tightest && last.end >= Math.max(...tightest.map((s) => s.end)))) {
        tightest = pick;
        tightestWidth = width;
      }
      let phrase = width <= PHRASE_WIDTH;
      for (let k = firstWord + 1; k <= last.last && phrase; k++) if (!words[k].joined) phrase = false;
      if (phrase && last.end > latestEnd) {
        latest = pick;
        latestEnd = last.end;
      }
    }
  }
  return latest ?? tightest;
}

function parseAlternative(text: string): PatternWord[] {
  const t = text.trim();
  if (t === '') return [];
  const words = wordsOf(t, 0, t.length);
  return words.map((w) => ({ text: w.text, prefix: t.charCodeAt(w.end) === 42 /* * */ }));
}

/** Index of the last prose word matched by `pattern` starting at word i, or -1. */
function matchAt(pattern: readonly PatternWord[], words: readonly Word[], i: number): number {
  for (let k = 0; k < pattern.length; k++) {
    const w = words[i + k];
    if (!w || (k > 0 && !w.joined)) return -1;
    const p = pattern[k];
    if (p.prefix ? !w.text.startsWith(p.text) : w.text !== p.text) return -1;
  }
  return i + pattern.length - 1;
}

const matchers = new WeakMap<DatasetIndex, CueMatcher>();

/** The compiled cues of an index, built on first use and kept as long as the index lives. */
export function cueMatcherOf(index: DatasetIndex): CueMatcher {
  let m = matchers.get(index);
  if (!m) {
    m = new CueMatcher(index.events);
    matchers.set(index, m);
  }
  return m;
}
