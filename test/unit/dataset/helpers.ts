import { readFileSync } from 'fs';
import { join } from 'path';
import { parseDataset, type DatasetProblem, type ParsedDataset } from '../../../src/core/dataset/loader';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'datasets');

/** Reads a fixture's text. */
export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Parses a fixture, with its file name as URI. */
export function parseFixture(name: string): ParsedDataset {
  return parseDataset(fixtureText(name), name);
}

/** `code@line:character` of a problem, for compact assertions. */
export function at(p: DatasetProblem): string {
  return `${p.code}@${p.range.start.line}:${p.range.start.character}`;
}
