// Agent runner figures. The model is an instant in-process script, so the times are the runner's
// own: tool execution, trace writing, steering re-selection and prompt rebuilding. Token counts
// are estimated as characters / 4 (a provider-neutral rule of thumb, not a real tokenizer), the
// same estimate the trace's context events carry.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ContextBuilder, headlessApprover, runTask } from '../src/core/agent';
import { AGENT_INSTRUCTIONS } from '../src/core/agent/instructions';
import type { ModelProvider, ModelResponse, ToolCall } from '../src/core/agent/model';
import { DEFAULT_RULES } from '../src/core/policy';
import { loadSteering } from '../src/core/steering';
import { loadSpecIndex, requireSpec, requireTask } from '../src/core/workspace';
import { percentile, timeMedian, type BenchRow } from './harness';

const FIXTURE = resolve(__dirname, '../../test/fixtures/specs-workspace');
const CALLS = 300;

/** Answers at once with a cycle of read, edit and decision calls; records the runner's time between calls. */
class InstantModel implements ModelProvider {
  readonly id = 'bench';
  readonly model = 'instant';
  readonly gaps: number[] = [];
  private returned = 0;
  private n = 0;
  private edits = 0;

  async chat(): Promise<ModelResponse> {
    if (this.returned) this.gaps.push(performance.now() - this.returned);
    const i = this.n++;
    const call: Omit<ToolCall, 'id'> =
      i >= CALLS
        ? { name: 'complete_task', arguments: '{"summary":"done"}' }
        : i % 3 === 0
          ? { name: 'read_file', arguments: '{"path":"src/api/AGENTS.md"}' }
          : i % 3 === 1
            ? {
                name: 'edit_file',
                arguments: JSON.stringify({
                  path: 'notes.txt',
                  old_string: `<v${this.edits}>`,
                  new_string: `<v${++this.edits}>`,
                  rationale: 'bench',
                }),
              }
            : {
                name: 'record_decision',
                arguments: '{"title":"t","decision":"d","rationale":"r","alternatives":[],"requirements":["1.1"]}',
              };
    this.returned = performance.now();
    return {
      text: '',
      toolCalls: [{ id: `c${i}`, ...call }],
      usage: { inputTokens: 1, outputTokens: 1 },
      stopReason: 'tool-calls',
    };
  }
}

async function toolCallOverhead(): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tiller-bench-agent-'));
  try {
    cpSync(FIXTURE, dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), `${'filler line\n'.repeat(200)}<v0>\n`);
    const model = new InstantModel();
    const result = await runTask({
      workspaceRoot: dir,
      spec: 'user-auth',
      task: '2.1',
      provider: model,
      rules: DEFAULT_RULES,
      approver: headlessApprover,
      homeDir: null,
      storageDir: null,
      maxTurns: CALLS + 5,
    });
    if (result.status !== 'completed') throw new Error(`bench run ${result.status}: ${result.reason}`);
    return model.gaps;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function requirements(seed: number): string {
  let out = `# Requirements Document\n\n## Introduction\n\nSpec ${seed}.\n\n## Requirements\n`;
  for (let r = 1; r <= 20; r++) {
    out += `\n### Requirement ${r}: Capability ${r}\n\n**User Story:** As a user, I want capability ${r} of spec ${seed}, so that it is useful.\n\n#### Acceptance Criteria\n\n`;
    for (let c = 1; c <= 5; c++)
      out += `${c}. WHEN event ${c} happens in area ${r} THEN THE SYSTEM SHALL respond within ${c * 10} ms\n`;
  }
  return out;
}

function design(seed: number): string {
  let out = `# Design Document\n\n## Overview\n\nDesign of spec ${seed}.\n`;
  for (let s = 1; s <= 8; s++)
    out += `\n## Component ${s}\n\nThe component does \`work ${s}\` for spec ${seed}. ${'It keeps state small and explicit. '.repeat(6)}\n\n\`\`\`ts\ninterface C${s} { id: string }\n\`\`\`\n`;
  return out;
}

function tasks(): string {
  let out = '# Implementation Plan\n\n';
  for (let p = 1; p <= 20; p++) {
    out += `- [ ] ${p}. Parent task ${p}\n`;
    for (let s = 1; s <= 2; s++)
      out += `  - [ ] ${p}.${s} Sub-task ${s} doing \`work ${s}\`\n    - Detail about the work\n    - _Requirements: ${p}.${s}, ${p}.${s + 2}_\n`;
  }
  return out;
}

/** 500 generated specs (20 requirements, 8 design sections, 60 tasks each) beside the fixture's steering. */
function bigWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiller-bench-agent-500-'));
  cpSync(FIXTURE, dir, { recursive: true });
  for (let i = 0; i < 500; i++) {
    const spec = join(dir, '.kiro', 'specs', `gen-${String(i).padStart(3, '0')}`);
    mkdirSync(spec, { recursive: true });
    writeFileSync(join(spec, 'requirements.md'), requirements(i));
    writeFileSync(join(spec, 'design.md'), design(i));
    writeFileSync(join(spec, 'tasks.md'), tasks());
  }
  return dir;
}

async function assemble(root: string, specName: string, taskId: string): Promise<{ system: string; user: string }> {
  const spec = requireSpec(await loadSpecIndex(root), specName);
  const builder = new ContextBuilder({
    workspaceRoot: root,
    spec,
    task: requireTask(spec, taskId),
    steering: (await loadSteering({ workspaceRoot: root, homeDir: null })).docs,
  });
  return { system: builder.build(0).system, user: builder.taskMessage() };
}

/** Everything a context-blind runner would send: instructions, all steering, the three spec documents whole. */
async function naive(root: string, specName: string, user: string): Promise<string> {
  const spec = requireSpec(await loadSpecIndex(root), specName);
  const steering = (await loadSteering({ workspaceRoot: root, homeDir: null })).docs.map((d) => d.body);
  const docs = [spec.documents.requirements, spec.documents.design, spec.documents.tasks]
    .filter((p): p is string => !!p)
    .map((p) => readFileSync(p, 'utf8'));
  return [AGENT_INSTRUCTIONS, ...steering, ...docs, user].join('\n\n');
}

export default async function (): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const gaps = await toolCallOverhead();
  rows.push({
    group: 'agent',
    name: `runner overhead per tool call, p50 (${CALLS} calls, model excluded)`,
    value: percentile(gaps, 50),
    unit: 'ms',
    target: 5,
  });
  rows.push({ group: 'agent', name: 'runner overhead per tool call, p95', value: percentile(gaps, 95), unit: 'ms' });

  const big = bigWorkspace();
  try {
    // The host keeps a loaded spec index; what a run adds is steering, selection and spec parts.
    const index = await loadSpecIndex(big);
    const spec = requireSpec(index, 'gen-250');
    const task = requireTask(spec, '7.1');
    const build = async () => {
      const steering = await loadSteering({ workspaceRoot: big, homeDir: null });
      const builder = new ContextBuilder({ workspaceRoot: big, spec, task, steering: steering.docs });
      return builder.build(0).system.length + builder.taskMessage().length;
    };
    rows.push({
      group: 'agent',
      name: 'context assembly, 500-spec workspace (index loaded)',
      value: await timeMedian(build, 9),
      unit: 'ms',
      target: 50,
    });

    const tokens = (s: string) => Math.ceil(s.length / 4);
    for (const [label, root, specName, taskId] of [
      ['fixture user-auth 2.1', FIXTURE, 'user-auth', '2.1'],
      ['generated spec, task 7.1', big, 'gen-250', '7.1'],
    ] as const) {
      const ours = await assemble(root, specName, taskId);
      const ourTokens = tokens(ours.system) + tokens(ours.user);
      const naiveTokens = tokens(await naive(root, specName, ours.user));
      rows.push({ group: 'agent', name: `prompt tokens (chars/4), ${label}`, value: ourTokens, unit: 'count' });
      rows.push({
        group: 'agent',
        name: `  vs naive context (all steering + 3 spec docs)`,
        value: naiveTokens,
        unit: 'count',
      });
      rows.push({ group: 'agent', name: `  ratio ours / naive`, value: ourTokens / naiveTokens, unit: 'ratio' });
    }
  } finally {
    rmSync(big, { recursive: true, force: true });
  }
  return rows;
}
