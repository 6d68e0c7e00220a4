// One peer tool on one file, in its own process (so a slow or crashing peer cannot disturb the others, and
// bare imports resolve to bench/peers/node_modules). Usage: node bench/peers/run-peer.mjs <peer> <file> <runs>
// Prints a JSON line per finished run, then a last one: { peer, setupMs, runsMs: [...], findings } or { peer, error }.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [peer, file, runsArg] = process.argv.slice(2);
const runs = Math.max(1, Number(runsArg) || 1);
const text = readFileSync(file, 'utf8');

/** Each peer: setup() once (imports, WASM, rule loading), then run(text) per measured run → number of findings. */
const PEERS = {
  async textlint() {
    const { TextlintKernel } = await import('@textlint/kernel');
    const markdown = (await import('@textlint/textlint-plugin-markdown')).default;
    const ruleModule = await import('textlint-rule-date-weekday-mismatch');
    const rule = ruleModule.default?.default ?? ruleModule.default ?? ruleModule;
    const kernel = new TextlintKernel();
    const options = {
      ext: '.md',
      filePath: file,
      plugins: [{ pluginId: 'markdown', plugin: markdown.default ?? markdown }],
      rules: [{ ruleId: 'date-weekday-mismatch', rule }],
    };
    return async (t) => (await kernel.lintText(t, options)).messages.length;
  },
  async harper() {
    const { LocalLinter } = await import('harper.js');
    const { binaryInlined } = await import('harper.js/binaryInlined');
    const linter = new LocalLinter({ binary: binaryInlined });
    await linter.setup();
    return async (t) => (await linter.lint(t, { language: 'markdown' })).length;
  },
  async 'write-good'() {
    const writeGood = (await import('write-good')).default;
    return async (t) => writeGood(t).length;
  },
  async retext() {
    const { retext } = await import('retext');
    const english = (await import('retext-english')).default;
    const repeated = (await import('retext-repeated-words')).default;
    const passive = (await import('retext-passive')).default;
    const processor = retext().use(english).use(repeated).use(passive);
    return async (t) => (await processor.process(t)).messages.length;
  },
  async chrono() {
    const chrono = await import('chrono-node');
    return async (t) => chrono.parse(t).length;
  },
  async 'citation-js'() {
    const { Cite } = await import('@citation-js/core');
    await import('@citation-js/plugin-bibtex');
    return async (t) => new Cite(t, { generateGraph: false }).data.length;
  },
  async 'retorquere-bibtex-parser'() {
    // ESM-only in practice: imported dynamically; resolves to the root node_modules.
    const { parse } = await import('@retorquere/bibtex-parser');
    return async (t) => parse(t).entries.length;
  },
};

async function main() {
  const make = PEERS[peer];
  if (!make) throw new Error(`unknown peer ${peer}`);
  const t0 = performance.now();
  const run = await make();
  const setupMs = performance.now() - t0;
  const runsMs = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    findings = await run(text);
    runsMs.push(performance.now() - t);
    // One line per finished run, so a run cut short by the harness's timeout still reports what it measured.
    process.stdout.write(JSON.stringify({ peer, partial: true, setupMs, runsMs, findings }) + '\n');
  }
  return { peer, setupMs, runsMs, findings, rssMb: process.memoryUsage().rss / 2 ** 20 };
}

main().then(
  (r) => {
    process.stdout.write(JSON.stringify(r) + '\n');
    process.exit(0);
  },
  (err) => {
    process.stdout.write(JSON.stringify({ peer, error: String(err && err.stack ? err.stack.split('\n').slice(0, 3).join(' | ') : err) }) + '\n');
    process.exit(0);
  },
);
