// Executes the model's tool calls (tool-specs.ts). Every failure becomes a tool result with
// isError and a message that tells the model what to do differently; nothing a model sends can
// crash the run. Every call leaves exactly one trace event: `decision`, `edit` (once a diff
// exists, applied or rejected), `command`, or `tool` for everything else.
import { mkdir, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkCommand, checkFileWrite, currentRules, runCommand, type RulesSource } from '../policy';
import { TILLER_DIR, unifiedDiff, type TraceEvent, type TraceEventBody } from '../trace';
import type { WorkspaceFiles } from './files';
import type { Approver, EditReviewer } from './host';
import { markerChange } from './markers';
import type { ToolCall } from './model';
import {
  isApprovalRecord,
  isTillerRecord,
  resolveForRead,
  resolveInWorkspace,
  ToolError,
  workspaceRelative,
} from './paths';
import { isIgnored, walk } from './walk';

export interface ToolResult {
  content: string;
  isError: boolean;
}

export interface CommandSettings {
  timeoutMs?: number;
  maxOutputBytes?: number;
  /** Variables removed from commands' environment (the model's API key variable, at least). */
  secretNames?: readonly string[];
  passEnv?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

export interface ToolBoxOptions {
  root: string;
  runId: string;
  signal: AbortSignal;
  /** Read at every command, so trust granted during the run applies to its next command. */
  rules: RulesSource;
  approver: Approver;
  /** The files as the person sees them (open editors' text in VS Code, the disk in the CLI). */
  files: WorkspaceFiles;
  /** True when no person is present; recorded as who refused. */
  headless: boolean;
  /** Supervised mode; absent in autopilot. */
  reviewEdit?: EditReviewer;
  /** Absolute path of the running spec's tasks.md, whose markers the model may not change. */
  tasksFile: string | null;
  taskId: string;
  taskRequirements: readonly string[];
  emit: (body: TraceEventBody) => TraceEvent;
  /** A file the model read, wrote or listed matches: it is now in play for steering. */
  touched: (rel: string) => void;
  commands?: CommandSettings;
  /** A narrowed run's tools and write filter (runner.ts RunScope). */
  scope?: { tools: readonly string[]; mayWrite: (rel: string) => string | null };
}

const MAX_READ_BYTES = 256 * 1024;
const MAX_SEARCH_FILE_BYTES = 1024 * 1024;
const MAX_MATCHES = 200;
const MAX_LIST = 1000;
const MODEL_OUTPUT_CHARS = 16_000;
const TRACE_OUTPUT_CHARS = 4_000;
const TRACE_RESULT_CHARS = 2_000;

type Args = Record<string, unknown>;

export class ToolBox {
  /** The summary passed to complete_task, once called. */
  completion: string | null = null;
  private lastDecision: { seq: number; requirements: string[] } | null = null;

  constructor(private readonly o: ToolBoxOptions) {}

  async execute(call: ToolCall): Promise<ToolResult> {
    const started = performance.now();
    let args: Args = {};
    try {
      args = parseArgs(call.arguments);
      const scope = this.o.scope;
      if (scope && !scope.tools.includes(call.name))
        throw new ToolError(`${call.name} is not available in this run; the tools are ${scope.tools.join(', ')}`);
      switch (call.name) {
        case 'read_file':
          return this.logged(call, args, started, await this.readFile(args));
        case 'list_files':
          return this.logged(call, args, started, await this.listFiles(args));
        case 'search_files':
          return this.logged(call, args, started, await this.searchFiles(args));
        case 'write_file':
        case 'edit_file':
          return await this.write(call, args);
        case 'run_command':
          return await this.runCommand(call, args);
        case 'record_decision':
          return this.recordDecision(call, args);
        case 'complete_task':
          this.completion = text(args, 'summary');
          return this.logged(
            call,
            args,
            started,
            'Recorded. Tiller marks the task done when this turn ends; no further tool calls are needed.',
          );
        default:
          throw new ToolError(
            `there is no tool named ${call.name}; the tools are ${['read_file', 'list_files', 'search_files', 'write_file', 'edit_file', 'run_command', 'record_decision', 'complete_task'].join(', ')}`,
          );
      }
    } catch (err) {
      if (!(err instanceof ToolError) && !isFsError(err)) throw err;
      const content = `Error: ${err.message}`;
      this.o.emit({
        type: 'tool',
        tool: call.name,
        callId: call.id,
        args: traceArgs(args),
        isError: true,
        result: content,
        durationMs: ms(started),
      });
      return { content, isError: true };
    }
  }

  private logged(call: ToolCall, args: Args, started: number, content: string): ToolResult {
    this.o.emit({
      type: 'tool',
      tool: call.name,
      callId: call.id,
      args: traceArgs(args),
      isError: false,
      result: excerpt(content, TRACE_RESULT_CHARS),
      durationMs: ms(started),
    });
    return { content, isError: false };
  }

  private async readFile(args: Args): Promise<string> {
    const path = await resolveForRead(this.o.root, args.path);
    const info = await this.o.files.stat(path.real);
    if (!info) throw new ToolError(`${path.rel} does not exist`);
    if (info.kind === 'dir') throw new ToolError(`${path.rel} is a folder; use list_files`);
    if (info.size > MAX_READ_BYTES)
      throw new ToolError(
        `${path.rel} is ${info.size} bytes, more than read_file returns (${MAX_READ_BYTES}); use search_files to find the part you need`,
      );
    const text = await this.o.files.read(path.real);
    if (text === null) throw new ToolError(`${path.rel} does not exist`);
    if (isBinary(text)) throw new ToolError(`${path.rel} is a binary file`);
    this.o.touched(path.rel);
    return text;
  }

  private async listFiles(args: Args): Promise<string> {
    const path = await resolveForRead(this.o.root, args.path ?? '.');
    if (!(await stat(path.abs)).isDirectory()) throw new ToolError(`${path.rel} is a file, not a folder`);
    const { entries, truncated } = await walk(this.o.root, path.rel, {
      recursive: args.recursive === true,
      limit: MAX_LIST,
    });
    if (!entries.length) return '(empty)';
    const lines = entries.map((e) => (e.dir ? `${e.rel}/` : e.rel));
    return truncated
      ? `${lines.join('\n')}\n[listing stopped after ${MAX_LIST} entries; list a sub-folder]`
      : lines.join('\n');
  }

  private async searchFiles(args: Args): Promise<string> {
    const source = text(args, 'pattern');
    let regex: RegExp;
    try {
      regex = new RegExp(source);
    } catch (err) {
      throw new ToolError(`pattern is not a valid JavaScript regular expression: ${(err as Error).message}`);
    }
    const path = await resolveForRead(this.o.root, args.path ?? '.');
    const files = (await stat(path.abs)).isDirectory()
      ? (await walk(this.o.root, path.rel, { recursive: true, limit: 50_000, filesOnly: true })).entries.map(
          (e) => e.rel,
        )
      : (await isIgnored(this.o.root, path.rel))
        ? []
        : [path.rel];
    const matches: string[] = [];
    for (const rel of files) {
      const abs = resolveInWorkspace(this.o.root, rel).abs;
      const info = await this.o.files.stat(abs);
      if (info?.kind !== 'file' || info.size > MAX_SEARCH_FILE_BYTES) continue;
      const content = await this.o.files.read(abs);
      if (content === null || isBinary(content)) continue;
      const lines = content.split(/\r?\n/);
      for (let i = 0; i < lines.length; i++) {
        if (!regex.test(lines[i])) continue;
        matches.push(`${rel}:${i + 1}: ${lines[i].length > 300 ? `${lines[i].slice(0, 300)}…` : lines[i]}`);
        if (matches.length >= MAX_MATCHES)
          return `${matches.join('\n')}\n[stopped after ${MAX_MATCHES} matches; narrow the pattern or the path]`;
      }
    }
    return matches.length ? matches.join('\n') : `No line matches ${source}.`;
  }

  private async write(call: ToolCall, args: Args): Promise<ToolResult> {
    const tool = call.name as 'write_file' | 'edit_file';
    const path = resolveInWorkspace(this.o.root, args.path);
    const rationale = text(args, 'rationale');
    const decision = await checkFileWrite(this.o.root, path.rel);
    // A link may name one file and reach another: each rule holds for both.
    const reached = decision.verdict === 'deny' ? null : await workspaceRelative(this.o.root, decision.path);
    for (const rel of reached === null || reached === path.rel ? [path.rel] : [path.rel, reached]) {
      if (isTillerRecord(rel))
        throw new ToolError(
          `${rel} is inside ${TILLER_DIR}, where Tiller keeps run traces and checkpoints; the agent may not write there`,
        );
      if (isApprovalRecord(rel))
        throw new ToolError(
          `${rel} holds the spec's workflow and approvals, which only a person changes (Tiller's Approve); the agent may not write it`,
        );
      const outOfScope = this.o.scope?.mayWrite(rel);
      if (outOfScope) throw new ToolError(outOfScope);
    }
    if (decision.verdict === 'deny') throw new ToolError(`writing ${path.rel} is not allowed: ${decision.reason}`);
    if (decision.verdict === 'ask') {
      const answer = await this.o.approver.approveFileWrite(
        { path: path.rel, rationale, reason: decision.reason, runId: this.o.runId },
        this.o.signal,
      );
      if (!answer.approved)
        throw new ToolError(
          `writing ${path.rel} needs a person's approval (${decision.reason}) and was refused: ${answer.reason ?? 'no reason given'}`,
        );
    }
    // The policy resolved symbolic links: write the file a link points to, never replace the link.
    const target = decision.path;
    const existing = await this.o.files.stat(target);
    if (existing?.kind === 'dir') throw new ToolError(`${path.rel} is a folder`);
    const before = existing ? await this.o.files.read(target) : null;
    let after: string;
    if (tool === 'write_file') {
      after = text(args, 'content', true);
    } else {
      if (before === null) throw new ToolError(`${path.rel} does not exist; create it with write_file`);
      after = replaceOnce(before, text(args, 'old_string'), text(args, 'new_string', true), path.rel);
    }
    // checkFileWrite reports the physical path (symlinks resolved); compare like with like.
    if (this.o.tasksFile !== null && target === (await realpath(this.o.tasksFile).catch(() => this.o.tasksFile))) {
      const refusal = markerChange(before ?? '', after, this.o.taskId);
      if (refusal) throw new ToolError(refusal);
    }
    const diff = unifiedDiff(path.rel, before, after);
    const requirements = this.lastDecision?.requirements.length
      ? this.lastDecision.requirements
      : [...this.o.taskRequirements];
    const base = {
      type: 'edit' as const,
      callId: call.id,
      tool,
      path: path.rel,
      diff,
      created: before === null,
      rationale,
      requirements,
      decisionSeq: this.lastDecision?.seq ?? null,
    };
    if (this.o.reviewEdit) {
      const review = await this.o.reviewEdit(
        { path: path.rel, before, after, diff, rationale, runId: this.o.runId },
        this.o.signal,
      );
      if (!review.accept) {
        this.o.emit({ ...base, review: 'rejected', reviewReason: review.reason, applied: false });
        return {
          content: `The reviewer rejected this edit of ${path.rel}${review.reason ? `: ${review.reason}` : ' without giving a reason'}. The file is unchanged.`,
          isError: true,
        };
      }
    }
    await mkdir(dirname(target), { recursive: true });
    await this.o.files.write(target, after);
    this.o.touched(path.rel);
    this.o.emit({ ...base, review: this.o.reviewEdit ? 'accepted' : 'autopilot', applied: true });
    const verb = before === null ? 'Created' : 'Updated';
    return {
      content: diff ? `${verb} ${path.rel}.` : `${path.rel} already had this content; nothing changed.`,
      isError: false,
    };
  }

  private async runCommand(call: ToolCall, args: Args): Promise<ToolResult> {
    const command = text(args, 'command');
    const rationale = text(args, 'rationale');
    const rules = currentRules(this.o.rules);
    const check = checkCommand(command, rules);
    const denyPattern = check.commands.find((c) => c.verdict === 'deny')?.pattern ?? null;
    const base = {
      type: 'command' as const,
      callId: call.id,
      command,
      rationale,
      verdict: check.verdict,
      reasons: check.reasons,
      exitCode: null,
      durationMs: 0,
      timedOut: false,
      output: '',
    };
    if (check.verdict === 'deny') {
      const refusal = `the command policy denies it (${check.reasons.join('; ')})`;
      this.o.emit({ ...base, decidedBy: 'policy', pattern: denyPattern, ran: false, refusal });
      return {
        content: `Not run: ${refusal}. Denied commands never run; do the work another way or explain in your summary why it is needed.`,
        isError: true,
      };
    }
    let decidedBy: 'policy' | 'person' | 'headless' | 'interrupted' = 'policy';
    if (check.verdict === 'ask') {
      decidedBy = this.o.headless ? 'headless' : 'person';
      const answer = await this.o.approver.approveCommand(
        { command, rationale, check, rules, runId: this.o.runId },
        this.o.signal,
      );
      if (!answer.approved) {
        // Cancelled, or the window went away, while the card waited: nobody refused it.
        if (this.o.signal.aborted) decidedBy = 'interrupted';
        const refusal =
          decidedBy === 'interrupted'
            ? 'the run stopped while the command waited for a person'
            : `the command needs a person's approval (${check.reasons.join('; ')}) and was refused: ${answer.reason ?? 'no reason given'}`;
        this.o.emit({ ...base, decidedBy, pattern: null, ran: false, refusal });
        return { content: `Not run: ${refusal}.`, isError: true };
      }
    }
    const c = this.o.commands ?? {};
    const result = await runCommand(command, {
      cwd: this.o.root,
      signal: this.o.signal,
      timeoutMs: c.timeoutMs,
      maxOutputBytes: c.maxOutputBytes,
      secretNames: c.secretNames,
      passEnv: c.passEnv,
      env: c.env,
    });
    const allowPattern = check.commands.find((x) => x.pattern)?.pattern ?? null;
    this.o.emit({
      ...base,
      decidedBy,
      pattern: allowPattern,
      ran: true,
      exitCode: result.exitCode,
      durationMs: Math.round(result.durationMs),
      timedOut: result.timedOut,
      output: excerpt(result.output, TRACE_OUTPUT_CHARS),
    });
    const status = result.timedOut
      ? 'timed out and was stopped'
      : result.signal
        ? `was killed by ${result.signal}`
        : `exited with code ${result.exitCode}`;
    return {
      content: `The command ${status} after ${Math.round(result.durationMs)} ms.\n${excerpt(result.output, MODEL_OUTPUT_CHARS) || '(no output)'}`,
      isError: result.exitCode !== 0,
    };
  }

  private recordDecision(call: ToolCall, args: Args): ToolResult {
    const event = this.o.emit({
      type: 'decision',
      callId: call.id,
      title: text(args, 'title'),
      decision: text(args, 'decision'),
      rationale: text(args, 'rationale'),
      alternatives: list(args, 'alternatives'),
      requirements: list(args, 'requirements'),
    });
    if (event.type === 'decision') this.lastDecision = { seq: event.seq, requirements: event.requirements };
    return { content: `Decision recorded (#${event.seq}). The edits that follow are shown beside it.`, isError: false };
  }
}

function parseArgs(raw: string): Args {
  let value: unknown;
  try {
    value = JSON.parse(raw.trim() === '' ? '{}' : raw);
  } catch (err) {
    throw new ToolError(`the arguments are not valid JSON (${(err as Error).message}); send one JSON object`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ToolError('the arguments must be one JSON object');
  return value as Args;
}

function text(args: Args, name: string, emptyOk = false): string {
  const value = args[name];
  if (typeof value !== 'string') throw new ToolError(`${name} is required and must be a string`);
  if (!emptyOk && value.trim() === '') throw new ToolError(`${name} must not be empty`);
  return value;
}

/** Lists arrive as arrays, and from some models as one comma-separated string; both are taken. */
function list(args: Args, name: string): string[] {
  const value = args[name];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string')
    return value
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.map((v) => v.trim()).filter(Boolean);
  throw new ToolError(`${name} must be a list of strings`);
}

function replaceOnce(text: string, oldString: string, newString: string, rel: string): string {
  const first = text.indexOf(oldString);
  if (first === -1)
    throw new ToolError(
      `old_string was not found in ${rel}; read the file again and copy the text exactly, whitespace included`,
    );
  let count = 1;
  for (let at = text.indexOf(oldString, first + 1); at !== -1; at = text.indexOf(oldString, at + 1)) count++;
  if (count > 1)
    throw new ToolError(
      `old_string appears ${count} times in ${rel}; include more surrounding lines so it matches exactly once`,
    );
  return text.slice(0, first) + newString + text.slice(first + oldString.length);
}

/** A NUL early on: what git calls binary. UTF-8 decoding keeps NUL bytes, so text will do. */
function isBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\0');
}

function isFsError(err: unknown): err is NodeJS.ErrnoException {
  return (
    err instanceof Error &&
    typeof (err as NodeJS.ErrnoException).code === 'string' &&
    typeof (err as NodeJS.ErrnoException).syscall === 'string'
  );
}

/** Head and tail: errors tend to be at the end of output, context at the start. */
function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)}\n[… ${text.length - 2 * half} characters omitted …]\n${text.slice(-half)}`;
}

/** Arguments as the trace keeps them: long values (whole file contents) cut. */
function traceArgs(args: Args): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? excerpt(v, 500) : v]));
}

function ms(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
