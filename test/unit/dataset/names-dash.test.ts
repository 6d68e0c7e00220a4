import assert from 'node:assert/strict';
import { buildIndex } from '../../../src/core/dataset/index';
import { parseDataset } from '../../../src/core/dataset/loader';

const yaml = `annalist: 1
id: dash-sample
title: Dash sample
license: CC0-1.0
sources:
  - {id: src, type: book, title: A book, issued: 2000}
events:
  - id: smith-jones-trial
    label: Smith-Jones trial
    names: [Smith-Jones trial]
    date: "1966-02-10/1966-02-13"
    sources: [src]
  - id: brown-treaty
    label: Brown treaty
    names: [Brown treaty]
    date: "1901"
    sources: [src]
`;
const { index } = buildIndex([parseDataset(yaml, 'dash.yaml')]);
const names = (text: string) => index.findNames(text).map((h) => `${text.slice(h.start, h.end)}=${h.entryIds.join('+')}`);

describe('dataset names: dashes', () => {
  it('reads an en dash between letters as a hyphen inside a name', () => {
    assert.deepEqual(names('the Smith–Jones trial began'), ['Smith–Jones trial=smith-jones-trial']);
    assert.deepEqual(names('the Smith-Jones trial began'), ['Smith-Jones trial=smith-jones-trial']);
  });

  it('does not join across a spaced en dash or one next to a digit', () => {
    assert.deepEqual(names('Smith – Jones trial'), []);
    assert.deepEqual(names('Smith–1 Jones trial'), []);
    assert.deepEqual(names('In 1901 – Brown treaty'), ['Brown treaty=brown-treaty']);
  });
});
