// Build step: compiles data/*.yaml (the shipped dataset) to dist/dataset.json. Fails the build on any problem,
// so a dataset that does not load cleanly never ships.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDataset } from '../src/core/dataset/loader';
import { buildIndex } from '../src/core/dataset/index';
import { compileDataset } from '../src/core/dataset/compiled';

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'data', 'destalinization.yaml');
const parsed = parseDataset(fs.readFileSync(source, 'utf8'), 'data/destalinization.yaml');
const { problems } = buildIndex([parsed]);
const all = [...parsed.problems, ...problems];
if (all.length) {
  for (const p of all) console.error(`data/destalinization.yaml:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message} [${p.code}]`);
  process.exit(1);
}
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist', 'dataset.json'), JSON.stringify(compileDataset(parsed)));
