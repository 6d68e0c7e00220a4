/** How the product names a dataset source in running text: "Gill 2004", "TIME 2011", or a short title. */
import type { IndexedSource } from './index';
import type { CslName } from './model';

function nameOf(n: CslName): string {
  return n.literal ?? [n['non-dropping-particle'], n.family].filter(Boolean).join(' ');
}

/**
 * "Gill 2004", "Gill and Smith 2004", "Gill et al. 2004"; without an author, a web page is named by its site and
 * title ("Wikipedia, “De-Stalinization”"), or by its site alone when `compact` (diagnostic messages, where several
 * sources share a line), and anything else by its shortened title.
 */
export function shortReference(source: IndexedSource, options: { compact?: boolean } = {}): string {
  const year = typeof source.issued === 'string' ? /^-?\d{1,4}/.exec(source.issued)?.[0] : undefined;
  const people = (source.author ?? []).map(nameOf).filter((s) => s.length > 0);
  const container = source['container-title'];
  let who: string;
  if (people.length === 1) who = people[0];
  else if (people.length === 2) who = `${people[0]} and ${people[1]}`;
  else if (people.length > 2) who = `${people[0]} et al.`;
  else if (options.compact) who = shortTitle(source.type === 'webpage' && container ? container : source.title || source.id, 6, ' …');
  else if (container && source.type === 'webpage') who = `${container}, “${shortTitle(source.title)}”`;
  else who = shortTitle(source.title);
  return year ? `${who} ${year}` : who;
}

/** A title cut at its first colon or after `maxWords` words. */
export function shortTitle(title: string, maxWords = 8, ellipsis = '…'): string {
  const main = String(title).split(/:\s/)[0];
  const words = main.split(/\s+/);
  return words.length > maxWords ? words.slice(0, maxWords).join(' ') + ellipsis : main;
}
