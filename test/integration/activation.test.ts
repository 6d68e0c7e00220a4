import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { discard, extension, openFixture, waitForActivation } from './helpers';

const PROSE_LANGUAGES = ['markdown', 'latex', 'tex', 'plaintext'];

describe('Activation', () => {
  it('is not active before a Markdown file is opened', () => {
    const open = vscode.workspace.textDocuments
      .filter((d) => PROSE_LANGUAGES.includes(d.languageId))
      .map((d) => `${d.languageId} ${d.uri.toString()}`);
    assert.equal(extension().isActive, false, `annalist.annalist was already active; prose documents open: ${open.join(', ') || 'none'}`);
  });

  it('becomes active once a Markdown file is opened', async () => {
    const doc = await openFixture('reburial.md');
    assert.equal(doc.languageId, 'markdown');
    await waitForActivation();
    await discard(doc);
  });
});
