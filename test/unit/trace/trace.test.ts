import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  exportMarkdown,
  listRuns,
  newRunId,
  parseTrace,
  readRun,
  readTrace,
  traceFile,
  TraceWriter,
  type TraceEvent,
} from '../../../src/core/trace';

describe('run traces', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'tiller-trace-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function sample(writer: TraceWriter): void {
    writer.emit({
      type: 'run-start',
      task: {
        spec: 'user-auth',
        specDir: '.kiro/specs/user-auth',
        id: '2.1',
        title: 'Verify credentials',
        tasksFile: '.kiro/specs/user-auth/tasks.md',
        requirements: ['1.1'],
      },
      provider: 'openai',
      model: 'm',
      settings: { mode: 'autopilot', maxTurns: 40, maxTokens: null, headless: true, checkpoints: false },
    });
    writer.emit({
      type: 'context',
      turn: 0,
      steering: [
        { file: '.kiro/steering/tech.md', name: 'tech', inclusion: 'always', included: true, reason: 'always' },
      ],
      added: ['tech'],
      spec: { requirements: ['1'], design: 'whole', designSections: [] },
      filesInPlay: [],
      systemChars: 400,
      estimatedTokens: 100,
    });
    writer.emit({
      type: 'decision',
      callId: 'c1',
      title: 'Constant-time compare',
      decision: 'Use timingSafeEqual',
      rationale: 'no timing oracle',
      alternatives: ['=== : leaks timing'],
      requirements: ['1.2'],
    });
    writer.emit({
      type: 'edit',
      callId: 'c2',
      tool: 'write_file',
      path: 'src/a.md',
      diff: '--- /dev/null\n+++ b/src/a.md\n@@ -0,0 +1 @@\n+```js\n',
      created: true,
      rationale: 'r',
      requirements: ['1.2'],
      decisionSeq: 3,
      review: 'autopilot',
      applied: true,
    });
    writer.emit({
      type: 'command',
      callId: 'c3',
      command: 'npm test',
      rationale: 'verify',
      verdict: 'ask',
      decidedBy: 'headless',
      pattern: null,
      reasons: ["'npm test' matches no allow pattern"],
      ran: false,
      exitCode: null,
      durationMs: 0,
      timedOut: false,
      output: '',
      refusal: 'no one',
    });
    writer.emit({
      type: 'run-end',
      status: 'completed',
      reason: 'the model called complete_task',
      summary: 'Done.',
      turns: 2,
      usage: { inputTokens: 10, outputTokens: 5 },
      durationMs: 1500,
      filesChanged: ['src/a.md'],
    });
  }

  it('writes one self-contained JSON event per line, in seq order, to .kiro/tiller/runs/<runId>.jsonl', async () => {
    const id = newRunId(new Date('2025-01-02T03:04:05Z'));
    assert.match(id, /^20250102-030405-[0-9a-f]{6}$/);
    const live: TraceEvent[] = [];
    const writer = new TraceWriter(traceFile(root, id), id, (e) => live.push(e));
    sample(writer);
    await writer.close();
    assert.equal(writer.path, join(root, '.kiro', 'tiller', 'runs', `${id}.jsonl`));
    const lines = readFileSync(writer.path, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 6);
    const events = lines.map((l) => JSON.parse(l) as TraceEvent);
    assert.deepEqual(events, live);
    events.forEach((e, i) => {
      assert.equal(e.seq, i + 1);
      assert.equal(e.runId, id);
      assert.ok(!Number.isNaN(Date.parse(e.time)));
    });
    assert.deepEqual(await listRuns(root), [id]);
    assert.equal((await readRun(root, id)).events.length, 6);
  });

  it('reads a trace whose last line was torn, and skips junk lines', async () => {
    const writer = new TraceWriter(traceFile(root, 'r'), 'r');
    sample(writer);
    await writer.close();
    appendFileSync(writer.path, 'not json\n{"seq": 7, "time": "2025-');
    const trace = await readTrace(writer.path);
    assert.equal(trace.events.length, 6);
    assert.equal(trace.torn, true);
    assert.deepEqual(trace.skippedLines, [7, 8]);
    assert.deepEqual(parseTrace('').events, []);
  });

  it('validates each event by type: an edit without its diff is one skipped line, with its number', async () => {
    const writer = new TraceWriter(traceFile(root, 'r'), 'r');
    sample(writer);
    await writer.close();
    const lines = readFileSync(writer.path, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('"type":"edit"'));
    const { diff: _diff, ...broken } = JSON.parse(lines[at]) as Record<string, unknown>;
    lines[at] = JSON.stringify(broken);
    const trace = parseTrace(lines.join('\n'));
    assert.deepEqual(trace.skippedLines, [at + 1]);
    assert.equal(trace.events.length, 5);
    assert.ok(!trace.events.some((e) => e.type === 'edit'));
    // A trace from before spec folders were recorded reads with specDir ''.
    const old = JSON.parse(lines[0]) as { task: Record<string, unknown> };
    delete old.task.specDir;
    const start = parseTrace(JSON.stringify(old)).events[0];
    assert.equal(start.type === 'run-start' && start.task.specDir, '');
  });

  it('exports one Markdown artifact: task, context, decisions beside diffs, commands, outcome', async () => {
    const writer = new TraceWriter(traceFile(root, 'r'), 'r');
    sample(writer);
    await writer.close();
    const md = exportMarkdown(await readTrace(writer.path));
    assert.match(md, /^# Run r\n/);
    assert.match(md, /\*\*Task:\*\* user-auth 2\.1: Verify credentials/);
    assert.match(md, /## Outcome\n\n\*\*completed\*\*: the model called complete_task/);
    assert.match(md, /✔ `\.kiro\/steering\/tech\.md` \(always\): always/);
    assert.match(md, /### Decision: Constant-time compare[\s\S]*=== : leaks timing[\s\S]*### Created `src\/a\.md`/);
    // A diff containing a fence gets a longer fence.
    assert.match(md, /````diff\n--- \/dev\/null[\s\S]*\+```js\n````/);
    assert.match(md, /### Command `npm test`\n\nnot run: no one\./);
  });

  it('exports a run without an end, saying so', () => {
    const md = exportMarkdown(parseTrace('{"seq":1,"time":"t","runId":"x","type":"error","message":"boom"}\n'));
    assert.match(md, /no run-end event/);
    assert.match(md, /## Errors\n\n- boom/);
  });
});
