import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { discard, openFixture, waitForDiagnostics, withCode, withSetting } from './helpers';

describe('Settings', () => {
  it('annalist.diagnostics.misdatedEvent: "off" clears the warning, "error" raises it, and back', async () => {
    const doc = await openFixture('reburial.md');
    const misdated = (ds: readonly vscode.Diagnostic[]) => withCode(ds, 'misdated-event');
    try {
      await waitForDiagnostics(doc.uri, (d) => misdated(d).length === 1 && misdated(d)[0].severity === vscode.DiagnosticSeverity.Warning, undefined, 'the misdated-event warning');
      await withSetting('diagnostics.misdatedEvent', 'off', async () => {
        await waitForDiagnostics(doc.uri, (d) => misdated(d).length === 0, undefined, 'the warning to be cleared by "off"');
      });
      await waitForDiagnostics(doc.uri, (d) => misdated(d).length === 1, undefined, 'the warning to return when the setting is reset');
      await withSetting('diagnostics.misdatedEvent', 'error', async () => {
        const ds = await waitForDiagnostics(doc.uri, (d) => misdated(d)[0]?.severity === vscode.DiagnosticSeverity.Error, undefined, 'an error-level misdated-event');
        assert.equal(misdated(ds).length, 1);
      });
    } finally {
      await discard(doc);
    }
  });
});
