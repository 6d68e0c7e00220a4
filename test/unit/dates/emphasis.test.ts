import assert from 'node:assert/strict';
import { findDateExpressions } from '../../../src/core/dates/expressions';

const texts = (s: string) => findDateExpressions(s).map((d) => d.text);

describe('dates/expressions: underscores', () => {
  it('reads a date inside _emphasis_ whole', () => {
    assert.deepEqual(texts('_October 1963_'), ['October 1963']);
    assert.deepEqual(texts('It ended in _October 1963_, as planned.'), ['October 1963']);
    assert.deepEqual(texts('on __12 May 1956__'), ['12 May 1956']);
  });

  it('still treats an underscore inside an identifier as glue', () => {
    assert.deepEqual(texts('file_1956 and id_October 1963'), ['1963']);
  });
});

describe('dates/expressions: a dash at the end of the text', () => {
  it('keeps the dates before a dangling range dash', () => {
    assert.deepEqual(texts('In 1956 he spoke. Delivered 25.02.1-'), ['1956']);
    assert.deepEqual(texts('It opened in 1956 –'), ['1956']);
  });
});
