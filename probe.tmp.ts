import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { runChecks, analyzeDocument } from './src/core/check/index';
import { analyzeText } from './src/core/text/analysis';
import { loadIndex } from './src/node/datasets';
const { index } = loadIndex();
const set = parse(readFileSync('test/eval/dev-set.yaml', 'utf8'));
const md = set.passages.filter((p: any) => p.format === 'markdown').map((p: any) => p.text).join('\n\n');
let text = '';
while (text.length < 1_000_000) text += md + '\n\n';
console.log('size', text.length);
const doc = { uri: 'x', languageId: 'markdown', version: 1, getText: () => text };
for (let i = 0; i < 3; i++) {
  let t = performance.now(); const a = analyzeText(text, 'markdown'); const ta = performance.now() - t;
  t = performance.now(); const d = runChecks(doc, { index }); const tr = performance.now() - t;
  t = performance.now(); const da = analyzeDocument(text, 'markdown', index); const td = performance.now() - t;
  console.log(`text ${ta.toFixed(0)}ms, analyzeDocument ${td.toFixed(0)}ms, runChecks ${tr.toFixed(0)}ms, ${d.length} diags, ${da.dates.length} dates`);
}
