// New Spec and New Steering File: short wizards that write files from the templates through a
// WorkspaceEdit, so the creation can be undone like any other edit.
import * as vscode from 'vscode';
import { exists } from './uri-exists';
import { kebabNameProblem, specTemplates } from '../core/templates/spec-templates';
import { STEERING_TEMPLATES, customSteering, type SteeringTemplateKind } from '../core/templates/steering-templates';
import type { Inclusion } from '../core/steering/model';
import type { WorkspaceModel } from './workspace-model';

export function registerCreateCommands(model: WorkspaceModel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('tiller.newSpec', (name?: string) => newSpec(model, name)),
    vscode.commands.registerCommand('tiller.newSteering', (kind?: SteeringTemplateKind) => newSteering(model, kind)),
  );
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    if (!folders.length)
      void vscode.window.showErrorMessage('Tiller: open a folder first; specs live in its .kiro folder.');
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new file' });
}

async function createFiles(files: Array<[vscode.Uri, string]>): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  const encoder = new TextEncoder();
  for (const [uri, text] of files) edit.createFile(uri, { contents: encoder.encode(text) });
  return vscode.workspace.applyEdit(edit);
}

/** `name` lets tests and other extensions skip the input box. */
async function newSpec(model: WorkspaceModel, name?: string): Promise<void> {
  const folder = await pickFolder();
  if (!folder) return;
  const specs = vscode.Uri.joinPath(folder.uri, '.kiro', 'specs');
  const chosen =
    name ??
    (await vscode.window.showInputBox({
      title: 'New Spec',
      prompt: 'Name of the feature, in kebab-case',
      placeHolder: 'user-auth',
      validateInput: async (value) =>
        kebabNameProblem(value) ??
        ((await exists(vscode.Uri.joinPath(specs, value))) ? `A spec named ${value} already exists.` : null),
    }));
  if (!chosen) return;
  const problem = kebabNameProblem(chosen);
  const dir = vscode.Uri.joinPath(specs, chosen);
  if (problem || (await exists(dir))) {
    void vscode.window.showErrorMessage(`Tiller: ${problem ?? `a spec named ${chosen} already exists.`}`);
    return;
  }
  const files = Object.entries(specTemplates(chosen)).map(([file, text]): [vscode.Uri, string] => [
    vscode.Uri.joinPath(dir, file),
    text,
  ]);
  if (!(await createFiles(files))) {
    void vscode.window.showErrorMessage(`Tiller: could not create the spec ${chosen}.`);
    return;
  }
  await model.reload();
  await vscode.window.showTextDocument(vscode.Uri.joinPath(dir, 'requirements.md'));
}

interface SteeringPick extends vscode.QuickPickItem {
  kind_: SteeringTemplateKind | 'custom';
}

const INCLUSIONS: Array<vscode.QuickPickItem & { inclusion: Inclusion }> = [
  { label: 'always', description: 'Included in every agent request', inclusion: 'always' },
  { label: 'fileMatch', description: 'Included when a file in play matches a glob', inclusion: 'fileMatch' },
  { label: 'manual', description: 'Included only when a prompt references #name', inclusion: 'manual' },
  { label: 'auto', description: 'The agent includes it when its description fits the request', inclusion: 'auto' },
];

/** `kind` lets tests and other extensions skip the picker for the three foundation files. */
async function newSteering(model: WorkspaceModel, kind?: SteeringTemplateKind): Promise<void> {
  const folder = await pickFolder();
  if (!folder) return;
  const picks: SteeringPick[] = [
    ...(Object.keys(STEERING_TEMPLATES) as SteeringTemplateKind[]).map((kind) => ({
      label: `${kind}.md`,
      description: STEERING_TEMPLATES[kind].description,
      kind_: kind,
    })),
    { label: 'Custom…', description: 'Your own file, with the inclusion mode you choose', kind_: 'custom' },
  ];
  const pick =
    kind && kind in STEERING_TEMPLATES
      ? picks.find((p) => p.kind_ === kind)
      : await vscode.window.showQuickPick(picks, { title: 'New Steering File' });
  if (!pick) return;
  let name: string = pick.kind_;
  let text: string;
  if (pick.kind_ === 'custom') {
    const custom = await askCustomSteering();
    if (!custom) return;
    name = custom.name;
    text = custom.text;
  } else {
    text = STEERING_TEMPLATES[pick.kind_].text;
  }
  const uri = vscode.Uri.joinPath(folder.uri, '.kiro', 'steering', `${name}.md`);
  if (await exists(uri)) {
    void vscode.window.showInformationMessage(`Tiller: ${name}.md already exists; opening it.`);
  } else if (!(await createFiles([[uri, text]]))) {
    void vscode.window.showErrorMessage(`Tiller: could not create ${name}.md.`);
    return;
  }
  await model.reload();
  await vscode.window.showTextDocument(uri);
}

async function askCustomSteering(): Promise<{ name: string; text: string } | undefined> {
  const name = await vscode.window.showInputBox({
    title: 'New Steering File (1/3)',
    prompt: 'File name, without .md',
    placeHolder: 'api-style',
    validateInput: (value) => kebabNameProblem(value, 'steering file'),
  });
  if (!name) return undefined;
  const mode = await vscode.window.showQuickPick(INCLUSIONS, { title: 'New Steering File (2/3): inclusion' });
  if (!mode) return undefined;
  let patterns: string[] | undefined;
  let description: string | undefined;
  if (mode.inclusion === 'fileMatch') {
    const answer = await vscode.window.showInputBox({
      title: 'New Steering File (3/3)',
      prompt: 'Glob(s) relative to the workspace root; separate several with spaces',
      value: 'src/**/*.ts',
      validateInput: (value) => (value.trim() ? null : 'Enter at least one glob.'),
    });
    if (!answer) return undefined;
    patterns = answer.trim().split(/\s+/);
  } else if (mode.inclusion === 'auto') {
    description = await vscode.window.showInputBox({
      title: 'New Steering File (3/3)',
      prompt: 'What the document is about (the agent uses this to decide when to include it)',
      validateInput: (value) => (value.trim() ? null : 'Describe when the document applies.'),
    });
    if (!description) return undefined;
  }
  return { name, text: customSteering({ name, inclusion: mode.inclusion, patterns, description }) };
}
