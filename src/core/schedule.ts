/**
 * Per-document scheduling of work after edits: one pending or running computation per document, a newer
 * request cancels the older one, and a result computed for a version the document has left is dropped.
 * Timers are injected so the policy is tested without an editor (and without sleeping).
 */
import type { CancellationLike } from './types';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

class Cancellation implements CancellationLike {
  isCancellationRequested = false;
}

interface Pending {
  handle?: unknown;
  token: Cancellation;
  version: number;
}

/** What a computation produced, for the document version it ran on. */
export type Deliver<T> = (key: string, version: number, result: T) => void;

export class DocumentScheduler<T> {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly timers: Timers,
    private readonly compute: (key: string, token: CancellationLike) => T | Promise<T>,
    private readonly currentVersion: (key: string) => number | undefined,
    private readonly deliver: Deliver<T>,
    private readonly onError: (key: string, err: unknown) => void = () => undefined,
  ) {}

  /** Schedules a run for `key` at `version` after `delayMs`, cancelling any earlier one. */
  schedule(key: string, version: number, delayMs: number): void {
    this.cancel(key);
    const entry: Pending = { token: new Cancellation(), version };
    this.pending.set(key, entry);
    entry.handle = this.timers.setTimeout(() => void this.run(key, entry), Math.max(0, delayMs));
  }

  /** Cancels pending and running work for `key` (on close, or before a newer run). */
  cancel(key: string): void {
    const p = this.pending.get(key);
    if (!p) return;
    p.token.isCancellationRequested = true;
    if (p.handle !== undefined) this.timers.clearTimeout(p.handle);
    this.pending.delete(key);
  }

  /** Cancels everything. */
  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }

  /** Number of documents with work pending or running. */
  get size(): number {
    return this.pending.size;
  }

  private async run(key: string, entry: Pending): Promise<void> {
    entry.handle = undefined;
    let result: T;
    try {
      result = await this.compute(key, entry.token);
    } catch (err) {
      if (this.pending.get(key) === entry) this.pending.delete(key);
      if (!entry.token.isCancellationRequested) this.onError(key, err);
      return;
    }
    if (this.pending.get(key) === entry) this.pending.delete(key);
    if (entry.token.isCancellationRequested) return;
    if (this.currentVersion(key) !== entry.version) return;
    this.deliver(key, entry.version, result);
  }
}
