/**
 * "Annalist: New Dataset": asks for a name, writes `.annalist/<name>.yaml` in the workspace with the core's
 * commented starter (one source, one person, one event), opens it, and lets the dataset service reload. An
 * existing file is opened, never overwritten.
 */
import * as vscode from 'vscode';
import { datasetIdFromName, starterDataset } from '../core/dataset/starter';

/** What the command needs from the extension. */
export interface NewDatasetDeps {
  /** Reloads the datasets after the file is written (the file watcher would too, a little later). */
  reload?: () => Promise<unknown>;
  log?: { info(message: string): void; warn(message: string): void };
}

export const NEW_DATASET_COMMAND = 'annalist.newDataset';

/** Registers `annalist.newDataset`. */
export function registerNewDatasetCommand(deps: NewDatasetDeps = {}): vscode.Disposable {
  // An optional name lets tests and other extensions create a dataset without the input box.
  return vscode.commands.registerCommand(NEW_DATASET_COMMAND, async (givenName?: unknown) => {
    const folder = await pickFolder();
    if (!folder) {
      void vscode.window.showWarningMessage('Annalist: open a folder first; a dataset lives in its .annalist folder.');
      return;
    }
    const name = typeof givenName === 'string' ? givenName : await vscode.window.showInputBox({
      title: 'Annalist: New Dataset',
      prompt: 'A name for the dataset (its file is .annalist/<name>.yaml)',
      value: 'my-dataset',
      // The file name is the kebab-case id, so the name needs a Latin letter or a digit.
      validateInput: (v) => (v.trim() === '' || /[a-z0-9]/i.test(v.normalize('NFKD')) ? undefined : 'Use Latin letters or digits in the name.'),
    });
    if (name === undefined) return;
    const id = datasetIdFromName(name);
    const dir = vscode.Uri.joinPath(folder.uri, '.annalist');
    const file = vscode.Uri.joinPath(dir, `${id}.yaml`);
    try {
      if (await exists(file)) {
        void vscode.window.showInformationMessage(`Annalist: ${vscode.workspace.asRelativePath(file)} already exists; opened it.`);
      } else {
        await vscode.workspace.fs.createDirectory(dir);
        const title = name.trim() === '' || id === name.trim() ? undefined : name.trim();
        await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(starterDataset({ id, title })));
        deps.log?.info(`new dataset ${file.toString()}`);
        await deps.reload?.();
      }
      await vscode.window.showTextDocument(file);
    } catch (err) {
      deps.log?.warn(`cannot create ${file.toString()}: ${String(err)}`);
      void vscode.window.showErrorMessage(`Annalist: cannot create ${vscode.workspace.asRelativePath(file)} (${String((err as Error)?.message ?? err)}).`);
    }
  });
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder to add the dataset to' });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
