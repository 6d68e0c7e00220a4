/**
 * The YAML dataset loader (the `yaml` document model, the JSON-Schema validator and the schema) is needed only
 * when a user dataset exists or the compiled shipped dataset is missing, so the extension loads it from its own
 * bundle, `dist/dataset-loader.js`, on first use. Tests and the CLI import the loader directly.
 */
import type { parseDataset as ParseDataset } from '../core/dataset/loader';

let loaded: typeof ParseDataset | undefined;

/** The loader's `parseDataset`, required from `file` the first time. */
export function datasetLoader(file: string): typeof ParseDataset {
  if (!loaded) {
    // A computed path: esbuild leaves this require alone, so the loader stays out of dist/extension.js.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { parseDataset?: typeof ParseDataset };
    if (typeof mod?.parseDataset !== 'function') throw new Error(`${file} is not the dataset loader bundle`);
    loaded = mod.parseDataset;
  }
  return loaded;
}
