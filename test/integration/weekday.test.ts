import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostics, discard, openFixture, waitForDiagnostics, withCode } from './helpers';

describe('Weekday check', () => {
  it('flags "Monday, 5 March 1953" (a Thursday) as weekday-mismatch', async () => {
    const doc = await openFixture('weekday.md');
    try {
      const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'weekday-mismatch').length > 0, undefined, 'a weekday-mismatch diagnostic');
      const found = withCode(ds, 'weekday-mismatch');
      assert.equal(found.length, 1, `expected one weekday-mismatch:\n    ${describeDiagnostics(ds)}`);
      assert.match(doc.getText(found[0].range), /Monday/, `the squiggle should cover the weekday, covers "${doc.getText(found[0].range)}"`);
      assert.match(found[0].message, /Thursday/, 'the message should name the right weekday');
      assert.equal(found[0].severity, vscode.DiagnosticSeverity.Warning);
    } finally {
      await discard(doc);
    }
  });
});
