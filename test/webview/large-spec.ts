// A generated spec of many tasks (400 parents of 5 sub-tasks for 2,000), for the virtualisation
// test and the benchmark.
import { countTasks, parseTasks } from '../../src/core/specs';
import type { SpecSnapshot } from '../../src/protocol';
import { taskRows } from '../../src/extension/webview/spec-snapshot';

export function largeTasksText(leaves: number): string {
  const lines = ['# Implementation Plan', ''];
  for (let p = 1; p <= leaves / 5; p++) {
    lines.push(`- [ ] ${p}. Parent task number ${p} with a reasonably long title`);
    for (let c = 1; c <= 5; c++) {
      lines.push(
        `  - [${(p + c) % 4 === 0 ? 'x' : ' '}] ${p}.${c} Sub-task ${c} of ${p}: implement, test and document the piece`,
      );
      lines.push(`    - _Requirements: ${(p % 7) + 1}.${c}_`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function largeSpec(
  leaves: number,
  dir = '/bench/.kiro/specs/large',
): { snapshot: SpecSnapshot; tasksText: string } {
  const tasksText = largeTasksText(leaves);
  const tasks = parseTasks(tasksText, `${dir}/tasks.md`).tasks;
  const requirements = Array.from({ length: 7 }, (_, i) => ({
    id: String(i + 1),
    title: `Requirement ${i + 1}`,
    line: i * 10 + 1,
    criteria: Array.from({ length: 5 }, (_, c) => ({ id: `${i + 1}.${c + 1}`, text: `WHEN x THE SYSTEM SHALL y` })),
  }));
  return {
    tasksText,
    snapshot: {
      dir,
      name: 'large',
      type: 'feature',
      requirementsDoc: null,
      designDoc: null,
      tasksPath: `${dir}/tasks.md`,
      requirements,
      tasks: taskRows(tasks),
      counts: countTasks(tasks),
      problems: 0,
    },
  };
}
