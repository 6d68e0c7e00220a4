/**
 * A per-document memo: the result of an analysis is kept for the document version it was computed for, so
 * hovers after the first check cost a lookup, not a re-analysis.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: number; key: unknown; value: T }>();

  constructor(private readonly capacity = 50) {}

  /** The cached value for (uri, version, key), or a new one from `make`. `key` invalidates on identity change (e.g. a new index). */
  get(uri: string, version: number, key: unknown, make: () => T): T {
    const hit = this.entries.get(uri);
    if (hit && hit.version === version && hit.key === key) {
      this.entries.delete(uri);
      this.entries.set(uri, hit); // most recently used last
      return hit.value;
    }
    const value = make();
    this.entries.delete(uri);
    this.entries.set(uri, { version, key, value });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
