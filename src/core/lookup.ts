/**
 * `annalist lookup`: what the dataset holds for a name, as plain data (JSON) or text. The same descriptions
 * serve any front end that lists entries.
 */
import type { DatasetIndex, IndexedEntry, IndexedEvent, IndexedSource } from './dataset/index';
import { shortReference } from './dataset/sources';
import { formatEdtf } from './dates/format';

/** A source as lookup shows it. */
export interface SourceSummary {
  key: string;
  citation: string;
  title: string;
  type: string;
  issued?: string;
  URL?: string;
  note?: string;
}

/** An entry with its dates, sources and disputes resolved. */
export interface EntryDescription {
  id: string;
  kind: IndexedEntry['kind'];
  label: string;
  names: string[];
  description?: string;
  /** EDTF, for events; `born`/`died` for people. */
  date?: string;
  /** The date written historian-style. */
  dateText?: string;
  born?: { date: string; text: string; place?: string };
  died?: { date: string; text: string; place?: string };
  roles?: { role: string; date?: string }[];
  places?: string[];
  participants?: string[];
  accept?: string[];
  disputes?: { date: string; dateText: string; text?: string; sources: SourceSummary[]; note?: string }[];
  sources: SourceSummary[];
  note?: string;
  dataset: string;
  location?: { uri: string; line: number; character: number };
}

/** Summarises a source record for display. */
export function summarizeSource(index: DatasetIndex, key: string): SourceSummary {
  const s = index.get(key);
  if (!s || s.kind !== 'source') return { key, citation: key, title: key, type: 'unknown' };
  return dropUndefined({ key, citation: shortReference(s), title: s.title, type: s.type, issued: s.issued, URL: s.URL, note: s.note });
}

/** Describes an entry with everything the dataset records about it. */
export function describeEntry(index: DatasetIndex, entry: IndexedEntry): EntryDescription {
  const loc = index.location(entry.id);
  const base: EntryDescription = {
    id: entry.id,
    kind: entry.kind,
    label: entry.label,
    names: [...new Set(entry.nameForms)],
    sources: (entry.kind === 'source' ? [] : entry.sources).map((k) => summarizeSource(index, k)),
    dataset: entry.datasetId,
    ...(loc ? { location: { uri: loc.uri, line: loc.range.start.line + 1, character: loc.range.start.character + 1 } } : {}),
  };
  if (entry.kind === 'source') return dropUndefined({ ...base, description: describeSource(entry), date: entry.issued, note: entry.note });
  if (entry.note) base.note = entry.note;
  if (entry.description) base.description = entry.description;
  if (entry.kind === 'event') return describeEvent(index, entry, base);
  if (entry.kind === 'person') {
    if (entry.born?.date) base.born = dropUndefined({ date: entry.born.date, text: formatEdtf(entry.born.date), place: entry.born.place });
    if (entry.died?.date) base.died = dropUndefined({ date: entry.died.date, text: formatEdtf(entry.died.date), place: entry.died.place });
    if (entry.roles?.length) base.roles = entry.roles.map((r) => dropUndefined({ role: r.role, date: r.date }));
  }
  if (entry.kind === 'place' && entry.within) base.places = [entry.within];
  return base;
}

function describeEvent(index: DatasetIndex, e: IndexedEvent, base: EntryDescription): EntryDescription {
  base.date = e.date;
  base.dateText = formatEdtf(e.date);
  if (e.places?.length) base.places = e.places.map((id) => index.get(id)?.label ?? id);
  if (e.participants?.length) base.participants = e.participants.map((id) => index.get(id)?.label ?? id);
  if (e.accept?.length) base.accept = [...e.accept];
  if (e.disputes?.length) {
    base.disputes = e.disputes.map((d) => dropUndefined({
      date: d.date,
      dateText: formatEdtf(d.date),
      text: d.text,
      sources: d.sources.map((k) => summarizeSource(index, k)),
      note: d.note,
    }));
  }
  return base;
}

function describeSource(s: IndexedSource): string {
  return [shortReference(s), s.title, s['container-title'], s['publisher-place'], s.publisher].filter(Boolean).join('. ');
}

/** Entries matching `text`, described. */
export function lookup(index: DatasetIndex, text: string): EntryDescription[] {
  return index.lookup(text).map((e) => describeEntry(index, e));
}

/** Plain-text rendering of lookup results for the terminal. */
export function formatLookupText(entries: EntryDescription[]): string {
  const out: string[] = [];
  for (const e of entries) {
    out.push(`${e.label}  (${e.kind} ${e.id}${e.dateText ? `, ${e.dateText}` : ''})`);
    if (e.born || e.died) out.push(`  life: ${e.born?.text ?? '?'} – ${e.died?.text ?? '?'}`);
    if (e.description) out.push(`  ${e.description}`);
    for (const d of e.disputes ?? []) out.push(`  sources differ: ${d.dateText}${d.text ? ` (${d.text})` : ''} — ${d.sources.map((s) => s.citation).join('; ')}`);
    if (e.sources.length) out.push(`  sources: ${e.sources.map((s) => s.citation).join('; ')}`);
    out.push('');
  }
  return out.join('\n');
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
