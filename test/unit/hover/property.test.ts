import { strict as assert } from 'assert';
import fc from 'fast-check';
import type { DatasetIndex } from '../../../src/core/dataset/index';
import { definitionAt, hoverAt } from '../../../src/core/hover/index';
import { loadIndex } from '../../../src/node/datasets';

const PIECES = [
  'Khrushchev', "Khrushchev's", 'Stalin’s reburial', 'the Secret Speech', 'Gori', ' ', '\n', '\r\n', '\n\n', '. ', ', ',
  '1956', '25 February 1956', '1953–64', 'the First Secretary', 'Smith', '`code`', '<https://x.org/Gori>', '[@gill2004]',
  '*', '**', '# ', '> ', '---\n', '😀', 'e\u0301', '\u0000', '\uD800', 'Кремль', 'his ouster',
];

describe('hoverAt: properties', () => {
  let index: DatasetIndex;
  before(() => {
    index = loadIndex().index;
  });

  it('never throws; a hover covers the cursor (or the character before it) and names known entries', () => {
    const doc = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(doc, fc.constantFrom('markdown', 'latex', 'plaintext'), fc.nat(), (text, languageId, n) => {
        const offset = text.length === 0 ? 0 : n % (text.length + 1);
        const h = hoverAt({ text, languageId, offset, index });
        if (h) {
          assert.ok(h.start < h.end && h.start >= 0 && h.end <= text.length);
          assert.ok((h.start <= offset && offset < h.end) || (h.start <= offset - 1 && offset - 1 < h.end), `span ${h.start}-${h.end} at ${offset}`);
          assert.ok(h.entryIds.length > 0 && h.entryIds.every((id) => index.get(id)), h.entryIds.join());
          assert.ok(h.markdown.length > 0);
        }
        for (const d of definitionAt({ text, languageId, offset, index })) assert.deepEqual({ uri: d.uri, range: d.range }, index.location(d.entryId));
      }),
      { numRuns: 300 },
    );
  });
});
