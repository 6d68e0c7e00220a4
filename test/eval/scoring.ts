/**
 * Loading and scoring of the misdated-event development set (test/eval/dev-set.yaml). Pure functions: the runner
 * (scripts/eval.ts) does the I/O and calls the checker.
 *
 * Unit of scoring: (passage, date text as written, event). A finding matches an expectation when the codes agree,
 * the finding's event is one of the expectation's events (weekday findings need no event), and the finding covers
 * the expected text: its range overlaps an occurrence of `written` in the passage (whitespace-insensitive), or, if
 * it has no usable range, the written texts are equal or one contains the other.
 */
import { parse } from 'yaml';

export const MISDATED = 'misdated-event';
export const WEEKDAY = 'weekday-mismatch';
export const SCORED_CODES = [MISDATED, WEEKDAY] as const;
export type Format = 'markdown' | 'latex' | 'plaintext';

/** A date that must be flagged (or, in `tolerate`, may be). */
export interface Expectation {
  written: string;
  /** Any one of these event ids satisfies the expectation; empty for weekday findings. */
  events: string[];
  disputed?: boolean;
  code: string;
}

export interface Passage {
  id: string;
  text: string;
  format: Format;
  expect: Expectation[];
  tolerate: Expectation[];
  phenomenon: string[];
  note?: string;
  eol: 'lf' | 'crlf';
}

/** A diagnostic of the checker, reduced to what is scored. Offsets are into the text that was checked. */
export interface Finding {
  code: string;
  event?: string;
  written?: string;
  disputed?: boolean;
  start?: number;
  end?: number;
  message?: string;
}

export interface DevSet {
  passages: Passage[];
  /** Problems in the set itself (bad fields, duplicate ids, `written` not in the text). */
  problems: string[];
}

const FORMATS: Format[] = ['markdown', 'latex', 'plaintext'];

/** Parses and validates the YAML of a development set; never throws on bad content, reports it in `problems`. */
export function loadDevSet(yamlText: string): DevSet {
  const problems: string[] = [];
  let doc: unknown;
  try {
    doc = parse(yamlText);
  } catch (e) {
    return { passages: [], problems: [`YAML: ${(e as Error).message}`] };
  }
  const list = isRecord(doc) ? doc.passages : undefined;
  if (!Array.isArray(list)) return { passages: [], problems: ['the set needs a `passages:` list'] };
  const passages: Passage[] = [];
  const seen = new Set<string>();
  list.forEach((raw, i) => {
    const where = isRecord(raw) && typeof raw.id === 'string' ? raw.id : `passage #${i + 1}`;
    if (!isRecord(raw)) return void problems.push(`${where}: not a mapping`);
    const { id, text, format } = raw;
    if (typeof id !== 'string' || !id) return void problems.push(`${where}: missing id`);
    if (seen.has(id)) return void problems.push(`${id}: duplicate id`);
    seen.add(id);
    if (typeof text !== 'string' || !text.trim()) return void problems.push(`${id}: missing text`);
    if (!FORMATS.includes(format as Format)) return void problems.push(`${id}: format must be one of ${FORMATS.join(', ')}`);
    const eol = raw.eol === 'crlf' ? 'crlf' : 'lf';
    const checkedText = eol === 'crlf' ? toCrlf(text) : text;
    const expect = readExpectations(raw.expect, `${id}.expect`, true, problems);
    const tolerate = readExpectations(raw.tolerate, `${id}.tolerate`, false, problems);
    for (const e of [...expect, ...tolerate]) {
      if (occurrences(checkedText, e.written).length === 0) problems.push(`${id}: written "${e.written}" does not occur in the text`);
    }
    const phenomenon = Array.isArray(raw.phenomenon) ? raw.phenomenon.filter((t): t is string => typeof t === 'string') : [];
    if (phenomenon.length === 0) problems.push(`${id}: no phenomenon tags`);
    passages.push({ id, text: checkedText, format: format as Format, expect, tolerate, phenomenon, note: typeof raw.note === 'string' ? raw.note : undefined, eol });
  });
  return { passages, problems };
}

function readExpectations(raw: unknown, where: string, required: boolean, problems: string[]): Expectation[] {
  if (raw === undefined || raw === null) {
    if (required) problems.push(`${where}: missing (use [] when nothing must be flagged)`);
    return [];
  }
  if (!Array.isArray(raw)) {
    problems.push(`${where}: not a list`);
    return [];
  }
  const out: Expectation[] = [];
  raw.forEach((item, i) => {
    if (!isRecord(item) || typeof item.written !== 'string' || !item.written) return void problems.push(`${where}[${i}]: needs written`);
    const code = typeof item.code === 'string' ? item.code : MISDATED;
    const events = typeof item.event === 'string' ? [item.event] : Array.isArray(item.event) ? item.event.filter((e): e is string => typeof e === 'string') : [];
    if (code === MISDATED && events.length === 0) return void problems.push(`${where}[${i}]: a misdated-event expectation needs an event`);
    if (item.disputed !== undefined && typeof item.disputed !== 'boolean') problems.push(`${where}[${i}]: disputed must be true or false`);
    out.push({ written: item.written, events, code, disputed: typeof item.disputed === 'boolean' ? item.disputed : undefined });
  });
  return out;
}

/** The outcome for one passage. */
export interface PassageScore {
  id: string;
  tp: Outcome[];
  fp: Outcome[];
  fn: Outcome[];
  tolerated: Outcome[];
  /** Findings repeating a matched one (same event, overlapping text): reported, not scored. */
  duplicates: Outcome[];
}

export interface Outcome {
  code: string;
  written: string;
  event?: string;
  expectedDisputed?: boolean;
  foundDisputed?: boolean;
  message?: string;
}

/** Matches one passage's findings against its expectations. Findings of codes outside SCORED_CODES are ignored. */
export function scorePassage(passage: Passage, findings: Finding[]): PassageScore {
  const score: PassageScore = { id: passage.id, tp: [], fp: [], fn: [], tolerated: [], duplicates: [] };
  const scored = findings.filter((f) => (SCORED_CODES as readonly string[]).includes(f.code));
  const expectations = dedupe(passage.expect);
  const matchedBy = new Map<number, Finding>();
  const used = new Set<Finding>();

  // Strongest evidence first: range overlap, then equal text, then containment.
  for (const strength of [3, 2, 1]) {
    expectations.forEach((e, ei) => {
      if (matchedBy.has(ei)) return;
      const f = scored.find((c) => !used.has(c) && matches(passage.text, e, c) === strength);
      if (f) {
        matchedBy.set(ei, f);
        used.add(f);
      }
    });
  }
  expectations.forEach((e, ei) => {
    const f = matchedBy.get(ei);
    if (f) score.tp.push(outcome(f, e));
    else score.fn.push({ code: e.code, written: e.written, event: e.events.join('|') || undefined, expectedDisputed: e.disputed });
  });
  for (const f of scored) {
    if (used.has(f)) continue;
    const asOutcome = outcome(f);
    // Either-or-both alternatives of a matched expectation, and the passage's tolerated flags.
    const alternative = expectations.some((e, ei) => matchedBy.has(ei) && e.events.length > 1 && matches(passage.text, e, f) > 0);
    if (alternative || passage.tolerate.some((t) => matches(passage.text, t, f) > 0)) {
      score.tolerated.push(asOutcome);
    } else if ([...matchedBy.values()].some((m) => m.code === f.code && m.event === f.event && overlapsFinding(m, f))) {
      score.duplicates.push(asOutcome);
    } else {
      score.fp.push(asOutcome);
    }
  }
  return score;
}

function outcome(f: Finding, e?: Expectation): Outcome {
  return { code: f.code, written: f.written ?? '', event: f.event, foundDisputed: f.disputed, expectedDisputed: e?.disputed, message: f.message };
}

function dedupe(list: Expectation[]): Expectation[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.code}\u0000${normalise(e.written)}\u0000${e.events.join('|')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** 0 = no match, 1 = containment, 2 = equal text, 3 = range overlap. */
export function matches(text: string, e: Expectation, f: Finding): number {
  if (f.code !== e.code) return 0;
  if (e.code === MISDATED && (!f.event || !e.events.includes(f.event))) return 0;
  if (f.start !== undefined && f.end !== undefined && f.end >= f.start) {
    const hit = occurrences(text, e.written).some(([s, t]) => f.start! < t && s < Math.max(f.end!, f.start! + 1));
    if (hit) return 3;
  }
  if (f.written === undefined) return 0;
  const a = normalise(f.written);
  const b = normalise(e.written);
  if (!a || !b) return 0;
  if (a === b) return 2;
  return /\d/.test(a) && /\d/.test(b) && (a.includes(b) || b.includes(a)) ? 1 : 0;
}

function overlapsFinding(a: Finding, b: Finding): boolean {
  if (a.start !== undefined && a.end !== undefined && b.start !== undefined && b.end !== undefined) return a.start < b.end && b.start < a.end;
  return normalise(a.written ?? '') === normalise(b.written ?? '');
}

/** Lower-cased, typographic and LaTeX spacing collapsed, dashes unified: how `written` texts are compared. */
export function normalise(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/-{2,3}/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\s\u00a0\u2007\u2009\u202f~]+/g, ' ')
    .trim();
}

/** [start, end) offsets of `written` in `text`, whitespace- and case-insensitive (linear scan over a normalised copy). */
export function occurrences(text: string, written: string): [number, number][] {
  const { norm, map } = normaliseWithMap(text);
  const needle = normalise(written);
  const out: [number, number][] = [];
  if (!needle) return out;
  for (let i = norm.indexOf(needle); i >= 0; i = norm.indexOf(needle, i + 1)) {
    out.push([map[i], map[i + needle.length - 1] + 1]);
  }
  return out;
}

/** Normalises character by character, keeping the original offset of every output character. */
function normaliseWithMap(text: string): { norm: string; map: number[] } {
  let norm = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/[\s\u00a0\u2007\u2009\u202f~]/.test(ch)) {
      if (norm.endsWith(' ')) continue;
      norm += ' ';
    } else if (/[\u2010-\u2015\u2212]/.test(ch)) {
      norm += '-';
    } else if (ch === '-' && norm.endsWith('-') && text[i - 1] === '-') {
      continue; // LaTeX `--` / `---`
    } else if (ch === '\u2018' || ch === '\u2019') {
      norm += "'";
    } else {
      norm += ch.toLowerCase();
    }
    map.push(i);
  }
  return { norm, map };
}

function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Counts and derived measures. */
export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tolerated: number;
  passages: number;
  /** Passages that expect nothing of this code but got at least one false positive. */
  falseAlarmPassages: number;
  negativePassages: number;
  disputedRight: number;
  disputedWrong: number;
}

export function emptyTally(): Tally {
  return { tp: 0, fp: 0, fn: 0, tolerated: 0, passages: 0, falseAlarmPassages: 0, negativePassages: 0, disputedRight: 0, disputedWrong: 0 };
}

/** Adds one passage's outcomes of one code to a tally. */
export function addToTally(t: Tally, passage: Passage, s: PassageScore, code: string): void {
  const of = (list: Outcome[]) => list.filter((o) => o.code === code);
  const tp = of(s.tp);
  t.tp += tp.length;
  t.fp += of(s.fp).length;
  t.fn += of(s.fn).length;
  t.tolerated += of(s.tolerated).length;
  t.passages += 1;
  if (!passage.expect.some((e) => e.code === code)) {
    t.negativePassages += 1;
    if (of(s.fp).length > 0) t.falseAlarmPassages += 1;
  }
  for (const o of tp) {
    if (o.expectedDisputed === undefined) continue;
    if (Boolean(o.foundDisputed) === o.expectedDisputed) t.disputedRight += 1;
    else t.disputedWrong += 1;
  }
}

/** Precision, recall and F1; NaN-free (an empty denominator gives 1 for precision/recall when nothing was due). */
export function measures(t: Tally): { precision: number; recall: number; f1: number } {
  const precision = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
  const recall = t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
