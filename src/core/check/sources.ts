/** How a check names dataset sources in a message: "Brand 1999", or a short title when no author is recorded. */
import type { DatasetIndex, IndexedSource } from '../dataset/index';
import { shortReference } from '../dataset/sources';

/** "Brand 1999", "Brand and Smith 1999", "Brand et al. 1999"; the site or shortened title when there is no author. */
export function shortCitation(source: IndexedSource): string {
  return shortReference(source, { compact: true });
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
