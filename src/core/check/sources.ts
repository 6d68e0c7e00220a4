/** How a check names dataset sources in a message: "Brand 1999", or a short title when no author is recorded. */
import type { DatasetIndex, IndexedSource } from '../dataset/index';
import type { CslName } from '../dataset/model';

function familyOf(n: CslName): string {
  return n.literal ?? [n['non-dropping-particle'], n.family].filter(Boolean).join(' ');
}

/** "Brand 1999", "Brand and Smith 1999", "Brand et al. 1999"; the (shortened) title when there is no author. */
export function shortCitation(source: IndexedSource): string {
  const year = typeof source.issued === 'string' ? /^-?\d{1,4}/.exec(source.issued)?.[0] : undefined;
  const people = (source.author ?? []).map(familyOf).filter((s) => s.length > 0);
  let who: string;
  if (people.length === 1) who = people[0];
  else if (people.length === 2) who = `${people[0]} and ${people[1]}`;
  else if (people.length > 2) who = `${people[0]} et al.`;
  else {
    const container = source['container-title'];
    const title = source.type === 'webpage' && container ? container : source.title || source.id;
    const main = String(title).split(/:\s/)[0];
    const words = main.split(/\s+/);
    who = words.length > 6 ? `${words.slice(0, 6).join(' ')} …` : main;
  }
  return year ? `${who} ${year}` : who;
}

/** Short citations of source ids, at most `max` and "…" for the rest; unknown ids are left out. */
export function citeSources(index: DatasetIndex, ids: readonly string[] | undefined, max = 3): string {
  const names: string[] = [];
  for (const id of ids ?? []) {
    const s = index.get(id);
    if (s && s.kind === 'source') names.push(shortCitation(s));
  }
  if (names.length <= max) return names.join('; ');
  return `${names.slice(0, max).join('; ')} …`;
}
