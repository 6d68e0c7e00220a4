/**
 * Node-side loading of datasets for the CLI, the tests, the evaluation and the benchmark: finds the shipped
 * dataset (compiled JSON next to the bundle, else the YAML in data/), reads users' files, builds the index.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDataset, type DatasetProblem, type ParsedDataset } from '../core/dataset/loader';
import { buildIndex, type DatasetIndex } from '../core/dataset/index';
import { restoreDataset } from '../core/dataset/compiled';

/** The package root: the nearest folder above this module holding data/destalinization.yaml. */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'data', 'destalinization.yaml'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the shipped dataset (data/destalinization.yaml) above ' + __dirname);
}

export const SHIPPED_DATASET = 'data/destalinization.yaml';

/** URI the shipped dataset's problems and locations are reported under. */
export function shippedDatasetUri(root = packageRoot()): string {
  return pathToFileURL(path.join(root, SHIPPED_DATASET)).toString();
}

/** The shipped dataset: dist/dataset.json when the build made it, else the YAML parsed now. */
export function loadShippedDataset(root = packageRoot()): ParsedDataset {
  const uri = shippedDatasetUri(root);
  const compiled = path.join(root, 'dist', 'dataset.json');
  if (fs.existsSync(compiled)) {
    const yamlTime = fs.statSync(path.join(root, SHIPPED_DATASET)).mtimeMs;
    if (fs.statSync(compiled).mtimeMs >= yamlTime) {
      const restored = restoreDataset(JSON.parse(fs.readFileSync(compiled, 'utf8')), uri);
      if (restored) return restored;
    }
  }
  return parseDataset(fs.readFileSync(path.join(root, SHIPPED_DATASET), 'utf8'), uri);
}

/** Reads a user's dataset file; an unreadable file becomes a problem, not an exception. */
export function loadDatasetFile(file: string): ParsedDataset {
  const uri = pathToFileURL(path.resolve(file)).toString();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const problem: DatasetProblem = {
      uri, severity: 'error', code: 'yaml-syntax',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    };
    return { uri, problems: [problem], locations: new Map(), references: [], nameForms: [] };
  }
  return parseDataset(text, uri);
}

/** The index over the shipped dataset (unless left out) and the given files, with every problem. */
export function loadIndex(files: string[] = [], options: { includeShipped?: boolean } = {}): { index: DatasetIndex; parts: ParsedDataset[]; problems: DatasetProblem[] } {
  const parts: ParsedDataset[] = [];
  const shippedUris: string[] = [];
  if (options.includeShipped !== false) {
    const shipped = loadShippedDataset();
    parts.push(shipped);
    shippedUris.push(shipped.uri);
  }
  for (const f of files) parts.push(loadDatasetFile(f));
  const { index, problems } = buildIndex(parts, { shippedUris });
  return { index, parts, problems: [...parts.flatMap((p) => p.problems), ...problems] };
}
