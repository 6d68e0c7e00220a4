import { strict as assert } from 'assert';
import { buildIndex } from '../../../src/core/dataset/index';
import { parseDataset } from '../../../src/core/dataset/loader';
import { check, covered, shippedIndex } from './helpers';

/** An invented dataset for the pairing rules: a republic with a charter, a fire, a reform decade and a poet. */
const YAML = `annalist: 1
id: velmar
title: The Republic of Velmar
sources:
  - {id: roth2001, type: book, author: [{family: Roth, given: Anna}], title: Velmar, issued: "2001"}
people:
  - {id: iven, label: Iven Sarro, names: [Iven Sarro, Sarro], sources: [roth2001]}
  - {id: dala, label: Dala Moor, names: [Dala Moor, Moor], sources: [roth2001]}
events:
  - id: charter
    label: Signing of the Velmar Charter
    names: [Velmar Charter]
    date: "1820-06-02"
    sources: [roth2001]
  - id: mill-fire
    label: Great Mill fire
    names: [Great Mill fire]
    date: "1831"
    sources: [roth2001]
  - id: charter-printing
    label: Printing of the Charter abroad
    names: [printing of the Charter abroad]
    date: "1822"
    cues:
      - all: ["printed|published", "abroad|Gazette"]
    sources: [roth2001]
  - id: reforms
    label: The Long Reforms
    names: [Long Reforms]
    date: "1840/1848"
    accept: ["184X"]
    sources: [roth2001]
  - id: iven-death
    label: Death of Iven Sarro
    names: [death of Iven Sarro]
    date: "1850-01-09"
    participants: [iven]
    cues:
      - all: ["died|dies"]
        about: [iven]
    sources: [roth2001]
  - id: assembly
    label: The Great Assembly
    names: [Great Assembly]
    date: "1833-04-01/1833-04-20"
    sources: [roth2001]
  - id: assembly-oration
    label: Sarro's oration to the Great Assembly
    names: [Sarro's oration]
    date: "1833-04-20"
    partOf: [assembly]
    cues:
      - all: ["oration|harangue", "against the guilds"]
      - all: ["speeches"]
    sources: [roth2001]
  - id: prize
    label: Prize for Dala Moor
    names: [Moor's prize]
    date: "1844"
    participants: [dala]
    cues:
      - all: ["prize", "awarded|won"]
        about: [dala]
    sources: [roth2001]
`;

const index = (() => {
  const parsed = parseDataset(YAML, 'memory:/velmar.yaml');
  if (parsed.problems.some((p) => p.severity === 'error')) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return buildIndex([parsed]).index;
})();
const flags = (t: string, languageId?: string) => check(t, index, { languageId }).map((d) => `${covered(t, d)}|${d.data?.event}`);

describe('misdated-event pairing rules (invented dataset)', () => {
  it('an accepted alternative excuses only a date as coarse as it or coarser', () => {
    assert.deepEqual(flags('The Long Reforms, launched in 1852, changed everything.'), ['1852|reforms']);
    assert.deepEqual(flags('The Long Reforms, launched in the 1840s, changed everything.'), []);
    // 1849 is in the accepted decade but not in 1840–1848: a year is finer than a decade.
    assert.deepEqual(flags('The Long Reforms, launched in 1849, changed everything.'), ['1849|reforms']);
  });

  it('a date of a reference point, an anniversary or a relative anchor is not the event\'s', () => {
    assert.deepEqual(flags('Twenty years after the Velmar Charter, in 1840, the press still praised it.'), []);
    assert.deepEqual(flags('The fiftieth anniversary of the Velmar Charter was marked in 1870.'), []);
    assert.deepEqual(flags('The riots of May 1833 shook the town within months of the Great Mill fire.'), []);
    // Its own date, written tightly, still counts.
    assert.deepEqual(flags('Ten years after the Great Mill fire of 1832, the town was rebuilt.'), ['1832|mill-fire']);
  });

  it('a denied or contrasted event takes no date', () => {
    assert.deepEqual(flags('Not the Velmar Charter but the second compact, in 1825, made the republic.'), []);
    assert.deepEqual(flags('Rather than the Velmar Charter, the compact of 1825 made the republic.'), []);
  });

  it('planning for an event or hearing of it is dated apart from it', () => {
    assert.deepEqual(flags('Planning for the Velmar Charter began in 1818.'), []);
    assert.deepEqual(flags('Sarro remembers hearing of the Great Mill fire in the spring of 1833.'), []);
  });

  it('a date in a born/arrested/awarded phrase belongs to that action', () => {
    assert.deepEqual(flags('Moor, born in the hills in 1801 and arrested in 1829, became famous when the Velmar Charter was signed.'), []);
    assert.deepEqual(flags('Moor, born in the hills in 1801, saw the Velmar Charter signed in 1821.'), ['1821|charter']);
  });

  it('an author\'s reporting verb dates the writing', () => {
    assert.deepEqual(flags('As Roth showed in 2001, the Great Mill fire of 1831 ruined the weavers.'), []);
    assert.deepEqual(flags('Writing in 1901, Roth recalled the Great Mill fire as a catastrophe.'), []);
  });

  it('"the X of DATE" dates X even when X is unknown', () => {
    assert.deepEqual(flags('The armistice of July 1833 came soon after the Great Mill fire was put out.'), []);
  });

  it('a relative clause and its main clause keep their own dates; "N years later" is relative', () => {
    assert.deepEqual(flags('Sarro, who turned seventy in 1848, died two years later.'), []);
    assert.deepEqual(flags('Moor, who died in 1871, was buried beside the Great Mill fire memorial.'), []);
    assert.deepEqual(flags('Sarro, who lost his seat in 1845, died on 9 January 1851.'), ['9 January 1851|iven-death']);
  });

  it('a cue with `about` goes to the person its clause is about', () => {
    // Sarro is named in the sentence, but Moor is the subject of "who died".
    assert.deepEqual(flags('Sarro praised Moor, who died in 1851.'), []);
    assert.deepEqual(flags('Moor praised Sarro, who died in 1851.'), ['1851|iven-death']);
  });

  it('a paraphrase is matched as one phrase, not stretched across a long clause', () => {
    assert.deepEqual(flags('When Moor was awarded the prize in 1844, Sarro was still consolidating the considerable power he had won against the guilds in 1830.'), []);
    assert.deepEqual(flags('When Moor was awarded the prize in 1845, Sarro was still enjoying the power he had won.'), ['1845|prize']);
  });

  it('an event named as what another event\'s action was done to gives that action the date', () => {
    assert.deepEqual(flags('The Gazette printed the text of the Velmar Charter in 1822.'), []);
    assert.deepEqual(flags('The Gazette printed the text of the Velmar Charter in 1823.'), ['1823|charter-printing']);
  });

  it('attaches across a relative clause about the event and a dash aside with a participle', () => {
    assert.deepEqual(flags('The Great Mill fire, which the weavers set in 1833, ruined the town.'), ['1833|mill-fire']);
    assert.deepEqual(flags('The Velmar Charter — signed 3 June 1820 — was short.'), ['3 June 1820|charter']);
  });

  it('reads each line of a plain-text bullet list as its own statement', () => {
    assert.deepEqual(flags('notes\n* 1831 great mill fire\n* 1820 velmar charter\n* 1833 Great Mill fire remembered', 'plaintext'), ['1833|mill-fire']);
  });

  it('a date written for a whole and its part described goes to the part, only when wrong for the whole too', () => {
    assert.deepEqual(flags('The harangue against the guilds before the Great Assembly (May 1833) shocked the town.'), ['May 1833|assembly-oration']);
    // Right for the whole: no flag for the part either.
    assert.deepEqual(flags('The harangue against the guilds before the Great Assembly (April 1833) shocked the town.'), []);
    // One word besides the whole's name says too little: the whole keeps the date.
    assert.deepEqual(flags('Speeches at the Great Assembly in 1834 were long.'), ['1834|assembly']);
  });
});

describe('misdated-event paraphrases of the shipped dataset', () => {
  const shipped = (t: string) => check(t, shippedIndex()).map((d) => `${covered(t, d)}|${d.data?.event}`);
  it('finds career steps, camp risings and arrests written in other words', () => {
    assert.deepEqual(shipped('Kosygin became premier in 1965.'), ['1965|brezhnev-kosygin-leadership']);
    assert.deepEqual(shipped('Shepilov became foreign minister in June 1957, replacing Molotov.'), ['June 1957|molotov-dismissed-foreign-minister']);
    assert.deepEqual(shipped('In July 1953 officers seized Beria in the Kremlin.'), ['July 1953|beria-arrest']);
    assert.deepEqual(shipped('Workers in Poznań rose against the regime on 28 June 1957.'), ['28 June 1957|poznan-protests']);
    assert.deepEqual(shipped('In the summer of 1955 the prisoners of Kengir held their camp.'), ['the summer of 1955|kengir-uprising']);
    assert.deepEqual(shipped('Kosygin became premier in October 1964.'), []);
  });
});
