// How a task looks wherever the extension shows one (tree, CodeLens, pickers): one place so the
// icons and words agree everywhere.
import * as vscode from 'vscode';
import type { Task, TaskStatus } from '../core/specs/model';

const ICONS: Record<TaskStatus, vscode.ThemeIcon> = {
  todo: new vscode.ThemeIcon('circle-large-outline'),
  'in-progress': new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue')),
  queued: new vscode.ThemeIcon('clock', new vscode.ThemeColor('charts.yellow')),
  done: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
};

export const STATUS_WORDS: Record<TaskStatus, string> = {
  todo: 'to do',
  'in-progress': 'in progress',
  queued: 'queued',
  done: 'done',
};

export function taskIcon(task: Task): vscode.ThemeIcon {
  return ICONS[task.status];
}

export function taskLabel(task: Task): string {
  return task.derivedId ? task.title : `${task.id}. ${task.title}`;
}

/** `task-leaf-todo`, `task-parent-done`…: what the tree's inline actions match on. */
export function taskContextValue(task: Task): string {
  return `task-${task.children.length ? 'parent' : 'leaf'}-${task.status}`;
}
