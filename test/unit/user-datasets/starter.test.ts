import { strict as assert } from 'assert';
import { parseDataset } from '../../../src/core/dataset/loader';
import { buildIndex } from '../../../src/core/dataset/index';
import { datasetIdFromName, starterDataset } from '../../../src/core/dataset/starter';
import { misdated } from './helpers';

describe('user datasets: the starter dataset', () => {
  it('loads with zero problems, with one source, one person and one event', () => {
    const parsed = parseDataset(starterDataset(), 'memory:/.annalist/my-dataset.yaml');
    assert.deepEqual(parsed.problems, []);
    const { index, problems } = buildIndex([parsed]);
    assert.deepEqual(problems, []);
    assert.equal(index.sources.length, 1);
    assert.equal(index.people.length, 1);
    assert.equal(index.events.length, 1);
    assert.ok(index.events[0].sources.length > 0);
    assert.equal(index.datasets[0].id, 'my-dataset');
  });

  it('is commented, and checks like any dataset', () => {
    const text = starterDataset();
    assert.ok(text.split('\n').filter((l) => l.trimStart().startsWith('#')).length >= 5);
    const index = buildIndex([parseDataset(text, 'memory:/s.yaml')]).index;
    assert.deepEqual(misdated('The Example Bridge opening took place on 14 June 1832.', index), []);
    assert.equal(misdated('The Example Bridge opening took place on 14 June 1833.', index).length, 1);
  });

  it('takes a name: id in kebab-case, title quoted, odd characters harmless, CRLF too', () => {
    const text = starterDataset({ id: datasetIdFromName('Städte: "Revolts" & Riots!'), title: 'Städte: "Revolts" & Riots\n# x' });
    const parsed = parseDataset(text, 'memory:/s.yaml');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.file?.id, 'stadte-revolts-riots');
    assert.equal(parsed.file?.title, 'Städte: "Revolts" & Riots # x');
    assert.deepEqual(parseDataset(text.replace(/\n/g, '\r\n'), 'memory:/s.yaml').problems, []);
  });

  it('datasetIdFromName falls back to my-dataset', () => {
    assert.equal(datasetIdFromName(''), 'my-dataset');
    assert.equal(datasetIdFromName('!!!'), 'my-dataset');
    assert.equal(datasetIdFromName('Paris Commune 1871'), 'paris-commune-1871');
    assert.ok(datasetIdFromName('x'.repeat(200)).length <= 60);
  });
});
