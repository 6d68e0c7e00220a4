import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostics, discard, openFixture, waitForDiagnostics, withCode } from './helpers';

describe('Diagnostics', () => {
  it('warns that the reburial is misdated (misdated-event on "1961") in Markdown', async () => {
    const doc = await openFixture('reburial.md');
    try {
      const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'misdated-event').length > 0, undefined, 'a misdated-event diagnostic');
      const misdated = withCode(ds, 'misdated-event');
      assert.equal(misdated.length, 1, `expected exactly one misdated-event:\n    ${describeDiagnostics(ds)}`);
      const d = misdated[0];
      assert.match(doc.getText(d.range), /1961/, `the squiggle should cover the written year, covers "${doc.getText(d.range)}"`);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning, 'default level of misdated-event is warning');
      assert.match(d.message, /1962/, 'the message should give the dataset\'s date');
      assert.match(d.source ?? '', /annalist/i, 'source should name the extension');
    } finally {
      await discard(doc);
    }
  });

  it('reports the same in a plain-text file', async () => {
    const doc = await openFixture('notes.txt');
    try {
      assert.equal(doc.languageId, 'plaintext');
      const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'misdated-event').length > 0, undefined, 'a misdated-event diagnostic');
      assert.match(doc.getText(withCode(ds, 'misdated-event')[0].range), /1961/);
    } finally {
      await discard(doc);
    }
  });

  it('flags [@breslauer1983] as an unknown citation key, not [@breslauer1982]', async () => {
    const doc = await openFixture('citations.md');
    try {
      const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'unknown-citation-key').length > 0, undefined, 'an unknown-citation-key diagnostic');
      const unknown = withCode(ds, 'unknown-citation-key');
      assert.equal(unknown.length, 1, `expected one unknown-citation-key:\n    ${describeDiagnostics(ds)}`);
      assert.match(doc.getText(unknown[0].range), /breslauer1983/);
      assert.match(unknown[0].message, /breslauer1983/);
    } finally {
      await discard(doc);
    }
  });
});
