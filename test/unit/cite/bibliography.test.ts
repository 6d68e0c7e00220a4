import { strict as assert } from 'node:assert';
import { bibliographyFormatOf, bibliographyPathsFromFrontMatter, loadBibliography, sourcesToEntries } from '../../../src/core/cite/bibliography';
import { cslDateFromEdtf } from '../../../src/core/cite/date';
import type { SourceRecord } from '../../../src/core/dataset/model';

describe('bibliography', () => {
  it('reads bibliography paths from front matter', () => {
    assert.deepEqual(bibliographyPathsFromFrontMatter({ bibliography: 'refs.bib' }), ['refs.bib']);
    assert.deepEqual(bibliographyPathsFromFrontMatter({ bibliography: ['a.bib', ' b.json ', 3, ''] }), ['a.bib', 'b.json']);
    assert.deepEqual(bibliographyPathsFromFrontMatter({}), []);
    assert.deepEqual(bibliographyPathsFromFrontMatter('bibliography: x'), []);
  });

  it('chooses the format by extension, or by content', () => {
    assert.equal(bibliographyFormatOf('file:///x/Refs.BIB'), 'bibtex');
    assert.equal(bibliographyFormatOf('refs.bibtex'), 'bibtex');
    assert.equal(bibliographyFormatOf('refs.json?x=1'), 'csl-json');
    assert.equal(bibliographyFormatOf('refs.yml'), 'csl-yaml');
    assert.equal(bibliographyFormatOf('refs.txt'), undefined);
    assert.deepEqual(loadBibliography('@book{a, title={T}}', 'refs.bib').entries.map((e) => e.key), ['a']);
    assert.deepEqual(loadBibliography('[{"id":"j","type":"book"}]', 'refs.json').entries.map((e) => e.key), ['j']);
    assert.deepEqual(loadBibliography('- id: y\n  type: book\n', 'refs.yaml').entries.map((e) => e.key), ['y']);
    assert.deepEqual(loadBibliography('@book{s, title={T}}', 'refs.txt').entries.map((e) => e.key), ['s']);
    assert.deepEqual(loadBibliography('@book{f, title={T}}', 'refs.json', 'bibtex').entries.map((e) => e.key), ['f']);
  });

  it('turns dataset sources into entries with CSL dates', () => {
    const sources: SourceRecord[] = [
      { id: 'testsource1999', type: 'book', title: 'TEST DATA', author: [{ family: 'Curator', given: 'C.' }], issued: '1999-04', publisher: 'P' },
      { id: 'testsource2000', type: 'webpage', title: 'TEST DATA page', issued: '2000~', accessed: '2024-01-02' },
    ];
    const entries = sourcesToEntries(sources, 'annalist:dataset', (id) => (id === 'testsource1999' ? { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } } : undefined));
    assert.deepEqual(entries.map((e) => e.key), ['testsource1999', 'testsource2000']);
    assert.deepEqual(entries[0].item.issued, { 'date-parts': [[1999, 4]] });
    assert.equal(entries[0].item.publisher, 'P');
    assert.equal(entries[0].origin.range.start.line, 4);
    assert.deepEqual(entries[1].item.issued, { 'date-parts': [[2000]], circa: true });
    assert.deepEqual(entries[1].item.accessed, { 'date-parts': [[2024, 1, 2]] });
  });

  it('converts EDTF to CSL dates', () => {
    assert.deepEqual(cslDateFromEdtf('1961-10-17/1961-10-31'), { 'date-parts': [[1961, 10, 17], [1961, 10, 31]] });
    assert.deepEqual(cslDateFromEdtf('196X'), { raw: '196X' });
    assert.deepEqual(cslDateFromEdtf(1968), { 'date-parts': [[1968]] });
    assert.equal(cslDateFromEdtf(''), undefined);
  });
});
