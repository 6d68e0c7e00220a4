/** How the product names a dataset source in running text: "Gill 2004", "TIME 2011", or a short title. */
import type { IndexedSource } from './index';
import type { CslName } from './model';

function nameOf(n: CslName): string {
  return n.literal ?? [n['non-dropping-particle'], n.family].filter(Boolean).join(' ') ?? '';
}

/** "Gill 2004", "Gill and Smith 2004", "Gill et al. 2004"; a title (shortened) when there is no author. */
export function shortReference(source: IndexedSource): string {
  const year = source.issued ? /^-?\d{1,4}/.exec(source.issued)?.[0] : undefined;
  const people = (source.author ?? []).map(nameOf).filter(Boolean);
  let who: string;
  if (people.length === 1) who = people[0];
  else if (people.length === 2) who = `${people[0]} and ${people[1]}`;
  else if (people.length > 2) who = `${people[0]} et al.`;
  else if (source['container-title'] && source.type === 'webpage') who = `${source['container-title']}, “${shortTitle(source.title)}”`;
  else who = shortTitle(source.title);
  return year ? `${who} ${year}` : who;
}

/** A title cut at its first colon or after about eight words. */
export function shortTitle(title: string): string {
  const main = title.split(/:\s/)[0];
  const words = main.split(/\s+/);
  return words.length > 8 ? words.slice(0, 8).join(' ') + '…' : main;
}
