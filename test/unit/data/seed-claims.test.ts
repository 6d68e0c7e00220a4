/**
 * Content tests of the shipped dataset `data/destalinization.yaml` against the curators' fact files
 * (copies in ./fixtures of seed-facts.md and extended-facts.yaml). They check what the dataset says, not how it
 * is loaded: every claim of the seed entry is present with its curated date and cites the entry, every id and
 * source key resolves, the two disputes are recorded, and nothing unconfirmed can flag a writer's date.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseEdtf, PRECISION_ORDER, type DateInterval } from '../../../src/core/dates/interval';
import type { DatasetFile, HistoricalEvent, Person, Place, SourceRecord } from '../../../src/core/dataset/model';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(__dirname, 'fixtures');

const dataset = parse(readFileSync(join(ROOT, 'data', 'destalinization.yaml'), 'utf8')) as DatasetFile;
const seedFacts = readFileSync(join(FIXTURES, 'seed-facts.md'), 'utf8');

interface FactBaseEvent {
  id: string;
  in_seed?: boolean;
  status: 'confirmed' | 'variant' | 'unconfirmed';
  curated?: { value: string | null };
}
interface FactBasePerson {
  id: string;
  status: 'confirmed' | 'variant' | 'unconfirmed';
  born?: { value: string | null; note?: string };
  died?: { value: string | null; note?: string };
}
const factBase = parse(readFileSync(join(FIXTURES, 'extended-facts.yaml'), 'utf8')) as {
  events: FactBaseEvent[];
  people: FactBasePerson[];
};

const sources: SourceRecord[] = dataset.sources ?? [];
const people: Person[] = dataset.people ?? [];
const places: Place[] = dataset.places ?? [];
const events: HistoricalEvent[] = dataset.events ?? [];

const sourceIds = new Set(sources.map((s) => s.id));
const personIds = new Set(people.map((p) => p.id));
const placeIds = new Set(places.map((p) => p.id));
const eventIds = new Set(events.map((e) => e.id));

function event(id: string): HistoricalEvent {
  const found = events.find((e) => e.id === id);
  assert.ok(found, `no event '${id}' in the dataset`);
  return found;
}

function source(id: string): SourceRecord {
  const found = sources.find((s) => s.id === id);
  assert.ok(found, `no source '${id}' in the dataset`);
  return found;
}

function interval(edtf: string): DateInterval {
  const r = parseEdtf(edtf);
  assert.ok(r.ok, `'${edtf}' is not a usable EDTF date: ${r.ok ? '' : r.reason}`);
  return r.interval;
}

const PRECISIONS: readonly string[] = PRECISION_ORDER;

function contains(outer: DateInterval, inner: DateInterval): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function overlaps(a: DateInterval, b: DateInterval): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * Every claim of seed-facts.md §2 that has a fact id: the date the seed writes (as EDTF, or null where it
 * gives none), the curated date the dataset must carry, and how the two relate:
 * `equal` (the seed's value is kept, e.g. where references disagree), `within` (the references refine the
 * seed's value), `overlaps` (the seed names a decade the event runs past).
 */
const SEED_CLAIMS: { claim: string; id: string; seed: string | null; curated: string; relation: 'equal' | 'within' | 'overlaps' }[] = [
  { claim: 'S1', id: 'stalin-death', seed: '1953-03', curated: '1953-03-05', relation: 'within' },
  { claim: 'S2', id: 'destalinization-end', seed: null, curated: '1964/1968', relation: 'equal' },
  { claim: 'S3', id: 'khrushchev-ouster', seed: '1964-10', curated: '1964-10-14', relation: 'within' },
  { claim: 'S4', id: 'congress-20', seed: '1956', curated: '1956-02-14/1956-02-25', relation: 'within' },
  { claim: 'S4', id: 'secret-speech', seed: '1956', curated: '1956-02-25', relation: 'within' },
  { claim: 'S5', id: 'secret-speech-ussr-publication', seed: '1990', curated: '1990', relation: 'equal' },
  { claim: 'S6', id: 'secret-speech-west-publication', seed: '1956', curated: '1956-06-04/1956-06-05', relation: 'within' },
  { claim: 'S7', id: 'secret-speech-readings', seed: '1956', curated: '1956-03', relation: 'within' },
  { claim: 'S8', id: 'congress-22', seed: '1961', curated: '1961-10-17/1961-10-31', relation: 'within' },
  { claim: 'S8', id: 'congress-22-speech', seed: '1961', curated: '1961-10', relation: 'within' },
  { claim: 'S10', id: 'ivan-denisovich-publication', seed: '1962', curated: '1962-11', relation: 'within' },
  { claim: 'S13', id: 'stalin-name-removals', seed: null, curated: '1956/1961', relation: 'equal' },
  { claim: 'S14', id: 'stalin-body-removal', seed: '1962', curated: '1962', relation: 'equal' },
  { claim: 'S16', id: 'brezhnev-kosygin-leadership', seed: null, curated: '1964-10-14/1964-10-15', relation: 'equal' },
  { claim: 'S18', id: 'perestroika', seed: '198X', curated: '1985/1991', relation: 'overlaps' },
];

/** Fact ids in the §2 table of seed-facts.md (backquoted ids in its second column). */
function seedTableFactIds(): Set<string> {
  const section = seedFacts.split(/^## 2\./m)[1]?.split(/^## 3\./m)[0] ?? '';
  const ids = new Set<string>();
  for (const line of section.split(/\r?\n/)) {
    const cells = line.split('|');
    if (cells.length < 4 || !/^\s*S\d+\s*$/.test(cells[1])) continue;
    for (const m of cells[2].matchAll(/`([a-z0-9-]+)`/g)) ids.add(m[1]);
  }
  return ids;
}

/** Every source key cited anywhere in the dataset, with where it is cited. */
function citedSourceKeys(): { key: string; where: string }[] {
  const out: { key: string; where: string }[] = [];
  const add = (keys: string[] | undefined, where: string) => (keys ?? []).forEach((key) => out.push({ key, where }));
  for (const p of people) {
    add(p.sources, p.id);
    add(p.born?.sources, `${p.id}.born`);
    add(p.died?.sources, `${p.id}.died`);
    (p.roles ?? []).forEach((r, i) => add(r.sources, `${p.id}.roles[${i}]`));
  }
  for (const p of places) add(p.sources, p.id);
  for (const e of events) {
    add(e.sources, e.id);
    (e.disputes ?? []).forEach((d, i) => add(d.sources, `${e.id}.disputes[${i}]`));
  }
  return out;
}

describe('shipped dataset: de-Stalinization', () => {
  it('is format 1 with its id, title, curators and licence', () => {
    assert.equal(dataset.annalist, 1);
    assert.equal(dataset.id, 'destalinization');
    assert.ok(dataset.title.length > 0);
    assert.deepEqual(dataset.curators, ['Annalist contributors']);
    assert.equal(dataset.license, 'CC BY-SA 4.0');
  });

  describe('claims of the seed entry (seed-facts.md §2)', () => {
    it('the claim table here covers every fact id of §2', () => {
      const fromFile = seedTableFactIds();
      assert.ok(fromFile.size >= 15, `only ${fromFile.size} fact ids found in §2 of seed-facts.md`);
      assert.deepEqual([...fromFile].sort(), [...new Set(SEED_CLAIMS.map((c) => c.id))].sort());
    });

    for (const c of SEED_CLAIMS) {
      it(`${c.claim} ${c.id}: curated date ${c.curated}, citing gill2004`, () => {
        const e = event(c.id);
        assert.deepEqual(interval(e.date), interval(c.curated));
        assert.ok(e.sources.includes('gill2004'), `${c.id} does not cite gill2004`);
        if (c.seed !== null) {
          const seed = interval(c.seed);
          const mine = interval(e.date);
          if (c.relation === 'equal') assert.deepEqual(mine, seed);
          if (c.relation === 'within') assert.ok(contains(seed, mine), `${e.date} lies outside the seed's ${c.seed}`);
          if (c.relation === 'overlaps') assert.ok(overlaps(seed, mine), `${e.date} does not meet the seed's ${c.seed}`);
        }
      });
    }

    it('the curated values of the fact base are the dataset dates or contain them', () => {
      for (const f of factBase.events.filter((x) => x.in_seed && x.curated?.value)) {
        const value = f.curated!.value!;
        if (!parseEdtf(value).ok) continue; // "1980s" is prose; S18 is checked above
        assert.ok(contains(interval(value), interval(event(f.id).date)), `${f.id}: ${event(f.id).date} is not within ${value}`);
      }
    });

    it('the Secret Speech also accepts 24–25 February 1956 and is part of the 20th Congress', () => {
      const e = event('secret-speech');
      assert.ok((e.accept ?? []).some((a) => a === '1956-02-24/1956-02-25'));
      assert.deepEqual(e.partOf, ['congress-20']);
      assert.ok(contains(interval(event('congress-20').date), interval(e.date)));
    });

    it('the interpretive and process claims are never used to flag a date', () => {
      assert.equal(event('destalinization-end').check, false);
      assert.equal(event('stalin-name-removals').check, false);
    });
  });

  describe('disputes', () => {
    it('stalin-body-removal: 1962 after Gill; the night of 31 October – 1 November 1961 after the references', () => {
      const e = event('stalin-body-removal');
      assert.equal(e.date, '1962');
      assert.deepEqual(e.sources, ['gill2004']);
      assert.equal(e.disputes?.length, 1);
      const d = e.disputes![0];
      assert.deepEqual(interval(d.date), interval('1961-10-31/1961-11-01'));
      assert.match(d.text ?? '', /31 October/);
      assert.ok(d.sources.length >= 5, 'the dispute should carry the references read');
      assert.ok(!d.sources.includes('gill2004'));
      for (const key of ['time-2011-embalmed-leaders', 'moscowtimes-today-in-history-oct-31', 'russiasnews-moskovskaya-pravda']) {
        assert.ok(d.sources.includes(key), `dispute lacks ${key}`);
      }
      assert.deepEqual(e.places, ['lenin-mausoleum', 'red-square', 'kremlin-wall-necropolis']);
    });

    it('secret-speech-ussr-publication: 1990 after Gill; 1989 after the references, 1988 as minority', () => {
      const e = event('secret-speech-ussr-publication');
      assert.equal(e.date, '1990');
      assert.deepEqual(e.sources, ['gill2004']);
      assert.equal(e.disputes?.length, 1);
      const d = e.disputes![0];
      assert.equal(d.date, '1989');
      assert.deepEqual([...d.sources].sort(), ['mdr-geheimrede', 'piglix-secret-speech', 'wikipedia-cult-of-personality']);
      assert.match(d.note ?? '', /1988/);
      // The minority's sources are named in the note and exist as records.
      for (const key of ['prince-secret-speech', 'latimes-1988-07-28-polityka']) {
        assert.ok(d.note?.includes(key), `minority note does not name ${key}`);
        assert.ok(sourceIds.has(key));
      }
    });

    it('every dispute differs from the curated date and cites sources other than the event itself', () => {
      for (const e of events) {
        for (const d of e.disputes ?? []) {
          assert.notDeepEqual(interval(d.date), interval(e.date), `${e.id}: dispute equals the curated date`);
          assert.ok(d.sources.length > 0);
          for (const key of d.sources) assert.ok(!e.sources.includes(key), `${e.id}: ${key} is cited for both values`);
        }
      }
    });
  });

  describe('sources', () => {
    it('has the entry itself as gill2004', () => {
      const g = source('gill2004');
      assert.equal(g.type, 'entry-encyclopedia');
      assert.equal(g.title, 'De-Stalinization');
      assert.equal(g['container-title'], 'Encyclopedia of Russian History');
      assert.deepEqual(g.author, [{ family: 'Gill', given: 'Graeme' }]);
      assert.equal(g.accessed, '2019-02-15');
      // The year is given only because it was verified; the note says where.
      if (g.issued !== undefined) {
        assert.equal(g.issued, '2004');
        assert.match(g.note ?? '', /https?:\/\//);
      } else {
        assert.match(g.note ?? '', /year not verified/);
      }
    });

    const BOOKS: { key: string; family: string; title: string; year: string; place: string; publisher: string; status: RegExp }[] = [
      { key: 'breslauer1982', family: 'Breslauer', year: '1982', place: 'London', publisher: 'George Allen & Unwin',
        title: 'Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics', status: /not verified/ },
      { key: 'linden1966', family: 'Linden', year: '1966', place: 'Baltimore', publisher: 'Johns Hopkins Press',
        title: 'Khrushchev and the Soviet Leadership 1957\u20131964', status: /not verified/i },
      { key: 'tatu1968', family: 'Tatu', year: '1968', place: 'New York', publisher: 'Viking Press',
        title: 'Power in the Kremlin: From Khrushchev to Kosygin', status: /doubtful/i },
      { key: 'vangoudoever1986', family: 'Van Goudoever', year: '1986', place: 'New York', publisher: "St Martin's Press",
        title: 'The Limits of Destalinization in the Soviet Union: Political Rehabilitations in the Soviet Union since Stalin', status: /not verified/i },
    ];
    for (const b of BOOKS) {
      it(`has the book ${b.key} as the seed gives it, with its verification status`, () => {
        const s = source(b.key);
        assert.equal(s.type, 'book');
        assert.equal(s.title, b.title);
        assert.equal(s.author?.[0]?.family, b.family);
        assert.equal(s.issued, b.year);
        assert.equal(s['publisher-place'], b.place);
        assert.equal(s.publisher, b.publisher);
        assert.match(s.note ?? '', b.status);
      });
    }

    it('source ids are unique and every web reference has a title', () => {
      assert.equal(sourceIds.size, sources.length);
      for (const s of sources) {
        assert.ok(s.title.trim().length > 0, `${s.id} has no title`);
        if (s.URL !== undefined) assert.match(s.URL, /^https?:\/\//, `${s.id}: URL`);
      }
    });

    it('no two source records share a URL', () => {
      const urls = sources.filter((s) => s.URL).map((s) => s.URL!);
      assert.equal(new Set(urls).size, urls.length);
    });

    it('every cited source key exists', () => {
      const missing = citedSourceKeys().filter((c) => !sourceIds.has(c.key));
      assert.deepEqual(missing, []);
    });

    it('every entry cites at least one source', () => {
      for (const e of [...people, ...places, ...events]) assert.ok(e.sources.length > 0, `${e.id} cites nothing`);
    });
  });

  describe('links', () => {
    it('entry ids are unique across people, places and events', () => {
      const ids = [...people, ...places, ...events].map((e) => e.id);
      assert.equal(new Set(ids).size, ids.length);
    });

    it('every participant, place, partOf, within and cue subject exists', () => {
      const problems: string[] = [];
      for (const e of events) {
        for (const id of e.participants ?? []) if (!personIds.has(id)) problems.push(`${e.id}: participant ${id}`);
        for (const id of e.places ?? []) if (!placeIds.has(id)) problems.push(`${e.id}: place ${id}`);
        for (const id of e.partOf ?? []) if (!eventIds.has(id) || id === e.id) problems.push(`${e.id}: partOf ${id}`);
        for (const cue of e.cues ?? []) {
          for (const id of cue.about ?? []) if (!personIds.has(id) && !placeIds.has(id) && !eventIds.has(id)) problems.push(`${e.id}: cue about ${id}`);
        }
      }
      for (const p of places) if (p.within !== undefined && !placeIds.has(p.within)) problems.push(`${p.id}: within ${p.within}`);
      for (const p of people) {
        for (const vital of [p.born, p.died]) if (vital?.place !== undefined && !placeIds.has(vital.place)) problems.push(`${p.id}: place ${vital.place}`);
      }
      assert.deepEqual(problems, []);
    });

    it('every event lies within the events it is part of', () => {
      for (const e of events) {
        for (const parent of e.partOf ?? []) {
          if (event(parent).check === false) continue; // a process with an open-ended span
          const outer = interval(event(parent).date);
          const inner = interval(e.date);
          // A part dated more coarsely than the whole (a speech known only to the month) need only meet it.
          const coarser = PRECISIONS.indexOf(inner.precision) > PRECISIONS.indexOf(outer.precision);
          assert.ok(coarser ? overlaps(outer, inner) : contains(outer, inner), `${e.id} is outside ${parent}`);
        }
      }
    });
  });

  describe('dates', () => {
    it('every date, accepted writing, role span and epithet span is usable EDTF', () => {
      const all: string[] = [];
      for (const e of events) all.push(e.date, ...(e.accept ?? []), ...(e.disputes ?? []).map((d) => d.date));
      for (const p of people) {
        if (p.born) all.push(p.born.date);
        if (p.died) all.push(p.died.date);
        for (const r of p.roles ?? []) if (r.date) all.push(r.date);
        for (const x of p.epithets ?? []) all.push(x.date);
      }
      for (const s of sources) {
        if (s.issued) all.push(s.issued);
        if (s.accessed) all.push(s.accessed);
      }
      for (const d of all) interval(d);
    });

    it('a check precision is never finer than the date it applies to', () => {
      for (const e of events.filter((x) => x.checkPrecision)) {
        const own = interval(e.date).precision;
        assert.ok(PRECISIONS.indexOf(e.checkPrecision!) >= PRECISIONS.indexOf(own), `${e.id}: ${e.checkPrecision} is finer than ${own}`);
      }
    });

    it('people are born before they die, and hold roles while alive', () => {
      for (const p of people) {
        const born = p.born ? interval(p.born.date) : undefined;
        const died = p.died ? interval(p.died.date) : undefined;
        if (born && died) assert.ok(born.end < died.start, `${p.id}: born after death`);
        for (const r of p.roles ?? []) {
          if (!r.date) continue;
          const span = interval(r.date);
          if (born) assert.ok(born.end < span.start, `${p.id}: role ${r.role} before birth`);
          if (died) assert.ok(span.end <= died.end, `${p.id}: role ${r.role} after death`);
        }
      }
    });

    it('Stalin dies on the day of the stalin-death event; Khrushchev on the day of khrushchev-death', () => {
      const stalin = people.find((p) => p.id === 'stalin');
      const khrushchev = people.find((p) => p.id === 'khrushchev');
      assert.deepEqual(interval(stalin!.died!.date), interval(event('stalin-death').date));
      assert.deepEqual(interval(khrushchev!.died!.date), interval(event('khrushchev-death').date));
    });

    it('Khrushchev is "the First Secretary" only within his First Secretary role', () => {
      const k = people.find((p) => p.id === 'khrushchev')!;
      const role = k.roles!.find((r) => /First Secretary/.test(r.role))!;
      const epithet = k.epithets!.find((x) => x.text === 'the First Secretary')!;
      assert.ok(contains(interval(role.date!), interval(epithet.date)));
      assert.ok(contains(interval(epithet.date), interval(event('secret-speech').date)));
      assert.ok(!contains(interval(epithet.date), interval(event('brezhnev-kosygin-leadership').date)));
    });
  });

  describe('what the fact base does not confirm', () => {
    it('no unconfirmed fact of the fact base can flag a date', () => {
      for (const f of factBase.events.filter((x) => x.status === 'unconfirmed')) {
        const e = events.find((x) => x.id === f.id);
        if (e) assert.equal(e.check, false, `${f.id} is unconfirmed but checkable`);
      }
      for (const f of factBase.people.filter((x) => x.status === 'unconfirmed')) {
        assert.ok(!personIds.has(f.id), `${f.id} is an unconfirmed person`);
      }
    });

    it('variant events are checked only coarser than their date, or not at all', () => {
      // Exceptions, each with its reason in the dataset: the seed's own disputed values, and the shoe-banging
      // incident, whose date is undisputed (only what happened is).
      const atOwnPrecision = new Set(['stalin-body-removal', 'secret-speech-ussr-publication', 'shoe-banging-incident']);
      for (const f of factBase.events.filter((x) => x.status === 'variant' && !atOwnPrecision.has(x.id))) {
        const e = event(f.id);
        if (e.check === false) continue;
        assert.ok(e.checkPrecision, `${f.id} is a variant checked at full precision`);
        assert.ok(PRECISIONS.indexOf(e.checkPrecision!) > PRECISIONS.indexOf(interval(e.date).precision), `${f.id}: checkPrecision is not coarser`);
      }
    });

    it('every confirmed or variant event of the fact base is in the dataset', () => {
      const missing = factBase.events.filter((f) => f.status !== 'unconfirmed' && !eventIds.has(f.id)).map((f) => f.id);
      assert.deepEqual(missing, []);
    });

    it('life dates the fact base did not verify are not given', () => {
      for (const f of factBase.people) {
        const p = people.find((x) => x.id === f.id);
        assert.ok(p, `person ${f.id} missing`);
        if (f.born && f.born.value === null) assert.equal(p.born, undefined, `${f.id}: unverified birth date given`);
        if (f.died && f.died.value === null) assert.equal(p.died, undefined, `${f.id}: unverified death date given`);
        if (!f.born) assert.equal(p.born, undefined, `${f.id}: birth date not in the fact base`);
        if (!f.died) assert.equal(p.died, undefined, `${f.id}: death date not in the fact base`);
      }
    });

    it('the character, the entry author and the bibliography authors are not people', () => {
      const forms = people.flatMap((p) => [p.label, ...(p.names ?? [])].map((n) => n.toLowerCase()));
      for (const name of ['ivan denisovich', 'graeme gill', 'gill', 'breslauer', 'linden', 'tatu', 'van goudoever']) {
        assert.ok(!forms.includes(name), `'${name}' is a person's name form`);
      }
      for (const p of people) {
        for (const n of p.names ?? []) assert.ok(!/Denisovich/.test(n), `${p.id} has the name form ${n}`);
      }
    });

    it('no name form denotes two entries', () => {
      const owner = new Map<string, string>();
      const clashes: string[] = [];
      for (const e of [...people, ...places, ...events]) {
        for (const n of new Set([e.label, ...(e.names ?? [])].map((x) => x.toLowerCase()))) {
          const prior = owner.get(n);
          if (prior !== undefined && prior !== e.id) clashes.push(`'${n}': ${prior} and ${e.id}`);
          owner.set(n, e.id);
        }
      }
      assert.deepEqual(clashes, []);
    });

    it('Novy Mir is not a place', () => {
      assert.ok(!placeIds.has('novy-mir'));
      assert.ok(!places.some((p) => (p.names ?? []).some((n) => /novy/i.test(n))));
    });
  });
});
