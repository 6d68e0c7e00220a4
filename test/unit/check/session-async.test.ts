import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBlocks } from '../../../src/core/check/index';
import { checkCitationKeys, UNKNOWN_CITATION_KEY } from '../../../src/core/cite/check';
import { Library } from '../../../src/core/cite/library';
import { AnnalistSession } from '../../../src/core/session';
import type { TextDocumentLike } from '../../../src/core/types';
import { loadDevSet } from '../../eval/scoring';
import { shippedIndex } from './helpers';

const index = shippedIndex();
const markdown = loadDevSet(readFileSync(join(__dirname, '../../eval/dev-set.yaml'), 'utf8'))
  .passages.filter((p) => p.format === 'markdown' && !p.text.startsWith('---'))
  .map((p) => p.text);
/** Many passages, so the document is cut into many blocks. */
const TEXT = ['---\ntitle: Essay\n---', ...markdown.slice(0, 150), '<!-- annalist-disable misdated-event -->', ...markdown.slice(150, 180), '<!-- annalist-enable -->', ...markdown.slice(180)].join('\n\n');

function doc(text: string, version: number, uri = 'test:async'): TextDocumentLike {
  return { uri, languageId: 'markdown', version, getText: () => text };
}

/** A clock that moves `step` ms each time it is read. */
function clock(step: number): () => number {
  let t = 0;
  return () => (t += step);
}

describe('session: checks in slices (checkAsync)', () => {
  const expected = new AnnalistSession().check(doc(TEXT, 1), { index }, {});

  it('the sliced check gives the synchronous check\'s diagnostics', async () => {
    assert.ok(expected.length > 5);
    for (const step of [0, 7, 100]) {
      const got = await new AnnalistSession().checkAsync(doc(TEXT, 1), { index }, {}, { isCancellationRequested: false }, () => Promise.resolve(), clock(step));
      assert.deepEqual(got, expected);
    }
  });

  it('pauses between blocks once a slice of work has passed, never with a still clock', async () => {
    let pauses = 0;
    const pause = () => {
      pauses++;
      return Promise.resolve();
    };
    await new AnnalistSession().checkAsync(doc(TEXT, 1), { index }, {}, { isCancellationRequested: false }, pause, clock(0));
    assert.equal(pauses, 0);
    // Every step takes "100 ms": a pause after each block analysed and each block checked.
    await new AnnalistSession().checkAsync(doc(TEXT, 1), { index }, {}, { isCancellationRequested: false }, pause, clock(100));
    const slow = pauses;
    const blocks = analyzeBlocks(TEXT, 'markdown', index).blocks.length;
    assert.ok(blocks >= 5);
    // Each block is analysed once and checked once.
    assert.ok(slow >= 2 * blocks, `paused ${slow} times over ${blocks} blocks`);
    // "5 ms" a step: a pause every third step or so, fewer than above but some.
    pauses = 0;
    await new AnnalistSession().checkAsync(doc(TEXT, 1), { index }, {}, { isCancellationRequested: false }, pause, clock(5), 15);
    assert.ok(pauses > 0 && pauses < slow, `paused ${pauses} of ${slow}`);
  });

  it('pauses let other work run: a timer queued before the check fires before it ends', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    const done = new AnnalistSession()
      .checkAsync(doc(TEXT, 1), { index }, {}, { isCancellationRequested: false }, () => new Promise((r) => setImmediate(r)), clock(100))
      .then(() => order.push('check'));
    await done;
    assert.deepEqual(order, ['other work', 'check']);
  });

  it('stops when cancelled between blocks, and a later check is still complete', async () => {
    const token = { isCancellationRequested: false };
    let pauses = 0;
    const session = new AnnalistSession();
    const got = await session.checkAsync(doc(TEXT, 1), { index }, {}, token, () => {
      if (++pauses === 3) token.isCancellationRequested = true;
      return Promise.resolve();
    }, clock(100));
    assert.deepEqual(got, []);
    assert.equal(pauses, 3);
    assert.deepEqual(session.check(doc(TEXT, 1), { index }, {}), expected);
  });

  it('re-checks an edited version in slices like a fresh check, and a late older run does not replace a newer version', async () => {
    const session = new AnnalistSession();
    const never = { isCancellationRequested: false };
    await session.checkAsync(doc(TEXT, 1), { index }, {}, never, () => Promise.resolve(), clock(100));
    const at = TEXT.indexOf('\n\n', TEXT.length >> 1) + 2;
    const edited = TEXT.slice(0, at) + 'A new paragraph written in 1956.\n\n' + TEXT.slice(at);
    // Version 2 runs in slices while version 3 is checked at once in between.
    let resumed = 0;
    const late = session.checkAsync(doc(edited, 2), { index }, {}, never, () => {
      resumed++;
      return Promise.resolve();
    }, clock(100));
    const third = edited + '\n\nOne more line.\n';
    const now3 = session.check(doc(third, 3), { index }, {});
    const got2 = await late;
    assert.ok(resumed > 0);
    assert.deepEqual(got2, new AnnalistSession().check(doc(edited, 1), { index }, {}));
    assert.deepEqual(now3, new AnnalistSession().check(doc(third, 1), { index }, {}));
    // The session still holds version 3: asking for it again costs no analysis and gives the same.
    assert.deepEqual(session.check(doc(third, 3), { index }, {}), now3);
  });

  it('reads the document\'s text once: a document changing while the check pauses is checked as it was', async () => {
    let text = TEXT;
    const live: TextDocumentLike = { uri: 'test:live', languageId: 'markdown', version: 1, getText: () => text };
    const got = await new AnnalistSession().checkAsync(live, { index }, {}, { isCancellationRequested: false }, () => {
      text = 'Nothing here.';
      return Promise.resolve();
    }, clock(100));
    assert.deepEqual(got, expected);
  });

  it('cited keys are read from the blocks\' analyses, also for blocks moved by an edit, as a scan of the whole text finds them', async () => {
    const library = new Library();
    const origin = { uri: 'file:///refs.bib', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
    library.add([{ key: 'known2020', item: { id: 'known2020', type: 'book', title: 'Known' }, origin }], []);
    const paragraphs = TEXT.split('\n\n');
    const cited = paragraphs.map((p, i) => (i % 7 === 3 ? `${p} See [@known2020; @unknwn2020, p. ${i}] and @knwn2020.` : p)).join('\n\n');
    const session = new AnnalistSession();
    const ctx = { index, library, bibliographyConfigured: true };
    const never = { isCancellationRequested: false };
    const keysOf = (text: string, version: number) =>
      session.checkAsync(doc(text, version), ctx, {}, never, () => Promise.resolve(), clock(100)).then((list) => list.filter((d) => d.code === UNKNOWN_CITATION_KEY));
    const whole = (text: string) => checkCitationKeys({ text, languageId: 'markdown', library, bibliographyConfigured: true });
    const first = await keysOf(cited, 1);
    assert.ok(first.length > 10);
    assert.deepEqual(first, whole(cited));
    const at = cited.indexOf('\n\n') + 2;
    const edited = cited.slice(0, at) + 'An opening [@unknwn2020] in 1956.\n\n' + cited.slice(at);
    assert.deepEqual(await keysOf(edited, 2), whole(edited));
  });
});
