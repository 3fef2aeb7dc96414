// `tiller run`: one task through the agent, headless. Nobody is there to approve anything, so
// `ask` commands and writes to protected files are refused and the model is told so. Progress
// goes to stderr; the last line of stdout is the machine-readable outcome. Exit 0 only when the
// task completed. Ctrl-C cancels cleanly (the task goes back to `[ ]`); a second Ctrl-C quits.
import { createProvider } from '../core/agent/providers';
import { ModelError, runTask, type RunResult } from '../core/agent';
import { DEFAULT_ALLOW, DEFAULT_DENY } from '../core/policy';
import type { TraceEvent } from '../core/trace';
import { loadSpecIndex, requireSpec } from '../core/workspace';
import { nextLeafTask } from '../core/specs';
import { runGate, workflowState } from '../core/specs/workflow';
import { recoverRuns } from '../core/agent/recover';
import { parse, required, UsageError } from './args';
import { reportInterrupted } from './runs';

const USAGE = `usage: tiller run --spec NAME|FOLDER (--task ID | --next | --all [--parallel N]) --provider openai|anthropic --base-url URL --model NAME
                  [--api-key-env VAR] [--allow PATTERN]... [--deny PATTERN]... [--max-turns N] [--max-tokens N]
                  [--context-tokens N] [--prompt TEXT] [--no-checkpoint] [--allow-unapproved] [--workspace DIR]

  --spec             a spec folder (b/.kiro/specs/auth) or a name only one spec carries (else exit 2)
  --api-key-env VAR  environment variable holding the API key (default OPENAI_API_KEY / ANTHROPIC_API_KEY;
                     optional for local models). It is removed from every command's environment.
  --allow / --deny   command patterns added to Tiller's defaults; anything else needs a person and is refused.
  --max-tokens N     budget of input + output tokens over the whole run
  --context-tokens N the model's context window (default 128000): old tool results are shortened to stay inside it
  --no-checkpoint    skip the shadow-git snapshot (.kiro/tiller/checkpoints) that makes a run revertible
  --allow-unapproved run although the spec's tracked approvals (spec.json) are missing or stale
  --all              every remaining task, wave by wave (tiller run --all --help)

Progress goes to stderr. The last line of stdout is
  {"runId", "status": "completed"|"failed"|"cancelled", "spec", "specDir", "task", "trace", "usage"}
Exit code: 0 completed, 1 failed or cancelled, 2 usage error, 3 refused: the spec's approvals are
missing or stale (a spec with no approval records runs as it always did).`;

interface Values {
  spec?: string;
  task?: string;
  next: boolean;
  provider?: string;
  'base-url'?: string;
  model?: string;
  'api-key-env'?: string;
  allow?: string[];
  deny?: string[];
  'max-turns'?: string;
  'max-tokens'?: string;
  'context-tokens'?: string;
  prompt?: string;
  'no-checkpoint': boolean;
  'allow-unapproved': boolean;
}

export async function run(argv: string[]): Promise<number> {
  // Every remaining task, wave by wave: its own flags (--parallel) and outcome line (waves.ts).
  if (argv.includes('--all')) return (await import('./waves')).runAll(argv);
  const { values } = parse<Values>(
    argv,
    {
      spec: { type: 'string' },
      task: { type: 'string' },
      next: { type: 'boolean', default: false },
      provider: { type: 'string' },
      'base-url': { type: 'string' },
      model: { type: 'string' },
      'api-key-env': { type: 'string' },
      allow: { type: 'string', multiple: true },
      deny: { type: 'string', multiple: true },
      'max-turns': { type: 'string' },
      'max-tokens': { type: 'string' },
      'context-tokens': { type: 'string' },
      prompt: { type: 'string' },
      'no-checkpoint': { type: 'boolean', default: false },
      'allow-unapproved': { type: 'boolean', default: false },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const specName = required(values.spec, 'spec', USAGE);
  if ((values.task === undefined) === !values.next)
    throw new UsageError('give exactly one of --task ID and --next', USAGE);
  const provider = required(values.provider, 'provider', USAGE);
  if (provider !== 'openai' && provider !== 'anthropic')
    throw new UsageError(`--provider must be openai or anthropic, not '${provider}'`, USAGE);
  const baseUrl = required(values['base-url'], 'base-url', USAGE);
  const model = required(values.model, 'model', USAGE);
  const maxTurns = positiveInt(values['max-turns'], 'max-turns');
  const maxTokens = positiveInt(values['max-tokens'], 'max-tokens');
  const contextTokens = positiveInt(values['context-tokens'], 'context-tokens');
  const keyVar = values['api-key-env'] ?? (provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY');
  const apiKey = process.env[keyVar];
  if (values['api-key-env'] !== undefined && !apiKey)
    throw new UsageError(`--api-key-env ${keyVar}: the variable is not set`, USAGE);

  reportInterrupted(await recoverRuns({ workspaceRoot: values.workspace }));
  // Resolved once, by folder: the run works on this folder's task whatever other spec shares its name.
  const spec = requireSpec(await loadSpecIndex(values.workspace), specName);
  const blocker = runGate(await workflowState(spec.dir));
  if (blocker && !values['allow-unapproved']) {
    console.error(`tiller run: '${specName}' is not approved to run: ${blocker.reason} (or pass --allow-unapproved)`);
    return 3;
  }
  if (blocker) process.stderr.write(`tiller run: running unapproved (--allow-unapproved): ${blocker.reason}\n`);
  let task = values.task;
  if (values.next) {
    task = nextLeafTask(spec.tasks)?.id;
    if (!task) {
      console.error(`tiller run: no task left in '${specName}'`);
      return 1;
    }
  }

  let chat;
  try {
    chat = createProvider({
      provider,
      baseUrl,
      model,
      apiKey,
      apiKeySource: apiKey ? keyVar : undefined,
      contextTokens,
    });
  } catch (err) {
    if (err instanceof ModelError) throw new UsageError(err.message, USAGE);
    throw err;
  }

  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('tiller run: cancelling (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let result: RunResult;
  try {
    result = await runTask({
      workspaceRoot: values.workspace,
      spec: spec.dir,
      task: task as string,
      provider: chat,
      rules: { allow: [...DEFAULT_ALLOW, ...(values.allow ?? [])], deny: [...DEFAULT_DENY, ...(values.deny ?? [])] },
      storageDir: values['no-checkpoint'] ? null : undefined,
      prompt: values.prompt,
      maxTurns,
      maxTokens,
      signal: controller.signal,
      trigger: 'cli',
      commands: { secretNames: [keyVar] },
      onEvent: (e) => {
        const line = progress(e);
        if (line) process.stderr.write(`${line}\n`);
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
  process.stdout.write(
    `${JSON.stringify({ runId: result.runId, status: result.status, spec: result.spec, specDir: result.specDir, task: result.task, trace: result.trace, usage: result.usage })}\n`,
  );
  return result.status === 'completed' ? 0 : 1;
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number`, USAGE);
  return n;
}

export function progress(e: TraceEvent): string | null {
  switch (e.type) {
    case 'run-start':
      return `run ${e.runId}: ${e.task.specDir || e.task.spec} ${e.task.id} ${e.task.title} (${e.provider}/${e.model})`;
    case 'context':
      return e.turn === 0
        ? `context: ${e.steering.filter((s) => s.included).length} steering docs, ~${e.estimatedTokens} tokens`
        : `steering joined: ${e.added.join(', ')}`;
    case 'context-trim':
      return `context: ${e.shortened} old tool results shortened (${Math.round(e.bytes / 1024)} KB elided), ~${e.afterTokens} of ${e.limitTokens} tokens`;
    case 'model-turn':
      return `turn ${e.turn}: ${e.inputTokens} in / ${e.outputTokens} out, ${e.latencyMs} ms${e.toolCalls.length ? `, ${e.toolCalls.map((c) => c.name).join(', ')}` : ''}`;
    case 'decision':
      return `decision: ${e.title}`;
    case 'edit':
      return `${e.applied ? (e.created ? 'created' : 'edited') : 'rejected'} ${e.path}`;
    case 'command':
      return e.ran ? `$ ${e.command}  (exit ${e.exitCode})` : `refused: ${e.command}: ${e.refusal}`;
    case 'tool':
      return e.isError ? `${e.tool}: ${e.result}` : null;
    case 'task-status':
      return `task ${e.task}: ${e.status}`;
    case 'guidance':
      return `guidance from ${e.from}: ${e.text}`;
    case 'pause':
      return e.paused ? 'paused' : 'resumed';
    case 'revert':
      return `reverted by ${e.by}: ${e.reverted.length} file(s)`;
    case 'merge':
      return e.merged ? `merged ${e.branch}` : `not merged: ${e.reason}`;
    case 'checkpoint':
      return e.error ? `checkpoint ${e.phase} skipped: ${e.error}` : null;
    case 'error':
      return `error: ${e.message}`;
    case 'run-end':
      return `${e.status}: ${e.reason}`;
  }
}
