import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseBibtex } from '../../../src/core/cite/bibtex';
import { parseCslJson, parseCslYaml } from '../../../src/core/cite/csl';
import type { ParsedBibliography } from '../../../src/core/cite/library';
import type { Range } from '../../../src/core/types';

const numRuns = Number(process.env.ANNALIST_FC_RUNS) || 200;

function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function inBounds(range: Range, lengths: number[]): boolean {
  for (const p of [range.start, range.end]) {
    if (p.line < 0 || p.line >= lengths.length || p.character < 0 || p.character > lengths[p.line]) return false;
  }
  return range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
}

function checkResult(text: string, r: ParsedBibliography): void {
  const lengths = lineLengths(text);
  for (const e of r.entries) {
    assert.ok(inBounds(e.origin.range, lengths), `entry ${e.key} out of bounds`);
    assert.equal(typeof e.key, 'string');
    assert.equal(e.item.id, e.key);
  }
  for (const p of r.problems) assert.ok(inBounds(p.range, lengths), `problem out of bounds: ${p.message}`);
}

// Text made of BibTeX's own characters, so the generator reaches the parser's corners quickly.
const bibAlphabet = fc.constantFrom('@', 'book', 'string', 'comment', '{', '}', '(', ')', '"', '#', '=', ',', ' ', '\n', '\r\n', 'key', 'title', 'a', '\\"', '\\', 'and', '1968', '\u0000', 'é', '\ud800');
const bibText = fc.oneof(fc.string({ unit: bibAlphabet, maxLength: 120 }), fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }));

describe('bibliography parsers: properties', () => {
  it('parseBibtex never throws and keeps positions in bounds', () => {
    fc.assert(fc.property(bibText, (text) => checkResult(text, parseBibtex(text, 'file:///p.bib'))), { numRuns });
  });

  it('parseBibtex keeps every good entry around a broken one', () => {
    fc.assert(
      fc.property(fc.string({ unit: bibAlphabet, maxLength: 40 }), (junk) => {
        const text = `@book{good1, title = {One}}\n${junk}\n@book{good2, title = {Two}}\n`;
        const r = parseBibtex(text, 'file:///p.bib');
        checkResult(text, r);
        assert.ok(r.entries.some((e) => e.key === 'good2' || e.key === 'good1'));
      }),
      { numRuns },
    );
  });

  it('parseCslJson never throws and keeps positions in bounds', () => {
    const jsonish = fc.oneof(
      fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"id"', ':', ',', '"a"', '1', ' ', '\n', '"type"', '"\\"', 'null'), maxLength: 80 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary', maxLength: 100 }),
    );
    fc.assert(fc.property(jsonish, (text) => checkResult(text, parseCslJson(text, 'file:///p.json'))), { numRuns });
  });

  it('parseCslYaml never throws and keeps positions in bounds', () => {
    const yamlish = fc.string({ unit: fc.constantFrom('- ', 'id: ', 'a', 'references:', '\n', '  ', ':', '[', ']', '{', '}', '"', "'", '#', '&x', '*x', '---'), maxLength: 80 });
    fc.assert(fc.property(yamlish, (text) => checkResult(text, parseCslYaml(text, 'file:///p.yaml'))), { numRuns });
  });
});
