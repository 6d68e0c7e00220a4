import { strict as assert } from 'node:assert';
import { DocumentScheduler, type Timers } from '../../../src/core/schedule';
import type { CancellationLike } from '../../../src/core/types';

/** Manual clock: timers fire only when the test says so. */
class ManualTimers implements Timers {
  private next = 1;
  readonly queue = new Map<number, { fn: () => void; ms: number }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.queue.set(id, { fn, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue.delete(handle as number);
  }
  async fireAll(): Promise<void> {
    const items = [...this.queue.values()];
    this.queue.clear();
    for (const t of items) t.fn();
    await new Promise((r) => setImmediate(r));
  }
}

describe('DocumentScheduler', () => {
  it('runs once after the delay, for the latest request only', async () => {
    const timers = new ManualTimers();
    const runs: string[] = [];
    const delivered: [string, number, string][] = [];
    const versions = new Map([['a', 3]]);
    const s = new DocumentScheduler<string>(timers, (k) => { runs.push(k); return `result-${k}`; }, (k) => versions.get(k), (k, v, r) => delivered.push([k, v, r]));
    s.schedule('a', 1, 100);
    s.schedule('a', 2, 100);
    s.schedule('a', 3, 250);
    assert.equal(timers.queue.size, 1, 'earlier timers are cleared');
    assert.equal([...timers.queue.values()][0].ms, 250);
    await timers.fireAll();
    assert.deepEqual(runs, ['a']);
    assert.deepEqual(delivered, [['a', 3, 'result-a']]);
    assert.equal(s.size, 0);
  });

  it('drops a result computed for a version the document has left', async () => {
    const timers = new ManualTimers();
    const versions = new Map([['a', 1]]);
    const delivered: number[] = [];
    const s = new DocumentScheduler<number>(timers, () => { versions.set('a', 2); return 1; }, (k) => versions.get(k), (_k, v) => delivered.push(v));
    s.schedule('a', 1, 0);
    await timers.fireAll();
    assert.deepEqual(delivered, []);
  });

  it('cancels a running computation when a newer edit arrives', async () => {
    const timers = new ManualTimers();
    let seen: CancellationLike | undefined;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const delivered: number[] = [];
    const versions = new Map([['a', 1]]);
    const s = new DocumentScheduler<number>(timers, async (_k, token) => { seen = token; await gate; return 7; }, (k) => versions.get(k), (_k, v) => delivered.push(v));
    s.schedule('a', 1, 0);
    await timers.fireAll();
    assert.equal(seen?.isCancellationRequested, false);
    versions.set('a', 2);
    s.schedule('a', 2, 50);
    assert.equal(seen?.isCancellationRequested, true, 'the older run sees its token cancelled');
    release();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(delivered, [], 'the cancelled run delivers nothing');
    await timers.fireAll();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(delivered, [2]);
  });

  it('keeps documents independent and reports errors without delivering', async () => {
    const timers = new ManualTimers();
    const errors: string[] = [];
    const delivered: string[] = [];
    const s = new DocumentScheduler<string>(timers, (k) => { if (k === 'bad') throw new Error('boom'); return k; }, () => 1, (k) => delivered.push(k), (k, e) => errors.push(`${k}:${(e as Error).message}`));
    s.schedule('good', 1, 10);
    s.schedule('bad', 1, 10);
    await timers.fireAll();
    assert.deepEqual(delivered, ['good']);
    assert.deepEqual(errors, ['bad:boom']);
  });

  it('cancel on close leaves nothing pending', () => {
    const timers = new ManualTimers();
    const s = new DocumentScheduler<string>(timers, (k) => k, () => 1, () => undefined);
    s.schedule('a', 1, 10);
    s.cancel('a');
    assert.equal(timers.queue.size, 0);
    assert.equal(s.size, 0);
  });
});
