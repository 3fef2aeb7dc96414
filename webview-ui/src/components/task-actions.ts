// What a task row can ask for. SpecView implements these as protocol requests and shows any
// failure; the rows themselves never touch the host.
import type { AddTaskPlace, MoveTaskPlace, TaskStatus } from '../../../src/protocol';

export interface TaskActions {
  setStatus(id: string, status: TaskStatus): void;
  rename(id: string, title: string): void;
  add(title: string, place: AddTaskPlace): void;
  remove(id: string): void;
  move(id: string, place: MoveTaskPlace): void;
  run(id: string): void;
  /** Opens tasks.md at the task's line. */
  open(line: number): void;
  jumpToRequirement(ref: string): void;
}
