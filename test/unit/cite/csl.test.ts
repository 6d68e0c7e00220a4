import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCslJson, parseCslYaml, referencesFromFrontMatter } from '../../../src/core/cite/csl';

const FIXTURES = join(__dirname, '../../fixtures/bib');

describe('parseCslJson', () => {
  const text = readFileSync(join(FIXTURES, 'library.json'), 'utf8');
  const { entries, problems } = parseCslJson(text, 'file:///library.json');

  it('loads valid items, skips the one without id and reports it', () => {
    assert.deepEqual(entries.map((e) => e.key), ['jsontest1999', '4242']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'csl-missing-id');
    assert.equal(problems[0].range.start.line, text.split('\n').findIndex((l) => l.includes('an item without id')) - 2);
  });

  it('places each item at its "id" value', () => {
    const line = text.split('\n').findIndex((l) => l.includes('"jsontest1999"'));
    const character = text.split('\n')[line].indexOf('jsontest1999');
    assert.deepEqual(entries[0].origin.range, { start: { line, character }, end: { line, character: character + 'jsontest1999'.length } });
  });

  it('turns EDTF-like date strings into date-parts', () => {
    assert.deepEqual(entries[1].item.issued, { 'date-parts': [[2004, 5]] });
  });

  it('keeps the good items of a file with a JSON error, and reports the error in place', () => {
    const broken = '[\n{"id": "a", "type": "book", "title": "A"},\n{"id": "b", "type": "book" "title": "B"},\n{"id": "c", "type": "book"}\n]';
    const r = parseCslJson(broken, 'file:///b.json');
    assert.deepEqual(r.entries.map((e) => e.key), ['a', 'c']);
    assert.ok(r.problems.some((p) => p.code === 'csl-syntax' && p.range.start.line === 2));
  });

  it('reports duplicate ids and keeps the first', () => {
    const r = parseCslJson('[{"id": "a", "type": "book", "title": "One"}, {"id": "a", "type": "book", "title": "Two"}]', 'file:///d.json');
    assert.equal(r.entries.length, 1);
    assert.equal(r.entries[0].item.title, 'One');
    assert.equal(r.problems[0].code, 'bib-duplicate-key');
  });

  it('reads a single item and rejects a scalar with a problem', () => {
    assert.deepEqual(parseCslJson('{"id": "solo", "type": "book"}', 'file:///s.json').entries.map((e) => e.key), ['solo']);
    const r = parseCslJson('42', 'file:///n.json');
    assert.equal(r.entries.length, 0);
    assert.ok(r.problems.length > 0);
  });
});

describe('parseCslYaml', () => {
  const text = readFileSync(join(FIXTURES, 'library.yaml'), 'utf8');
  const { entries, problems } = parseCslYaml(text, 'file:///library.yaml');

  it('reads Pandoc references with positions', () => {
    assert.deepEqual(entries.map((e) => e.key), ['yamltest1975', 'yamltest1980']);
    const line = text.split('\n').findIndex((l) => l.includes('id: yamltest1975'));
    assert.equal(entries[0].origin.range.start.line, line);
    assert.deepEqual(entries[0].item.author, [{ family: 'Yamlson', given: 'Yolanda' }]);
    assert.deepEqual(entries[1].item.issued, { 'date-parts': [[1980, 2]] });
  });

  it('reports the item without id on its line', () => {
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'csl-missing-id');
    assert.equal(problems[0].range.start.line, text.split('\n').findIndex((l) => l.includes('- type: book')));
  });

  it('accepts a bare list and reports YAML errors without throwing', () => {
    assert.deepEqual(parseCslYaml('- id: a\n  type: book\n', 'file:///l.yaml').entries.map((e) => e.key), ['a']);
    const r = parseCslYaml('references:\n  - id: a\n    title: [unclosed\n', 'file:///e.yaml');
    assert.ok(r.problems.some((p) => p.code === 'csl-syntax'));
  });
});

describe('referencesFromFrontMatter', () => {
  it('reads inline references', () => {
    const r = referencesFromFrontMatter({ title: 'Essay', references: [{ id: 'inline1', type: 'book', title: 'T', issued: '1961' }, { title: 'no id' }] }, 'file:///essay.md');
    assert.deepEqual(r.entries.map((e) => e.key), ['inline1']);
    assert.deepEqual(r.entries[0].item.issued, { 'date-parts': [[1961]] });
    assert.equal(r.problems[0].code, 'csl-missing-id');
  });

  it('ignores front matter without references and reports a non-list', () => {
    assert.deepEqual(referencesFromFrontMatter({ title: 'x' }, 'u'), { entries: [], problems: [] });
    assert.deepEqual(referencesFromFrontMatter(null, 'u'), { entries: [], problems: [] });
    assert.equal(referencesFromFrontMatter({ references: 'x' }, 'u').problems.length, 1);
  });
});
