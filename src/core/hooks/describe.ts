// The event in words, appended to an agent hook's prompt, and as JSON for a command's stdin.
import type { Hook, HookPayload } from './model';

const LISTED = 50;

export function describePayload(payload: HookPayload): string {
  const lines: string[] = [];
  const paths = (label: string) => {
    if (!payload.paths.length) return;
    const shown = payload.paths.slice(0, LISTED).map((p) => `- ${p}`);
    if (payload.paths.length > LISTED) shown.push(`- … and ${payload.paths.length - LISTED} more`);
    lines.push(`${label}:`, ...shown);
  };
  switch (payload.trigger) {
    case 'fileSaved':
      paths('Files saved');
      break;
    case 'fileCreated':
      paths('Files created');
      break;
    case 'fileDeleted':
      paths('Files deleted');
      break;
    case 'commit':
      for (const c of payload.commits ?? []) lines.push(`Commit ${c.sha}: ${c.message.split('\n')[0]}`);
      paths('Files changed');
      break;
    case 'preTask':
    case 'postTask':
      if (payload.task) {
        const when = payload.trigger === 'preTask' ? 'is about to start' : 'has ended';
        lines.push(
          `Task ${payload.task.task} of spec ${payload.task.spec} ${when}${payload.task.status ? ` (status: ${payload.task.status})` : ''}.`,
        );
      }
      break;
    case 'promptSubmit':
      if (payload.prompt !== undefined) lines.push(`The prompt submitted:\n${payload.prompt}`);
      break;
    case 'preToolUse':
    case 'postToolUse':
      if (payload.tool) lines.push(`Tool: ${payload.tool}`);
      break;
    default:
      break;
  }
  return lines.length ? `Hook event (${payload.trigger}):\n${lines.join('\n')}` : `Hook event: ${payload.trigger}`;
}

export function agentPrompt(prompt: string, payload: HookPayload): string {
  return `${prompt}\n\n${describePayload(payload)}`;
}

/** The JSON a command reads on stdin. */
export function commandInput(hook: Hook, payload: HookPayload, workspaceRoot: string): string {
  return JSON.stringify({
    hook: { id: hook.id, name: hook.name, trigger: hook.trigger },
    workspace: workspaceRoot,
    ...payload,
  });
}
