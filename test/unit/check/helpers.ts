import { buildIndex, type DatasetIndex } from '../../../src/core/dataset/index';
import { parseDataset } from '../../../src/core/dataset/loader';
import { runChecks, type CheckOptions } from '../../../src/core/check/index';
import { loadIndex } from '../../../src/node/datasets';
import type { AnnalistDiagnostic, CancellationLike, TextDocumentLike } from '../../../src/core/types';
import { LineMap } from '../../../src/core/text/lines';

/**
 * A small invented dataset (a fictional kingdom), so that tests prove nothing in the engine depends on the shipped
 * subject: people, a place, dated events with names, cues, a dispute, an accepted variant and an unchecked event.
 */
export const SYNTHETIC_YAML = `annalist: 1
id: arvel
title: The Kingdom of Arvel
sources:
  - id: brand1999
    type: book
    author: [{family: Brand, given: Ilse}]
    title: A History of Arvel
    issued: "1999"
  - id: harbour-gazette
    type: article-newspaper
    title: "The Harbour Gazette: Old Fires Remembered"
    issued: "2010"
people:
  - id: maren
    label: Queen Maren
    names: [Maren, Queen Maren, Maren Tol]
    sources: [brand1999]
  - id: oskar-tol
    label: Oskar Tol
    names: [Oskar Tol, Tol]
    sources: [brand1999]
  - id: ida-tol
    label: Ida Tol
    names: [Ida Tol, Tol]
    sources: [brand1999]
  - id: petr
    label: Petr Vale
    names: [Vale, Petr Vale]
    sources: [brand1999]
places:
  - id: arvel-harbour
    label: Arvel Harbour
    names: [Arvel Harbour]
    sources: [brand1999]
events:
  - id: coronation
    label: Coronation of Maren
    names: [coronation of Maren, Maren's coronation]
    date: "1702-05-14"
    participants: [maren]
    cues:
      - all: ["crowned|coronation"]
        about: [maren]
    sources: [brand1999]
  - id: library-fire
    label: Burning of the Old Library
    names: [Old Library fire, burning of the Old Library]
    date: "1711"
    disputes:
      - date: "1710-11-03/1710-11-04"
        sources: [harbour-gazette]
    cues:
      - all: ["library|archives", "burned|burnt|fire|went up in flames"]
    sources: [brand1999]
  - id: harbour-treaty
    label: Treaty of Arvel Harbour
    names: [Treaty of Arvel Harbour, Harbour Treaty]
    date: "1715-03-02"
    accept: ["1715-03-03"]
    sources: [brand1999]
  - id: vale-exile
    label: Exile of Petr Vale
    names: [exile of Vale]
    date: "1720"
    check: false
    sources: [brand1999]
`;

let synthetic: DatasetIndex | undefined;
let shipped: DatasetIndex | undefined;

/** The invented dataset's index. */
export function syntheticIndex(): DatasetIndex {
  if (!synthetic) {
    const parsed = parseDataset(SYNTHETIC_YAML, 'memory:/arvel.yaml');
    if (parsed.problems.some((p) => p.severity === 'error')) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
    synthetic = buildIndex([parsed]).index;
  }
  return synthetic;
}

/** The shipped dataset's index. */
export function shippedIndex(): DatasetIndex {
  shipped ??= loadIndex().index;
  return shipped;
}

export function doc(text: string, languageId = 'markdown'): TextDocumentLike {
  return { uri: `memory:/doc.${languageId === 'latex' ? 'tex' : languageId === 'plaintext' ? 'txt' : 'md'}`, languageId, version: 1, getText: () => text };
}

/** Diagnostics of one code for a text. */
export function check(text: string, index: DatasetIndex, options: { languageId?: string; code?: string; options?: Partial<CheckOptions>; token?: CancellationLike } = {}): AnnalistDiagnostic[] {
  const all = runChecks(doc(text, options.languageId), { index }, options.options, options.token);
  return all.filter((d) => d.code === (options.code ?? 'misdated-event'));
}

/** The text a diagnostic's range covers. */
export function covered(text: string, d: AnnalistDiagnostic): string {
  const lines = new LineMap(text);
  return text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end));
}

/** The text after applying a fix's edits (in reverse order). */
export function applyFix(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lines = new LineMap(text);
  const spans = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}
