import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDataset } from '../../../src/core/dataset/loader';
import { at, fixtureText, parseFixture } from './helpers';

describe('dataset loader', () => {
  it('loads a valid dataset with no problems', () => {
    const p = parseFixture('good.yaml');
    assert.deepEqual(p.problems, []);
    assert.equal(p.file?.id, 'thaw-sample');
    assert.equal(p.file?.title, 'Thaw sample');
    assert.equal(p.file?.sources?.length, 2);
    assert.equal(p.file?.people?.length, 3);
    assert.equal(p.file?.places?.length, 4);
    assert.equal(p.file?.events?.length, 6);
  });

  it('turns a whole-number year into EDTF text', () => {
    const p = parseFixture('good.yaml');
    assert.equal(p.file?.sources?.[0].issued, '2003');
    assert.equal(p.file?.events?.find((e) => e.id === 'secret-speech')?.date, '1956-02-25');
  });

  it('records where each entry id is written', () => {
    const p = parseFixture('good.yaml');
    // line 24 (0-based): "  - id: nikita-khrushchev"
    assert.deepEqual(p.locations.get('nikita-khrushchev'), { start: { line: 24, character: 8 }, end: { line: 24, character: 25 } });
    assert.equal(p.locations.size, 2 + 3 + 4 + 6);
  });

  it('leaves reference checks to the index', () => {
    const p = parseFixture('references.yaml');
    assert.deepEqual(p.problems, []);
    assert.deepEqual(
      p.references.map((r) => `${r.field}:${r.targetId}`),
      ['sources:taubman2003', 'sources:missing-source', 'places:joseph-stalin', 'participants:nikita-khrushchev', 'participants:nobody-known'],
    );
  });

  describe('a file with broken entries', () => {
    const p = parseFixture('broken-entries.yaml');

    it('skips each bad entry and loads every other', () => {
      assert.deepEqual(
        p.file?.events?.map((e) => e.id),
        ['good-one', 'typo-field', 'good-two'],
      );
      assert.deepEqual(p.file?.sources?.map((s) => s.id), ['src-a']);
    });

    it('reports each problem where it is', () => {
      assert.deepEqual(p.problems.map(at), [
        'bad-date@14:10',
        'schema@16:4',
        'unknown-field@22:4',
        'bad-date@26:10',
        'duplicate-id@28:8',
        'schema@32:8',
        'schema@39:18',
      ]);
    });

    it('explains an impossible day in words', () => {
      const bad = p.problems.find((x) => x.code === 'bad-date' && x.range.start.line === 14);
      assert.equal(bad?.severity, 'error');
      assert.match(bad!.message, /^events\[1\] 'secret-speech': date '1956-02-30' is not a valid EDTF date \(February 1956 has 29 days\)/);
      assert.deepEqual(bad?.range.end, { line: 14, character: 20 });
    });

    it('explains an interval that ends before it starts', () => {
      const bad = p.problems.find((x) => x.code === 'bad-date' && x.range.start.line === 26);
      assert.match(bad!.message, /ends \(1962\) before it starts \(1964\)/);
    });

    it('names a missing required field', () => {
      const missing = p.problems.find((x) => x.code === 'schema' && x.range.start.line === 16);
      assert.equal(missing?.message, "events[2] 'no-date': the required field 'date' is missing.");
    });

    it('warns of an unknown field, suggests the right one, and drops it', () => {
      const unknown = p.problems.find((x) => x.code === 'unknown-field');
      assert.equal(unknown?.severity, 'warning');
      assert.match(unknown!.message, /unknown field 'sorces'.*Did you mean 'sources'\?/);
      assert.deepEqual(unknown?.range.end, { line: 22, character: 10 });
      const entry = p.file?.events?.find((e) => e.id === 'typo-field') as unknown as Record<string, unknown>;
      assert.equal('sorces' in entry, false);
      assert.equal(entry.date, '1962');
    });

    it('refuses a second entry with the same id', () => {
      const dup = p.problems.find((x) => x.code === 'duplicate-id');
      assert.equal(dup?.severity, 'error');
      assert.match(dup!.message, /'good-one' is already used by events\[0\]/);
      assert.equal(p.file?.events?.find((e) => e.id === 'good-one')?.label, 'Good one');
    });

    it('suggests a kebab-case id and says what type a field needs', () => {
      assert.match(p.problems.find((x) => x.range.start.line === 32)!.message, /not a valid id.*'bad-id'/);
      assert.equal(
        p.problems.find((x) => x.range.start.line === 39)!.message,
        "events[7] 'wrong-type': 'participants' must be a list, not text ('someone').",
      );
    });

    it('positions the same problems in a CRLF file', () => {
      const crlf = parseDataset(fixtureText('broken-entries.yaml').replace(/\n/g, '\r\n'), 'crlf.yaml');
      assert.deepEqual(crlf.problems.map(at), p.problems.map(at));
      assert.deepEqual(
        crlf.problems.map((x) => x.range),
        p.problems.map((x) => x.range),
      );
      assert.deepEqual(crlf.file?.events?.map((e) => e.id), ['good-one', 'typo-field', 'good-two']);
    });
  });

  it('reports a YAML syntax error in place and loads the entries around it', () => {
    const p = parseFixture('syntax-error.yaml');
    assert.deepEqual(p.problems.map(at), ['yaml-syntax@13:11']);
    assert.deepEqual(p.file?.events?.map((e) => e.id), ['before', 'after']);
  });

  it('refuses an alias bomb with a clear message', () => {
    const p = parseFixture('alias-bomb.yaml');
    assert.equal(p.file, undefined);
    assert.deepEqual(p.problems.map(at), ['alias-bomb@4:7']);
    assert.match(p.problems[0].message, /aliases.*too many copies/);
  });

  it('accepts a modest use of aliases', () => {
    const text = [
      'annalist: 1', 'id: aliases', 'title: Aliases',
      'sources: [{id: s1, type: book, title: T}]',
      'places:',
      '  - {id: p1, label: P1, sources: &src [s1]}',
      '  - {id: p2, label: P2, sources: *src}',
    ].join('\n');
    const p = parseDataset(text, 'a.yaml');
    assert.deepEqual(p.problems, []);
    assert.deepEqual(p.file?.places?.[1].sources, ['s1']);
  });

  it('refuses a text over the size limit without parsing it', () => {
    const text = 'annalist: 1\nid: big\ntitle: Big\n' + '#'.repeat(2000);
    const p = parseDataset(text, 'big.yaml', { maxBytes: 1000 });
    assert.equal(p.file, undefined);
    assert.deepEqual(p.problems.map(at), ['too-large@0:0']);
    assert.match(p.problems[0].message, /more than the 1000 bytes Annalist reads; it was not loaded/);
  });

  it('counts the size in UTF-8 bytes', () => {
    const text = 'annalist: 1\nid: big\ntitle: ' + 'é'.repeat(600) + '\n';
    assert.equal(parseDataset(text, 'x.yaml', { maxBytes: 1000 }).problems[0]?.code, 'too-large');
    assert.deepEqual(parseDataset(text, 'x.yaml', { maxBytes: 2000 }).problems, []);
  });

  it('says what is wrong with a file that is not a dataset mapping', () => {
    const list = parseDataset('- a\n- b\n', 'list.yaml');
    assert.equal(list.file, undefined);
    assert.match(list.problems[0].message, /must be a YAML mapping .* not a list/);
    const empty = parseDataset('', 'empty.yaml');
    assert.equal(empty.file, undefined);
    assert.match(empty.problems[0].message, /empty/);
    const binary = parseDataset('\u0000\u0001\u0002PK', 'zip.yaml');
    assert.equal(binary.file, undefined);
    assert.match(binary.problems[0].message, /binary data/);
  });

  it('reports problems of the dataset header and still loads its entries', () => {
    const p = parseDataset('annalist: 2\nid: Not Kebab\nplaces: [{id: p, label: P, sources: []}]\n', 'dir/my-notes.yaml');
    assert.deepEqual(p.problems.map(at), ['schema@0:0', 'schema@0:10', 'schema@1:4']);
    assert.equal(p.file?.id, 'my-notes');
    assert.deepEqual(p.file?.places?.map((x) => x.id), ['p']);
  });

  it('never throws, whatever the input', () => {
    const odd: unknown[] = [undefined, null, 42, '', '\ufeff', '{', ']]]', '- [', 'a'.repeat(5_000_000), '\ud800', '?\n: :', '*x', '!!binary AAAA', 'annalist: 1\nevents: [[[]]]\npeople: {a: 1}', '__proto__: {polluted: 1}\nconstructor: 2'];
    for (const input of odd) {
      const p = parseDataset(input as string, 'odd.yaml');
      assert.ok(Array.isArray(p.problems));
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const p = parseDataset(s, 'fuzz.yaml');
        for (const q of p.problems) assert.ok(q.range.start.line >= 0 && q.range.start.character >= 0 && typeof q.message === 'string' && q.message.length > 0);
      }),
      { numRuns: 300 },
    );
  });

  it('survives arbitrary dataset-shaped YAML', () => {
    const value = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }));
    const entry = fc.dictionary(fc.constantFrom('id', 'label', 'date', 'names', 'sources', 'born', 'accept', 'disputes', 'x'), value);
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 5 }), (entries) => {
        const text = JSON.stringify({ annalist: 1, id: 'fuzz', title: 'Fuzz', events: entries, people: entries });
        const p = parseDataset(text, 'fuzz.json');
        assert.ok(p.file);
        for (const e of p.file.events ?? []) assert.equal(typeof e.date, 'string');
      }),
      { numRuns: 200 },
    );
  });
});
