// Entry of the integration suite, loaded by VS Code's extension host (`--extensionTestsPath`): the
// @vscode/test-electron contract is a module exporting `run(): Promise<void>` that rejects when a test fails.
// esbuild bundles this file, mocha and the tests into out/test/integration/index.js (`vscode` stays external).
import Mocha from 'mocha';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const where = `VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web workbench' : 'desktop'}${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''})`;
  console.log(`Annalist integration suite on ${where}`);
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: 60_000,
    grep: process.env.ANNALIST_GREP || undefined,
  });
  // Give the test modules mocha's describe/it before they are evaluated.
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  // Order matters: activation must be observed before any other test opens a document.
  await import('./activation.test');
  await import('./diagnostics.test');
  await import('./hover.test');
  await import('./completion.test');
  await import('./codeActions.test');
  await import('./settings.test');
  await import('./navigation.test');
  await import('./weekday.test');
  await import('./bibliography.test');
  await import('./userDataset.test');
  await import('./timeline.test');
  await import('./manuscript.test');

  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  console.log(`Annalist integration suite: ${failures ? `${failures} failing` : 'all passing'} on ${where}`);
  if (failures > 0) throw new Error(`${failures} integration test(s) failed on ${where}`);
}
