// The fake host edits tasks.md text with the real engine, exactly as the extension's task
// handlers do, and re-reads the rows from the new text.
// The engine's modules themselves, not its index: the index also brings the file-system parts.
import { addTask, deleteTask, moveTask, renameTask, setTaskStatus } from '../../../src/core/specs/edits';
import { countTasks } from '../../../src/core/specs/counts';
import { parseTasks } from '../../../src/core/specs/parse-tasks';
import type { SpecSnapshot, WebviewMessage } from '../../../src/protocol';
import { taskRows } from '../../../src/extension/webview/spec-snapshot';

export function editTasksText(text: string, message: WebviewMessage): { text: string; result: unknown } {
  switch (message.method) {
    case 'task.setStatus':
      return { text: setTaskStatus(text, message.params.taskId, message.params.status).text, result: null };
    case 'task.rename':
      return { text: renameTask(text, message.params.taskId, message.params.title).text, result: null };
    case 'task.add': {
      const r = addTask(text, message.params.title, message.params.place);
      return { text: r.text, result: { taskId: r.taskId ?? null } };
    }
    case 'task.delete':
      return { text: deleteTask(text, message.params.taskId).text, result: null };
    case 'task.move': {
      const r = moveTask(text, message.params.taskId, message.params.place);
      return { text: r.text, result: { taskId: r.taskId ?? null } };
    }
    default:
      return { text, result: null };
  }
}

/** The snapshot with its task rows and counts read from new tasks.md text. */
export function withTasksText(spec: SpecSnapshot, text: string): SpecSnapshot {
  const tasks = parseTasks(text, spec.tasksPath ?? '').tasks;
  return { ...spec, tasks: taskRows(tasks), counts: countTasks(tasks) };
}
