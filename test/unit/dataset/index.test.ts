import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { dayInterval, monthInterval, yearInterval } from '../../../src/core/dates/interval';
import { buildIndex, type IndexedEvent, type IndexedPerson } from '../../../src/core/dataset/index';
import { parseDataset } from '../../../src/core/dataset/loader';
import { at, parseFixture } from './helpers';

const good = parseFixture('good.yaml');
const { index, problems } = buildIndex([good]);

function names(text: string, from?: number, to?: number): string[] {
  return index.findNames(text, from, to).map((h) => `${text.slice(h.start, h.end)}=${h.entryIds.join('+')}`);
}

describe('dataset index', () => {
  it('indexes a valid dataset without problems', () => {
    assert.deepEqual(problems, []);
    assert.equal(index.people.length, 3);
    assert.equal(index.places.length, 4);
    assert.equal(index.events.length, 6);
    assert.equal(index.sources.length, 2);
    assert.deepEqual(index.datasets, [
      { id: 'thaw-sample', title: 'Thaw sample', uri: 'good.yaml', shipped: false, counts: { people: 3, places: 4, events: 6, sources: 2 } },
    ]);
  });

  it('gives each entry its kind and parsed dates', () => {
    const speech = index.get('secret-speech') as IndexedEvent;
    assert.equal(speech.kind, 'event');
    assert.deepEqual(speech.interval, dayInterval(1956, 2, 25));
    assert.deepEqual(speech.acceptIntervals, [{ start: dayInterval(1956, 2, 24).start, end: dayInterval(1956, 2, 25).end, precision: 'day' }]);
    assert.deepEqual(speech.disputeIntervals, [dayInterval(1956, 2, 24)]);
    assert.equal(speech.effectivePrecision, 'day');
    assert.equal(speech.checked, true);
    assert.equal((index.get('stalin-body-removed') as IndexedEvent).effectivePrecision, 'month');
    assert.equal((index.get('khrushchev-ousted') as IndexedEvent).checked, false);
    const k = index.get('nikita-khrushchev') as IndexedPerson;
    assert.equal(k.kind, 'person');
    assert.deepEqual(k.bornInterval, dayInterval(1894, 4, 15));
    assert.deepEqual(k.diedInterval, dayInterval(1971, 9, 11));
    assert.equal(k.epithetIntervals.length, 1);
    assert.equal(index.get('gori')?.kind, 'place');
    assert.equal(index.get('taubman2003')?.kind, 'source');
    assert.equal(index.get('taubman2003')?.label, 'Khrushchev: The Man and His Era');
    assert.equal(index.get('nobody'), undefined);
  });

  it('is immutable', () => {
    const e = index.get('secret-speech') as IndexedEvent;
    assert.ok(Object.isFrozen(e) && Object.isFrozen(e.interval) && Object.isFrozen(index.events));
    assert.throws(() => {
      (e as unknown as { date: string }).date = '1999';
    });
  });

  it('locates an entry in its YAML file', () => {
    assert.deepEqual(index.location('gori'), { uri: 'good.yaml', range: { start: { line: 54, character: 8 }, end: { line: 54, character: 12 } } });
    assert.equal(index.location('nobody'), undefined);
  });

  it('lists events in an interval by date', () => {
    assert.deepEqual(
      index.eventsIn(yearInterval(1956)).map((e) => e.id),
      ['congress-20', 'secret-speech'],
    );
    assert.deepEqual(index.eventsIn(monthInterval(1956, 2)).map((e) => e.id), ['congress-20', 'secret-speech']);
    assert.deepEqual(index.eventsIn(dayInterval(1956, 2, 20)).map((e) => e.id), ['congress-20']);
    assert.deepEqual(index.eventsIn({ start: dayInterval(1961, 1, 1).start, end: dayInterval(1964, 12, 31).end, precision: 'year' }).map((e) => e.id), [
      'stalin-body-removed',
      'manege-affair',
      'khrushchev-ousted',
    ]);
    assert.deepEqual(index.eventsIn(yearInterval(1900)), []);
  });

  describe('merging datasets', () => {
    const parts = [good, parseFixture('references.yaml'), parseFixture('user-override.yaml')];
    const merged = buildIndex(parts, { shippedUris: ['good.yaml'] });

    it('lets the later dataset win a shared id and says so once, on the later entry', () => {
      const clashes = merged.problems.filter((p) => p.code === 'duplicate-id');
      assert.equal(clashes.length, 1);
      assert.equal(clashes[0].uri, 'user-override.yaml');
      assert.equal(clashes[0].severity, 'warning');
      assert.equal(at(clashes[0]), 'duplicate-id@4:8');
      assert.match(clashes[0].message, /'joseph-stalin' is also defined in the shipped dataset 'Thaw sample'/);
      assert.equal(merged.index.get('joseph-stalin')?.label, 'Iosif Vissarionovich Stalin');
      assert.equal(merged.index.location('joseph-stalin')?.uri, 'user-override.yaml');
      assert.equal(merged.index.people.length, 3);
      assert.deepEqual(merged.index.datasets.map((d) => [d.id, d.shipped, d.counts.people]), [
        ['thaw-sample', true, 2],
        ['references', false, 0],
        ['user-notes', false, 1],
      ]);
    });

    it('forgets the name forms of an overridden entry', () => {
      assert.deepEqual(
        merged.index.findNames('Iosif Stalin').map((h) => h.entryIds),
        [['joseph-stalin']],
      );
      assert.deepEqual(merged.index.findNames('Dzhugashvili and Iosif Vissarionovich Stalin').length, 1);
    });

    it('reports references no dataset defines, and references to the wrong kind, where they are written', () => {
      const missing = merged.problems.filter((p) => p.code === 'missing-reference');
      assert.deepEqual(missing.map((p) => `${p.uri}:${at(p)}`).sort(), [
        'references.yaml:missing-reference@7:38',
        'references.yaml:missing-reference@8:13',
        'references.yaml:missing-reference@9:27',
      ]);
      assert.ok(missing.every((p) => p.severity === 'error'));
      assert.ok(missing.some((p) => p.message === "Event 'user-event' refers in 'participants' to the person 'nobody-known', which no loaded dataset defines."));
      assert.ok(missing.some((p) => /'joseph-stalin', which is a person, not a place/.test(p.message)));
    });

    it('warns of a name claimed by two entries, within and across datasets', () => {
      const claims = merged.problems.filter((p) => p.code === 'name-claimed-twice');
      assert.deepEqual(claims.map((p) => `${p.uri}:${at(p)}`), ['user-override.yaml:name-claimed-twice@10:11', 'user-override.yaml:name-claimed-twice@13:11']);
      assert.ok(claims.every((p) => p.severity === 'warning'));
      assert.match(claims[1].message, /'Gori' of place 'gori-town' is also a name of place 'gori'/);
      assert.deepEqual(merged.index.findNames('Koba').map((h) => h.entryIds), [['joseph-stalin', 'koba-village']]);
    });

    it('does not report the same problem twice when a dataset is checked on its own', () => {
      const alone = buildIndex([parseFixture('references.yaml')]);
      assert.equal(alone.problems.filter((p) => p.code === 'missing-reference').length, 5);
    });
  });

  describe('lookup', () => {
    const ids = (q: string): string[] => index.lookup(q).map((e) => e.id);

    it('folds case, diacritics, possessives, punctuation and spacing', () => {
      for (const q of ['Nikita Khrushchev', 'nikita khrushchev', 'NIKITA  KHRUSHCHËV', 'N. S. Khrushchev', 'N.S. Khrushchev', 'N.S.Khrushchev', 'Nikita Khrushchev’s', "nikita-khrushchev"]) {
        assert.equal(ids(q)[0], 'nikita-khrushchev', q);
      }
      assert.equal(ids('Stalin’s death')[0], 'stalin-death');
      assert.equal(ids('secret-speech')[0], 'secret-speech');
    });

    it('ranks an exact name form before forms that merely contain the words', () => {
      assert.deepEqual(ids('Stalin').slice(0, 1), ['joseph-stalin']);
      assert.ok(ids('Stalin').includes('stalin-death'));
      assert.equal(ids('Khrushchev')[0], 'nikita-khrushchev');
    });

    it('finds the entry whose name form contains the words of the text', () => {
      assert.equal(ids("Stalin's body")[0], 'stalin-body-removed');
      assert.equal(ids('cult of personality')[0], 'secret-speech');
      assert.equal(ids('Mausoleum')[0], 'stalin-body-removed');
    });

    it('finds a name form inside a longer text, and a word only one entry has', () => {
      assert.equal(ids('the Manege affair of December 1962')[0], 'manege-affair');
      assert.equal(ids('Kalinovka village')[0], 'kalinovka');
    });

    it('returns nothing for unknown or empty text', () => {
      assert.deepEqual(ids('Brezhnev'), []);
      assert.deepEqual(ids('  ...  '), []);
    });
  });

  describe('findNames', () => {
    it('finds every name form with its offsets', () => {
      const text = 'In Moscow, Khrushchev gave the Secret Speech.';
      const hits = index.findNames(text);
      assert.deepEqual(hits.map((h) => [h.start, h.end, h.entryIds]), [
        [3, 9, ['moscow']],
        [11, 21, ['nikita-khrushchev']],
        [31, 44, ['secret-speech']],
      ]);
    });

    it('respects word boundaries', () => {
      assert.deepEqual(names('Categories of Goriest Stalinism in Moscovite Gori.'), ['Gori=gori']);
    });

    it('needs the writer’s capital for a capitalised one-word name form', () => {
      assert.deepEqual(names('koba nagy manege gori'), []);
      assert.deepEqual(names('Koba, Nagy, Manege, Gori, GORI'), ['Koba=joseph-stalin', 'Nagy=imre-nagy', 'Manege=manege', 'Gori=gori', 'GORI=gori']);
    });

    it('needs one capital for a multi-word proper name, none for a mixed one', () => {
      assert.deepEqual(names('imre nagy'), []);
      assert.deepEqual(names('imre Nagy'), ['imre Nagy=imre-nagy']);
      assert.deepEqual(names('after the death of Stalin'), ['death of Stalin=stalin-death']);
      assert.deepEqual(names("the manege affair"), ['manege affair=manege-affair']);
    });

    it('handles possessives, line breaks and diacritics', () => {
      assert.deepEqual(names("Khrushchev's speech"), ['Khrushchev=nikita-khrushchev']);
      assert.deepEqual(names('Khrushchev’s speech'), ['Khrushchev=nikita-khrushchev']);
      assert.deepEqual(names("Stalin's death"), ["Stalin's death=stalin-death"]);
      assert.deepEqual(names('Nikita\nKhrushchev'), ['Nikita\nKhrushchev=nikita-khrushchev']);
      assert.deepEqual(names('Nikita\r\n  Khrushchev'), ['Nikita\r\n  Khrushchev=nikita-khrushchev']);
      assert.deepEqual(names('Nikita Khrushchëv'), ['Nikita Khrushchëv=nikita-khrushchev']);
      assert.deepEqual(names('N.S. Khrushchev'), ['N.S. Khrushchev=nikita-khrushchev']);
    });

    it('does not join a name across a blank line or a comma', () => {
      assert.deepEqual(names('Nikita\n\nKhrushchev'), ['Khrushchev=nikita-khrushchev']);
      assert.deepEqual(names('Moscow, Manege'), ['Moscow=moscow', 'Manege=manege']);
    });

    it('takes the longest match', () => {
      assert.deepEqual(names('the Moscow Manege'), ['Moscow Manege=manege']);
      assert.deepEqual(names("Khrushchev's secret speech"), ["Khrushchev's secret speech=secret-speech"]);
      assert.deepEqual(names('Nikita Sergeyevich Khrushchev'), ['Nikita Sergeyevich Khrushchev=nikita-khrushchev']);
    });

    it('marks a match through an epithet with its dates', () => {
      const hits = index.findNames('Then the First Secretary spoke.');
      assert.equal(hits.length, 1);
      assert.deepEqual(hits[0].entryIds, ['nikita-khrushchev']);
      assert.equal(hits[0].epithets?.[0].entryId, 'nikita-khrushchev');
      assert.equal(hits[0].epithets?.[0].date.start, dayInterval(1953, 9, 7).start);
      assert.equal(index.findNames('Khrushchev')[0].epithets, undefined);
    });

    it('scans only the given part of the text, with offsets in the whole text', () => {
      const text = 'Gori and Moscow and Gori';
      assert.deepEqual(index.findNames(text, 5, 16).map((h) => [h.start, h.end]), [[9, 15]]);
      assert.deepEqual(index.findNames(text, 9, 12), []); // a name cut by the bounds is not a name
    });

    it('finds names in a large text in one pass', () => {
      const para = 'In 1956 Nikita Khrushchev gave the Secret Speech; later, in Gori, categories of things were named. ';
      const text = para.repeat(20000);
      const hits = index.findNames(text);
      assert.equal(hits.length, 3 * 20000);
    });
  });

  describe('the shipped dataset', () => {
    const shippedPath = join(__dirname, '..', '..', '..', 'data', 'destalinization.yaml');
    it('loads and indexes with zero problems', function () {
      if (!existsSync(shippedPath)) {
        this.skip(); // data/destalinization.yaml is being written by another engineer; this test runs once it exists
      }
      const parsed = parseDataset(readFileSync(shippedPath, 'utf8'), 'data/destalinization.yaml');
      assert.deepEqual(parsed.problems.map((p) => `${at(p)} ${p.message}`), []);
      const built = buildIndex([parsed], { shippedUris: ['data/destalinization.yaml'] });
      assert.deepEqual(built.problems.map((p) => `${at(p)} ${p.message}`), []);
      assert.ok(built.index.events.length > 0);
    });
  });
});
