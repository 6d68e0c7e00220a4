// The Zotero / Better BibTeX fixture library shared by the citation tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBibtex } from '../../../src/core/cite/bibtex';
import { Library } from '../../../src/core/cite/library';

export const FIXTURES = join(__dirname, '../../fixtures/bib');

/** A fresh library of test/fixtures/bib/zotero-bbt.bib, filed under file:///refs.bib. */
export function fixtureLibrary(): Library {
  const lib = new Library();
  const parsed = parseBibtex(readFileSync(join(FIXTURES, 'zotero-bbt.bib'), 'utf8'), 'file:///refs.bib');
  lib.add(parsed.entries, parsed.problems);
  return lib;
}
