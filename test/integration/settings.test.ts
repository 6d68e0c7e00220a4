import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostics, discard, openFixture, waitForDiagnostics, withCode, withSetting } from './helpers';

const misdated = (ds: readonly vscode.Diagnostic[]) => withCode(ds, 'misdated-event');
const severityOf = (ds: readonly vscode.Diagnostic[]) => misdated(ds)[0]?.severity;

// Two misdatings: veldoria.md's "1743" contradicts every source of the (invented) user dataset; reburial.md's
// "1961" agrees with sources the shipped dataset records as disputing, so its level is the disputedFacts one.
describe('Settings', () => {
  it('annalist.diagnostics.misdatedEvent: "off" clears both, "error" raises the undisputed one only, and back', async () => {
    const plain = await openFixture('veldoria.md');
    const disputed = await openFixture('reburial.md');
    try {
      await waitForDiagnostics(plain.uri, (d) => misdated(d).length === 1 && severityOf(d) === vscode.DiagnosticSeverity.Warning, undefined, 'the undisputed misdated-event warning');
      const ds = await waitForDiagnostics(disputed.uri, (d) => misdated(d).length === 1 && severityOf(d) === vscode.DiagnosticSeverity.Warning, undefined, 'the disputed misdated-event warning');
      assert.match(misdated(ds)[0].message, /disputing sources/, `reburial.md's 1961 should be reported as disputed:\n    ${describeDiagnostics(ds)}`);
      await withSetting('diagnostics.misdatedEvent', 'off', async () => {
        await waitForDiagnostics(plain.uri, (d) => misdated(d).length === 0, undefined, 'the undisputed warning to be cleared by "off"');
        await waitForDiagnostics(disputed.uri, (d) => misdated(d).length === 0, undefined, 'the disputed warning to be cleared by "off" too');
      });
      await waitForDiagnostics(plain.uri, (d) => misdated(d).length === 1, undefined, 'the warning to return when the setting is reset');
      await waitForDiagnostics(disputed.uri, (d) => misdated(d).length === 1, undefined, 'the disputed warning to return when the setting is reset');
      await withSetting('diagnostics.misdatedEvent', 'error', async () => {
        await waitForDiagnostics(plain.uri, (d) => severityOf(d) === vscode.DiagnosticSeverity.Error, undefined, 'an error-level misdated-event on veldoria.md');
        const now = vscode.languages.getDiagnostics(disputed.uri);
        assert.equal(severityOf(now), vscode.DiagnosticSeverity.Warning, `a disputed misdating keeps the disputedFacts level:\n    ${describeDiagnostics(now)}`);
      });
      await waitForDiagnostics(plain.uri, (d) => severityOf(d) === vscode.DiagnosticSeverity.Warning, undefined, 'the warning level to return when the setting is reset');
    } finally {
      await discard(disputed);
      await discard(plain);
    }
  });

  it('annalist.diagnostics.disputedFacts: "information" lowers the disputed misdating only', async () => {
    const plain = await openFixture('veldoria.md');
    const disputed = await openFixture('reburial.md');
    try {
      await waitForDiagnostics(disputed.uri, (d) => severityOf(d) === vscode.DiagnosticSeverity.Warning, undefined, 'the disputed misdated-event warning');
      await withSetting('diagnostics.disputedFacts', 'information', async () => {
        await waitForDiagnostics(disputed.uri, (d) => severityOf(d) === vscode.DiagnosticSeverity.Information, undefined, 'an information-level disputed misdating');
        const now = vscode.languages.getDiagnostics(plain.uri);
        assert.equal(severityOf(now), vscode.DiagnosticSeverity.Warning, `the undisputed misdating keeps its level:\n    ${describeDiagnostics(now)}`);
      });
    } finally {
      await discard(disputed);
      await discard(plain);
    }
  });
});
