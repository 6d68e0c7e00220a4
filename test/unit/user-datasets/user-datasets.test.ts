import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { datasetPathsFromFrontMatter, DocumentIndexCache } from '../../../src/core/dataset/calendar-dates';
import { parseDataset } from '../../../src/core/dataset/loader';
import { buildIndex } from '../../../src/core/dataset/index';
import { analyzeText } from '../../../src/core/text/analysis';
import { loadShippedDataset } from '../../../src/node/datasets';
import { dayNumber } from '../../../src/core/dates/interval';
import { fixture, misdated, USER_FIXTURES } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');
const REVOLUTION_DIR = path.join(ROOT, 'examples', 'revolution');
const REVOLUTION_YAML = path.join(REVOLUTION_DIR, '.annalist', 'revolution.yaml');
const REVOLUTION_ESSAY = path.join(REVOLUTION_DIR, 'essay.md');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function annalist(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('user datasets: front matter', () => {
  it('reads annalist-datasets as a string or a list, trimmed, without blanks or repeats', () => {
    assert.deepEqual(datasetPathsFromFrontMatter({ 'annalist-datasets': 'data/mine.yaml' }), ['data/mine.yaml']);
    assert.deepEqual(datasetPathsFromFrontMatter({ 'annalist-datasets': [' a.yaml ', 'b.yaml', 'a.yaml', '', 3, null] }), ['a.yaml', 'b.yaml']);
    for (const bad of [undefined, null, 'x', 42, [], ['a.yaml'], {}, { 'annalist-datasets': { a: 1 } }, { 'annalist-datasets': 7 }]) {
      assert.deepEqual(datasetPathsFromFrontMatter(bad), []);
    }
  });

  it('finds the paths in a document, CRLF included', () => {
    const text = '---\ntitle: T\nannalist-datasets: [one.yaml, "sub dir/two.yaml"]\n---\n\nProse.\n';
    for (const t of [text, text.replace(/\n/g, '\r\n')]) {
      const a = analyzeText(t, 'markdown');
      assert.deepEqual(datasetPathsFromFrontMatter(a.frontMatter?.data), ['one.yaml', 'sub dir/two.yaml']);
    }
    assert.deepEqual(datasetPathsFromFrontMatter(analyzeText('---\nannalist-datasets: [unclosed\n---\n', 'markdown').frontMatter?.data), []);
  });

  it('caches a per-document index by its list of paths, most recent first, and forgets on clear', () => {
    const cache = new DocumentIndexCache<number>(2);
    let made = 0;
    const make = () => ++made;
    assert.equal(cache.get(['a.yaml'], make), 1);
    assert.equal(cache.get(['a.yaml'], make), 1);
    assert.equal(cache.get(['a.yaml', 'b.yaml'], make), 2);
    assert.equal(cache.get(['b.yaml', 'a.yaml'], make), 3); // order matters: later datasets win
    assert.equal(cache.size, 2);
    assert.equal(cache.get(['a.yaml'], make), 4); // evicted as least recently used
    cache.clear();
    assert.equal(cache.size, 0);
  });
});

describe('user datasets: clashes and broken files', () => {
  it('a workspace entry with a shipped id replaces it, reported once, and its date is the one checked', () => {
    const shipped = loadShippedDataset();
    const mine = parseDataset(fixture('clash-with-shipped.yaml'), 'file:///ws/.annalist/clash.yaml');
    assert.deepEqual(mine.problems, []);
    const { index, problems } = buildIndex([shipped, mine], { shippedUris: [shipped.uri] });
    const clashes = problems.filter((p) => p.code === 'duplicate-id');
    assert.equal(clashes.length, 1);
    assert.equal(clashes[0].uri, mine.uri);
    assert.equal(clashes[0].range.start.line, 9);
    assert.match(clashes[0].message, /shipped dataset/);
    const ev = index.get('secret-speech');
    assert.ok(ev && ev.kind === 'event');
    assert.equal(ev.uri, mine.uri);
    assert.equal(ev.interval.start, dayNumber(1956, 2, 26));
    assert.equal(misdated('The Secret Speech was delivered on 26 February 1956.', index).length, 0);
    assert.equal(misdated('The Secret Speech was delivered on 20 February 1956.', index).length, 1);
  });

  it('a broken user dataset reports each problem where it is, and its good entries keep working', () => {
    const parsed = parseDataset(fixture('broken.yaml'), 'file:///ws/.annalist/broken.yaml');
    const { index, problems } = buildIndex([parsed]);
    const all = [...parsed.problems, ...problems].map((p) => `${p.code}@${p.range.start.line}`).sort();
    assert.deepEqual(all, ['bad-date@24', 'missing-reference@40', 'schema@26', 'unknown-field@13'].sort());
    // Good entries load and check; broken ones are skipped and never flag anything.
    assert.ok(index.get('pier-opening'));
    assert.ok(index.get('old-calendar-fair'));
    assert.equal(index.get('flood'), undefined);
    assert.equal(misdated('The New Pier opening took place on 2 June 1888.', index).length, 0);
    assert.equal(misdated('The New Pier opening took place on 2 June 1889.', index).length, 1);
    assert.equal(misdated('The Old Calendar Fair opened on 1 May 1889.', index).length, 0);
    assert.equal(misdated('The Great Harbour Flood came on 3 March 1891.', index).length, 0);
  });
});

describe('user datasets: the revolution sample', () => {
  const text = fs.readFileSync(REVOLUTION_YAML, 'utf8');

  it('loads with zero problems: 8–12 events, every source with a URL and a title, every entry sourced', () => {
    const parsed = parseDataset(text, 'file:///revolution.yaml');
    assert.deepEqual(parsed.problems, []);
    const { index, problems } = buildIndex([parsed]);
    assert.deepEqual(problems, []);
    assert.ok(index.events.length >= 8 && index.events.length <= 12, `${index.events.length} events`);
    for (const s of index.sources) {
      assert.match(s.URL ?? '', /^https?:\/\//, s.id);
      assert.ok(s.title.length > 0);
    }
    for (const e of [...index.events, ...index.people, ...index.places]) assert.ok(e.sources.length > 0, e.id);
    const october = index.get('october-revolution');
    assert.ok(october && october.kind === 'event');
    assert.equal(october.interval.start, dayNumber(1917, 11, 7));
  });

  it('flags exactly the misdated sentence of the essay (core)', () => {
    const index = buildIndex([parseDataset(text, 'file:///revolution.yaml')]).index;
    const d = misdated(fs.readFileSync(REVOLUTION_ESSAY, 'utf8'), index);
    assert.equal(d.length, 1);
    assert.equal(d[0].data?.event, 'lenin-returns');
    assert.match(d[0].message, /compared in the New Style, Gregorian calendar/);
  });

  describe('through the CLI (dist/cli.js)', function () {
    before(function () {
      if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` (npm run test:unit does it)');
    });

    it('check --no-shipped --dataset revolution.yaml essay.md flags exactly the misdating', () => {
      const r = annalist('check', '--no-shipped', '--dataset', 'examples/revolution/.annalist/revolution.yaml', 'examples/revolution/essay.md');
      assert.equal(r.code, 1, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 1, r.stdout);
      assert.match(lines[0], /^examples\/revolution\/essay\.md:15:\d+: warning: Lenin's return to Petrograd: .*\[misdated-event\]$/);
      assert.equal(r.stderr, '');
    });

    it('the essay front matter alone brings its dataset', () => {
      const r = annalist('check', '--no-shipped', 'examples/revolution/essay.md');
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stdout.trim().split('\n').length, 1);
      assert.match(r.stdout, /Lenin's return to Petrograd/);
    });

    it('front-matter datasets merge per document; their problems and a missing file go to stderr', () => {
      const essay = path.relative(ROOT, path.join(USER_FIXTURES, 'front-matter-essay.md'));
      const r = annalist('check', '--no-shipped', essay);
      assert.equal(r.code, 1);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 1, r.stdout);
      assert.match(lines[0], /New Pier/);
      assert.match(r.stderr, /missing-dataset\.yaml/);
      assert.match(r.stderr, /bad-date/);
    });
  });
});

describe('scripts/check-subject-words.mjs', () => {
  const SCRIPT = path.join(ROOT, 'scripts', 'check-subject-words.mjs');
  const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });

  it('derives proper names of the shipped dataset, not common words', () => {
    const r = run('--list');
    assert.equal(r.status, 0, r.stderr);
    const list = r.stdout.trim().split('\n');
    for (const w of ['Khrushchev', 'Stalin', 'Brezhnev']) assert.ok(list.includes(w), w);
    for (const w of ['Speech', 'Congress', 'October', 'Secretary', 'Partial']) assert.ok(!list.includes(w), w);
    assert.ok(list.every((w) => w.length >= 4));
  });

  it('fails with file:line on a folder naming the subject, passes on a clean one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'annalist-words-'));
    fs.writeFileSync(path.join(dir, 'clean.ts'), '// Any dataset in the same format.\r\nexport const x = 1;\n');
    assert.equal(run('data/destalinization.yaml', dir).status, 0);
    fs.writeFileSync(path.join(dir, 'tied.ts'), 'const a = 1;\r\n// as when Khrushchev spoke\n');
    const r = run('data/destalinization.yaml', dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /tied\.ts:2: Khrushchev/);
    assert.equal(run('no/such/dataset.yaml', dir).status, 2);
  });
});
