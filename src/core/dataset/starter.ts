/**
 * The starter text of a new dataset (the "Annalist: New Dataset" command): a commented YAML file with one source,
 * one person and one event that loads with no problems, for a curator to replace with their own subject.
 */

import { trimChars } from '../text/strings';

/** Options of {@link starterDataset}. */
export interface StarterOptions {
  /** The dataset's id (kebab-case); default `my-dataset`. */
  id?: string;
  /** The dataset's title; default "My dataset". */
  title?: string;
}

/** A kebab-case dataset id from a name a curator typed ("My Dataset!" → `my-dataset`); `my-dataset` when empty. */
export function datasetIdFromName(name: string): string {
  const slug = String(name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  const id = trimChars(trimChars(slug, '-').slice(0, 60), '-');
  return id === '' ? 'my-dataset' : id;
}

/** YAML double-quoted scalar. */
function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')}"`;
}

/** The commented starter dataset: one source, one person, one event; zero loader problems. */
export function starterDataset(options: StarterOptions = {}): string {
  const id = datasetIdFromName(options.id ?? 'my-dataset');
  const title = (options.title ?? '').trim() || 'My dataset';
  return `# An Annalist dataset: the people, places and dated events of your subject, each with its sources.
# Annalist checks the dates in your writing against it, and shows its facts when you hover a name.
# Every entry needs an id (lowercase-words-and-digits), a label and the ids of its sources.
# Dates are EDTF: 1848-02-24, 1848-02, 1848, an interval 1848-02-22/1848-02-24, 1848? (uncertain), 1848~ (about).
# A date written in the Old Style (Julian calendar) says so with \`calendar: julian\`.
# Replace the examples below (an invented subject) with your own facts.
annalist: 1
id: ${id}
title: ${quoted(title)}
curators: []

# The works your facts come from; a writer cites them by their id, e.g. [@example-book].
sources:
  - id: example-book
    type: book
    author:
      - family: Example
        given: Ada
    title: "A History of the Example Valley"
    publisher: Example Press
    issued: "1999"

people:
  - id: example-person
    label: Mara Example
    # Other forms writers use; case and the possessive 's are ignored.
    names: [Mara Example, Mara]
    born:
      date: "1801-03-02"
      sources: [example-book]
    sources: [example-book]

events:
  - id: example-bridge-opening
    label: Opening of the Example Bridge
    names: [opening of the Example Bridge, Example Bridge opening]
    date: "1832-06-14"
    # calendar: julian   # uncomment when the date above is in the Old Style
    participants: [example-person]
    sources: [example-book]
    # Where another source gives another date, record it rather than choosing silently:
    # disputes:
    #   - date: "1832-06-15"
    #     sources: [another-source]
`;
}
