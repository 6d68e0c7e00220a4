import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { discard, hoversAt, hoverText, openFixture, positionOf, waitFor, waitForActivation } from './helpers';

/** Waits for a hover at `pos` whose text satisfies `ok`; fails with the last hover seen. */
async function hoverUntil(doc: vscode.TextDocument, pos: vscode.Position, what: string, ok: (text: string) => boolean): Promise<string> {
  let last = '';
  return waitFor(
    what,
    async () => {
      last = hoverText(await hoversAt(doc.uri, pos));
      return ok(last) ? last : undefined;
    },
    undefined,
    () => (last ? JSON.stringify(last.slice(0, 600)) : '(no hover)'),
  );
}

type DefinitionResult = vscode.Location | vscode.LocationLink;

function targetOf(d: DefinitionResult): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in d ? { uri: d.targetUri, range: d.targetSelectionRange ?? d.targetRange } : { uri: d.uri, range: d.range };
}

describe('Hover on dates and events, Go to Definition', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = await openFixture('speech.md');
    await waitForActivation();
  });

  after(async () => {
    if (doc) await discard(doc);
  });

  it('lists the events of 1956 when hovering the year "1956"', async () => {
    const text = await hoverUntil(doc, positionOf(doc, '1956', 2), 'a hover listing the events of 1956', (t) => t.includes('Secret Speech'));
    assert.match(text, /\*\*1956\*\*/, 'the card should be headed by the year');
    assert.match(text, /\d+ events? in the dataset/, 'the card should count the events of the year');
    assert.ok(text.includes('25 February 1956: Khrushchev\'s Secret Speech'), `the Secret Speech should be listed with its date:\n${text}`);
    assert.ok(text.includes('Twentieth Congress of the CPSU'), `the Twentieth Congress should be listed:\n${text}`);
  });

  it('shows "25 February 1956" when hovering "the Secret Speech"', async () => {
    const pos = positionOf(doc, 'the Secret Speech', 8, 2);
    const text = await hoverUntil(doc, pos, 'the event card of the Secret Speech', (t) => t.includes('Khrushchev\'s Secret Speech'));
    assert.match(text, /\*\*Khrushchev's Secret Speech\*\*/, 'the card should name the event');
    assert.ok(text.includes('25 February 1956'), `the card should give the date 25 February 1956:\n${text}`);
  });

  it('goes to the definition of "Khrushchev" in data/destalinization.yaml', async () => {
    const pos = positionOf(doc, 'Khrushchev', 4);
    let seen: DefinitionResult[] = [];
    const targets = await waitFor(
      'a definition of Khrushchev',
      async () => {
        seen = (await vscode.commands.executeCommand<DefinitionResult[]>('vscode.executeDefinitionProvider', doc.uri, pos)) ?? [];
        return seen.length ? seen.map(targetOf) : undefined;
      },
      undefined,
      () => seen.map((d) => targetOf(d).uri.toString()).join(', ') || '(no definition)',
    );
    const inDataset = targets.find((t) => t.uri.path.endsWith('/data/destalinization.yaml'));
    assert.ok(inDataset, `a definition should point into data/destalinization.yaml; got ${targets.map((t) => t.uri.toString()).join(', ')}`);
    const yaml = new TextDecoder().decode(await vscode.workspace.fs.readFile(inDataset.uri)).split(/\r?\n/);
    const line = yaml[inDataset.range.start.line] ?? '';
    assert.match(line, /khrushchev/i, `the definition should be Khrushchev's entry; line ${inDataset.range.start.line + 1} is ${JSON.stringify(line)}`);
  });
});
