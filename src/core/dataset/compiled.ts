/**
 * The shipped dataset compiled at build time: the loader's result serialised to JSON, so that activation pays
 * for JSON.parse instead of YAML parsing and schema validation.
 */
import type { ParsedDataset } from './loader';
import type { Range } from '../types';

/** The JSON form of a ParsedDataset (Maps become arrays of pairs). */
export interface CompiledDataset extends Omit<ParsedDataset, 'locations'> {
  /** Format of this file, bumped when ParsedDataset changes shape. */
  compiled: 1;
  locations: [string, Range][];
}

/** Serialises a parsed dataset to its compiled JSON form. */
export function compileDataset(parsed: ParsedDataset): CompiledDataset {
  return { ...parsed, compiled: 1, locations: [...parsed.locations] };
}

/** Restores a parsed dataset from its compiled JSON form; undefined when the JSON is not one. */
export function restoreDataset(json: unknown, uri?: string): ParsedDataset | undefined {
  const c = json as Partial<CompiledDataset> | null;
  if (!c || typeof c !== 'object' || c.compiled !== 1 || !Array.isArray(c.locations) || !Array.isArray(c.problems)) return undefined;
  return {
    uri: uri ?? c.uri ?? '',
    file: c.file,
    problems: c.problems,
    locations: new Map(c.locations),
    references: c.references ?? [],
    nameForms: c.nameForms ?? [],
  };
}
