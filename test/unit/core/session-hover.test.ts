import { strict as assert } from 'node:assert';
import { AnnalistSession } from '../../../src/core/session';
import { Library } from '../../../src/core/cite/library';
import { parseBibtex } from '../../../src/core/cite/bibtex';
import { loadIndex } from '../../../src/node/datasets';
import type { TextDocumentLike } from '../../../src/core/types';

const { index } = loadIndex();
const library = new Library();
library.add(parseBibtex('@book{breslauer1982, title = {Khrushchev and Brezhnev as Leaders}, author = {Breslauer, George W.}, date = {1982}}', 'mem://lib.bib').entries);

function doc(text: string, version: number): TextDocumentLike {
  return { uri: 'mem://session-hover.md', languageId: 'markdown', version, getText: () => text };
}

describe('AnnalistSession.hover on citation keys', () => {
  it('shows the reference under the cursor, from the analysis, before and after an edit moves it', () => {
    const session = new AnnalistSession();
    const a = 'Khrushchev spoke in 1956.\n\nAs argued [@breslauer1982, p. 4].\n';
    const at = a.indexOf('breslauer1982') + 3;
    const h1 = session.hover(doc(a, 1), at, { index, library });
    assert.ok(h1);
    assert.match(h1.markdown, /Breslauer/);
    assert.equal(a.slice(h1.start, h1.end), 'breslauer1982');
    session.check(doc(a, 1), { index, library }, {});
    const b = 'A new first paragraph.\n\n' + a;
    const h2 = session.hover(doc(b, 2), b.indexOf('breslauer1982') + 3, { index, library });
    assert.ok(h2);
    assert.equal(b.slice(h2.start, h2.end), 'breslauer1982');
  });

  it('an unknown key shows no reference, and a name still shows the dataset card', () => {
    const session = new AnnalistSession();
    const t = 'See [@nobody2000]. Khrushchev spoke.';
    assert.equal(session.hover(doc(t, 1), t.indexOf('nobody') + 1, { index, library }), undefined);
    const h = session.hover(doc(t, 1), t.indexOf('Khrushchev') + 2, { index, library });
    assert.ok(h);
    assert.match(h.markdown, /Nikita Sergeyevich Khrushchev/);
  });
});
