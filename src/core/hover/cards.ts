/**
 * Hover cards: what the dataset holds about a person, a place, an event or a span of time, written as Markdown.
 * Every dataset string is escaped; a field the dataset lacks is left out, never guessed.
 */
import type { DatasetIndex, IndexedEntry, IndexedEvent, IndexedPerson, IndexedPlace, IndexedSource } from '../dataset/index';
import { shortReference } from '../dataset/sources';
import { formatInterval } from '../dates/format';
import type { DateInterval } from '../dates/interval';
import { parseEdtfCached } from '../dataset/edtf-cache';
import { escapeMarkdown, safeLink } from '../markdown';

/** How many items a list in a card shows before "and N more". */
export const CARD_LIMITS = { events: 8, sources: 5, disputeSources: 3, participants: 6, description: 320 } as const;

interface IndexFacts {
  /** Person id → events whose `participants` include them, by date. */
  eventsByParticipant: Map<string, IndexedEvent[]>;
  /** Place id → events at it or at a place within it, by date. */
  eventsByPlace: Map<string, IndexedEvent[]>;
  /** Rendered cards by entry id. */
  cards: Map<string, string>;
  /** Rendered date cards by interval and wording (bounded). */
  dateCards: Map<string, string | undefined>;
}

const factsByIndex = new WeakMap<DatasetIndex, IndexFacts>();

function byDate(a: IndexedEvent, b: IndexedEvent): number {
  return a.interval.start - b.interval.start || a.interval.end - b.interval.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function factsOf(index: DatasetIndex): IndexFacts {
  let facts = factsByIndex.get(index);
  if (facts) return facts;
  const eventsByParticipant = new Map<string, IndexedEvent[]>();
  const eventsByPlace = new Map<string, IndexedEvent[]>();
  const push = (map: Map<string, IndexedEvent[]>, key: string, e: IndexedEvent): void => {
    const list = map.get(key);
    if (!list) map.set(key, [e]);
    else if (!list.includes(e)) list.push(e);
  };
  for (const e of [...index.events].sort(byDate)) {
    for (const p of e.participants ?? []) push(eventsByParticipant, p, e);
    for (const placeId of e.places ?? []) {
      // The event happened at this place and at every place that contains it (bounded: `within` may loop).
      const seen = new Set<string>();
      let current: string | undefined = placeId;
      while (current && !seen.has(current) && seen.size < 64) {
        seen.add(current);
        push(eventsByPlace, current, e);
        const place = index.get(current);
        current = place?.kind === 'place' ? place.within : undefined;
      }
    }
  }
  facts = { eventsByParticipant, eventsByPlace, cards: new Map(), dateCards: new Map() };
  factsByIndex.set(index, facts);
  return facts;
}

/**
 * An EDTF date as historians write it, unescaped. An interval whose ends differ in precision
 * (`1953-09/1964-10-14`) is written end by end ("September 1953 – 14 October 1964"), not widened to days.
 */
export function formatFactDate(edtf: string | undefined, interval?: DateInterval): string {
  if (typeof edtf === 'string' && edtf.includes('/')) {
    const ends = edtf.split('/');
    if (ends.length === 2) {
      const [a, b] = ends.map((x) => parseEdtfCached(x.trim()));
      if (a.ok && b.ok && a.interval.precision !== b.interval.precision) return `${formatInterval(a.interval)} – ${formatInterval(b.interval)}`;
    }
  }
  let whole = interval;
  if (!whole && typeof edtf === 'string') {
    const r = parseEdtfCached(edtf);
    if (r.ok) whole = r.interval;
  }
  return (whole ? formatInterval(whole) : '') || edtf || '';
}

/** A dataset date as escaped Markdown. */
function dateText(interval: DateInterval | undefined, edtf: string | undefined): string {
  return escapeMarkdown(formatFactDate(edtf, interval));
}

function labelOf(index: DatasetIndex, id: string): string {
  return escapeMarkdown(index.get(id)?.label ?? id);
}

function moreThan(total: number, shown: number): string {
  return total > shown ? ` and ${total - shown} more` : '';
}

/** A source in short form, linked when it has an http(s) URL. */
function sourceRef(index: DatasetIndex, id: string): string {
  const entry = index.get(id);
  if (!entry || entry.kind !== 'source') return escapeMarkdown(id);
  const s = entry as IndexedSource;
  return safeLink(shortReference(s), s.URL);
}

function sourceList(index: DatasetIndex, ids: readonly string[] | undefined, limit: number): string {
  const unique = [...new Set(ids ?? [])];
  const shown = unique.slice(0, limit).map((id) => sourceRef(index, id));
  return `${shown.join('; ')}${moreThan(unique.length, shown.length)}`;
}

/** The description, cut at a word boundary near the limit. */
function summary(text: string | undefined): string | undefined {
  if (!text || !text.trim()) return undefined;
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= CARD_LIMITS.description) return escapeMarkdown(clean);
  const cut = clean.slice(0, CARD_LIMITS.description);
  const space = cut.lastIndexOf(' ');
  return `${escapeMarkdown(cut.slice(0, space > 40 ? space : cut.length))}…`;
}

function eventLine(e: IndexedEvent): string {
  return `${dateText(e.interval, e.date)}: ${escapeMarkdown(e.label)}`;
}

function eventList(events: readonly IndexedEvent[], limit: number): string[] {
  const lines = events.slice(0, limit).map((e) => `- ${eventLine(e)}`);
  if (events.length > limit) lines.push(`- and ${events.length - limit} more`);
  return lines;
}

function heading(entry: IndexedEntry, kind: string): string {
  return `**${escapeMarkdown(entry.label)}** · *${kind}*`;
}

function personCard(index: DatasetIndex, p: IndexedPerson): string {
  const blocks: string[] = [heading(p, 'person')];
  const life: string[] = [];
  const lifeEvent = (word: string, fact: IndexedPerson['born'], interval: DateInterval | undefined): void => {
    if (!fact) return;
    const when = dateText(interval, fact.date);
    const where = fact.place ? `, ${labelOf(index, fact.place)}` : '';
    if (when || where) life.push(`${word} ${when}${where}`);
  };
  lifeEvent('Born', p.born, p.bornInterval);
  lifeEvent(life.length > 0 ? 'died' : 'Died', p.died, p.diedInterval);
  if (life.length > 0) blocks.push(life.join(' · '));
  const roles = (p.roles ?? []).map((r, i) => {
    const when = p.roleIntervals[i] || r.date ? ` (${dateText(p.roleIntervals[i], r.date)})` : '';
    return `${escapeMarkdown(r.role)}${when}`;
  });
  if (roles.length > 0) blocks.push(roles.join('; '));
  const about = summary(p.description);
  if (about) blocks.push(about);
  const events = factsOf(index).eventsByParticipant.get(p.id) ?? [];
  if (events.length > 0) blocks.push(['Took part in:', ...eventList(events, CARD_LIMITS.events)].join('\n'));
  if (p.sources.length > 0) blocks.push(`Sources: ${sourceList(index, p.sources, CARD_LIMITS.sources)}`);
  return blocks.join('\n\n');
}

function placeCard(index: DatasetIndex, p: IndexedPlace): string {
  const within = p.within ? `, in ${labelOf(index, p.within)}` : '';
  const blocks: string[] = [`${heading(p, 'place')}${within}`];
  const about = summary(p.description);
  if (about) blocks.push(about);
  const events = factsOf(index).eventsByPlace.get(p.id) ?? [];
  if (events.length > 0) blocks.push(['Events here:', ...eventList(events, CARD_LIMITS.events)].join('\n'));
  if (p.sources.length > 0) blocks.push(`Sources: ${sourceList(index, p.sources, CARD_LIMITS.sources)}`);
  return blocks.join('\n\n');
}

function eventCard(index: DatasetIndex, e: IndexedEvent): string {
  const blocks: string[] = [heading(e, 'event')];
  const where = (e.places ?? []).map((id) => labelOf(index, id));
  blocks.push([dateText(e.interval, e.date), ...(where.length > 0 ? [where.join(', ')] : [])].join(' · '));
  if ((e.accept ?? []).length > 0) {
    blocks.push(`Also accepted: ${(e.accept ?? []).map((a) => dateText(undefined, a)).join('; ')}`);
  }
  const parents = (e.partOf ?? []).map((id) => {
    const parent = index.get(id);
    return parent?.kind === 'event' ? `${escapeMarkdown(parent.label)} (${dateText(parent.interval, parent.date)})` : labelOf(index, id);
  });
  if (parents.length > 0) blocks.push(`Part of: ${parents.join('; ')}`);
  const people = e.participants ?? [];
  if (people.length > 0) {
    const shown = people.slice(0, CARD_LIMITS.participants).map((id) => labelOf(index, id));
    blocks.push(`Participants: ${shown.join(', ')}${moreThan(people.length, shown.length)}`);
  }
  const about = summary(e.description);
  if (about) blocks.push(about);
  const disputes = e.disputes ?? [];
  if (disputes.length > 0) {
    const curated = `${dateText(e.interval, e.date)} (${sourceList(index, e.sources, CARD_LIMITS.disputeSources)})`;
    const others = disputes.map((d) => `${dateText(undefined, d.date)} (${sourceList(index, d.sources, CARD_LIMITS.disputeSources)})`);
    blocks.push(`Sources differ: ${[curated, ...others].join('; ')}`);
  }
  if (e.sources.length > 0) blocks.push(`Sources: ${sourceList(index, e.sources, CARD_LIMITS.sources)}`);
  return blocks.join('\n\n');
}

/** The card of one person, place or event (cached per index); undefined for sources and unknown ids. */
export function entryCard(index: DatasetIndex, id: string): string | undefined {
  const facts = factsOf(index);
  const cached = facts.cards.get(id);
  if (cached !== undefined) return cached;
  const entry = index.get(id);
  if (!entry) return undefined;
  let card: string;
  if (entry.kind === 'person') card = personCard(index, entry);
  else if (entry.kind === 'place') card = placeCard(index, entry);
  else if (entry.kind === 'event') card = eventCard(index, entry);
  else return undefined;
  facts.cards.set(id, card);
  return card;
}

/** The card of a span of time: the dataset's events within it, by date, capped; undefined when it holds none. */
export function dateCard(index: DatasetIndex, interval: DateInterval, written: string): string | undefined {
  const cache = factsOf(index).dateCards;
  const key = `${interval.start}/${interval.end}/${interval.precision}/${interval.approximate ? 1 : 0}${interval.uncertain ? 1 : 0}/${written}`;
  if (cache.has(key)) return cache.get(key);
  const card = renderDateCard(index, interval, written);
  if (cache.size >= 2000) cache.clear();
  cache.set(key, card);
  return card;
}

function renderDateCard(index: DatasetIndex, interval: DateInterval, written: string): string | undefined {
  const events = index.eventsIn(interval);
  if (events.length === 0) return undefined;
  const formatted = formatInterval(interval);
  const same = formatted === '' || formatted.toLowerCase() === written.trim().toLowerCase();
  const when = same ? `**${escapeMarkdown(written)}**` : `**${escapeMarkdown(written)}** (${escapeMarkdown(formatted)})`;
  const count = `${events.length} event${events.length === 1 ? '' : 's'} in the dataset`;
  return [`${when} · *${count}*`, eventList(events, CARD_LIMITS.events).join('\n')].join('\n\n');
}
