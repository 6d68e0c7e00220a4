import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBlocks, runChecks, runChecksOnBlocks, type BlockedDocument } from '../../../src/core/check/index';
import { AnnalistSession } from '../../../src/core/session';
import type { AnnalistDiagnostic, TextDocumentLike } from '../../../src/core/types';
import { loadDevSet } from '../../eval/scoring';
import { shippedIndex } from './helpers';

const index = shippedIndex();
const passages = loadDevSet(readFileSync(join(__dirname, '../../eval/dev-set.yaml'), 'utf8')).passages;
const markdown = passages.filter((p) => p.format === 'markdown').map((p) => p.text);
const plain = passages.filter((p) => p.format === 'plaintext').map((p) => p.text);

/** Documents of several passages each, with front matter, a fence, a comment and suppressions among them. */
const DOCUMENTS: { languageId: string; text: string }[] = [
  { languageId: 'markdown', text: markdown.slice(0, 12).join('\n\n') },
  {
    languageId: 'markdown',
    text: ['---\ntitle: Essay\n\nauthor: A. B.\n---', markdown[20], '```\ncode 1961\n\nmore code\n```', markdown[21],
      '<!-- annalist-disable misdated-event -->', markdown[0], '<!-- annalist-enable -->', markdown[22], '- item in 1961\n\n    indented after a list', markdown[1]].join('\n\n'),
  },
  { languageId: 'markdown', text: markdown.slice(30, 40).join('\r\n\r\n').replace(/\n/g, '\r\n').replace(/\r\r/g, '\r') },
  { languageId: 'plaintext', text: plain.join('\n\n') },
];

function doc(text: string, languageId: string, version: number): TextDocumentLike {
  return { uri: 'test:doc', languageId, version, getText: () => text };
}

/** Diagnostics reduced to what the editor shows and applies. */
function shown(list: AnnalistDiagnostic[]): unknown[] {
  return list.map((d) => ({ range: d.range, code: d.code, message: d.message, severity: d.severity, fixes: d.fixes?.map((f) => ({ title: f.title, edits: f.edits })) }));
}

function sorted(list: AnnalistDiagnostic[]): AnnalistDiagnostic[] {
  return [...list].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : 1));
}

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.constantFrom('', 'x', '1961', ' ', '\n', '\n\n', '```\n', '\n```\n', '<!-- ', ' -->', '---\n', '- ', '> ', '    ', 'Stalin', '.', '\r\n', '\u2013'),
});

describe('check: block-by-block re-checks', () => {
  it('a whole document checked in blocks gives the diagnostics of one whole analysis', () => {
    for (const { languageId, text } of DOCUMENTS) {
      const whole = shown(runChecks(doc(text, languageId, 1), { index }));
      for (const size of [0, 300, undefined]) {
        const blocked = analyzeBlocks(text, languageId, index, undefined, size);
        if (size === 0) assert.ok(blocked.blocks.length > 3);
        assert.deepEqual(shown(sorted(runChecksOnBlocks(blocked, { index }))), whole);
      }
    }
  });

  it('after random edits, re-checking from the previous version equals a fresh check', () => {
    fc.assert(
      fc.property(fc.nat({ max: DOCUMENTS.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), fc.constantFrom(0, 200, 2048), (which, edits, size) => {
        const { languageId } = DOCUMENTS[which];
        let text = DOCUMENTS[which].text;
        let previous: BlockedDocument = analyzeBlocks(text, languageId, index, undefined, size);
        runChecksOnBlocks(previous, { index });
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
          const next = analyzeBlocks(text, languageId, index, previous, size);
          const again = sorted(runChecksOnBlocks(next, { index }));
          assert.deepEqual(shown(again), shown(runChecks(doc(text, languageId, 1), { index })));
          previous = next;
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('the session re-checks edited versions and hovers in moved blocks like a fresh session', () => {
    const { languageId } = DOCUMENTS[0];
    let text = DOCUMENTS[0].text;
    const session = new AnnalistSession();
    session.check(doc(text, languageId, 1), { index }, {});
    const at = text.indexOf('\n\n') + 2;
    text = text.slice(0, at) + 'A new opening line.\n\n' + text.slice(at);
    const incremental = session.check(doc(text, languageId, 2), { index }, {});
    const fresh = new AnnalistSession();
    assert.deepEqual(shown(incremental), shown(fresh.check(doc(text, languageId, 1), { index }, {})));
    const name = text.lastIndexOf('Stalin');
    assert.ok(name > at);
    const hover = session.hover(doc(text, languageId, 2), name + 2, { index });
    assert.ok(hover);
    assert.deepEqual(hover, fresh.hover(doc(text, languageId, 1), name + 2, { index }));
    assert.ok(text.slice(hover.start, hover.end).includes('Stalin'));
  });
});
