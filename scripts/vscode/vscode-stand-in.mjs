#!/usr/bin/env node
// An executable that answers like a desktop VS Code binary for @vscode/test-electron's `runTests`
// (`vscodeExecutablePath`): it reads the desktop flags runTests passes (--extensionDevelopmentPath=,
// --extensionTestsPath=, a positional folder; --user-data-dir/--extensions-dir and the Electron-only flags
// are accepted and ignored, since every run gets fresh scratch folders) and runs the suite in code-server's
// real extension host through runner.mjs. Its exit code is the suite's: 0 passed, 1 failed, 2 harness error.
import { runExtensionTests, parseArgs } from './runner.mjs';
import { resolve } from 'node:path';

const { flags, positional } = parseArgs(process.argv.slice(2));
const dev = flags.extensionDevelopmentPath;
const tests = flags.extensionTestsPath;
if (typeof dev !== 'string' || typeof tests !== 'string') {
  process.stderr.write('[vscode-stand-in] needs --extensionDevelopmentPath=DIR and --extensionTestsPath=PATH (as @vscode/test-electron passes them)\n');
  process.exit(2);
}
const folder = positional.find((p) => !p.startsWith('-'));
process.exit(await runExtensionTests({
  extensionDevelopmentPath: resolve(dev),
  extensionTestsPath: resolve(tests),
  folder: folder ? resolve(folder) : undefined,
}));
