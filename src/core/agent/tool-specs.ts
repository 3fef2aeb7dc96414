// The tools the model sees. Names and parameters are a public contract (docs/tools.md): traces,
// exported runs and prompts people write refer to them, so change them only with that document.
import type { ToolSpec } from './model';

const str = (description: string) => ({ type: 'string', description });
const strList = (description: string) => ({ type: 'array', items: { type: 'string' }, description });
const object = (properties: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

const RATIONALE = str(
  'Why this change is needed: the requirement or decision it serves. Shown to the reviewer beside the diff.',
);

export const TOOL_SPECS: readonly ToolSpec[] = [
  {
    name: 'read_file',
    description: 'Read a text file of the workspace. Returns its whole content.',
    parameters: object({ path: str('Workspace-relative path, e.g. src/app.ts') }, ['path']),
  },
  {
    name: 'list_files',
    description: 'List a folder of the workspace (folders end with /). Files ignored by .gitignore are left out.',
    parameters: object(
      {
        path: str('Workspace-relative folder; "." for the root'),
        recursive: { type: 'boolean', description: 'List sub-folders too (default false)' },
      },
      ['path'],
    ),
  },
  {
    name: 'search_files',
    description:
      'Search the text files of the workspace (respecting .gitignore) with a JavaScript regular expression. Returns path:line: text for each matching line.',
    parameters: object(
      {
        pattern: str('Regular expression, e.g. "class \\\\w+Service"'),
        path: str('Workspace-relative folder or file to search in (default: the whole workspace)'),
      },
      ['pattern'],
    ),
  },
  {
    name: 'write_file',
    description: 'Create a file or replace its whole content. Prefer edit_file for changes to an existing file.',
    parameters: object(
      { path: str('Workspace-relative path'), content: str('The complete new content'), rationale: RATIONALE },
      ['path', 'content', 'rationale'],
    ),
  },
  {
    name: 'edit_file',
    description:
      'Replace one exact occurrence of old_string with new_string in a file. old_string must appear exactly once; include surrounding lines to make it unique.',
    parameters: object(
      {
        path: str('Workspace-relative path'),
        old_string: str('Text to replace, copied exactly from the file'),
        new_string: str('Replacement text'),
        rationale: RATIONALE,
      },
      ['path', 'old_string', 'new_string', 'rationale'],
    ),
  },
  {
    name: 'run_command',
    description:
      "Run a shell command (bash -c) in the workspace root. The command policy decides: allowed commands run at once, denied ones never run, others need a person's approval.",
    parameters: object(
      {
        command: str('The exact command line'),
        rationale: str('Why the command is needed (shown to the person asked to approve it)'),
      },
      ['command', 'rationale'],
    ),
  },
  {
    name: 'record_decision',
    description:
      'Record a design or implementation decision before the edits it leads to, so reviewers see why. Use it for every choice a reviewer could question.',
    parameters: object(
      {
        title: str('Short name of the decision'),
        decision: str('What was decided'),
        rationale: str('Why'),
        alternatives: strList('Alternatives that were weighed and why they lost'),
        requirements: strList('Requirement or acceptance-criterion ids served, e.g. ["1.2"]'),
      },
      ['title', 'decision', 'rationale', 'alternatives', 'requirements'],
    ),
  },
  {
    name: 'complete_task',
    description:
      'Declare the task complete once its work is done and verified. Tiller then marks it done in tasks.md; never edit the checkbox yourself.',
    parameters: object({ summary: str('What was done, for the person reading the run') }, ['summary']),
  },
];
