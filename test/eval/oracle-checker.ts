/**
 * A stand-in checker that "finds" exactly the dev set's expectations. Running the evaluator with it
 * (`npx tsx scripts/eval.ts --checker test/eval/oracle-checker.ts`) must report precision = recall = 100%:
 * a check of the runner and of the set's own consistency, not of the product.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnnalistDiagnostic, TextDocumentLike } from '../../src/core/types';
import { LineMap } from '../../src/core/text/lines';
import { loadDevSet, occurrences, type Passage } from './scoring';

/** The "context" is the set itself, by passage id. */
export function loadShippedContext(): Map<string, Passage> {
  const set = loadDevSet(readFileSync(join(__dirname, 'dev-set.yaml'), 'utf8'));
  return new Map(set.passages.map((p) => [p.id, p]));
}

/** Diagnostics for the passage whose id is the document's file name. */
export function runChecks(doc: TextDocumentLike, context: Map<string, Passage>): AnnalistDiagnostic[] {
  const id = doc.uri.replace(/^.*\//, '').replace(/\.[a-z]+$/, '');
  const passage = context.get(id);
  if (!passage) return [];
  const text = doc.getText();
  const lines = new LineMap(text);
  return passage.expect.map((e) => {
    const [start, end] = occurrences(text, e.written)[0] ?? [0, 0];
    return {
      range: lines.rangeOf(start, end),
      severity: 'warning',
      code: e.code,
      message: `oracle: ${e.written}`,
      source: 'Annalist',
      data: { event: e.events[0], written: text.slice(start, end), disputed: e.disputed },
    };
  });
}
