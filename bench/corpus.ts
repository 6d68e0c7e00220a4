/**
 * Deterministic corpora for the benchmark: Markdown essays dense with the shipped dataset's names, dates and
 * citations (a share of them misdated, some weekdays wrong), and a Better BibTeX-style library with the same
 * entries as CSL-JSON. Everything follows from one seed through a small PRNG of our own, so two runs measure
 * the same text.
 */
import type { DatasetIndex, IndexedEvent, IndexedPerson } from '../src/core/dataset/index';

/** A xorshift32 generator: small, fast, and the same sequence on every machine for a given seed. */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  /** The next 32-bit unsigned value. */
  nextU32(): number {
    let x = this.state;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.state = x;
    return x;
  }
  /** A float in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Ymd { y: number; m?: number; d?: number }

function parseStart(edtf: string): Ymd | undefined {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(edtf);
  if (!m) return undefined;
  return { y: Number(m[1]), m: m[2] ? Number(m[2]) : undefined, d: m[3] ? Number(m[3]) : undefined };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function weekdayOf(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function formatDate(rng: Prng, date: Ymd): string {
  if (date.m === undefined) return String(date.y);
  if (date.d === undefined) return `${MONTHS[date.m - 1]} ${date.y}`;
  return rng.chance(0.5) ? `${date.d} ${MONTHS[date.m - 1]} ${date.y}` : `${MONTHS[date.m - 1]} ${date.d}, ${date.y}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What went into an essay. */
export interface EssayStats {
  bytes: number;
  words: number;
  sentences: number;
  datedEventSentences: number;
  misdated: number;
  weekdaySentences: number;
  wrongWeekdays: number;
  citations: number;
}

const FILLER = [
  'Historians have long disagreed about how far the reforms reached beyond the capital.',
  'The archives opened in the early 1990s changed much of what had been written before.',
  'It was argued by contemporaries that the change had been forced upon the leadership.',
  'Much of the the evidence comes from memoirs written long after the fact.',
  'The press was instructed to follow the line set by the Presidium.',
  'Rehabilitation was slow, partial and often reversed by local officials.',
  'Letters from readers show how unevenly the new line was received.',
  'The limits of the change were drawn by those who had most to lose from it.',
  'A generation of writers was shaped by the brief opening of those years.',
  'The reports were read aloud in factories, offices and collective farms.',
  'Such accounts must be read with care, since they were written to be published.',
  'Very few of the the officials involved were ever brought to account.',
];

const EVENT_TEMPLATES: ((name: string, date: string) => string)[] = [
  (n, d) => `The ${n} is usually dated to ${d}`,
  (n, d) => `In ${d}, ${n} changed the terms of the debate`,
  (n, d) => `Contemporaries remembered ${n} as falling in ${d}`,
  (n, d) => `Writing about ${n} in ${d}, the press said little`,
];

/**
 * A Markdown essay of at least `targetBytes` (UTF-8) on the shipped dataset's events and people, with
 * citations drawn from `keys`; about `misdatedShare` of the dated event sentences carry a wrong year.
 */
export function generateEssay(index: DatasetIndex, keys: readonly string[], targetBytes: number, seed: number, misdatedShare = 0.1): { text: string; stats: EssayStats } {
  const rng = new Prng(seed);
  const events = index.events.filter((e) => e.checked && parseStart(e.date) !== undefined);
  const people = index.people.filter((p) => p.nameForms.length > 0);
  const stats: EssayStats = { bytes: 0, words: 0, sentences: 0, datedEventSentences: 0, misdated: 0, weekdaySentences: 0, wrongWeekdays: 0, citations: 0 };
  const parts: string[] = ['---\ntitle: "Benchmark essay"\nbibliography: library.bib\n---\n\n# The Thaw and its limits\n\n'];
  let bytes = Buffer.byteLength(parts[0]);
  let paragraph = 0;

  const citation = (): string => {
    stats.citations++;
    // About 1% of keys are mistyped, as in real drafts (the check then looks for the closest keys).
    const k = rng.chance(0.01) ? rng.pick(keys) + 'x' : rng.pick(keys);
    const r = rng.int(4);
    if (r === 0) return ` [@${k}]`;
    if (r === 1) return ` [@${k}, p. ${1 + rng.int(400)}]`;
    if (r === 2) return ` [see @${k}; @${rng.pick(keys)}]`;
    return ` (@${k})`;
  };

  const eventSentence = (e: IndexedEvent): string => {
    const start = parseStart(e.date) as Ymd;
    let date: Ymd = { ...start };
    if (e.effectivePrecision === 'year') date = { y: start.y };
    else if (e.effectivePrecision === 'month') date = { y: start.y, m: start.m };
    stats.datedEventSentences++;
    if (rng.chance(misdatedShare)) {
      stats.misdated++;
      const shift = (1 + rng.int(3)) * (rng.chance(0.5) ? 1 : -1);
      date = { ...date, y: date.y + shift };
      if (date.m !== undefined && date.d !== undefined) date.d = Math.min(date.d, daysInMonth(date.y, date.m));
    }
    const name = rng.pick(e.names && e.names.length ? e.names : [e.label]);
    return cap(rng.pick(EVENT_TEMPLATES)(name, formatDate(rng, date)));
  };

  const personSentence = (p: IndexedPerson): string => {
    const name = rng.pick(p.nameForms.filter((f) => !/,/.test(f)));
    const born = p.born?.date ? parseStart(p.born.date) : undefined;
    const died = p.died?.date ? parseStart(p.died.date) : undefined;
    if (born && died && rng.chance(0.5)) return `${name} (${born.y}–${died.y}) appears again in the sources of the period`;
    return `${name} is named ${1 + rng.int(9)} times in the minutes of that year`;
  };

  const weekdaySentence = (): string => {
    const y = 1953 + rng.int(12);
    const m = 1 + rng.int(12);
    const d = 1 + rng.int(daysInMonth(y, m));
    let wd = weekdayOf(y, m, d);
    stats.weekdaySentences++;
    if (rng.chance(0.1)) {
      stats.wrongWeekdays++;
      wd = (wd + 1 + rng.int(6)) % 7;
    }
    // Both prose ("Monday, 5 March 1953") and the ISO form with the weekday in parentheses that textlint's rule reads.
    if (rng.chance(0.5)) return `On ${WEEKDAYS[wd]}, ${d} ${MONTHS[m - 1]} ${y}, the Presidium met again`;
    return `The meeting of ${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} (${WEEKDAYS[wd]}) was minuted`;
  };

  while (bytes < targetBytes) {
    paragraph++;
    if (paragraph % 9 === 0) {
      const h = `## Part ${paragraph / 9}\n\n`;
      parts.push(h);
      bytes += h.length;
    }
    const sentences: string[] = [];
    const count = 4 + rng.int(4);
    for (let i = 0; i < count; i++) {
      const r = rng.next();
      let s: string;
      if (r < 0.35) s = eventSentence(rng.pick(events));
      else if (r < 0.55) s = personSentence(rng.pick(people));
      else if (r < 0.65) s = weekdaySentence();
      else s = rng.pick(FILLER).replace(/\.$/, '');
      if (rng.chance(0.3)) s += citation();
      sentences.push(s + '.');
    }
    stats.sentences += sentences.length;
    const p = sentences.join(' ') + '\n\n';
    parts.push(p);
    bytes += Buffer.byteLength(p);
  }
  const text = parts.join('');
  stats.bytes = Buffer.byteLength(text);
  stats.words = text.split(/\s+/).filter(Boolean).length;
  return { text, stats };
}

const FAMILIES = ['Smith', 'Smirnov', 'Ivanova', 'Fitzpatrick', 'Conquest', 'Taubman', 'Dobson', 'Jones', 'Kozlov', 'Hornsby', 'Bittner',
  'Zubok', 'Tompson', 'Filtzer', 'Reid', 'Kotkin', 'Gorlizki', 'Khlevniuk', 'Elie', 'Adler', 'Cohen', 'Medvedev', 'Nove', 'Smith-Peter',
  'Müller', 'Łukasz', 'Šimečka', 'Dönhoff', 'van der Berg', 'O’Brien'];
const GIVEN = ['Anna', 'Boris', 'Catherine', 'David', 'Elena', 'Fyodor', 'Galina', 'Hélène', 'Igor', 'Jane', 'Kirill', 'Lynne', 'Miriam', 'Nikolai', 'Oleg', 'Polly', 'Stephen', 'William'];
const TITLE_WORDS = ['Thaw', 'Khrushchev', 'Stalin', 'Soviet', 'Memory', 'Gulag', 'Return', 'Reform', 'Politics', 'Society', 'Culture', 'Dissent',
  'Power', 'Terror', 'Legacy', 'Kremlin', 'Writers', 'Camps', 'Rehabilitation', 'Youth', 'Housing', 'Science', 'Cold', 'War', 'Party',
  'Letters', 'Readers', 'Censorship', 'Peasants', 'Workers', 'Russia', 'Moscow', 'Leningrad', 'Ukraine', 'Georgia', 'Empire'];
const SMALL = ['and', 'of', 'the', 'in', 'after'];
const PUBLISHERS = [['Cambridge University Press', 'Cambridge'], ['Oxford University Press', 'Oxford'], ['Yale University Press', 'New Haven'],
  ['Cornell University Press', 'Ithaca'], ['Routledge', 'London'], ['Indiana University Press', 'Bloomington'], ['Nauka', 'Moskva']];
const JOURNALS = ['Slavic Review', 'Kritika', 'Europe-Asia Studies', 'The Russian Review', 'Cahiers du monde russe', 'Soviet Studies'];

/** One generated bibliography entry, kept in CSL-JSON terms and written out as BibTeX too. */
interface GenEntry {
  key: string;
  type: 'book' | 'article-journal' | 'chapter' | 'thesis';
  authors: { family: string; given: string }[];
  title: string;
  year: number;
  publisher?: [string, string];
  journal?: string;
  volume?: number;
  issue?: number;
  pages?: string;
  doi?: string;
  keywords: string[];
}

function bibEscape(s: string): string {
  return s.replace(/&/g, '\\&').replace(/%/g, '\\%');
}

function bibtexOf(e: GenEntry): string {
  const type = { book: 'book', 'article-journal': 'article', chapter: 'incollection', thesis: 'thesis' }[e.type];
  const lines = [`@${type}{${e.key},`];
  const field = (name: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') lines.push(`  ${name} = {${value}},`);
  };
  field('title', e.title.replace(/\b(Soviet|Stalin|Khrushchev|Moscow|Russia|Ukraine|Georgia|Leningrad|Kremlin)\b/g, '{$1}'));
  field('author', e.authors.map((a) => (a.family.includes(' ') ? `{${a.family}}` : a.family) + ', ' + a.given).join(' and '));
  field('date', e.year);
  if (e.type === 'article-journal') {
    field('journaltitle', e.journal);
    field('volume', e.volume);
    field('number', e.issue);
    field('pages', e.pages?.replace('-', '--'));
    field('doi', e.doi);
  } else {
    field('publisher', e.publisher ? bibEscape(e.publisher[0]) : undefined);
    field('location', e.publisher?.[1]);
    if (e.type === 'chapter') field('booktitle', 'The Soviet Union after Stalin');
    if (e.type === 'thesis') field('type', 'phdthesis');
  }
  field('langid', 'english');
  field('keywords', e.keywords.join(', '));
  lines[lines.length - 1] = lines[lines.length - 1].replace(/,$/, '');
  lines.push('}');
  return lines.join('\n');
}

function cslOf(e: GenEntry): Record<string, unknown> {
  const item: Record<string, unknown> = { id: e.key, type: e.type, title: e.title, author: e.authors, issued: { 'date-parts': [[e.year]] }, language: 'en' };
  if (e.type === 'article-journal') Object.assign(item, { 'container-title': e.journal, volume: String(e.volume), issue: String(e.issue), page: e.pages, DOI: e.doi });
  else if (e.publisher) Object.assign(item, { publisher: e.publisher[0], 'publisher-place': e.publisher[1] });
  if (e.type === 'chapter') item['container-title'] = 'The Soviet Union after Stalin';
  if (e.type === 'thesis') item.genre = 'PhD Thesis';
  item.keyword = e.keywords.join(', ');
  return item;
}

/** A library of `count` entries in Better BibTeX's style (`authorTitleYear` keys) and the same as CSL-JSON. */
export function generateLibrary(count: number, seed: number): { bibtex: string; cslJson: string; keys: string[] } {
  const rng = new Prng(seed);
  const used = new Set<string>();
  const bib: string[] = ['@comment{Generated by bench/corpus.ts in the style of a Better BibTeX export.}\n'];
  const csl: Record<string, unknown>[] = [];
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const authors = Array.from({ length: 1 + rng.int(3) }, () => ({ family: rng.pick(FAMILIES), given: rng.pick(GIVEN) }));
    const words = Array.from({ length: 3 + rng.int(5) }, (_, j) => (j > 0 && rng.chance(0.25) ? rng.pick(SMALL) : rng.pick(TITLE_WORDS)));
    const title = words.join(' ') + (rng.chance(0.4) ? `: ${rng.pick(TITLE_WORDS)} in ${1917 + rng.int(75)}` : '');
    const year = 1955 + rng.int(70);
    const types: GenEntry['type'][] = ['book', 'article-journal', 'article-journal', 'chapter', 'thesis'];
    const type = rng.pick(types);
    const first = authors[0].family.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '');
    const short = words.filter((w) => !SMALL.includes(w)).slice(0, 3).join('');
    let key = `${first}${short}${year}`;
    for (let n = 0; used.has(key); n++) key = `${first}${short}${year}${String.fromCharCode(97 + (n % 26))}${n >= 26 ? n : ''}`;
    used.add(key);
    keys.push(key);
    const p = 1 + rng.int(300);
    const e: GenEntry = {
      key, type, authors, title, year,
      publisher: type === 'article-journal' ? undefined : rng.pick(PUBLISHERS) as [string, string],
      journal: type === 'article-journal' ? rng.pick(JOURNALS) : undefined,
      volume: 1 + rng.int(80), issue: 1 + rng.int(4), pages: `${p}-${p + 5 + rng.int(30)}`,
      doi: type === 'article-journal' ? `10.${1000 + rng.int(9000)}/bench.${i}` : undefined,
      keywords: [rng.pick(TITLE_WORDS).toLowerCase(), rng.pick(TITLE_WORDS).toLowerCase()],
    };
    bib.push(bibtexOf(e) + '\n');
    csl.push(cslOf(e));
  }
  return { bibtex: bib.join('\n'), cslJson: JSON.stringify(csl, null, 2), keys };
}
