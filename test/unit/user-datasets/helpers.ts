import { readFileSync } from 'fs';
import { join } from 'path';
import { buildIndex, type DatasetIndex } from '../../../src/core/dataset/index';
import { parseDataset } from '../../../src/core/dataset/loader';
import { runChecks } from '../../../src/core/check/index';
import type { AnnalistDiagnostic, TextDocumentLike } from '../../../src/core/types';

export const USER_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'user-datasets');

/** Reads a fixture's text. */
export function fixture(name: string): string {
  return readFileSync(join(USER_FIXTURES, name), 'utf8');
}

/**
 * An invented duchy that kept the Julian calendar (no real subject): Old Style events, one New Style event, an
 * Old Style event with a dispute, and a Julian leap day of a century year (29 February 1900 O.S.).
 */
export const JULIAN_YAML = `annalist: 1
id: morvan
title: The Duchy of Morvan
sources:
  - id: vey2001
    type: book
    author: [{family: Vey, given: Anka}]
    title: Annals of Morvan
    issued: "2001"
  - id: mill-chronicle
    type: book
    title: The Mill Chronicle
    issued: "1931"
people:
  - id: duke-rask
    label: Duke Rask
    names: [Rask]
    born: {date: "1870-04-10", calendar: julian, sources: [vey2001]}
    sources: [vey2001]
events:
  - id: lantern-rising
    label: Lantern Rising
    names: [Lantern Rising]
    date: "1917-10-25"
    calendar: julian
    sources: [vey2001]
  - id: salt-charter
    label: Salt Charter
    names: [Salt Charter]
    date: "1900-03-01"
    calendar: julian
    sources: [vey2001]
  - id: leap-fair
    label: Leap Fair
    names: [Leap Fair]
    date: "1900-02-29"
    calendar: julian
    sources: [vey2001]
  - id: clock-decree
    label: Clock Decree
    names: [Clock Decree]
    date: "1918-02-01"
    calendar: julian
    disputes:
      - date: "1918-02-03"
        sources: [mill-chronicle]
    sources: [vey2001]
  - id: bridge-treaty
    label: Bridge Treaty
    names: [Bridge Treaty]
    date: "1918-03-03"
    sources: [vey2001]
  - id: winter-of-bells
    label: Winter of Bells
    names: [Winter of Bells]
    date: "1917-12"
    calendar: julian
    sources: [vey2001]
`;

/** The invented Julian dataset's index; throws on a loader problem. */
export function julianIndex(): DatasetIndex {
  const parsed = parseDataset(JULIAN_YAML, 'memory:/morvan.yaml');
  if (parsed.problems.length > 0) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return buildIndex([parsed]).index;
}

export function doc(text: string, languageId = 'markdown'): TextDocumentLike {
  return { uri: 'memory:/essay.md', languageId, version: 1, getText: () => text };
}

/** The misdated-event diagnostics of a text. */
export function misdated(text: string, index: DatasetIndex): AnnalistDiagnostic[] {
  return runChecks(doc(text), { index }).filter((d) => d.code === 'misdated-event');
}
