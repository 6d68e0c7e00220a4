/**
 * The dataset format, as written in YAML by curators (the shipped dataset in `data/` and users' own).
 * `data/schema.json` is the JSON Schema of exactly this shape; keep the two in step.
 *
 * Principles:
 * - every fact carries the ids of its sources (`sources`), which are entries of `sources:` in some loaded dataset;
 * - dates are EDTF strings (ISO 8601-2, levels 0–1): `1953-03-05`, `1956-02`, `1962`, `1961-10-17/1961-10-31`,
 *   `1962?` (uncertain), `1962~` (approximate), `196X`; their precision is the EDTF precision;
 * - where sources disagree, `date` is the curated value (after its `sources`) and each other value is a `dispute`
 *   with its own sources. The product reports both;
 * - a date's numbers are Gregorian (New Style) unless it says `calendar: julian` (Old Style): events, their
 *   disputes, and `born`/`died` may; a dispute without its own `calendar` takes its event's.
 */

/** EDTF date or interval string. */
export type Edtf = string;

/**
 * The calendar a date's numbers are written in: `julian` (Old Style) or `gregorian` (New Style, the default).
 * `date: 1917-10-25` with `calendar: julian` is the day the Gregorian calendar numbers 1917-11-07.
 */
export type DateCalendar = 'julian' | 'gregorian';

/** A CSL-JSON name. */
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  suffix?: string;
}

/**
 * A bibliographic source in CSL-JSON terms. `id` is the citation key a writer types (`breslauer1982`).
 * `issued` and `accessed` are EDTF strings here (converted to CSL date-parts when formatting).
 */
export interface SourceRecord {
  id: string;
  type: string; // CSL item type: book, entry-encyclopedia, webpage, article-newspaper, chapter, ...
  author?: CslName[];
  editor?: CslName[];
  title: string;
  'container-title'?: string;
  publisher?: string;
  'publisher-place'?: string;
  issued?: Edtf;
  accessed?: Edtf;
  URL?: string;
  page?: string;
  volume?: string;
  /** What the curators could and could not verify about this record itself. */
  note?: string;
}

/** A date with its provenance. */
export interface DatedFact {
  date: Edtf;
  /** The calendar of `date`; omitted: Gregorian. */
  calendar?: DateCalendar;
  sources?: string[];
  note?: string;
}

/** A value other sources give for a fact; the curated value stays in the entry's own field. */
export interface Dispute {
  date: Edtf;
  /** The calendar of `date`; omitted: the event's `calendar`. */
  calendar?: DateCalendar;
  /** How the other sources put it, in words ("night of 31 October – 1 November 1961"). */
  text?: string;
  sources: string[];
  note?: string;
}

/**
 * A paraphrase pattern: every group in `all` must occur in one sentence, in any order.
 * A group is `|`-separated alternatives; each alternative is one or more words; a trailing `*` on a word
 * matches any ending (`reburi*` matches "reburied", "reburial"). Matching ignores case.
 * `about`: the pattern counts only when one of these entity ids is named in the same sentence or earlier in the
 * same paragraph, and the sentence names no other person instead.
 */
export interface Cue {
  all: string[];
  about?: string[];
}

interface EntryBase {
  /** Stable id, kebab-case, unique across all loaded datasets. */
  id: string;
  /** The form to display. */
  label: string;
  /** Name forms people write: aliases, transliteration variants, inflected or possessive forms need not be listed. */
  names?: string[];
  /** Short description, in the curators' own words. */
  description?: string;
  sources: string[];
  note?: string;
}

export interface PersonRole {
  role: string;
  /** EDTF interval of the role, e.g. `1953-09/1964-10-14`. */
  date?: Edtf;
  sources?: string[];
  note?: string;
}

export interface Person extends EntryBase {
  born?: DatedFact & { place?: string };
  died?: DatedFact & { place?: string };
  roles?: PersonRole[];
  /**
   * Descriptions that refer to this person only while they held a role ("the First Secretary"): name forms that
   * resolve only when the text's date, if any, falls within `date`.
   */
  epithets?: { text: string; date: Edtf }[];
}

export interface Place extends EntryBase {
  /** Id of the place this one lies in (`red-square` within `moscow`). */
  within?: string;
}

export interface HistoricalEvent extends EntryBase {
  /** The curated date, after `sources`. */
  date: Edtf;
  /** The calendar of `date` and `accept` (and of disputes without their own); omitted: Gregorian. */
  calendar?: DateCalendar;
  /** Other writings of the same date that are right too (e.g. `1956-02-24/1956-02-25` for a speech begun after midnight). */
  accept?: Edtf[];
  /** Values other sources give, with those sources. */
  disputes?: Dispute[];
  /**
   * The finest precision at which the date may be checked (`year`, `month`, `day`); coarser than the date when
   * references differ on detail. Omitted: the date's own precision.
   */
  checkPrecision?: 'year' | 'month' | 'day';
  /** False: shown in hovers but never used to flag a date. */
  check?: boolean;
  /** Paraphrase patterns for the mention finder. */
  cues?: Cue[];
  /** Place ids. */
  places?: string[];
  /** Person ids. */
  participants?: string[];
  /** Ids of events this one is part of (`secret-speech` is part of `congress-20`). */
  partOf?: string[];
}

/** A dataset file. */
export interface DatasetFile {
  /** Format version; currently 1. */
  annalist: 1;
  /** Dataset id (kebab-case). */
  id: string;
  title: string;
  description?: string;
  /** Who curated it and under what terms. */
  curators?: string[];
  license?: string;
  sources?: SourceRecord[];
  people?: Person[];
  places?: Place[];
  events?: HistoricalEvent[];
}

export type EntryKind = 'person' | 'place' | 'event' | 'source';
