import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadBibliography } from '../../../src/core/cite/bibliography';
import {
  bibliographyWorkerRunning, disposeBibliographyPool, parseBibliographyOffThread,
} from '../../../src/node/bibliography-pool';
import { answerBibliographyRequest } from '../../../src/node/bibliography-worker';

const SHIM = join(__dirname, 'fixtures/bibliography-worker-shim.cjs');
const FAILING = join(__dirname, 'fixtures/failing-worker.cjs');
const GARBAGE = join(__dirname, 'fixtures/silent-worker.cjs');

function bib(prefix: string, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`@book{${prefix}${i},\n  title = {Volume ${i} by ${prefix}},\n  author = {Writer, W.},\n  year = {${1900 + (i % 100)}},\n}\n`);
  return out.join('\n');
}

describe('bibliography worker protocol', () => {
  it('answers a request with the parse of its text, under its id', () => {
    const text = '@book{a1, title = {One}, year = 1950}\n@book{broken, title = {x}\n@book{a2, title = {Two}}\n';
    const reply = answerBibliographyRequest({ id: 42, text, uri: 'file:///p.bib' });
    assert.equal(reply.id, 42);
    assert.deepEqual(reply.result, loadBibliography(text, 'file:///p.bib'));
    const keys = reply.result.entries.map((e) => e.key);
    assert.ok(keys.includes('a1') && keys.includes('a2'), keys.join());
    assert.ok(reply.result.problems.some((p) => p.code === 'bib-unclosed-entry' || p.code === 'bib-syntax'), JSON.stringify(reply.result.problems));
  });

  it('honours an explicit format', () => {
    const reply = answerBibliographyRequest({ id: 1, text: '[{"id": "j1", "type": "book", "title": "J"}]', uri: 'file:///no-extension', format: 'csl-json' });
    assert.deepEqual(reply.result.entries.map((e) => e.key), ['j1']);
  });

  it('turns a malformed message into a result holding one problem', () => {
    const none = answerBibliographyRequest(null);
    assert.equal(none.id, -1);
    assert.deepEqual(none.result.entries, []);
    assert.equal(none.result.problems.length, 1);
    const noText = answerBibliographyRequest({ id: 3, uri: 'file:///x.bib', text: 5 });
    assert.equal(noText.id, 3);
    assert.equal(noText.result.problems[0].uri, 'file:///x.bib');
    assert.match(noText.result.problems[0].message, /could not be read/);
  });
});

describe('parseBibliographyOffThread', function () {
  afterEach(() => disposeBibliographyPool());

  it('parses small files inline, without starting a worker', async () => {
    const text = bib('small', 3);
    const r = await parseBibliographyOffThread(text, 'file:///small.bib', { workerPath: SHIM });
    assert.deepEqual(r, loadBibliography(text, 'file:///small.bib'));
    assert.equal(bibliographyWorkerRunning(), false);
  });

  it('parses large files in one shared worker, matching concurrent answers to their requests', async () => {
    const texts = ['alpha', 'beta', 'gamma', 'delta'].map((p, i) => ({ uri: `file:///${p}.bib`, text: bib(p, 50 + i * 30) }));
    const results = await Promise.all(texts.map((t) => parseBibliographyOffThread(t.text, t.uri, { workerPath: SHIM, minSizeForWorker: 1000 })));
    assert.equal(bibliographyWorkerRunning(), true);
    results.forEach((r, i) => {
      assert.deepEqual(r, loadBibliography(texts[i].text, texts[i].uri));
      assert.equal(r.entries.length, 50 + i * 30);
      assert.ok(r.entries.every((e) => e.origin.uri === texts[i].uri));
    });
    // The same worker serves later requests.
    const again = await parseBibliographyOffThread(bib('late', 20), 'file:///late.bib', { workerPath: SHIM, minSizeForWorker: 0 });
    assert.equal(again.entries.length, 20);
  });

  it('gives every good entry of a file with a broken one, through the worker', async () => {
    const text = `${bib('good', 10)}\n@book{bad, title = {never closed\n${bib('more', 10)}`;
    const r = await parseBibliographyOffThread(text, 'file:///mixed.bib', { workerPath: SHIM, minSizeForWorker: 0 });
    assert.ok(r.problems.length >= 1);
    assert.equal(r.entries.filter((e) => e.key.startsWith('good')).length, 10);
    assert.equal(r.entries.filter((e) => e.key.startsWith('more')).length, 10);
  });

  it('falls back to parsing inline when the worker cannot start', async () => {
    const text = bib('fallback', 5);
    const missing = await parseBibliographyOffThread(text, 'file:///m.bib', { workerPath: join(__dirname, 'fixtures/no-such-worker.js'), minSizeForWorker: 0 });
    assert.deepEqual(missing, loadBibliography(text, 'file:///m.bib'));
    disposeBibliographyPool();
    const dying = await Promise.all([1, 2, 3].map((i) => parseBibliographyOffThread(bib(`d${i}x`, i), `file:///d${i}.bib`, { workerPath: FAILING, minSizeForWorker: 0 })));
    dying.forEach((r, i) => assert.equal(r.entries.length, i + 1));
    // Once broken, later files are parsed inline until the pool is disposed.
    const later = await parseBibliographyOffThread(text, 'file:///later.bib', { workerPath: FAILING, minSizeForWorker: 0 });
    assert.equal(later.entries.length, 5);
    assert.equal(bibliographyWorkerRunning(), false);
  });

  it('parses inline when the worker answers with something that is not a bibliography', async () => {
    const text = bib('garbage', 4);
    const r = await parseBibliographyOffThread(text, 'file:///g.bib', { workerPath: GARBAGE, minSizeForWorker: 0 });
    assert.deepEqual(r, loadBibliography(text, 'file:///g.bib'));
  });

  it('stops the worker on dispose and starts a new one when needed', async () => {
    await parseBibliographyOffThread(bib('one', 2), 'file:///one.bib', { workerPath: SHIM, minSizeForWorker: 0 });
    assert.equal(bibliographyWorkerRunning(), true);
    disposeBibliographyPool();
    assert.equal(bibliographyWorkerRunning(), false);
    const r = await parseBibliographyOffThread(bib('two', 2), 'file:///two.bib', { workerPath: SHIM, minSizeForWorker: 0 });
    assert.equal(r.entries.length, 2);
    assert.equal(bibliographyWorkerRunning(), true);
  });

  it('resolves requests still waiting when the pool is disposed', async () => {
    const pending = parseBibliographyOffThread(bib('wait', 30), 'file:///wait.bib', { workerPath: SHIM, minSizeForWorker: 0 });
    disposeBibliographyPool();
    const r = await pending;
    assert.equal(r.entries.length, 30);
  });

  it('never keeps a process alive, yet holds it until a pending answer arrives', function () {
    this.timeout(40_000);
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/pool-exits.ts')], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(child.signal, null, `the child was killed (it hung): ${child.stderr}`);
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout.trim(), 'entries=childkey');
  });
});
